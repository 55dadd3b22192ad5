// Byte-level pieces of the path-file parser (csv.ts) shared by the header and the rows: the byte
// codes, a cursor over the UTF-8 bytes that counts physical lines, RFC 4180 quoted cells and the
// text of a cell for an error message. UTF-8 never uses bytes below 0x80 inside a multi-byte
// character, so the ASCII delimiters are found correctly in any text.

import { err, ok, type Result } from '../../kernel/index.js';

export type PathCsvError = 'bad_encoding' | 'bad_header' | 'bad_row' | 'bad_path' | 'bad_number';

export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const TAB = 9;
export const QUOTE = 34;
export const COMMA = 44;
export const SEMICOLON = 59;
export const GT = 62;

/**
 * A position in the file and the 1-based physical line it is on; `recordLine` is the line on
 * which the current record (header or row) starts, the one error messages name.
 */
export class Cursor {
  readonly n: number;
  line = 1;
  recordLine = 1;

  constructor(
    readonly buf: Uint8Array,
    public pos: number,
  ) {
    this.n = buf.length;
  }

  /** Skips blank (empty or whitespace-only) lines; false at the end of input. */
  skipBlankLines(): boolean {
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
  endOfLine(): void {
    const { buf, n } = this;
    if (this.pos < n && buf[this.pos] === CR) this.pos++;
    if (this.pos < n && buf[this.pos] === LF) this.pos++;
    this.line++;
  }

  fail<E extends PathCsvError>(error: E, message: string): Result<never, E> {
    return err(error, `line ${this.recordLine}: ${message}`);
  }
}

/** A quoted cell's unescaped content and the position of the separator or line end after it. */
export interface QuotedCell {
  readonly content: Uint8Array;
  readonly end: number;
}

/**
 * Reads the quoted cell whose opening quote is at `open` (RFC 4180: `""` is one quote; line
 * breaks inside count as lines). Blanks may follow the closing quote, then `sep` or a line end.
 */
export function quotedCell(at: Cursor, open: number, sep: number): Result<QuotedCell, 'bad_row'> {
  const { buf, n } = at;
  const parts: Uint8Array[] = [];
  let p = open + 1;
  let from = p;
  for (;;) {
    if (p >= n) return at.fail('bad_row', 'a quoted cell is not closed');
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
    if (c === LF || (c === CR && buf[p + 1] !== LF)) at.line++;
    p++;
  }
  let c = -1;
  while (p < n && ((c = buf[p]!) === SPACE || c === TAB)) p++;
  if (p < n && c !== sep && c !== LF && c !== CR) {
    return at.fail('bad_row', 'unexpected text after the closing quote of a cell');
  }
  return ok({ content: concat(parts), end: p });
}

/** The cell of `s` from `from` to `sep` or a line end, trimmed and shortened, for a message. */
export function cellText(s: Uint8Array, from: number, sep: number): string {
  let p = from;
  let c: number;
  while (p < s.length && (c = s[p]!) !== sep && c !== LF && c !== CR) p++;
  const raw = new TextDecoder().decode(s.subarray(from, p)).trim();
  return raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
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
