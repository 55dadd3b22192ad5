import { describe, expect, it } from 'vitest';
import { signV1, signV3 } from '../../../../sandbox/server/signature.js';

describe('webhook signatures', () => {
  it('matches the HUBSPOT.md v3 test vector', () => {
    expect(
      signV3(
        'test-secret',
        'POST',
        'https://example.com/hooks?portalId=123&x=a%3Ab',
        '[{"eventId":1}]',
        1700000000000,
      ),
    ).toBe('9AdjRr2Q5UpZfpOIKaSER0He11h2pX+DdvXdO5bHYTU=');
  });

  it('changes when any signed part changes', () => {
    const base = signV3('s', 'POST', 'https://a/x', '[]', 1);
    expect(signV3('s', 'POST', 'https://a/x', '[]', 2)).not.toBe(base);
    expect(signV3('s', 'POST', 'https://a/y', '[]', 1)).not.toBe(base);
    expect(signV3('t', 'POST', 'https://a/x', '[]', 1)).not.toBe(base);
  });

  it('v1 is hex SHA-256 of secret + body', () => {
    // sha256("abc") — the FIPS 180-2 vector, split as secret "a" + body "bc".
    expect(signV1('a', 'bc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
