// HubSpot's times (HUBSPOT.md §7, hubspot-behavior.md #2): ms numbers, ms strings ("1755847988716")
// and ISO strings ("2025-03-01T09:00:00.000Z", or a date "2025-03-01" at midnight UTC); '' and null
// are absent. The one parser every layer above uses, so a value is a time everywhere or nowhere.

const MS_STRING = /^-?\d{1,15}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

/** ms since epoch, or undefined for anything that is not one of HubSpot's time shapes. */
export function parseHubSpotTime(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (s === '') return undefined;
  if (MS_STRING.test(s)) return Number(s);
  // Date.parse accepts many shapes; require a date at least, so "12" or "soon" are not times.
  if (!ISO_DATE.test(s)) return undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms;
}
