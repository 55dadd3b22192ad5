// Interns names given as UTF-8 byte ranges of a larger buffer (the path-file scanner's channel
// names): a repeated name is found by hash and a byte comparison, without decoding or allocating;
// only a name seen for the first time is decoded to a string.

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** FNV-1a of bytes s[a .. b). */
export function fnv1a(s: Uint8Array, a: number, b: number): number {
  let h = FNV_OFFSET;
  for (let i = a; i < b; i++) h = Math.imul(h ^ s[i]!, FNV_PRIME);
  return h;
}

export class ByteInterner {
  private readonly names: string[] = [];
  // Open addressing: slot → entry (−1 empty); entry → its bytes pool[starts[e] .. starts[e + 1]).
  private table = new Int32Array(256).fill(-1);
  private pool = new Uint8Array(4096);
  private poolUsed = 0;
  private starts = new Int32Array(128);
  private hashes = new Int32Array(128);

  get size(): number {
    return this.names.length;
  }

  name(entry: number): string {
    const name = this.names[entry];
    if (name === undefined) throw new RangeError(`ByteInterner: no entry ${entry}`);
    return name;
  }

  /** The entry (0, 1, … in order of first sight) of bytes s[a .. b), −1 if they are not UTF-8. */
  intern(s: Uint8Array, a: number, b: number, hash = fnv1a(s, a, b)): number {
    const h = hash ^ (hash >>> 15);
    const table = this.table;
    const mask = table.length - 1;
    let slot = h & mask;
    for (;;) {
      const e = table[slot]!;
      if (e < 0) return this.add(s, a, b, h, slot);
      if (this.hashes[e] === h && this.same(e, s, a, b)) return e;
      slot = (slot + 1) & mask;
    }
  }

  /** A name seen for the first time: decoded, stored in `slot`, the table grown if need be. */
  private add(s: Uint8Array, a: number, b: number, h: number, slot: number): number {
    let name: string;
    try {
      name = utf8.decode(s.subarray(a, b));
    } catch {
      return -1;
    }
    const e = this.names.length;
    this.names.push(name);
    if (e + 1 >= this.hashes.length) {
      this.starts = grow(this.starts);
      this.hashes = grow(this.hashes);
    }
    while (this.poolUsed + (b - a) > this.pool.length) {
      const pool = new Uint8Array(this.pool.length * 2);
      pool.set(this.pool);
      this.pool = pool;
    }
    this.pool.set(s.subarray(a, b), this.poolUsed);
    this.starts[e] = this.poolUsed;
    this.poolUsed += b - a;
    this.starts[e + 1] = this.poolUsed;
    this.hashes[e] = h;
    if ((e + 1) * 2 > this.table.length) {
      this.table = new Int32Array(this.table.length * 2).fill(-1);
      const mask = this.table.length - 1;
      for (let i = 0; i <= e; i++) {
        let at = this.hashes[i]! & mask;
        while (this.table[at]! >= 0) at = (at + 1) & mask;
        this.table[at] = i;
      }
    } else this.table[slot] = e;
    return e;
  }

  private same(entry: number, s: Uint8Array, a: number, b: number): boolean {
    const from = this.starts[entry]!;
    if (this.starts[entry + 1]! - from !== b - a) return false;
    const pool = this.pool;
    for (let i = a; i < b; i++) if (pool[from + i - a] !== s[i]) return false;
    return true;
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
