// Path-file CSV parser (ATTRIBUTION.md §5): `path,total_conversions,total_conversion_value,total_null`
// with channels joined by `>`, the ChannelAttribution export format.
//
// An analyst's file can hold millions of lines, so this is one pass over the UTF-8 bytes (no
// decode of the whole file, no string, regex or split per line or per touch): unquoted cells, the
// common case, are read in place; a channel name is hashed while it is scanned and looked up in a
// small open-addressing table by hash and bytes, so a name is decoded to a string only the first
// time it is seen; numbers are read digit by digit. Quoted cells (RFC 4180) take a slower path
// that unescapes them first (csv-cells.ts); the header and its separator are read by
// csv-header.ts. Errors name the 1-based physical line on which the offending record starts.

import { ok, type Result } from '../../kernel/index.js';
import { ByteInterner } from './byte-interner.js';
import { readHeader } from './csv-header.js';
import { cellText, Cursor, type PathCsvError, quotedCell } from './csv-cells.js';
import type { PathSet } from './path-set.js';
import { PathSetBuilder } from './path-set-builder.js';

export type { PathCsvError } from './csv-cells.js';

// Byte codes, module-local on purpose: an imported binding is a property read (or a getter call,
// as a TypeScript loader compiles it) in the per-byte loops, a local const is inlined.
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const GT = 62;
const DOT = 46;
const ZERO = 48;
/** A separator that never occurs: used for the content of a quoted cell. */
const NO_SEPARATOR = -2;

// Byte classes inside a path cell: a name byte, blank (trimmed at the ends of a name), or a stop.
const NAME = 0;
const BLANK = 1;
const STOP = 2;

// What a row's cell is: by column index, from the header.
const PATH = 0;
const CONVERSIONS = 1;
const VALUE = 2;
const NULLS = 3;
const SKIP = 4;
/** Column names by kind, for messages (module-local: see the byte codes). */
const COLUMN_NAMES = ['path', 'total_conversions', 'total_conversion_value', 'total_null'];

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** Exact powers of ten: ≤ 15 digits over 10^f is one correctly rounded division (= parseFloat). */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses a path file (UTF-8 bytes or a string) into a canonical PathSet. */
export function parsePathCsv(input: string | Uint8Array): Result<PathSet, PathCsvError> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const scanner = new RowScanner(bytes, bom);
  const columns = readHeader(scanner);
  if (!columns.ok) return columns;
  const { sep, path, conv, value, nul } = columns.value;
  const kinds = new Uint8Array(Math.max(path, conv, value, nul) + 1).fill(SKIP);
  kinds[path] = PATH;
  kinds[conv] = CONVERSIONS;
  if (value >= 0) kinds[value] = VALUE;
  if (nul >= 0) kinds[nul] = NULLS;
  return scanner.rows(sep, kinds, Math.max(path, conv) + 1);
}

class RowScanner extends Cursor {
  private failure: Result<never, PathCsvError> = this.fail('bad_row', 'no failure');
  private readonly builder = new PathSetBuilder();
  private readonly classes = new Uint8Array(256);
  private sep = -1;
  /** Interned entries of the current path, then (for kept rows) the builder's channel ids. */
  private ids = new Int32Array(64);
  private pathLength = 0;
  private number = 0;
  private readonly names = new ByteInterner();
  /** Builder id of each interned name; −1 until a kept row uses it: ignored rows add no channel. */
  private builderIds = new Int32Array(128).fill(-1);

  rows(sep: number, kinds: Uint8Array, required: number): Result<PathSet, PathCsvError> {
    this.sep = sep;
    const { buf, n, classes } = this;
    classes[GT] = classes[LF] = classes[CR] = classes[sep] = STOP;
    classes[SPACE] = classes[TAB] = BLANK;
    const columns = kinds.length;
    while (this.skipBlankLines()) {
      this.recordLine = this.line;
      let field = 0;
      let conversions = 0;
      let nulls = 0;
      let value = 0;
      this.pathLength = 0;
      let pos = this.pos;
      for (;;) {
        const kind = field < columns ? kinds[field]! : SKIP;
        let q = pos;
        let c = -1;
        while (q < n && ((c = buf[q]!) === SPACE || c === TAB)) q++;
        let p: number;
        if (q < n && c === QUOTE) p = this.quoted(q, kind);
        else if (kind === PATH) p = this.scanPath(buf, pos, n, sep);
        else if (kind === SKIP) {
          while (q < n && (c = buf[q]!) !== sep && c !== LF && c !== CR) q++;
          p = q;
        } else p = this.scanNumber(buf, pos, n, sep, COLUMN_NAMES[kind]!);
        if (p < 0) return this.failure;
        if (kind === CONVERSIONS) conversions = this.number;
        else if (kind === VALUE) value = this.number;
        else if (kind === NULLS) nulls = this.number;
        if (p < n && buf[p] === sep) {
          pos = p + 1;
          field++;
        } else {
          pos = p;
          break;
        }
      }
      this.pos = pos;
      this.endOfLine();
      if (field + 1 < required) {
        return this.fail('bad_row', `expected at least ${required} fields, found ${field + 1}`);
      }
      if (conversions === 0 && nulls === 0) continue; // §5: ignored
      const ids = this.ids;
      const length = this.pathLength;
      for (let i = 0; i < length; i++) ids[i] = this.builderId(ids[i]!);
      this.builder.add(ids, length, conversions, nulls, value);
    }
    return ok(this.builder.build());
  }

  /** A quoted cell of the given kind at `open`: unescaped, then read like an unquoted one. */
  private quoted(open: number, kind: number): number {
    const cell = quotedCell(this, open, this.sep);
    if (!cell.ok) return this.stop(cell);
    const { content, end } = cell.value;
    if (kind === PATH) {
      if (content.includes(LF) || content.includes(CR)) {
        return this.stop(this.fail('bad_path', 'a line break inside a path cell'));
      }
      const classes = this.classes;
      classes[this.sep] = NAME; // the separator is an ordinary byte inside quotes
      const e = this.scanPath(content, 0, content.length, NO_SEPARATOR);
      classes[this.sep] = STOP;
      if (e < 0) return e;
    } else if (kind !== SKIP) {
      const e = this.scanNumber(content, 0, content.length, NO_SEPARATOR, COLUMN_NAMES[kind]!);
      if (e < 0) return e;
    }
    return end;
  }

  /**
   * Scans `a > b > c` from `start` up to a stop byte (`sep`, a line end) or `limit`; interned
   * entries go to `this.ids`, their count to `pathLength`. Each name is hashed (FNV-1a over its
   * trimmed bytes) in the same loop that finds its end.
   */
  private scanPath(s: Uint8Array, start: number, limit: number, sep: number): number {
    const classes = this.classes;
    let ids = this.ids;
    let pos = start;
    let length = 0;
    for (;;) {
      let c = -1;
      while (pos < limit && ((c = s[pos]!) === SPACE || c === TAB)) pos++;
      const a = pos;
      let h = FNV_OFFSET;
      let end = pos; // after the last name byte
      for (;;) {
        while (pos < limit && classes[(c = s[pos]!)] === NAME) {
          h = Math.imul(h ^ c, FNV_PRIME);
          pos++;
        }
        end = pos;
        if (pos >= limit || classes[c] !== BLANK) break;
        let q = pos + 1;
        while (q < limit && classes[s[q]!] === BLANK) q++;
        if (q >= limit || classes[s[q]!] !== NAME) {
          pos = q;
          break;
        }
        while (pos < q) h = Math.imul(h ^ s[pos++]!, FNV_PRIME); // blanks inside a name
      }
      const more = pos < limit && s[pos] === GT;
      if (end === a) {
        if (length === 0 && !more) break; // an empty cell: an unattributed row
        const text = cellText(s, start, sep);
        return this.stop(this.fail('bad_path', `empty channel name in path "${text}"`));
      }
      const entry = this.names.intern(s, a, end, h);
      if (entry < 0) {
        return this.stop(this.fail('bad_encoding', 'a channel name is not valid UTF-8'));
      }
      if (length === ids.length) ids = this.ids = grow(ids);
      ids[length++] = entry;
      if (!more) break;
      pos++;
    }
    this.pathLength = length;
    return pos;
  }

  private builderId(entry: number): number {
    if (entry >= this.builderIds.length) this.builderIds = grow(this.builderIds, -1);
    let id = this.builderIds[entry]!;
    if (id < 0) this.builderIds[entry] = id = this.builder.channelId(this.names.name(entry));
    return id;
  }

  /** A non-negative decimal with `.`: no sign, exponent or grouping; an empty cell is 0. */
  private scanNumber(
    s: Uint8Array,
    start: number,
    limit: number,
    sep: number,
    column: string,
  ): number {
    let pos = start;
    let c = -1;
    while (pos < limit && ((c = s[pos]!) === SPACE || c === TAB)) pos++;
    const from = pos;
    let mantissa = 0;
    let digits = 0;
    let fraction = -1; // digits after the point; −1 without a point
    while (pos < limit) {
      c = s[pos]!;
      const d = c - ZERO;
      if (d >= 0 && d <= 9) {
        mantissa = mantissa * 10 + d;
        digits++;
        if (fraction >= 0) fraction++;
      } else if (c === DOT && fraction < 0) fraction = 0;
      else break;
      pos++;
    }
    const to = pos;
    while (pos < limit && ((c = s[pos]!) === SPACE || c === TAB)) pos++;
    if ((pos < limit && c !== sep && c !== LF && c !== CR) || (digits === 0 && to > from)) {
      const text = cellText(s, start, sep);
      return this.stop(
        this.fail(
          'bad_number',
          `${column} "${text}" is not a non-negative decimal number (digits and "." only)`,
        ),
      );
    }
    if (digits === 0) this.number = 0;
    else if (digits <= 15) this.number = fraction > 0 ? mantissa / POW10[fraction]! : mantissa;
    else this.number = Number(utf8.decode(s.subarray(from, to))); // exact rounding past 2^53
    return pos;
  }

  /** Records a failure for `rows` to return; −1 for the scanning methods to pass up. */
  private stop(failure: Result<never, PathCsvError>): -1 {
    this.failure = failure;
    return -1;
  }
}

function grow(a: Int32Array, fill = 0): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2).fill(fill, a.length);
  b.set(a);
  return b;
}
