// A portal's attribution settings: the strict schema every save passes (the settings page checks
// as the admin types, the backend on PUT and on every read of a stored version), its defaults,
// and the PUT body.

import { z } from 'zod';
import { channelIdSchema } from './channels.js';
import { channelRulesSchema } from './channel-rules.js';
import { modelIdSchema, modelInfo, WEIGHT_BUCKETS } from './models.js';
import { TOUCH_KINDS } from './touches.js';
import { ASSOCIATED_WRITEBACK_PROPERTIES, DEAL_WRITEBACK_PROPERTIES } from './writeback.js';

/** Custom weights must total 100% up to this rounding slack (the editor allows decimals). */
const WEIGHT_TOTAL_TOLERANCE = 1e-6;

const percent = z
  .number({ error: 'must be a number of percent' })
  .min(0, 'must be ≥ 0')
  .max(100, 'must be ≤ 100');

export const customWeightsSchema = z
  .strictObject({
    FIRST: percent.default(0),
    LAST: percent.default(0),
    LND: percent.default(0),
    LC: percent.default(0),
    OC: percent.default(0),
    CW: percent.default(0),
    MID: percent.default(0),
  })
  .superRefine((w, ctx) => {
    const total = WEIGHT_BUCKETS.reduce((s, b) => s + w[b], 0);
    if (Math.abs(total - 100) > WEIGHT_TOTAL_TOLERANCE) {
      ctx.addIssue({
        code: 'custom',
        message: `must total 100% (now ${String(Math.round(total * 1000) / 1000)}%)`,
      });
    }
  });

const uniqueList = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item).refine((xs) => new Set(xs).size === xs.length, `must not list a ${what} twice`);

const writebackListOf = <const T extends readonly [string, ...string[]]>(names: T) =>
  uniqueList(z.enum(names), 'property').default([...names]);

export const settingsSchema = z.strictObject({
  /** The model the card opens with and write-back uses. */
  model: modelIdSchema.default('w_shaped'),
  /** Used when `model` is `custom`: percent per bucket, total 100; the custom model's preset. */
  customWeights: customWeightsSchema.default(
    customWeightsSchema.parse(modelInfo('custom').weights),
  ),
  /** Window start = deal creation − lookbackDays. */
  lookbackDays: z
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(730, 'must be at most 730 days')
    .default(365),
  /** time_decay: a touch's weight halves every halfLifeDays before close. */
  halfLifeDays: z
    .number({ error: 'must be a number of days' })
    .gt(0, 'must be more than 0 days')
    .max(3650, 'must be at most 3650 days')
    .default(7),
  /** Touch kinds that count; at least one. */
  touchKinds: uniqueList(z.enum(TOUCH_KINDS), 'touch kind')
    .min(1, 'choose at least one touch kind')
    .default([...TOUCH_KINDS]),
  /** Include every contact of the deal's companies, not only the deal's own contacts. */
  accountScope: z.boolean({ error: 'must be true or false' }).default(false),
  /** HubSpot buying role (hs_buying_role value, e.g. DECISION_MAKER) → weight; unknown roles 1. */
  contactRoleWeights: z
    .record(
      z.string().min(1, 'role must not be empty').max(100),
      z.number({ error: 'must be a number' }).min(0, 'must be ≥ 0').max(100, 'must be ≤ 100'),
    )
    .default({}),
  /** Channels that count as direct for last_non_direct. */
  directChannels: uniqueList(channelIdSchema, 'channel').max(50).default(['direct']),
  /** Open deals: drop the closed-won bucket, or give the last touch a pending closing share. */
  openDealClosing: z.enum(['renormalise', 'pending']).default('renormalise'),
  /** A touch after this many days of silence on the account is flagged as a reactivation. */
  reactivationDays: z
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(365, 'must be at most 365 days')
    .default(30),
  /** Markov: chain order 1–4 (higher remembers more of the path, needs more data). */
  markovOrder: z
    .number({ error: 'must be a whole number from 1 to 4' })
    .int('must be a whole number from 1 to 4')
    .min(1, 'must be at least 1')
    .max(4, 'must be at most 4')
    .default(1),
  channelRules: channelRulesSchema.default({ rules: [], fallback: 'other' }),
  schedule: z
    .strictObject({
      /** Minutes between incremental syncs. */
      incrementalMinutes: z
        .number({ error: 'must be a whole number of minutes' })
        .int('must be a whole number of minutes')
        .min(5, 'must be at least 5 minutes')
        .max(1440, 'must be at most 1440 minutes (one day)')
        .default(15),
      /** Hour of the nightly full reconcile, 0–23, in the portal's time zone. */
      nightlyReconcileHour: z
        .number({ error: 'must be a whole hour from 0 to 23' })
        .int('must be a whole hour from 0 to 23')
        .min(0, 'must be from 0 to 23')
        .max(23, 'must be from 0 to 23')
        .default(2),
    })
    .default({ incrementalMinutes: 15, nightlyReconcileHour: 2 }),
  writeBack: z
    .strictObject({
      enabled: z.boolean({ error: 'must be true or false' }).default(true),
      deal: writebackListOf(DEAL_WRITEBACK_PROPERTIES),
      contact: writebackListOf(ASSOCIATED_WRITEBACK_PROPERTIES),
      company: writebackListOf(ASSOCIATED_WRITEBACK_PROPERTIES),
    })
    .default({
      enabled: true,
      deal: [...DEAL_WRITEBACK_PROPERTIES],
      contact: [...ASSOCIATED_WRITEBACK_PROPERTIES],
      company: [...ASSOCIATED_WRITEBACK_PROPERTIES],
    }),
  /** Models the card and the report compare against (the active model is always shown). */
  comparisonModels: uniqueList(modelIdSchema, 'model')
    .max(5, 'compare at most 5 models')
    .default(['first_touch', 'last_touch', 'linear']),
});

/** Settings as stored and returned (every field present). */
export type Settings = z.output<typeof settingsSchema>;
/** Settings as sent: omitted fields take their defaults. */
export type SettingsInput = z.input<typeof settingsSchema>;

/** What a portal uses until an admin saves (version 0). */
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** PUT /settings: the full settings (a replacement) and the version they were edited from. */
export const putSettingsBodySchema = z.strictObject({
  /** The `version` of the GET the edit started from; 0 when nothing was ever saved. */
  expectedVersion: z
    .number({ error: 'must be the version number from GET /settings' })
    .int('must be a whole number')
    .min(0, 'must be ≥ 0'),
  settings: settingsSchema,
});
export type PutSettingsBody = z.input<typeof putSettingsBodySchema>;
