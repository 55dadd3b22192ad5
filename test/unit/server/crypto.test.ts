import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveKey, open, seal } from '../../../src/security/crypto.js';
import { openRefreshToken, sealRefreshToken } from '../../../src/security/refresh-token.js';

const KEY = randomBytes(32);
const TOKEN = 'na1-4f2c-7d1e0b8a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

/** Flips one bit of the sealed blob at `byte` (0 = first IV byte). */
function flip(sealed: string, byte: number): string {
  const [version, body] = sealed.split('.') as [string, string];
  const blob = Buffer.from(body, 'base64url');
  blob[byte]! ^= 0x01;
  return `${version}.${blob.toString('base64url')}`;
}

describe('seal / open (AES-256-GCM)', () => {
  it('round-trips, in a versioned format that never contains the plaintext', () => {
    const sealed = seal(KEY, TOKEN, 'ctx');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('na1-');
    expect(open(KEY, sealed, 'ctx')).toEqual({ ok: true, value: TOKEN });
    expect(open(KEY, seal(KEY, '', 'ctx'), 'ctx')).toEqual({ ok: true, value: '' });
  });

  it('uses a fresh IV each time: the same plaintext seals differently', () => {
    const a = seal(KEY, TOKEN, 'ctx');
    const b = seal(KEY, TOKEN, 'ctx');
    expect(a).not.toBe(b);
    expect(Buffer.from(a.slice(3), 'base64url').subarray(0, 12)).not.toEqual(
      Buffer.from(b.slice(3), 'base64url').subarray(0, 12),
    );
  });

  it('detects tampering with the IV, the tag or the ciphertext', () => {
    const sealed = seal(KEY, TOKEN, 'ctx');
    const length = Buffer.from(sealed.slice(3), 'base64url').length;
    for (const byte of [0, 11, 12, 27, 28, length - 1]) {
      expect(open(KEY, flip(sealed, byte), 'ctx'), `byte ${byte}`).toMatchObject({
        ok: false,
        error: 'tampered',
      });
    }
  });

  it('refuses another key, another context and truncated or foreign values', () => {
    const sealed = seal(KEY, TOKEN, 'ctx');
    expect(open(randomBytes(32), sealed, 'ctx')).toMatchObject({ error: 'tampered' });
    expect(open(KEY, sealed, 'ctx2')).toMatchObject({ error: 'tampered' });
    expect(open(KEY, sealed.slice(0, 20), 'ctx')).toMatchObject({ error: 'bad_format' });
    expect(open(KEY, TOKEN, 'ctx')).toMatchObject({ error: 'bad_format' });
    expect(open(KEY, 'v1.not*base64', 'ctx')).toMatchObject({ error: 'bad_format' });
    expect(open(KEY, `v9.${sealed.slice(3)}`, 'ctx')).toMatchObject({
      error: 'unsupported_version',
    });
  });

  it('insists on a 32-byte key', () => {
    expect(() => seal(randomBytes(16), TOKEN, 'ctx')).toThrow(/32 bytes/);
  });

  it('derives distinct, stable subkeys per purpose', () => {
    expect(deriveKey(KEY, 'a')).toEqual(deriveKey(KEY, 'a'));
    expect(deriveKey(KEY, 'a')).not.toEqual(deriveKey(KEY, 'b'));
    expect(deriveKey(KEY, 'a')).not.toEqual(KEY);
  });
});

describe('refresh tokens', () => {
  it('open only for the portal they were sealed for', () => {
    const sealed = sealRefreshToken(KEY, 62515, TOKEN);
    expect(openRefreshToken(KEY, 62515, sealed)).toEqual({ ok: true, value: TOKEN });
    expect(openRefreshToken(KEY, 62516, sealed)).toMatchObject({ ok: false, error: 'tampered' });
  });
});
