// Secrets at rest: AES-256-GCM with a random 96-bit IV per message and its 128-bit auth tag, in a
// versioned text format so the scheme or key can change without guessing how old rows were made:
//
//   v1.<base64url(iv ‖ tag ‖ ciphertext)>
//
// `context` is bound as additional authenticated data (e.g. the portal id), so a ciphertext copied
// to another row fails to open instead of decrypting there.

import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { err, ok, type Result } from '../kernel/index.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type OpenFailure = 'bad_format' | 'unsupported_version' | 'tampered';

function checkKey(key: Buffer): void {
  if (key.length !== 32) throw new Error(`encryption key: expected 32 bytes, got ${key.length}`);
}

export function seal(key: Buffer, plaintext: string, context: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const blob = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  return `${VERSION}.${blob.toString('base64url')}`;
}

export function open(key: Buffer, sealed: string, context: string): Result<string, OpenFailure> {
  checkKey(key);
  const dot = sealed.indexOf('.');
  if (dot < 0) return err('bad_format', 'not a sealed value (no version prefix)');
  const version = sealed.slice(0, dot);
  if (version !== VERSION) {
    return err('unsupported_version', `sealed with unknown version "${version}"`);
  }
  const body = sealed.slice(dot + 1);
  if (!/^[A-Za-z0-9_-]*$/.test(body)) return err('bad_format', 'sealed value is not base64url');
  const blob = Buffer.from(body, 'base64url');
  if (blob.length < IV_BYTES + TAG_BYTES) return err('bad_format', 'sealed value is too short');
  const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(blob.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    const plain = Buffer.concat([
      decipher.update(blob.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
    return ok(plain.toString('utf8'));
  } catch {
    // GCM's only failure here: the tag does not authenticate key, context, IV and ciphertext.
    return err('tampered', 'sealed value failed authentication (wrong key, context or tampered)');
  }
}

/** A purpose-specific subkey, so one configured key never serves two algorithms directly. */
export function deriveKey(master: Buffer, purpose: string): Buffer {
  checkKey(master);
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), purpose, 32));
}

/** base64url(HMAC-SHA256(key, data)). */
export const mac = (key: Buffer, data: string): string =>
  createHmac('sha256', key).update(data).digest('base64url');
