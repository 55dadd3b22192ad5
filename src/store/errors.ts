// Store faults. Expected outcomes (a stale checkpoint, a settings race) are Result values; everything
// here is thrown: a caller bug (invalid input) or a database fault, always with the cause attached.

export type StoreErrorCode = 'invalid_input' | 'database' | 'corrupt_data';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;
  /** For invalid input: the path of the offending field ("records[3].id"). */
  readonly field: string | undefined;

  constructor(
    message: string,
    options: { code?: StoreErrorCode; field?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'database';
    this.field = options.field;
  }
}

export const invalidInput = (field: string, message: string): StoreError =>
  new StoreError(`invalid input: ${field}: ${message}`, { code: 'invalid_input', field });

/** Runs one store operation, turning any non-StoreError into a StoreError naming the operation. */
export async function guard<T>(what: string, portalId: number, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof StoreError) throw e;
    throw new StoreError(`${what} failed, portal ${portalId}`, { cause: e });
  }
}
