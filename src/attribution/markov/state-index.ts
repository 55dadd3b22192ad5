// Interning of k-gram tuples into provisional integer state ids, in one pass over the paths.
//
// A tuple of length ≤ k over C channels is the number Σ (t_i + 1)·(C + 1)^i: distinct tuples
// (including shorter ones, whose missing digits are 0) get distinct codes. Small code spaces use a
// direct table, larger ones a Map; codes beyond 2^53 (absurd channel counts) fall back to strings.

const DENSE_LIMIT = 1 << 24;

export class StateIndex {
  /** Provisional id → tuple (stride k) and tuple length. */
  tuples: Int32Array;
  lengths: Uint8Array;
  size = 0;
  private readonly base: number;
  private readonly dense: Int32Array | undefined;
  private readonly sparse = new Map<number | string, number>();
  /** Codes are numbers (the code space fits below 2^53); otherwise strings. */
  readonly exact: boolean;

  constructor(
    channelCount: number,
    private readonly k: number,
  ) {
    this.base = channelCount + 1;
    const space = this.base ** k;
    this.dense = space <= DENSE_LIMIT ? new Int32Array(space).fill(-1) : undefined;
    this.exact = space <= Number.MAX_SAFE_INTEGER;
    this.tuples = new Int32Array(1024 * k);
    this.lengths = new Uint8Array(1024);
  }

  /** Code of steps[start .. start + len) (len ≤ k); equal codes ⇔ equal tuples. */
  code(steps: Int32Array, start: number, len: number): number | string {
    if (!this.exact) return Array.from(steps.subarray(start, start + len)).join(',');
    let code = 0;
    let scale = 1;
    for (let i = 0; i < len; i++) {
      code += (steps[start + i]! + 1) * scale;
      scale *= this.base;
    }
    return code;
  }

  /** Provisional id of the tuple steps[start .. start + len) with code `code`, interned on first use. */
  id(code: number | string, steps: Int32Array, start: number, len: number): number {
    if (this.dense && typeof code === 'number') {
      const found = this.dense[code]!;
      if (found >= 0) return found;
      const id = this.add(steps, start, len);
      this.dense[code] = id;
      return id;
    }
    const found = this.sparse.get(code);
    if (found !== undefined) return found;
    const id = this.add(steps, start, len);
    this.sparse.set(code, id);
    return id;
  }

  /** Provisional id of the tuple with code `code`, or −1 if it was never interned. */
  find(code: number | string): number {
    if (this.dense && typeof code === 'number') return this.dense[code]!;
    return this.sparse.get(code) ?? -1;
  }

  private add(steps: Int32Array, start: number, len: number): number {
    const id = this.size++;
    if (id >= this.lengths.length) {
      const tuples = new Int32Array(this.tuples.length * 2);
      tuples.set(this.tuples);
      this.tuples = tuples;
      const lengths = new Uint8Array(this.lengths.length * 2);
      lengths.set(this.lengths);
      this.lengths = lengths;
    }
    for (let i = 0; i < len; i++) this.tuples[id * this.k + i] = steps[start + i]!;
    this.lengths[id] = len;
    return id;
  }
}
