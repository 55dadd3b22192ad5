// GET and PUT /api/v1/settings, and POST /api/v1/recompute (202).

import { z } from 'zod';
import { channelInfoSchema } from '../channels.js';
import { modelInfoSchema } from '../models.js';
import { settingsSchema } from '../settings.js';

export const settingsBodySchema = z
  .object({
    status: z.literal('ok'),
    portalId: z.number(),
    /** 0 = never saved (defaults shown); send it back as `expectedVersion`. */
    version: z.number().int().min(0),
    updatedAt: z.string().nullable(),
    settings: settingsSchema,
    models: z.array(modelInfoSchema).readonly(),
    /** The built-in channels and those the admin's rules add, for pickers and labels. */
    channels: z.array(channelInfoSchema).readonly(),
  })
  .readonly();
export type SettingsBody = z.output<typeof settingsBodySchema>;

export const recomputeBodySchema = z
  .object({ status: z.literal('accepted'), portalId: z.number(), message: z.string() })
  .readonly();
export type RecomputeBody = z.output<typeof recomputeBodySchema>;
