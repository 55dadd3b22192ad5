// The API contract between the backend (src/server/routes/) and the HubSpot card and settings
// page (extensions/app/): response types, the error body, the model catalogue and the settings
// schema. One source for both sides.
//
// This file may import only `zod`: HubSpot's build bundles it into the extensions, which cannot
// see src/. Lists that the engine also defines (model ids, touch kinds, preset weights) are
// repeated here, and test/unit/services/contract.test.ts fails if the two ever differ.

import { z } from 'zod';

// ---- Models ------------------------------------------------------------------------------------

export const RULE_MODEL_IDS = [
  'first_touch',
  'last_touch',
  'last_non_direct',
  'linear',
  'time_decay',
  'position_based',
  'u_shaped',
  'w_shaped',
  'full_path',
  'j_shaped',
  'inverse_j',
  'custom',
] as const;
export const DATA_DRIVEN_MODEL_IDS = [
  'markov',
  'shapley',
  'shapley_simplified',
  'logistic',
] as const;
export const MODEL_IDS = [...RULE_MODEL_IDS, ...DATA_DRIVEN_MODEL_IDS] as const;
export type ModelId = (typeof MODEL_IDS)[number];
export type DataDrivenModelId = (typeof DATA_DRIVEN_MODEL_IDS)[number];

export function isDataDriven(id: ModelId): id is DataDrivenModelId {
  return (DATA_DRIVEN_MODEL_IDS as readonly string[]).includes(id);
}

export const modelIdSchema = z.enum(MODEL_IDS, {
  error: `must be one of ${MODEL_IDS.join(', ')}`,
});

/** Milestone roles a touch may hold (ATTRIBUTION.md §1), and the middle bucket. */
export const ROLES = ['FIRST', 'LAST', 'LND', 'LC', 'OC', 'CW'] as const;
export type Role = (typeof ROLES)[number];
export const WEIGHT_BUCKETS = [...ROLES, 'MID'] as const;
export type WeightBucket = (typeof WEIGHT_BUCKETS)[number];
/** Percent per bucket; a missing bucket weighs 0. */
export type BucketWeights = Readonly<Partial<Record<WeightBucket, number>>>;

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  FIRST: 'First touch',
  LAST: 'Last touch',
  LND: 'Last non-direct touch',
  LC: 'Lead creation',
  OC: 'Deal creation',
  CW: 'Closed won',
};

export interface ModelInfo {
  readonly id: ModelId;
  readonly label: string;
  readonly summary: string;
  readonly kind: 'rule' | 'data_driven';
  /**
   * Position weights in percent for the settings page's live preview; null for time decay and the
   * data-driven models, whose credit depends on timing or on all journeys of the portal. For
   * `custom` these are the defaults of the weights editor.
   */
  readonly weights: BucketWeights | null;
}

/** Every model, in the order the settings page lists them. Labels and summaries match the engine. */
export const MODELS: readonly ModelInfo[] = [
  rule('first_touch', 'First touch', '100% to the first touch', { FIRST: 100 }),
  rule('last_touch', 'Last touch', '100% to the last touch before close', { LAST: 100 }),
  rule(
    'last_non_direct',
    'Last non-direct touch',
    '100% to the last touch that is not direct traffic (the last touch if all are direct)',
    { LND: 100 },
  ),
  rule('linear', 'Linear', 'Equal credit to every touch', { MID: 100 }),
  rule(
    'time_decay',
    'Time decay',
    'More credit to touches closer to the close; a touch’s weight halves every 7 days (half-life, adjustable)',
    null,
  ),
  rule(
    'position_based',
    'Position-based (40/20/40)',
    '40% first touch, 40% last touch, 20% split over the touches in between',
    { FIRST: 40, LAST: 40, MID: 20 },
  ),
  rule(
    'u_shaped',
    'U-shaped',
    '40% first touch, 40% lead creation, 20% split over the other touches',
    { FIRST: 40, LC: 40, MID: 20 },
  ),
  rule(
    'w_shaped',
    'W-shaped',
    '30% each to first touch, lead creation and deal creation, 10% split over the other touches',
    { FIRST: 30, LC: 30, OC: 30, MID: 10 },
  ),
  rule(
    'full_path',
    'Full path',
    '22.5% each to first touch, lead creation, deal creation and closed-won, 10% split over the other touches',
    { FIRST: 22.5, LC: 22.5, OC: 22.5, CW: 22.5, MID: 10 },
  ),
  rule(
    'j_shaped',
    'J-shaped',
    '20% first touch, 60% last touch, 20% split over the touches in between',
    { FIRST: 20, LAST: 60, MID: 20 },
  ),
  rule(
    'inverse_j',
    'Inverse J',
    '60% first touch, 20% last touch, 20% split over the touches in between',
    { FIRST: 60, LAST: 20, MID: 20 },
  ),
  rule(
    'custom',
    'Custom weights',
    'Your own weights on first touch, last touch, last non-direct, lead creation, deal creation, closed-won and the other touches (scaled to 100%)',
    { FIRST: 22.5, LC: 22.5, OC: 22.5, CW: 22.5, MID: 10 },
  ),
  learned(
    'markov',
    'Markov chain',
    'Credit by removal effect: how much the conversion probability drops when a channel is removed',
  ),
  learned(
    'shapley',
    'Shapley (conversion rates)',
    'Each converting journey is shared among its channels by their Shapley value on observed conversion rates',
  ),
  learned(
    'shapley_simplified',
    'Shapley (simplified)',
    "Each converting journey's credit is split equally among its distinct channels",
  ),
  learned(
    'logistic',
    'Logistic regression',
    "Credit by each channel's positive effect on the odds of a win: L2-regularised logistic " +
      'regression of won vs lost journeys on the channels present (penalty 1, not scaled with data size)',
  ),
];

function rule(id: ModelId, label: string, summary: string, weights: BucketWeights | null) {
  return { id, label, summary, kind: 'rule', weights } as const satisfies ModelInfo;
}
function learned(id: ModelId, label: string, summary: string) {
  return { id, label, summary, kind: 'data_driven', weights: null } as const satisfies ModelInfo;
}

export function modelInfo(id: ModelId): ModelInfo {
  const m = MODELS.find((x) => x.id === id);
  if (m === undefined) throw new Error(`unknown model ${id}`);
  return m;
}

// ---- Touch kinds and channel rules ---------------------------------------------------------------

export const TOUCH_KINDS = [
  'visit',
  'form_submission',
  'email_click',
  'event',
  'page_view',
  'call',
  'meeting',
  'sales_email',
  'communication',
  'note',
  'task',
  'offline',
] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];
export type Team = 'marketing' | 'sales';

/** Channel ids become property names (`attribution_revenue_<channel>`), so they stay name-safe. */
export const channelIdSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,39}$/,
    'must be 1–40 characters of a–z, 0–9 and _, starting with a letter',
  );

export const RULE_FIELDS = [
  'source',
  'medium',
  'detail1',
  'detail2',
  'campaign',
  'url',
  'kind',
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

export const RULE_OPERATORS = [
  'equals',
  'contains',
  'starts_with',
  'ends_with',
  'matches',
] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

export const channelConditionSchema = z
  .strictObject({
    field: z.enum(RULE_FIELDS),
    op: z.enum(RULE_OPERATORS),
    value: z.string().min(1, 'must not be empty').max(200),
  })
  .superRefine((c, ctx) => {
    if (c.op !== 'matches') return;
    try {
      new RegExp(c.value, 'i');
    } catch (e) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `is not a valid regular expression (${e instanceof Error ? e.message : String(e)})`,
      });
    }
  });

export const channelRuleSchema = z.strictObject({
  channel: channelIdSchema,
  when: z.array(channelConditionSchema).min(1, 'a rule needs at least one condition').max(10),
});

export const channelRulesSchema = z.strictObject({
  rules: z.array(channelRuleSchema).max(200).default([]),
  fallback: channelIdSchema.default('other'),
});

export type ChannelCondition = z.infer<typeof channelConditionSchema>;
export type ChannelRule = z.infer<typeof channelRuleSchema>;
export type ChannelRules = z.infer<typeof channelRulesSchema>;

// ---- Settings ----------------------------------------------------------------------------------

/** Deal properties the admin may choose to write back (ARCHITECTURE.md, Write-back). */
export const DEAL_WRITEBACK_PROPERTIES = [
  'attribution_model',
  'attribution_computed_at',
  'attribution_touchpoints',
  'attribution_stakeholders',
  'attribution_days_to_close',
  'attribution_first_touch_channel',
  'attribution_lead_creation_channel',
  'attribution_deal_creation_channel',
  'attribution_closing_channel',
  'attribution_top_channel',
  'attribution_marketing_share',
  'attribution_sales_share',
  /** Stands for the family `attribution_revenue_<channel>`, one per channel. */
  'attribution_revenue_by_channel',
] as const;
/** Contact and company properties. */
export const ASSOCIATED_WRITEBACK_PROPERTIES = [
  'attribution_influenced_revenue',
  'attribution_touchpoints',
] as const;
export type DealWritebackProperty = (typeof DEAL_WRITEBACK_PROPERTIES)[number];
export type AssociatedWritebackProperty = (typeof ASSOCIATED_WRITEBACK_PROPERTIES)[number];

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
  /** Used when `model` is `custom`; percent per bucket, total 100. */
  customWeights: customWeightsSchema.default({
    FIRST: 22.5,
    LAST: 0,
    LND: 0,
    LC: 22.5,
    OC: 22.5,
    CW: 22.5,
    MID: 10,
  }),
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

/**
 * `{field: 'customWeights', message: 'must total 100% (now 90%)'}` per problem of a failed parse;
 * an unknown key is named as its own field ("colour: unknown field").
 */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((i) => {
    const path = i.path.map(String);
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((key) => ({ field: [...path, key].join('.'), message: 'unknown field' }));
    }
    return [{ field: path.join('.') || '(root)', message: i.message }];
  });
}

// ---- Responses ---------------------------------------------------------------------------------

export interface FieldError {
  /** Dotted path into the request ("settings.lookbackDays", "settings.channelRules.rules.0.channel"). */
  readonly field: string;
  readonly message: string;
}

export type ErrorCode =
  'invalid_request' | 'deal_not_found' | 'settings_conflict' | 'unauthorized' | 'internal_error';

/** Every non-2xx answer of /api/v1. */
export interface ErrorBody {
  readonly status: 'error';
  /** Set by the API routes; errors from the middleware in front of them (401, bad JSON) have none. */
  readonly code?: ErrorCode;
  /** For people: what went wrong and what to do. */
  readonly message: string;
  readonly errors?: readonly FieldError[];
}

export function errorBody(
  code: ErrorCode,
  message: string,
  errors?: readonly FieldError[],
): ErrorBody {
  return { status: 'error', code, message, ...(errors === undefined ? {} : { errors }) };
}

export interface MoneyBody {
  /** Integer minor units (cents for USD, yen for JPY). */
  readonly cents: number;
  /** ISO 4217, upper case. */
  readonly currency: string;
}

export interface ChannelShare {
  readonly channel: string;
  readonly label: string;
  readonly cents: number;
  /** Share of the attributed amount, 0–1 (0 when the deal has no amount). */
  readonly fraction: number;
}

export interface ContactShare {
  readonly contactId: string;
  readonly contactName: string | null;
  /** HubSpot buying role (hs_buying_role), if set. */
  readonly role: string | null;
  readonly cents: number;
  readonly fraction: number;
  readonly touchpoints: number;
}

export interface TouchpointCredit {
  readonly id: string;
  /** ISO 8601, UTC. */
  readonly occurredAt: string;
  /** The touch's buying-group contact shown on the card (the smallest id when several). */
  readonly contactId: string | null;
  readonly contactName: string | null;
  readonly contactRole: string | null;
  /** Every buying-group contact of the touch (one touch may reach several). */
  readonly contactIds: readonly string[];
  readonly kind: TouchKind;
  readonly channel: string;
  readonly channelLabel: string;
  readonly team: Team;
  /** A short label ("Webinar: Pricing 101"), when known. */
  readonly title: string | null;
  /** Milestones this touch holds, whichever model is shown. */
  readonly milestones: readonly Role[];
  /** The touch revived the account after a silence. */
  readonly reactivation: boolean;
  readonly credit: { readonly fraction: number; readonly cents: number };
  /** One line: "30% — first touch and lead creation". */
  readonly reason: string;
}

export type DealStage = 'open' | 'won' | 'lost';

export interface DealSummary {
  readonly name: string | null;
  readonly stage: DealStage;
  /** HubSpot's stage label ("Contract sent"), when the pipeline is known. */
  readonly stageLabel: string | null;
  readonly pipelineLabel: string | null;
  readonly createdAt: string;
  readonly closedAt: string | null;
  /** The deal has no amount in HubSpot: credits are shown as percentages, all cents are 0. */
  readonly amountMissing: boolean;
}

export interface UnattributedInfo {
  /** model_unavailable: a data-driven model could not learn (e.g. no won or lost deal yet). */
  readonly code:
    'empty_journey' | 'no_weighted_role' | 'no_conversions' | 'empty_path' | 'model_unavailable';
  /** Why, and what would count ("No touch of the buying group in the 365-day window…"). */
  readonly message: string;
}

export interface ModelComparison {
  readonly model: ModelId;
  readonly label: string;
  readonly byChannel: readonly ChannelShare[];
  readonly unattributedCents: number;
  /** Set when a data-driven model could not learn (e.g. no won deals yet). */
  readonly unavailable: string | null;
}

export interface DealStats {
  readonly touchpoints: number;
  readonly stakeholders: number;
  /** Days from creation to close, one decimal; null while open. */
  readonly daysToClose: number | null;
  /** Shares of the credit, 0–1; null when nothing is attributed. */
  readonly marketingShare: number | null;
  readonly salesShare: number | null;
  readonly reactivations: number;
}

/** GET /api/v1/deals/:dealId/attribution?model= — the card's data. */
export interface DealAttributionBody {
  readonly status: 'ok';
  readonly dealId: string;
  readonly portalId: number;
  /** Σ touchpoints[].credit.cents + unattributedCents = amount.cents, exactly. */
  readonly amount: MoneyBody;
  readonly model: ModelId;
  readonly modelLabel: string;
  /** ISO 8601: when this answer was computed. */
  readonly computedAt: string;
  readonly settingsVersion: number;
  readonly deal: DealSummary;
  /** Which touch (id) holds each milestone; absent milestones are omitted. */
  readonly milestones: Readonly<Partial<Record<Role, string>>>;
  /** In time order. */
  readonly touchpoints: readonly TouchpointCredit[];
  /** Largest first; channels of the journey without credit included with 0. */
  readonly byChannel: readonly ChannelShare[];
  readonly byContact: readonly ContactShare[];
  readonly unattributedCents: number;
  readonly unattributed: UnattributedInfo | null;
  /** Set when a data-driven model had no weight for this deal's channels and used linear. */
  readonly fallback: 'linear' | null;
  readonly stats: DealStats;
  /** The other models of the settings' comparison list (never the one shown above). */
  readonly comparison: readonly ModelComparison[];
}

/** The card's answer when the app has not finished its first sync of this portal's deals. */
export interface NotSyncedBody {
  readonly status: 'not_synced';
  readonly portalId: number;
  readonly message: string;
  readonly sync: SyncProgress;
}

export type DealAttributionResponse = DealAttributionBody | NotSyncedBody | ErrorBody;

export interface StreamState {
  readonly stream: string;
  readonly records: number;
  readonly apiCalls: number;
  /** 'full' until the first full sync finished, then 'incremental'; null = never started. */
  readonly phase: 'full' | 'incremental' | null;
  readonly lastRunAt: string | null;
  readonly lastFullSyncAt: string | null;
  readonly lastError: {
    readonly kind: string;
    readonly message: string;
    readonly at: string;
  } | null;
}

export interface SyncProgress {
  /** Every stream finished at least one full sync. */
  readonly complete: boolean;
  /** Streams that finished a full sync / all streams. */
  readonly streamsDone: number;
  readonly streamsTotal: number;
  readonly streams: readonly StreamState[];
}

export interface CycleState {
  readonly state: 'running' | 'succeeded' | 'failed';
  /** The step running or last run: sync, attribute, writeback. */
  readonly step: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly error: string | null;
}

/** GET /api/v1/status. */
export interface StatusBody {
  readonly status: 'ok';
  readonly portalId: number;
  readonly sync: SyncProgress;
  readonly lastCycle: CycleState | null;
  readonly attribution: {
    readonly settingsVersion: number;
    /** Deals with a stored result under the current settings. */
    readonly dealsAttributed: number;
    readonly lastComputedAt: string | null;
  };
}

/** GET and PUT /api/v1/settings. */
export interface SettingsBody {
  readonly status: 'ok';
  readonly portalId: number;
  /** 0 = never saved (defaults shown); send it back as `expectedVersion`. */
  readonly version: number;
  readonly updatedAt: string | null;
  readonly settings: Settings;
  readonly models: readonly ModelInfo[];
  /** The built-in channels and those the admin's rules add, for pickers and labels. */
  readonly channels: readonly ChannelInfo[];
}

export interface ChannelInfo {
  readonly id: string;
  readonly label: string;
  readonly team: Team;
}

/** POST /api/v1/recompute (202). */
export interface RecomputeBody {
  readonly status: 'accepted';
  readonly portalId: number;
  readonly message: string;
}

// ---- Channel rule preview ----------------------------------------------------------------------

/** POST /api/v1/channel-rules/preview: the rules being edited (not yet saved). */
export const channelPreviewBodySchema = z.strictObject({ channelRules: channelRulesSchema });
export type ChannelPreviewRequest = z.input<typeof channelPreviewBodySchema>;

/**
 * What decided a touch's channel. Recompute applies only the admin's rules to stored touches; a
 * touch none of them matches keeps the channel the sync gave it, which the built-in rule or the
 * fallback named here gives too (`synced`: neither does, e.g. it came from an older rule).
 */
export type ChannelDecision =
  | { readonly from: 'admin'; /** 0-based position in the admin's rules. */ readonly index: number }
  | { readonly from: 'default'; readonly index: number }
  | { readonly from: 'fallback' }
  | { readonly from: 'synced' };

/** Touches sharing their HubSpot source details and both classifications. */
export interface ChannelPreviewRow {
  readonly kind: TouchKind;
  readonly source: string | null;
  readonly medium: string | null;
  readonly detail1: string | null;
  readonly detail2: string | null;
  readonly campaign: string | null;
  readonly touches: number;
  /** Under the saved rules. */
  readonly currentChannel: string;
  readonly currentBy: ChannelDecision;
  /** Under the rules in the request. */
  readonly proposedChannel: string;
  readonly proposedBy: ChannelDecision;
  readonly changed: boolean;
  /** ISO 8601: the latest of these touches. */
  readonly lastAt: string;
}

export interface ChannelPreviewBody {
  readonly status: 'ok';
  readonly portalId: number;
  /** Touches classified: the portal's most recent of the kinds that count, at most `limit`. */
  readonly sampled: number;
  readonly limit: number;
  /** ISO 8601 span of the sample; null when the portal has no touch yet. */
  readonly oldestAt: string | null;
  readonly newestAt: string | null;
  /** Touches (and rows) whose channel the proposed rules would change. */
  readonly changedTouches: number;
  readonly changedRows: number;
  /** Changed rows first, then by touches, most first. */
  readonly rows: readonly ChannelPreviewRow[];
}
