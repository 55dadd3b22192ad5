// The scale-out shared state on PostgreSQL (ADR 0006): rate windows that several processes take
// from atomically, the last cycle per portal, and the advisory locks. Each run gets its own
// schema. Without a reachable server the suite is skipped with a message, except under CI.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inCi,
  pgQuery as sql,
  POSTGRES_URL,
  probePostgres,
  urlWithSchema,
} from '../../support/postgres.js';
import { openStore } from '../../../src/store/index.js';
import { openSharedState, type SharedState } from '../../../src/store/postgres/shared-state.js';
import type { Store } from '../../../src/store/store.js';

const unreachable = await probePostgres();
if (unreachable !== undefined)
  console.warn(`Shared-state tests skipped: cannot reach ${POSTGRES_URL} (${unreachable}).`);

describe.runIf(unreachable !== undefined && inCi)('shared state in CI', () => {
  it('has PostgreSQL', () => {
    expect.fail(`cannot reach ${POSTGRES_URL}: ${unreachable ?? ''}`);
  });
});

describe.skipIf(unreachable !== undefined)('PostgreSQL shared state', () => {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const url = urlWithSchema(schema);
  let store: Store;
  // Three instances stand for three worker processes.
  const states: SharedState[] = [];

  beforeAll(async () => {
    await sql(`create schema "${schema}"`);
    store = await openStore(url); // runs the migrations, 0002 included
    for (let i = 0; i < 3; i++) states.push(await openSharedState(url));
  });
  afterAll(async () => {
    await Promise.all(states.map((s) => s.close()));
    await store.close();
    await sql(`drop schema if exists "${schema}" cascade`);
  });

  it('applies the scale-out migration', async () => {
    expect((await store.migrations()).applied).toContain('0002-scale-out');
    expect(states[0]!.schema).toBe(schema);
  });

  it('grants exactly the maximum across processes taking at once, and counts them everywhere', async () => {
    const windows = states.map((s) => s.windows(41).burst);
    const now = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => windows[i % 3]!.take(now, 10)),
    );
    const granted = answers.filter((a) => 'slot' in a);
    expect(granted).toHaveLength(10);
    // Only in-flight calls fill the window: look again soon, they complete elsewhere.
    for (const a of answers.filter((a) => 'retryAt' in a))
      expect((a as { retryAt: number }).retryAt).toBeGreaterThan(now);
    // Another portal's window is untouched.
    expect('slot' in (await states[0]!.windows(42).burst.take(now, 1))).toBe(true);
  });

  it('a released call counts until its expiry, then frees its slot', async () => {
    const [a, b] = [states[0]!.windows(51).search, states[1]!.windows(51).search];
    const now = Date.now();
    const got = await a.take(now, 1);
    if (!('slot' in got)) throw new Error('first take refused');
    await a.release(got.slot, now + 300);
    const refused = await b.take(Date.now(), 1);
    expect('retryAt' in refused).toBe(true);
    // The earliest expiry of a released call, in the caller's clock.
    const retryAt = (refused as { retryAt: number }).retryAt;
    expect(retryAt).toBeGreaterThan(now + 200);
    expect(retryAt).toBeLessThan(now + 1000);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, retryAt - Date.now()) + 20));
    expect('slot' in (await b.take(Date.now(), 1))).toBe(true);
  });

  it('keeps each portal’s last cycle for any process to read', async () => {
    const cycle = {
      state: 'failed' as const,
      step: 'sync',
      startedAt: '2026-11-27T10:00:00.000Z',
      finishedAt: '2026-11-27T10:01:00.000Z',
      error: 'sync incomplete: contacts (server_error)',
    };
    await states[0]!.cycles.set(61, cycle);
    expect(await states[2]!.cycles.get(61)).toEqual(cycle);
    expect(await states[2]!.cycles.get(62)).toBeNull();
  });

  it('a portal lock is held by one process until released', async () => {
    const held = await states[0]!.lockPortal(71);
    expect(held).toBeDefined();
    expect(await states[1]!.lockPortal(71)).toBeUndefined();
    const other = await states[1]!.lockPortal(72);
    expect(other).toBeDefined();
    await held!.release();
    const again = await states[2]!.lockPortal(71);
    expect(again).toBeDefined();
    await Promise.all([again!.release(), other!.release()]);
  });

  it('one scheduler lock per schema', async () => {
    const lead = await states[0]!.lockScheduler(() => undefined);
    expect(lead).toBeDefined();
    expect(await states[1]!.lockScheduler(() => undefined)).toBeUndefined();
    await lead!.release();
    const next = await states[1]!.lockScheduler(() => undefined);
    expect(next).toBeDefined();
    await next!.release();
  });

  it('refuses a non-integer portal id, naming it', async () => {
    expect(() => states[0]!.windows(1.5)).toThrow(/portalId/);
    await expect(states[0]!.lockPortal(-1)).rejects.toThrow(/key/);
  });
});
