// Shared by the store contract's files.

import { expect } from 'vitest';
import { StoreError } from '../../../src/store/index.js';

/** Expects `promise` to reject with an invalid-input StoreError naming `field`. */
export async function expectInvalid(promise: Promise<unknown>, field: string): Promise<void> {
  const e: unknown = await promise.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(StoreError);
  expect((e as StoreError).code).toBe('invalid_input');
  expect((e as StoreError).field).toBe(field);
}
