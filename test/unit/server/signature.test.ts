import { describe, expect, it } from 'vitest';
import {
  MAX_SIGNATURE_AGE_MS,
  signV1,
  signV2,
  signV3,
  v3Uri,
  verifyHubSpotSignature,
  verifyLegacy,
  verifyV3,
  type SignedRequest,
} from '../../../src/hubspot/signature.js';
import * as sandbox from '../../../sandbox/server/signature.js';

// HUBSPOT.md §3 and HubSpot's request-validation docs.
const V3 = {
  secret: 'test-secret',
  req: {
    method: 'POST',
    url: 'https://example.com/hooks?portalId=123&x=a%3Ab',
    body: Buffer.from('[{"eventId":1}]'),
  },
  ts: '1700000000000',
  signature: '9AdjRr2Q5UpZfpOIKaSER0He11h2pX+DdvXdO5bHYTU=',
};
const DOCS_SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const V1_BODY =
  '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';

describe('signing', () => {
  it('reproduces the documented v3, v2 and v1 vectors', () => {
    expect(signV3(V3.secret, V3.req, V3.ts)).toBe(V3.signature);
    expect(
      signV2(DOCS_SECRET, {
        method: 'GET',
        url: 'https://www.example.com/webhook_uri',
        body: Buffer.alloc(0),
      }),
    ).toBe('eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e');
    expect(signV1(DOCS_SECRET, Buffer.from(V1_BODY))).toBe(
      '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
    );
  });

  it('decodes only the listed escapes in the v3 URI', () => {
    expect(v3Uri('https://h/p%3Fq?a=%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B')).toBe(
      "https://h/p?q?a=:/?@!$'()*,;",
    );
    // Spaces, plus, percent, ampersand, equals and non-ASCII stay escaped.
    const kept = 'https://h/p?a=%20%2B%25%26%3D%C3%A9';
    expect(v3Uri(kept)).toBe(kept);
  });

  it('agrees with the sandbox signer on arbitrary requests', () => {
    const urls = [
      'https://api.example.com/api/v1/deals/512/attribution?portalId=62515&model=linear',
      'https://api.example.com/webhooks/hubspot?x=%28a%29%20b%2Cc&userEmail=a%40b.test',
    ];
    for (const url of urls) {
      const body = '{"name":"Zoë","weights":[30,70]}';
      const ts = 1_717_171_717_171;
      expect(signV3('s3cr3t', { method: 'PUT', url, body: Buffer.from(body) }, String(ts))).toBe(
        sandbox.signV3('s3cr3t', 'PUT', url, body, ts),
      );
      expect(signV1('s3cr3t', Buffer.from(body))).toBe(sandbox.signV1('s3cr3t', body));
    }
  });
});

describe('verifyV3', () => {
  const now = Number(V3.ts);
  const verify = (
    over: Partial<{ req: SignedRequest; signature: string | undefined; ts: string | undefined }>,
    at = now,
  ) =>
    verifyV3(
      V3.secret,
      over.req ?? V3.req,
      'signature' in over ? over.signature : V3.signature,
      'ts' in over ? over.ts : V3.ts,
      at,
    );

  it('accepts the valid signature anywhere inside the 5-minute window, both ways', () => {
    expect(verify({})).toEqual({ ok: true, value: undefined });
    expect(verify({}, now + MAX_SIGNATURE_AGE_MS).ok).toBe(true);
    expect(verify({}, now - MAX_SIGNATURE_AGE_MS).ok).toBe(true);
  });

  it('rejects stale and future timestamps even when the signature matches', () => {
    expect(verify({}, now + MAX_SIGNATURE_AGE_MS + 1)).toMatchObject({
      ok: false,
      error: 'stale_timestamp',
    });
    expect(verify({}, now - MAX_SIGNATURE_AGE_MS - 1)).toMatchObject({
      ok: false,
      error: 'future_timestamp',
    });
  });

  it('rejects missing or malformed headers', () => {
    expect(verify({ signature: undefined })).toMatchObject({ error: 'missing_signature' });
    expect(verify({ signature: '' })).toMatchObject({ error: 'missing_signature' });
    expect(verify({ ts: undefined })).toMatchObject({ error: 'bad_timestamp' });
    expect(verify({ ts: '1.7e12' })).toMatchObject({ error: 'bad_timestamp' });
  });

  it('rejects any change to method, URL, body, timestamp or signature', () => {
    const changed: SignedRequest[] = [
      { ...V3.req, method: 'PUT' },
      { ...V3.req, url: V3.req.url.replace('portalId=123', 'portalId=124') },
      { ...V3.req, url: V3.req.url.replace('https:', 'http:') },
      { ...V3.req, body: Buffer.from('[{"eventId":2}]') },
      { ...V3.req, body: Buffer.concat([V3.req.body, Buffer.from(' ')]) },
    ];
    for (const req of changed) expect(verify({ req })).toMatchObject({ error: 'bad_signature' });
    expect(verify({ ts: String(now + 1) })).toMatchObject({ error: 'bad_signature' });
    expect(verify({ signature: V3.signature.slice(0, -2) + 'A=' })).toMatchObject({
      error: 'bad_signature',
    });
    expect(verify({ signature: 'short' })).toMatchObject({ error: 'bad_signature' });
    expect(verifyV3('other-secret', V3.req, V3.signature, V3.ts, now)).toMatchObject({
      error: 'bad_signature',
    });
  });
});

describe('legacy fallback', () => {
  const req: SignedRequest = {
    method: 'POST',
    url: 'https://h/webhooks/hubspot',
    body: Buffer.from(V1_BODY),
  };

  it('verifies v1 and v2 as the version header names them, hex in either case', () => {
    const v1 = signV1(DOCS_SECRET, req.body);
    const v2 = signV2(DOCS_SECRET, req);
    expect(verifyLegacy(DOCS_SECRET, req, 'v1', v1).ok).toBe(true);
    expect(verifyLegacy(DOCS_SECRET, req, 'V1', v1.toUpperCase()).ok).toBe(true);
    expect(verifyLegacy(DOCS_SECRET, req, 'v2', v2).ok).toBe(true);
    expect(verifyLegacy(DOCS_SECRET, req, 'v2', v1)).toMatchObject({ error: 'bad_signature' });
    expect(verifyLegacy(DOCS_SECRET, req, undefined, v1)).toMatchObject({
      error: 'unsupported_version',
    });
    expect(verifyLegacy(DOCS_SECRET, req, 'v1', undefined)).toMatchObject({
      error: 'missing_signature',
    });
  });

  it('is used only when allowed and only when the request carries no v3', () => {
    const headers = {
      'x-hubspot-signature': signV1(DOCS_SECRET, req.body),
      'x-hubspot-signature-version': 'v1',
    };
    expect(verifyHubSpotSignature(DOCS_SECRET, req, headers, { now: 0 })).toMatchObject({
      error: 'missing_signature',
    });
    expect(
      verifyHubSpotSignature(DOCS_SECRET, req, headers, { now: 0, allowLegacy: true }).ok,
    ).toBe(true);
    // A present but wrong v3 is not rescued by a valid v1.
    expect(
      verifyHubSpotSignature(
        DOCS_SECRET,
        req,
        { ...headers, 'x-hubspot-signature-v3': 'bogus', 'x-hubspot-request-timestamp': '5' },
        { now: 5, allowLegacy: true },
      ),
    ).toMatchObject({ error: 'bad_signature' });
  });
});
