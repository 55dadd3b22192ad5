// The header of a path file (ATTRIBUTION.md §5): the separator, "," or ";", is the one that splits
// the header into columns including `path` and `total_conversions` (names trimmed, any case, any
// order, extra columns ignored; `total_conversion_value` and `total_null` optional).

import { err, ok, type Result } from '../../kernel/index.js';
import {
  COMMA,
  CR,
  type Cursor,
  LF,
  type PathCsvError,
  QUOTE,
  quotedCell,
  SEMICOLON,
  SPACE,
  TAB,
} from './csv-cells.js';

export const COLUMNS = [
  'path',
  'total_conversions',
  'total_conversion_value',
  'total_null',
] as const;

/** The separator and the index of each known column (−1 when absent). */
export interface Columns {
  readonly sep: number;
  readonly path: number;
  readonly conv: number;
  readonly value: number;
  readonly nul: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads the header at the cursor (past leading blank lines) and steps past its line. */
export function readHeader(at: Cursor): Result<Columns, PathCsvError> {
  if (!at.skipBlankLines()) return err('bad_header', 'line 1: the file has no header line');
  at.recordLine = at.line;
  const start = at.pos;
  const found: { cols: Columns; end: number; line: number }[] = [];
  for (const sep of [COMMA, SEMICOLON]) {
    at.pos = start;
    at.line = at.recordLine;
    const cells = headerCells(at, sep);
    if (!cells.ok) return cells;
    const names = cells.value;
    const [path, conv, value, nul] = COLUMNS.map((c) => names.indexOf(c)) as [
      number,
      number,
      number,
      number,
    ];
    if (path < 0 || conv < 0) continue;
    const twice = COLUMNS.find((c) => names.indexOf(c) !== names.lastIndexOf(c));
    if (twice) return at.fail('bad_header', `column "${twice}" appears twice`);
    found.push({ cols: { sep, path, conv, value, nul }, end: at.pos, line: at.line });
  }
  const [only, other] = found;
  if (!only || other) {
    const which = other ? 'both "," and ";" split' : 'neither "," nor ";" splits';
    return at.fail(
      'bad_header',
      `${which} the header into columns including "path" and "total_conversions" ` +
        '(expected path,total_conversions,total_conversion_value,total_null)',
    );
  }
  at.pos = only.end;
  at.line = only.line;
  return ok(only.cols);
}

/** The header's cells split at `sep`, trimmed and lower-cased; steps past its line end. */
function headerCells(at: Cursor, sep: number): Result<string[], PathCsvError> {
  const { buf, n } = at;
  const cells: string[] = [];
  for (;;) {
    let p = at.pos;
    let c = -1;
    while (p < n && ((c = buf[p]!) === SPACE || c === TAB)) p++;
    let bytes: Uint8Array;
    if (p < n && c === QUOTE) {
      const cell = quotedCell(at, p, sep);
      if (!cell.ok) return cell;
      bytes = cell.value.content;
      p = cell.value.end;
    } else {
      while (p < n && (c = buf[p]!) !== sep && c !== LF && c !== CR) p++;
      bytes = buf.subarray(at.pos, p);
    }
    let name: string;
    try {
      name = utf8.decode(bytes);
    } catch {
      return at.fail('bad_header', 'the header is not valid UTF-8');
    }
    cells.push(name.trim().toLowerCase());
    at.pos = p;
    if (p < n && buf[p] === sep) at.pos++;
    else break;
  }
  at.endOfLine();
  return ok(cells);
}
