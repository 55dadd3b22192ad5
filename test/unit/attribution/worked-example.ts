// The deal of ATTRIBUTION.md §2.5, built as plain records (shared by several test files).

import type { TouchKind } from '../../../src/domain/index.js';
import type { Contact, Deal, Touchpoint } from '../../../src/attribution/types.js';

export const at = (iso: string): number => Date.parse(`${iso}Z`);

export const C1: Contact = { id: 'C1', createdAt: at('2024-01-10T10:00') };
export const C2: Contact = { id: 'C2', createdAt: at('2024-02-15T15:00') };

export const DEAL: Deal = {
  id: 'D',
  amount: { cents: 1_000_000, currency: 'USD' },
  createdAt: at('2024-03-01T00:00'),
  closedAt: at('2024-06-01T12:00'),
  stage: 'won',
  contactIds: ['C1', 'C2'],
  companyIds: [],
};

const touch = (
  id: string,
  iso: string,
  contact: string,
  channel: string,
  kind: TouchKind,
  extra: Partial<Touchpoint> = {},
): Touchpoint => ({
  id,
  occurredAt: at(iso),
  contactIds: [contact],
  channel,
  kind,
  team: kind === 'meeting' ? 'sales' : 'marketing',
  ...extra,
});

export const TOUCHES: readonly Touchpoint[] = [
  touch('t1', '2024-01-02T09:00', 'C1', 'paid_search', 'visit'),
  touch('t2', '2024-01-10T10:00', 'C1', 'organic', 'form_submission', {
    createdContactIds: ['C1'],
  }),
  touch('t3', '2024-02-15T15:00', 'C2', 'webinar', 'event'),
  touch('t4', '2024-02-28T11:00', 'C2', 'email', 'email_click'),
  touch('t5', '2024-04-10T16:00', 'C1', 'sales_meeting', 'meeting'),
  touch('t6', '2024-05-30T12:00', 'C2', 'email', 'email_click'),
  touch('t7', '2024-06-03T09:00', 'C1', 'direct', 'visit'),
];

/** "No LC": C1 imported 2023-01-05, no creating touch, nothing of C1 at/before it in the window. */
export const C1_IMPORTED: Contact = { id: 'C1', createdAt: at('2023-01-05T00:00') };
export const TOUCHES_NO_LC: readonly Touchpoint[] = TOUCHES.map((t) =>
  t.id === 't2' ? without(t, 'createdContactIds') : t,
);

/** A copy of `o` without `key` (exactOptionalPropertyTypes: absent, not undefined). */
export function without<T extends object, K extends keyof T>(o: T, key: K): Omit<T, K> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => k !== key)) as Omit<T, K>;
}
