// Display helpers of the settings page.

/** "form_submission" → "Form submission", "DECISION_MAKER" → "Decision maker". */
export function humanize(id: string): string {
  const words = id.replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** 0.305 → "30.5%". */
export function formatShare(fraction: number): string {
  return new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(
    fraction,
  );
}

export function formatWhen(iso: string | null): string {
  if (iso === null) return 'never';
  return new Intl.DateTimeFormat('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  })
    .format(new Date(iso))
    .concat(' UTC');
}
