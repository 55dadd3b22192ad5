// GET /account-info/v3/details: the portal's id, time zone and currency as HubSpot reports them.

import { Router } from 'express';
import type { Deps } from './deps.js';
import { send } from './errors.js';

/** The zone's UTC offset at `at`, as HubSpot's `utcOffset` ("-05:00") and in ms. */
function offsetOf(timeZone: string, at: number): { text: string; ms: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(parts ?? '');
  if (!m) return { text: '+00:00', ms: 0 };
  const sign = m[1] === '-' ? -1 : 1;
  return { text: `${m[1]}${m[2]}:${m[3]}`, ms: sign * (Number(m[2]) * 60 + Number(m[3])) * 60_000 };
}

export function accountRoutes(deps: Deps): Router {
  const r = Router();
  const portal = deps.ctx.config.portal;
  r.get('/account-info/v3/details', ...deps.guards.api(() => []), (_req, res) => {
    const offset = offsetOf(portal.timeZone, portal.now);
    send(res, 200, {
      portalId: portal.portalId,
      accountType: 'STANDARD',
      timeZone: portal.timeZone,
      companyCurrency: portal.currency,
      additionalCurrencies: [],
      utcOffset: offset.text,
      utcOffsetMilliseconds: offset.ms,
      uiDomain: 'app.hubspot.com',
      dataHostingLocation: 'na1',
    });
  });
  return r;
}
