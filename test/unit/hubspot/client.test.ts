import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { HubSpotError } from '../../../src/hubspot/api.js';
import { BASE, JSON_HEADERS, testApi, useNock } from './nock-api.js';

useNock();

const TEN_SECONDLY = {
  status: 'error',
  message: 'You have reached your ten_secondly_rolling limit.',
  errorType: 'RATE_LIMIT',
  correlationId: 'c-1',
  policyName: 'TEN_SECONDLY_ROLLING',
};
const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body>\r\n</html>\r\n';

const caught = async (p: Promise<unknown>): Promise<HubSpotError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof HubSpotError) return e;
    throw e;
  }
  throw new Error('expected a HubSpotError');
};

describe('requests', () => {
  it('sends the bearer token and comma-joined query, drops undefined values, parses JSON', async () => {
    nock(BASE, { reqheaders: { authorization: 'Bearer pat-test' } })
      .get('/crm/v3/objects/deals')
      .query({ limit: '100', properties: 'amount,dealstage', archived: 'false' })
      .reply(200, { results: [] }, JSON_HEADERS);
    const { api } = testApi();
    const res = await api.request({
      method: 'GET',
      path: '/crm/v3/objects/deals',
      query: { limit: 100, properties: ['amount', 'dealstage'], archived: false, after: undefined },
      label: 'deals',
    });
    expect(res).toMatchObject({ status: 200, body: { results: [] } });
    expect(res.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(api.stats()).toEqual({ calls: 1, rateLimited: 0, retries: 0, byLabel: { deals: 1 } });
  });

  it('sends JSON bodies and accepts 207 only when it is expected', async () => {
    const scope = nock(BASE)
      .post('/crm/v3/objects/deals/batch/read', { inputs: [{ id: '1' }] })
      .twice()
      .reply(207, { status: 'COMPLETE', results: [] }, JSON_HEADERS);
    const { api } = testApi();
    const req = {
      method: 'POST' as const,
      path: '/crm/v3/objects/deals/batch/read',
      body: { inputs: [{ id: '1' }] },
    };
    expect((await api.request({ ...req, expect: [200, 207] })).status).toBe(207);
    expect((await caught(api.request(req))).kind).toBe('malformed_response');
    scope.done();
  });

  it('treats an empty 204 body as null', async () => {
    nock(BASE).delete('/crm/v3/objects/deals/1').reply(204);
    const { api } = testApi();
    const res = await api.request({
      method: 'DELETE',
      path: '/crm/v3/objects/deals/1',
      expect: [204],
    });
    expect(res.body).toBeNull();
  });

  it('reports a 2xx body that is not JSON as malformed_response', async () => {
    nock(BASE).get('/x').reply(200, '<html>ok</html>', { 'Content-Type': 'text/html' });
    const { api } = testApi();
    expect(await caught(api.request({ method: 'GET', path: '/x' }))).toMatchObject({
      kind: 'malformed_response',
      details: { status: 200 },
    });
  });

  it('rejects a request without a leading slash, naming the field', async () => {
    const { api } = testApi();
    await expect(api.request({ method: 'GET', path: 'crm/v3' })).rejects.toThrow(/request\.path/);
  });

  it('validates its options, naming the field', () => {
    expect(() => testApi({ concurrency: 0 })).toThrow(/hubspot\.concurrency/);
    expect(() => testApi({ baseUrl: 'ftp://x' })).toThrow(/hubspot\.baseUrl/);
  });
});

describe('429 policies', () => {
  it('retries TEN_SECONDLY_ROLLING with backoff and counts it', async () => {
    nock(BASE)
      .get('/x')
      .reply(429, TEN_SECONDLY, JSON_HEADERS)
      .get('/x')
      .reply(429, TEN_SECONDLY, JSON_HEADERS)
      .get('/x')
      .reply(200, { ok: true }, JSON_HEADERS);
    const { api, waits, logs } = testApi();
    expect((await api.request({ method: 'GET', path: '/x' })).body).toEqual({ ok: true });
    // Full jitter with random() = 0.5: half of 500 ms, then half of 1 000 ms.
    expect(waits).toEqual([250, 500]);
    expect(api.stats()).toMatchObject({ calls: 3, rateLimited: 2, retries: 2 });
    expect(logs.filter((l) => l.event === 'hubspot_retry')).toHaveLength(2);
  });

  it('honours Retry-After in seconds', async () => {
    nock(BASE)
      .get('/x')
      .reply(429, TEN_SECONDLY, { ...JSON_HEADERS, 'Retry-After': '3' })
      .get('/x')
      .reply(200, {}, JSON_HEADERS);
    const { api, waits } = testApi();
    await api.request({ method: 'GET', path: '/x' });
    expect(waits).toEqual([3_000]);
  });

  it('never retries DAILY', async () => {
    nock(BASE)
      .get('/x')
      .reply(
        429,
        { ...TEN_SECONDLY, message: 'You have reached your daily limit.', policyName: 'DAILY' },
        JSON_HEADERS,
      );
    const { api, waits } = testApi();
    expect((await caught(api.request({ method: 'GET', path: '/x' }))).kind).toBe('daily_limit');
    expect(waits).toEqual([]);
    expect(api.stats()).toMatchObject({ calls: 1, rateLimited: 1, retries: 0 });
  });

  it('retries the secondly search limit (no policyName) on the search budget', async () => {
    nock(BASE)
      .post('/crm/v3/objects/deals/search')
      .reply(
        429,
        {
          status: 'error',
          message: 'You have reached your secondly limit.',
          errorType: 'RATE_LIMIT',
        },
        JSON_HEADERS,
      )
      .post('/crm/v3/objects/deals/search')
      .reply(200, { total: 0, results: [] }, JSON_HEADERS);
    const { api } = testApi();
    const res = await api.request({
      method: 'POST',
      path: '/crm/v3/objects/deals/search',
      kind: 'search',
      body: {},
    });
    expect(res.body).toEqual({ total: 0, results: [] });
    expect(api.stats()).toMatchObject({ rateLimited: 1, retries: 1 });
  });

  it('gives up with rate_limited after the configured attempts', async () => {
    nock(BASE).get('/x').times(3).reply(429, TEN_SECONDLY, JSON_HEADERS);
    const { api, waits } = testApi({ retry: { maxAttempts: 3 } });
    expect(await caught(api.request({ method: 'GET', path: '/x' }))).toMatchObject({
      kind: 'rate_limited',
      details: { status: 429 },
    });
    expect(waits).toHaveLength(2);
  });
});

describe('server and network failures', () => {
  it('retries 5xx with HubSpot’s HTML 502 page, 503 and 423', async () => {
    nock(BASE)
      .get('/x')
      .reply(502, HTML_502, { 'Content-Type': 'text/html' })
      .get('/x')
      .reply(503, { status: 'error', category: 'SERVICE_UNAVAILABLE' }, JSON_HEADERS)
      .get('/x')
      .reply(423, { status: 'error' }, { ...JSON_HEADERS, 'Retry-After': '1' })
      .get('/x')
      .reply(200, { ok: 1 }, JSON_HEADERS);
    const { api, waits } = testApi();
    expect((await api.request({ method: 'GET', path: '/x' })).body).toEqual({ ok: 1 });
    expect(waits).toEqual([250, 500, 1_000]);
  });

  it('ends with kind server when 5xx persists', async () => {
    nock(BASE).get('/x').times(2).reply(502, HTML_502, { 'Content-Type': 'text/html' });
    const { api } = testApi({ retry: { maxAttempts: 2 } });
    expect(await caught(api.request({ method: 'GET', path: '/x' }))).toMatchObject({
      kind: 'server',
      details: { status: 502 },
    });
  });

  it('retries a reset connection (socket hang up)', async () => {
    nock(BASE)
      .get('/x')
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
      .get('/x')
      .reply(200, { ok: 1 }, JSON_HEADERS);
    const { api } = testApi();
    expect((await api.request({ method: 'GET', path: '/x' })).body).toEqual({ ok: 1 });
    expect(api.stats()).toMatchObject({ calls: 2, retries: 1 });
  });

  it('ends with kind network when the connection keeps failing', async () => {
    nock(BASE)
      .get('/x')
      .times(2)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const { api } = testApi({ retry: { maxAttempts: 2 } });
    const e = await caught(api.request({ method: 'GET', path: '/x' }));
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/socket hang up/);
  });

  it('times out a slow answer and retries it', async () => {
    nock(BASE).get('/x').delay(500).reply(200, { slow: 1 }, JSON_HEADERS);
    nock(BASE).get('/x').reply(200, { ok: 1 }, JSON_HEADERS);
    const { api } = testApi({ timeoutMs: 50 });
    expect((await api.request({ method: 'GET', path: '/x' })).body).toEqual({ ok: 1 });
    expect(api.stats()).toMatchObject({ calls: 2, retries: 1 });
  });
});

describe('classified errors', () => {
  const cases = [
    [
      404,
      { status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Object not found.' },
      'not_found',
    ],
    [
      400,
      { status: 'error', category: 'VALIDATION_ERROR', message: 'Property values were not valid' },
      'validation',
    ],
    [
      409,
      { status: 'error', category: 'CONFLICT', message: 'Contact already exists.' },
      'conflict',
    ],
    [
      401,
      {
        status: 'error',
        category: 'INVALID_AUTHENTICATION',
        message: 'Authentication credentials not found.',
      },
      'needs_reconnect',
    ],
  ] as const;
  it.each(cases)('%i %o → %s, not retried', async (status, body, kind) => {
    nock(BASE).get('/x').reply(status, body, JSON_HEADERS);
    const { api, waits } = testApi();
    const e = await caught(api.request({ method: 'GET', path: '/x' }));
    expect(e).toMatchObject({ kind, details: { status, category: body.category } });
    expect(waits).toEqual([]);
  });

  it('403 MISSING_SCOPES names the required scopes', async () => {
    nock(BASE)
      .get('/x')
      .reply(
        403,
        {
          status: 'error',
          message: "This app hasn't been granted all required scopes to make this call.",
          correlationId: 'c-9',
          errors: [
            {
              message: 'One or more of the following scopes are required.',
              context: { requiredGranularScopes: ['crm.objects.deals.read'] },
            },
          ],
          category: 'MISSING_SCOPES',
        },
        JSON_HEADERS,
      );
    const { api } = testApi();
    const e = await caught(api.request({ method: 'GET', path: '/x' }));
    expect(e).toMatchObject({
      kind: 'missing_scope',
      details: { scopes: ['crm.objects.deals.read'], correlationId: 'c-9' },
    });
    expect(e.message).toContain('crm.objects.deals.read');
  });
});
