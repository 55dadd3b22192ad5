// Shared by the sync end-to-end tests: a generated sandbox portal, a sync wired exactly as the
// CLI wires it, and a canonical dump of a portal's store for "equals an uninterrupted sync".

import { connectPortal } from '../../src/app/connect.js';
import { portalClassifier } from '../../src/channels/index.js';
import { staticToken } from '../../src/hubspot/auth.js';
import { limitsFor } from '../../src/hubspot/budget.js';
import { generatePortal } from '../../sandbox/generator/index.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { canonicalJson } from '../../src/store/index.js';
import { RECORD_TYPES, type Store } from '../../src/store/store.js';
import { runSync, type SyncOptions, type SyncSummary } from '../../src/sync/run.js';

export async function sandboxPortal(
  options: { scale?: 'tiny' | 'small'; seed?: number; faults?: string; burst?: number } = {},
): Promise<RunningSandbox> {
  const { advancePortal } = await import('../../sandbox/generator/index.js');
  return startSandbox({
    portal: generatePortal({ seed: options.seed ?? 7, scale: options.scale ?? 'tiny' }),
    seed: options.seed ?? 7,
    advance: advancePortal,
    log: () => undefined,
    ...(options.burst === undefined ? {} : { limits: { burst: options.burst } }),
    ...(options.faults === undefined ? {} : { faults: options.faults }),
  });
}

export async function syncOnce(
  sb: { baseUrl: string; accessToken: string },
  store: Store,
  extra: Partial<Omit<SyncOptions, 'store' | 'portalId' | 'readers' | 'apiStats' | 'rules'>> & {
    burst?: number;
  } = {},
): Promise<SyncSummary> {
  const { burst, ...rest } = extra;
  const limits = {
    ...limitsFor('private', 'professional'),
    ...(burst === undefined ? {} : { burst }),
  };
  const conn = await connectPortal({
    baseUrl: sb.baseUrl,
    tokens: staticToken(sb.accessToken),
    appType: 'private',
    limits,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
  });
  return runSync({
    store,
    portalId: conn.portalId,
    readers: conn.readers,
    apiStats: () => conn.api.stats(),
    rules: portalClassifier(),
    ...rest,
  });
}

/** Everything a sync writes for one portal, in a canonical order (sync timestamps excluded). */
export async function dumpStore(store: Store, portalId: number): Promise<unknown> {
  const records: Record<string, [string, string, boolean][]> = {};
  const ids: Record<string, string[]> = {};
  for (const type of RECORD_TYPES) {
    const rows: [string, string, boolean][] = [];
    for await (const page of store.iterateRecords(portalId, type, {
      includeArchived: true,
      pageSize: 5000,
    }))
      for (const r of page) rows.push([r.id, r.contentHash, r.archived]);
    records[type] = rows;
    ids[type] = rows.map((r) => r[0]);
  }
  const pairs: Record<string, string[]> = {};
  for (const [from, to] of [
    ['deals', 'contacts'],
    ['deals', 'companies'],
    ['contacts', 'companies'],
    ['calls', 'contacts'],
    ['meetings', 'deals'],
    ['emails', 'contacts'],
    ['communications', 'contacts'],
  ] as const) {
    const list = await store.associationsOf(portalId, from, ids[from] ?? [], to);
    pairs[`${from}>${to}`] = list
      .map((p) => `${p.fromId}>${p.toId}:${[...p.typeIds].sort().join(',')}`)
      .sort();
  }
  const touches = await store.touchpointsForContacts(portalId, ids['contacts'] ?? []);
  const merges = await store.resolveIds(portalId, 'contacts', ids['contacts'] ?? []);
  return {
    records,
    pairs,
    // Canonical JSON: PostgreSQL's jsonb does not keep key order.
    touchpoints: touches.map((t) => canonicalJson(t)).sort(),
    merges: [...merges].filter(([a, b]) => a !== b).sort(),
  };
}
