// The evaluation of a portal's attribution models, as JSON (the CLI's `evaluate --json` output):
// plain numbers, strings, arrays and objects only, no NaN or Infinity (undefined metrics are null).

/** One calibration bucket: held-out deals with similar predictions, their mean and win rate. */
export interface CalibrationBucket {
  /** Mean predicted P(win) of the bucket's deals. */
  readonly predicted: number;
  /** Their observed win rate. */
  readonly observed: number;
  readonly deals: number;
}

/** A channel's share of credit and its 90 % bootstrap percentile interval (widened to hold it). */
export interface ChannelShare {
  readonly share: number;
  readonly lo: number;
  readonly hi: number;
}

export interface ModelEvaluation {
  /**
   * An engine model id (`linear`, `shapley`, …), or `markov_o1`, `markov_o2`, `markov_o3` for the
   * engine's `markov` model with `order` 1, 2, 3 (see `engineModelOf`).
   */
  readonly id: string;
  readonly kind: 'rule' | 'data_driven';
  /** Held-out log-loss; null for rule models, models with no P(win) and too few deals. */
  readonly logLoss: number | null;
  /** Held-out AUC; null as logLoss, and when the held-out deals are all won or all lost. */
  readonly auc: number | null;
  readonly calibration: readonly CalibrationBucket[] | null;
  /** Per channel (code-unit order of names), over all closed deals. */
  readonly channelShares: Readonly<Record<string, ChannelShare>>;
  /** Bootstrap resamples behind the intervals (0: intervals are the share itself). */
  readonly resamples: number;
  /** Set when the model could not learn from the portal (e.g. no conversions). */
  readonly unavailable?: string;
}

export interface Agreement {
  readonly a: string;
  readonly b: string;
  /** Spearman's ρ of the two models' channel shares; null when either is constant. */
  readonly spearman: number | null;
}

export interface Recommendation {
  /** A model id of `models`; shown to the admin, never applied. */
  readonly model: string;
  /** One sentence with the numbers behind it. */
  readonly reason: string;
}

export interface Evaluation {
  /** Closed deals before the cut-off (fitted on) and at or after it (scored). */
  readonly deals: { readonly train: number; readonly test: number };
  /** ms since epoch; null when the portal has no closed deal. */
  readonly cutoff: number | null;
  /** Every held-out deal predicted at the training win rate. */
  readonly baseline: {
    readonly logLoss: number | null;
    readonly auc: number | null;
    readonly winRate: number | null;
  };
  readonly models: readonly ModelEvaluation[];
  /** Every pair of models, in `models` order. */
  readonly agreement: readonly Agreement[];
  readonly recommended: Recommendation;
}
