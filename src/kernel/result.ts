// Expected failures are values (STYLE.md §4); the unexpected is thrown with `cause`.

export type Result<T, E extends string = string> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E; readonly message: string };

export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });

export const err = <E extends string>(
  error: E,
  message: string,
): { readonly ok: false; readonly error: E; readonly message: string } => ({
  ok: false,
  error,
  message,
});

/** The payload-free success, shared: hot paths (one call per deal and model) return it. */
export const DONE: { readonly ok: true; readonly value: undefined } = Object.freeze(ok(undefined));
