// Portal sizes. A named scale targets a total CRM record count (all nine types); the company count
// is what drives it, calibrated from the measured records per account (about 18.4).

import { z } from 'zod';
import type { Tier } from '../portal.js';

export interface ScaleSpec {
  /** Accounts (companies) in the portal. */
  readonly companies: number;
  /** Buying-group size range, inclusive. */
  readonly contactsPerCompany: readonly [number, number];
  /** Contacts with no company, per company contact. */
  readonly orphanContactRate: number;
  /** Share of accounts that open a first deal. */
  readonly dealRate: number;
  /** Share of deal accounts that went dormant for ≥ 60 days and were revived by one touch. */
  readonly reviveRate: number;
  /** Share of records per type that are created and later archived (deleted). */
  readonly archiveRate: number;
  /** Share of accounts with a duplicate contact that gets merged. */
  readonly mergeRate: number;
  /** Simulated history before `now`, in days. */
  readonly historyDays: number;
}

export const NAMED_SCALES = ['tiny', 'small', 'medium', 'large'] as const;
export type NamedScale = (typeof NAMED_SCALES)[number];

/** Target total CRM records per named scale. */
export const SCALE_TARGETS: Readonly<Record<NamedScale, number>> = {
  tiny: 300,
  small: 10_000,
  medium: 100_000,
  large: 1_000_000,
};

/** Measured average CRM records per account (company + contacts + deals + engagements). */
export const RECORDS_PER_COMPANY = 18.4;

const DEFAULTS: Omit<ScaleSpec, 'companies'> = {
  contactsPerCompany: [2, 12],
  orphanContactRate: 0.12,
  dealRate: 0.62,
  reviveRate: 0.08,
  archiveRate: 0.004,
  mergeRate: 0.04,
  historyDays: 730,
};

const rate = z.number().min(0).max(1);
const ExplicitScale = z
  .strictObject({
    companies: z.number().int().min(1).max(200_000),
    contactsPerCompany: z
      .tuple([z.number().int().min(1).max(50), z.number().int().min(1).max(50)])
      .refine(([lo, hi]) => lo <= hi, 'min must be ≤ max')
      .optional(),
    orphanContactRate: z.number().min(0).max(5).optional(),
    dealRate: rate.optional(),
    reviveRate: rate.optional(),
    archiveRate: rate.optional(),
    mergeRate: rate.optional(),
    historyDays: z.number().int().min(90).max(3650).optional(),
  })
  .readonly();
export type ExplicitScale = z.infer<typeof ExplicitScale>;

export const GenerateOptions = z.strictObject({
  seed: z.number().int().min(0).max(0xffffffff),
  scale: z.union([z.enum(NAMED_SCALES), ExplicitScale]),
  tier: z.enum(['free', 'starter', 'professional', 'enterprise']).optional(),
  portalId: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1)
    .optional(),
  now: z.number().int().min(0).optional(),
});
export interface GenerateOptionsInput {
  seed: number;
  scale: NamedScale | ExplicitScale;
  tier?: Tier;
  portalId?: number;
  now?: number;
}

/** Validates generator options, naming the offending field. */
export function parseGenerateOptions(input: unknown): z.infer<typeof GenerateOptions> {
  const r = GenerateOptions.safeParse(input);
  if (r.success) return r.data;
  throw new Error(
    'generatePortal options: ' +
      r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
  );
}

export function resolveScale(scale: NamedScale | ExplicitScale): ScaleSpec {
  if (typeof scale === 'string')
    return {
      ...DEFAULTS,
      companies: Math.max(1, Math.round(SCALE_TARGETS[scale] / RECORDS_PER_COMPANY)),
    };
  const out: ScaleSpec = { ...DEFAULTS, companies: scale.companies };
  return Object.fromEntries([
    ...Object.entries(out),
    ...Object.entries(scale).filter(([, v]) => v !== undefined),
  ]) as unknown as ScaleSpec;
}
