// What the settings page shows of a model evaluation: model labels, which model's channel shares
// to show, and number formats. Pure, so the page and its tests read the same rules.
import { MODELS } from '@deal-attribution/domain';
import type { ChannelInfo, EvaluatedModel, Evaluation, Settings } from '@deal-attribution/domain';
import { formatShare, humanize } from './format.js';

const MARKOV_ORDER = /^markov_o(\d+)$/;

/** "markov_o2" → "Markov chain, order 2"; a picker model's label; else the id made readable. */
export function evaluationModelLabel(id: string): string {
  const markov = MARKOV_ORDER.exec(id);
  const label = (of: string) => MODELS.find((m) => m.id === of)?.label;
  if (markov !== null) return `${label('markov') ?? 'Markov chain'}, order ${markov[1] ?? ''}`;
  if (id === 'logistic') return 'Logistic regression';
  return label(id) ?? humanize(id);
}

/** The evaluation's id for the model picked in the settings (Markov is evaluated per order). */
export function evaluationIdOf(draft: Pick<Settings, 'model' | 'markovOrder'>): string {
  return draft.model === 'markov' ? `markov_o${String(draft.markovOrder)}` : draft.model;
}

export interface SharesChoice {
  readonly model: EvaluatedModel;
  /** `picked`: the model picked in the settings; `recommended`: that one was not evaluated. */
  readonly because: 'picked' | 'recommended';
}

/** The picked model's shares when it was evaluated, else the recommended model's, else none. */
export function sharesToShow(evaluation: Evaluation, pickedId: string): SharesChoice | null {
  const find = (id: string) => evaluation.models.find((m) => m.id === id);
  const picked = find(pickedId);
  if (picked !== undefined) return { model: picked, because: 'picked' };
  const recommended = find(evaluation.recommended.model);
  return recommended === undefined ? null : { model: recommended, because: 'recommended' };
}

export interface ShareRow {
  readonly channel: string;
  readonly label: string;
  readonly share: number;
  readonly lo: number;
  readonly hi: number;
}

/** Largest share first, ties by channel id. */
export function shareRows(model: EvaluatedModel, channels: readonly ChannelInfo[]): ShareRow[] {
  return Object.entries(model.channelShares)
    .map(([channel, s]) => ({
      channel,
      label: channels.find((c) => c.id === channel)?.label ?? humanize(channel),
      share: s.share,
      lo: s.lo,
      hi: s.hi,
    }))
    .sort((a, b) => b.share - a.share || (a.channel < b.channel ? -1 : 1));
}

/** A score to three decimals ("0.488"); "–" when the model has none (rule models). */
export function formatScore(x: number | null): string {
  return x === null ? '–' : x.toFixed(3);
}

/** How a held-out log-loss compares with the baseline's (lower is better). */
export function versusBaseline(logLoss: number | null, baseline: number | null): string {
  if (logLoss === null) return 'rule model: not scored';
  if (baseline === null) return 'no baseline';
  const diff = logLoss - baseline;
  if (diff === 0) return 'same as the baseline';
  const signed = `${diff > 0 ? '+' : '−'}${Math.abs(diff).toFixed(3)}`;
  if (baseline === 0) return `${signed} (worse)`;
  const relative = `${(Math.abs(diff / baseline) * 100).toFixed(1)}%`;
  return `${signed} (${relative} ${diff < 0 ? 'better' : 'worse'})`;
}

/** "28.0% – 39.0%". */
export function formatInterval(lo: number, hi: number): string {
  return `${formatShare(lo)} – ${formatShare(hi)}`;
}

/** Spearman's ρ to two decimals with a real minus sign; "–" when it is undefined. */
export function formatRho(rho: number | null): string {
  if (rho === null) return '–';
  const abs = Math.abs(rho).toFixed(2);
  return rho < 0 && abs !== '0.00' ? `−${abs}` : abs;
}

/** "Mar 1, 2025" (UTC); "–" when there is no date (no closed deal to split at). */
export function formatDay(ms: number | null): string {
  if (ms === null) return '–';
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(ms),
  );
}
