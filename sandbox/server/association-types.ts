// HubSpot-defined association type ids per (from, to) pair (HUBSPOT.md §4 `AssociationTypes`):
// the default ("unlabeled") id and, where HubSpot has one, the "Primary" labelled id.

import type { ObjectType } from '../portal.js';

interface Pair {
  readonly id: number;
  readonly primary?: number;
}

const TABLE: Record<string, Pair> = {
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

export const defaultTypeId = (from: ObjectType, to: ObjectType): number | undefined =>
  TABLE[`${from}:${to}`]?.id;

export const isPrimaryTypeId = (from: ObjectType, to: ObjectType, typeId: number): boolean =>
  TABLE[`${from}:${to}`]?.primary === typeId;

/** Every HubSpot-defined id valid from `from` to `to`. */
export function validTypeIds(from: ObjectType, to: ObjectType): number[] {
  const p = TABLE[`${from}:${to}`];
  return p ? [p.id, ...(p.primary === undefined ? [] : [p.primary])] : [];
}

/** The reverse direction's id for a forward id (primary ↔ primary, default ↔ default). */
export function reverseTypeId(from: ObjectType, to: ObjectType, typeId: number): number[] {
  const back = TABLE[`${to}:${from}`];
  if (!back) return [];
  return isPrimaryTypeId(from, to, typeId) && back.primary !== undefined
    ? [back.primary]
    : [back.id];
}

/** The `to` type a HubSpot-defined id points at from `from` (for create-with-associations). */
export function targetTypeOf(from: ObjectType, typeId: number): ObjectType | undefined {
  for (const [key, pair] of Object.entries(TABLE)) {
    const [f, t] = key.split(':') as [ObjectType, ObjectType];
    if (f === from && (pair.id === typeId || pair.primary === typeId)) return t;
  }
  return undefined;
}
