// A small hand-built portal for sandbox tests (the generator is tested on its own).

import { Client } from '@hubspot/api-client';
import {
  associate,
  createPortal,
  createRecord,
  updateRecord,
  type Portal,
  type Tier,
} from '../../../sandbox/portal.js';
import { installStandardSchema } from '../../../sandbox/schema.js';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox/index.js';

export const T0 = Date.parse('2025-01-01T00:00:00.000Z');
const DAY = 86_400_000;

/** `contacts` contacts, one company, deals each linked to two contacts and the company. */
export function smallPortal(opts: { contacts?: number; deals?: number; tier?: Tier } = {}): Portal {
  const portal = createPortal({ portalId: 4242, tier: opts.tier ?? 'professional', now: T0 });
  installStandardSchema(portal);
  const company = createRecord(portal, 'companies', { name: 'Acme', domain: 'acme.test' }, T0);
  const contacts = Array.from({ length: opts.contacts ?? 30 }, (_, i) =>
    createRecord(
      portal,
      'contacts',
      {
        email: `c${i}@acme.test`,
        firstname: `First${i}`,
        lastname: i % 2 === 0 ? 'Even' : 'Odd',
        lifecyclestage: 'lead',
        hs_analytics_source: i % 3 === 0 ? 'PAID_SEARCH' : 'ORGANIC_SEARCH',
      },
      T0 + i * DAY,
    ),
  );
  for (const c of contacts.slice(0, 5))
    updateRecord(portal, 'contacts', c, { lifecyclestage: 'customer' }, T0 + 100 * DAY, 'CRM_UI');
  for (let d = 0; d < (opts.deals ?? 5); d++) {
    const deal = createRecord(
      portal,
      'deals',
      {
        dealname: `Deal ${d}`,
        amount: String(1000 * (d + 1)),
        dealstage: 'qualifiedtobuy',
        pipeline: 'default',
      },
      T0 + d * DAY,
    );
    for (const c of contacts.slice(d * 2, d * 2 + 2))
      associate(
        portal,
        { type: 'deals', id: deal.id },
        { type: 'contacts', id: c.id },
        { forward: [3], reverse: [4] },
      );
    associate(
      portal,
      { type: 'deals', id: deal.id },
      { type: 'companies', id: company.id },
      { forward: [5, 341], reverse: [6, 342] },
    );
  }
  return portal;
}

export interface Running extends RunningSandbox {
  readonly client: Client;
}

/** A sandbox on an ephemeral port plus an SDK client pointed at it. */
export async function start(opts: SandboxOptions = {}): Promise<Running> {
  const sb = await startSandbox({
    log: () => undefined,
    ...opts,
    portal: opts.portal ?? smallPortal(),
  });
  const client = new Client({ accessToken: sb.accessToken, basePath: sb.baseUrl });
  return { ...sb, client, close: () => sb.close() };
}
