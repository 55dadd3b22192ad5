// GET /api/v1/status: how far the sync is and what the last cycle did. The card's "not synced yet"
// answer carries the same sync progress.

import { z } from 'zod';

export const streamStateSchema = z
  .object({
    stream: z.string(),
    records: z.number(),
    apiCalls: z.number(),
    /** 'full' until the first full sync finished, then 'incremental'; null = never started. */
    phase: z.enum(['full', 'incremental']).nullable(),
    lastRunAt: z.string().nullable(),
    lastFullSyncAt: z.string().nullable(),
    lastError: z
      .object({ kind: z.string(), message: z.string(), at: z.string() })
      .readonly()
      .nullable(),
  })
  .readonly();
export type StreamState = z.output<typeof streamStateSchema>;

export const syncProgressSchema = z
  .object({
    /** Every stream finished at least one full sync. */
    complete: z.boolean(),
    /** Streams that finished a full sync / all streams. */
    streamsDone: z.number(),
    streamsTotal: z.number(),
    streams: z.array(streamStateSchema).readonly(),
  })
  .readonly();
export type SyncProgress = z.output<typeof syncProgressSchema>;

export const cycleStateSchema = z
  .object({
    state: z.enum(['running', 'succeeded', 'failed']),
    /** The step running or last run: sync, attribute, writeback. */
    step: z.string().nullable(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .readonly();
export type CycleState = z.output<typeof cycleStateSchema>;

export const statusBodySchema = z
  .object({
    status: z.literal('ok'),
    portalId: z.number(),
    sync: syncProgressSchema,
    lastCycle: cycleStateSchema.nullable(),
    attribution: z
      .object({
        settingsVersion: z.number(),
        /** Deals with a stored result under the current settings. */
        dealsAttributed: z.number(),
        lastComputedAt: z.string().nullable(),
      })
      .readonly(),
  })
  .readonly();
export type StatusBody = z.output<typeof statusBodySchema>;
