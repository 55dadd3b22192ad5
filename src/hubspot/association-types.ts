// HubSpot-defined association type ids per (from, to) pair (HUBSPOT.md §4 `AssociationTypes`): the
// default ("unlabeled") id and, where HubSpot has one, the "Primary" id. Inline v3 associations
// name the type instead of giving its id, so the readers translate names with this table.

import type { CrmObjectType } from './types.js';

const TABLE: Readonly<Record<string, { readonly id: number; readonly primary?: number }>> = {
  'contacts:deals': { id: 4 },
  'deals:contacts': { id: 3 },
  'deals:companies': { id: 341, primary: 5 },
  'companies:deals': { id: 342, primary: 6 },
  'contacts:companies': { id: 279, primary: 1 },
  'companies:contacts': { id: 280, primary: 2 },
  'calls:deals': { id: 206 },
  'deals:calls': { id: 205 },
  'emails:deals': { id: 210 },
  'deals:emails': { id: 209 },
  'meetings:deals': { id: 212 },
  'deals:meetings': { id: 211 },
  'notes:deals': { id: 214 },
  'deals:notes': { id: 213 },
  'tasks:deals': { id: 216 },
  'deals:tasks': { id: 215 },
  'communications:deals': { id: 85 },
  'deals:communications': { id: 86 },
  'calls:contacts': { id: 194 },
  'contacts:calls': { id: 193 },
  'emails:contacts': { id: 198 },
  'contacts:emails': { id: 197 },
  'meetings:contacts': { id: 200 },
  'contacts:meetings': { id: 199 },
  'notes:contacts': { id: 202 },
  'contacts:notes': { id: 201 },
  'tasks:contacts': { id: 204 },
  'contacts:tasks': { id: 203 },
  'communications:contacts': { id: 81 },
  'contacts:communications': { id: 82 },
  'calls:companies': { id: 182 },
  'companies:calls': { id: 181 },
  'emails:companies': { id: 186 },
  'companies:emails': { id: 185 },
  'meetings:companies': { id: 188 },
  'companies:meetings': { id: 187 },
  'notes:companies': { id: 190 },
  'companies:notes': { id: 189 },
  'tasks:companies': { id: 192 },
  'companies:tasks': { id: 191 },
  'communications:companies': { id: 88 },
  'companies:communications': { id: 87 },
};

export const SINGULAR: Readonly<Record<CrmObjectType, string>> = {
  contacts: 'contact',
  companies: 'company',
  deals: 'deal',
  calls: 'call',
  emails: 'email',
  meetings: 'meeting',
  communications: 'communication',
  notes: 'note',
  tasks: 'task',
};

/** A type as HubSpot spells it in keys and names: plural or singular, any case. */
export function parseCrmType(name: string): CrmObjectType | undefined {
  const lower = name.toLowerCase();
  return (Object.keys(SINGULAR) as CrmObjectType[]).find(
    (t) => t === lower || SINGULAR[t] === lower,
  );
}

/**
 * The type id of an inline association name. `deal_to_company_unlabeled` is the default id;
 * `deal_to_company` is the Primary id when the same record is also listed unlabeled (HubSpot
 * names the plain pair `_unlabeled` only next to a label), else the default id. Unknown names
 * (custom labels) give no id.
 */
export function inlineTypeIds(
  from: CrmObjectType,
  to: CrmObjectType,
  name: string,
  alsoUnlabeled: boolean,
): number[] {
  const pair = TABLE[`${from}:${to}`];
  if (!pair) return [];
  const base = `${SINGULAR[from]}_to_${SINGULAR[to]}`;
  if (name === `${base}_unlabeled`) return [pair.id];
  if (name !== base) return [];
  return alsoUnlabeled && pair.primary !== undefined ? [pair.primary] : [pair.id];
}
