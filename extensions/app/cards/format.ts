// Display helpers for the card: money in minor units, shares, dates in the portal's time zone.
// The card runs in HubSpot's sandboxed worker, which has Intl but no DOM.

const LOCALE = 'en-US';

function safeTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone });
    return timeZone;
  } catch {
    return 'UTC'; // an unknown zone must not blank the card
  }
}

/** `cents` are the currency's minor units: 150000 USD → "$1,500.00", 1500 JPY → "¥1,500". */
export function formatMoney(cents: number, currency: string): string {
  const format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(cents / 10 ** digits);
}

/** 0.305 → "30.5%"; whole percentages without decimals. */
export function formatShare(fraction: number): string {
  return new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 }).format(
    fraction,
  );
}

export function formatDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE, {
    timeZone: safeTimeZone(timeZone),
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  }).format(new Date(iso));
}

export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE, {
    timeZone: safeTimeZone(timeZone),
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

/** The month a touch falls in, in the portal's zone: a sortable key and a heading. */
export function monthOf(iso: string, timeZone: string): { key: string; label: string } {
  const parts = new Intl.DateTimeFormat(LOCALE, {
    timeZone: safeTimeZone(timeZone),
    year: 'numeric',
    month: 'long',
  }).formatToParts(new Date(iso));
  const year = parts.find((p) => p.type === 'year')?.value ?? '';
  const month = parts.find((p) => p.type === 'month')?.value ?? '';
  const monthNumber = new Intl.DateTimeFormat(LOCALE, {
    timeZone: safeTimeZone(timeZone),
    month: '2-digit',
  }).format(new Date(iso));
  return { key: `${year}-${monthNumber}`, label: `${month} ${year}` };
}

/** "form_submission" → "Form submission". */
export function humanize(id: string): string {
  const words = id.replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
