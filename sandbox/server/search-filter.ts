// Search filter semantics (HUBSPOT.md §5): filters in a group AND, groups OR; numeric comparison
// for number/date/datetime properties (values as ms strings or ISO), case-insensitive strings.

import type { CrmRecord, PropertyDefinition } from '../portal.js';

export const OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Filter {
  readonly propertyName: string;
  readonly operator: Operator;
  readonly value?: string;
  readonly highValue?: string;
  readonly values?: readonly string[];
}

const NUMERIC = new Set(['number', 'datetime', 'date']);

function toNumber(type: string, raw: string): number {
  if (type === 'number') return Number(raw);
  return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : Date.parse(raw);
}

/** A comparable key for a value: numbers for numeric properties, lower-case strings otherwise. */
export function sortKey(def: PropertyDefinition | undefined, raw: string): number | string {
  if (def && NUMERIC.has(def.type)) return toNumber(def.type, raw);
  if (!def && /^-?\d+$/.test(raw)) return Number(raw);
  return raw.toLowerCase();
}

const tokens = (s: string): string[] =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}@._-]+/u)
    .filter(Boolean);

function containsToken(value: string, token: string): boolean {
  const t = token.toLowerCase();
  if (t.includes('*')) {
    const re = new RegExp(
      `^${t
        .split('*')
        .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    return re.test(value.toLowerCase()) || tokens(value).some((w) => re.test(w));
  }
  return tokens(value).includes(t) || tokens(value).some((w) => w.split(/[@._-]/).includes(t));
}

export function matches(
  record: CrmRecord,
  filter: Filter,
  def: PropertyDefinition | undefined,
): boolean {
  const raw =
    filter.propertyName === 'hs_object_id' ? record.id : record.properties[filter.propertyName];
  const has = raw !== undefined && raw !== null && raw !== '';
  const cmp = (v: string): number => {
    const a = sortKey(def, raw ?? '');
    const b = sortKey(def, v);
    return a < b ? -1 : a > b ? 1 : 0;
  };
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return has;
    case 'NOT_HAS_PROPERTY':
      return !has;
    case 'EQ':
      return has && cmp(filter.value ?? '') === 0;
    case 'NEQ':
      return !has || cmp(filter.value ?? '') !== 0;
    case 'LT':
      return has && cmp(filter.value ?? '') < 0;
    case 'LTE':
      return has && cmp(filter.value ?? '') <= 0;
    case 'GT':
      return has && cmp(filter.value ?? '') > 0;
    case 'GTE':
      return has && cmp(filter.value ?? '') >= 0;
    case 'BETWEEN':
      return has && cmp(filter.value ?? '') >= 0 && cmp(filter.highValue ?? '') <= 0;
    case 'IN':
      return has && (filter.values ?? []).some((v) => cmp(v) === 0);
    case 'NOT_IN':
      return !has || !(filter.values ?? []).some((v) => cmp(v) === 0);
    case 'CONTAINS_TOKEN':
      return has && containsToken(raw, filter.value ?? '');
    case 'NOT_CONTAINS_TOKEN':
      return !has || !containsToken(raw, filter.value ?? '');
  }
}
