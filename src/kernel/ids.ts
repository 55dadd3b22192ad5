// Keyset order for ids. HubSpot ids are numeric strings whose text order is wrong ("10" < "9"), so
// every id-ordered table stores a sort key: numeric ids as "<2-digit length>:<digits>" (numeric
// order for canonical numbers; a leading-zero id still gets a unique key) and any other id as
// "~<id>", which sorts after every numeric key in code-unit order ('~' > '0'–'9'). The column uses
// binary collation (SQLite default, COLLATE "C" on PostgreSQL) so both dialects agree.

const NUMERIC = /^[0-9]{1,99}$/;

export function sortKey(id: string): string {
  return NUMERIC.test(id) ? `${String(id.length).padStart(2, '0')}:${id}` : `~${id}`;
}

/** Orders ids as the store does (and the sandbox, like HubSpot, pages them). */
export function compareIds(a: string, b: string): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
