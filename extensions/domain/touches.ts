// What a touch is and what a deal can be: touch kinds, the two teams, deal stages.

import { z } from 'zod';

/** What kind of interaction a touch was; for filters and display (the channel is the reporting dimension). */
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
export const touchKindSchema = z.enum(TOUCH_KINDS);

/** Who made the touch: marketing or sales (a channel belongs to one). */
export const TEAMS = ['marketing', 'sales'] as const;
export type Team = (typeof TEAMS)[number];
export const teamSchema = z.enum(TEAMS);

export const DEAL_STAGES = ['open', 'won', 'lost'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];
export const dealStageSchema = z.enum(DEAL_STAGES);

/** Why a deal gets no credit under a model (the engine's reasons). */
export const UNATTRIBUTED_REASONS = [
  'empty_journey',
  'no_weighted_role',
  'no_conversions',
  'empty_path',
] as const;
export type UnattributedReason = (typeof UNATTRIBUTED_REASONS)[number];
