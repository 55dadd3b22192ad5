// Path-file CSV parser (ATTRIBUTION.md §5): `path,total_conversions,total_conversion_value,total_null`
// with channels joined by `>`, the ChannelAttribution export format.
//
// An analyst's file can hold millions of lines, so this is a hand-rolled scanner over the UTF-8
// bytes (no decode of the whole file, no regex or split per line): unquoted cells, the common case,
// are read in place; channel names are hashed while scanned and interned against a small
// open-addressing table, so a name is decoded to a string only the first time it is seen. Quoted
// cells (RFC 4180) take a slower path that unescapes them first. UTF-8 never uses bytes below 0x80
// inside a multi-byte character, so the ASCII delimiters are found correctly in any text.
// Errors name the 1-based physical line on which the offending record starts.

import { err, ok, type Result } from '../../kernel/index.js';
import { ByteInterner, fnv1a } from './byte-interner.js';
import { type PathSet, PathSetBuilder } from './path-set.js';

export type PathCsvError = 'bad_encoding' | 'bad_header' | 'bad_row' | 'bad_path' | 'bad_number';

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const GT = 62;
const DOT = 46;
const ZERO = 48;
const COMMA = 44;
const SEMICOLON = 59;
/** A separator that never occurs: used for the content of a quoted cell. */
const NO_SEPARATOR = -2;

// Byte classes inside a path cell: a name byte, blank (trimmed at the ends of a name), or a stop.
const NAME = 0;
const BLANK = 1;
const STOP = 2;

/** Exact powers of ten: ≤ 15 digits over 10^f is one correctly rounded division (= parseFloat). */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

const COLUMNS = ['path', 'total_conversions', 'total_conversion_value', 'total_null'] as const;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses a path file (UTF-8 bytes or a string) into a canonical PathSet. */
export function parsePathCsv(input: string | Uint8Array): Result<PathSet, PathCsvError> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return new Scanner(bytes, bom).run();
}

interface Columns {
  readonly sep: number;
  readonly path: number;
  readonly conv: number;
  readonly value: number;
  readonly nul: number;
}

class Scanner {
  private readonly n: number;
  private line = 1;
  private recordLine = 1;
  private failure = err<PathCsvError>('bad_row', 'no failure');
  private readonly builder = new PathSetBuilder();
  private readonly classes = new Uint8Array(256);
  /** Interned entries of the current path, then (for kept rows) builder ids. */
  private ids = new Int32Array(64);
  private pathLength = 0;
  private number = 0;
  private quoted: Uint8Array = new Uint8Array(0);
  private readonly names = new ByteInterner();
  /** Builder id of each interned name; −1 until a kept row uses it, so ignored rows add no channel. */
  private builderIds = new Int32Array(128).fill(-1);

  constructor(
    private readonly buf: Uint8Array,
    private pos: number,
  ) {
    this.n = buf.length;
  }

  run(): Result<PathSet, PathCsvError> {
    if (!this.skipBlankLines()) return err('bad_header', 'line 1: the file has no header line');
    const columns = this.header();
    if (!columns) return this.failure;
    const { sep, path, conv, value, nul } = columns;
    this.classes[GT] = this.classes[LF] = this.classes[CR] = STOP;
    this.classes[SPACE] = this.classes[TAB] = BLANK;
    this.classes[sep] = STOP;
    const required = Math.max(path, conv) + 1;
    const { buf, n } = this;
    while (this.skipBlankLines()) {
      this.recordLine = this.line;
      let field = 0;
      let conversions = 0;
      let nulls = 0;
      let val = 0;
      this.pathLength = 0;
      for (;;) {
        let p: number;
        if (field === path) p = this.field(this.pos, 0, sep, 'path');
        else if (field === conv) {
          p = this.field(this.pos, 1, sep, COLUMNS[1]);
          conversions = this.number;
        } else if (field === value) {
          p = this.field(this.pos, 1, sep, COLUMNS[2]);
          val = this.number;
        } else if (field === nul) {
          p = this.field(this.pos, 1, sep, COLUMNS[3]);
          nulls = this.number;
        } else p = this.field(this.pos, 2, sep, '');
        if (p < 0) return this.failure;
        this.pos = p;
        if (p < n && buf[p] === sep) {
          this.pos++;
          field++;
        } else break;
      }
      this.endOfLine();
      if (field + 1 < required) {
        this.fail('bad_row', `expected at least ${required} fields, found ${field + 1}`);
        return this.failure;
      }
      if (conversions === 0 && nulls === 0) continue; // §5: ignored
      const ids = this.ids;
      for (let i = 0; i < this.pathLength; i++) ids[i] = this.builderId(ids[i]!);
      this.builder.add(ids, this.pathLength, conversions, nulls, val);
    }
    return ok(this.builder.build());
  }

  /** Skips blank (empty or whitespace-only) lines; false at the end of input. */
  private skipBlankLines(): boolean {
    const { buf, n } = this;
    for (;;) {
      let p = this.pos;
      let c = -1;
      while (p < n && ((c = buf[p]!) === SPACE || c === TAB)) p++;
      if (p >= n) return false;
      if (c !== LF && c !== CR) return true;
      this.pos = p;
      this.endOfLine();
    }
  }

  /** At a CR, LF, CRLF or the end: steps past it and counts the line. */
  private endOfLine(): void {
    const { buf, n } = this;
    if (this.pos < n && buf[this.pos] === CR) this.pos++;
    if (this.pos < n && buf[this.pos] === LF) this.pos++;
    this.line++;
  }

  /** Detects the separator (§5) and the column of each known name. */
  private header(): Columns | null {
    this.recordLine = this.line;
    const start = this.pos;
    const found: { cols: Columns; end: number; line: number }[] = [];
    for (const sep of [COMMA, SEMICOLON]) {
      this.pos = start;
      this.line = this.recordLine;
      const names = this.headerCells(sep);
      if (!names) return null;
      const [path, conv, value, nul] = COLUMNS.map((c) => names.indexOf(c)) as [
        number,
        number,
        number,
        number,
      ];
      if (path < 0 || conv < 0) continue;
      const twice = COLUMNS.find((c) => names.indexOf(c) !== names.lastIndexOf(c));
      if (twice) return this.failHeader(`column "${twice}" appears twice`);
      found.push({ cols: { sep, path, conv, value, nul }, end: this.pos, line: this.line });
    }
    const [only, other] = found;
    if (!only || other) {
      const which = other ? 'both "," and ";" split' : 'neither "," nor ";" splits';
      return this.failHeader(
        `${which} the header into columns including "path" and "total_conversions" ` +
          '(expected path,total_conversions,total_conversion_value,total_null)',
      );
    }
    this.pos = only.end;
    this.line = only.line;
    return only.cols;
  }

  /** The header's cells, trimmed and lower-cased; steps past its line end. */
  private headerCells(sep: number): string[] | null {
    const cells: string[] = [];
    for (;;) {
      const p = this.field(this.pos, 3, sep, 'header');
      if (p < 0) return null;
      let name: string;
      try {
        name = utf8.decode(this.quoted);
      } catch {
        return this.failHeader('the header is not valid UTF-8');
      }
      cells.push(name.trim().toLowerCase());
      this.pos = p;
      if (p < this.n && this.buf[p] === sep) this.pos++;
      else break;
    }
    this.endOfLine();
    return cells;
  }

  /**
   * Reads the cell at `pos` as a path (kind 0), a number (1), bytes to skip (2) or bytes to keep
   * in `this.quoted` (3, the header). Returns the position of the separator or line end after the
   * cell, or −1 with `this.failure` set.
   */
  private field(pos: number, kind: 0 | 1 | 2 | 3, sep: number, column: string): number {
    const { buf, n } = this;
    let p = pos;
    let c = -1;
    while (p < n && ((c = buf[p]!) === SPACE || c === TAB)) p++;
    if (p < n && c === QUOTE) return this.quotedField(p, kind, sep, column);
    if (kind === 0) return this.scanPath(buf, pos, n);
    if (kind === 1) return this.scanNumber(buf, pos, n, sep, column);
    while (p < n && (c = buf[p]!) !== sep && c !== LF && c !== CR) p++;
    if (kind === 3) this.quoted = buf.subarray(pos, p);
    return p;
  }

  private quotedField(open: number, kind: 0 | 1 | 2 | 3, sep: number, column: string): number {
    const { buf, n } = this;
    const parts: Uint8Array[] = [];
    let p = open + 1;
    let from = p;
    for (;;) {
      if (p >= n) return this.fail('bad_row', 'a quoted cell is not closed');
      const c = buf[p]!;
      if (c === QUOTE) {
        parts.push(buf.subarray(from, p));
        if (p + 1 < n && buf[p + 1] === QUOTE) {
          from = p + 1; // keep one quote of the pair
          p += 2;
          continue;
        }
        p++;
        break;
      }
      if (c === LF || (c === CR && buf[p + 1] !== LF)) this.line++;
      p++;
    }
    let c = -1;
    while (p < n && ((c = buf[p]!) === SPACE || c === TAB)) p++;
    if (p < n && c !== sep && c !== LF && c !== CR) {
      return this.fail('bad_row', 'unexpected text after the closing quote of a cell');
    }
    const content = concat(parts);
    this.quoted = content;
    if (kind === 0) {
      if (content.includes(LF) || content.includes(CR)) {
        return this.fail('bad_path', 'a line break inside a path cell');
      }
      const classes = this.classes;
      const saved = classes[sep]!;
      classes[sep] = NAME; // the separator is an ordinary byte inside quotes
      const e = this.scanPath(content, 0, content.length);
      classes[sep] = saved;
      if (e < 0) return e;
    } else if (kind === 1) {
      const e = this.scanNumber(content, 0, content.length, NO_SEPARATOR, column);
      if (e < 0) return e;
    }
    return p;
  }

  /**
   * Scans `a > b > c` up to a stop byte (separator, line end) or `limit`; interned entries go to
   * `this.ids`, their count to `pathLength`.
   */
  private scanPath(s: Uint8Array, start: number, limit: number): number {
    const classes = this.classes;
    let pos = start;
    let length = 0;
    for (;;) {
      let c = -1;
      while (pos < limit && ((c = s[pos]!) === SPACE || c === TAB)) pos++;
      const a = pos;
      // Tight loops: find the end, trim blanks, then hash (faster than one loop doing all three).
      while (pos < limit && classes[s[pos]!] !== STOP) pos++;
      const more = pos < limit && s[pos] === GT;
      let b = pos;
      while (b > a && classes[s[b - 1]!] === BLANK) b--;
      if (b === a) {
        if (length === 0 && !more) break; // an empty cell: an unattributed row
        return this.fail('bad_path', `empty channel name in path "${this.cellText(s, start)}"`);
      }
      if (length === this.ids.length) this.ids = grow(this.ids);
      const h = fnv1a(s, a, b);
      const entry = this.names.intern(s, a, b, h);
      if (entry < 0) return this.fail('bad_encoding', 'a channel name is not valid UTF-8');
      if (entry >= this.builderIds.length) this.builderIds = grow(this.builderIds, -1);
      this.ids[length++] = entry;
      if (!more) break;
      pos++;
    }
    this.pathLength = length;
    return pos;
  }

  private builderId(entry: number): number {
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
      const text = this.cellText(s, start, sep);
      return this.fail(
        'bad_number',
        `${column} "${text}" is not a non-negative decimal number (digits and "." only)`,
      );
    }
    if (digits === 0) this.number = 0;
    else if (digits <= 15) this.number = fraction > 0 ? mantissa / POW10[fraction]! : mantissa;
    else this.number = Number(utf8.decode(s.subarray(from, to))); // exact rounding past 2^53
    return pos;
  }

  /** The cell from `from` to its separator or line end, shortened, for a message. */
  private cellText(s: Uint8Array, from: number, sep = this.stopSeparator()): string {
    let p = from;
    let c: number;
    while (p < s.length && (c = s[p]!) !== sep && c !== LF && c !== CR) p++;
    const raw = new TextDecoder().decode(s.subarray(from, p)).trim();
    return raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
  }

  private stopSeparator(): number {
    return this.classes[COMMA] === STOP ? COMMA : this.classes[SEMICOLON] === STOP ? SEMICOLON : -1;
  }

  private fail(error: PathCsvError, message: string): -1 {
    this.failure = err(error, `line ${this.recordLine}: ${message}`);
    return -1;
  }

  private failHeader(message: string): null {
    this.fail('bad_header', message);
    return null;
  }
}

function grow(a: Int32Array, fill = 0): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2).fill(fill, a.length);
  b.set(a);
  return b;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
