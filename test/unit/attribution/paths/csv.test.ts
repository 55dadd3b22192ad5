import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePathCsv } from '../../../../src/attribution/paths/csv.js';
import { type PathSet, pathSetFromRows } from '../../../../src/attribution/paths/path-set.js';
import { expectSamePathSet } from './same-path-set.js';
import { readReference } from '../../../fixtures/reference.js';

const MTA = readReference('mta-paths.csv');

const parse = (input: string | Uint8Array): PathSet => {
  const r = parsePathCsv(input);
  if (!r.ok) throw new Error(`${r.error}: ${r.message}`);
  return r.value;
};

const failure = (input: string | Uint8Array) => {
  const r = parsePathCsv(input);
  if (r.ok) throw new Error('expected a parse error');
  return { error: r.error, message: r.message };
};

/** Rows of a PathSet as plain data, for comparisons. */
const rowsOf = (ps: PathSet) =>
  Array.from({ length: ps.size }, (_, r) => ({
    path: Array.from(ps.steps.subarray(ps.offsets[r], ps.offsets[r + 1]), (i) => ps.channels[i]),
    conversions: ps.conversions[r],
    nulls: ps.nulls[r],
    value: ps.values[r],
  }));

describe('parsePathCsv on the reference file', () => {
  it('reads mta-paths.csv: 19,785 conversions, 68,602 nulls over alpha … zeta', () => {
    const ps = parse(MTA);
    expect(ps.totalConversions).toBe(19_785);
    expect(ps.totalNulls).toBe(68_602);
    expect(ps.channels).toHaveLength(12);
    expect(ps.channels).toEqual([...ps.channels].sort());
    expect(ps.unattributed.rows).toBe(0);
  });

  it('agrees with a naive split-based reading of the same file', () => {
    // Independent reading: the reference file has no quotes, so split() is exact there.
    const lines = MTA.toString('utf8').trim().split('\n').slice(1);
    const rows = lines.map((line) => {
      const [path, conv, value, nul] = line.split(',');
      return {
        path: path!.split('>').map((s) => s.trim()),
        conversions: Number(conv),
        value: Number(value),
        nulls: Number(nul),
      };
    });
    expectSamePathSet(parse(MTA), pathSetFromRows(rows));
  });

  it('gives the same PathSet for bytes and for the decoded string', () => {
    expectSamePathSet(parse(MTA.toString('utf8')), parse(MTA));
  });
});

describe('parsePathCsv header', () => {
  it('accepts names in any order and case, trimmed, with extra columns ignored', () => {
    const ps = parse(
      ' Total_Null ,extra, PATH ,TOTAL_CONVERSIONS,total_conversion_value\n1,x,a > b,2,3.5\n',
    );
    expect(rowsOf(ps)).toEqual([{ path: ['a', 'b'], conversions: 2, nulls: 1, value: 3.5 }]);
  });

  it('treats value and null as optional (0)', () => {
    expect(rowsOf(parse('path,total_conversions\na,2\n'))).toEqual([
      { path: ['a'], conversions: 2, nulls: 0, value: 0 },
    ]);
  });

  it('detects ";" as the separator, with "," then an ordinary character', () => {
    const ps = parse('path;total_conversions;total_conversion_value\n"a, inc > b";1;2.5\n');
    expect(rowsOf(ps)).toEqual([{ path: ['a, inc', 'b'], conversions: 1, nulls: 0, value: 2.5 }]);
  });

  it('rejects a header that neither or both separators split into path and total_conversions', () => {
    expect(failure('path|total_conversions\na|1\n')).toMatchObject({ error: 'bad_header' });
    expect(failure('channels,total_conversions\na,1\n')).toMatchObject({ error: 'bad_header' });
    expect(failure('path,total_conversions;path;total_conversions,x\n')).toMatchObject({
      error: 'bad_header',
    });
    expect(failure('')).toMatchObject({ error: 'bad_header' });
  });

  it('rejects a duplicated column', () => {
    expect(failure('path,total_conversions,path\n')).toMatchObject({ error: 'bad_header' });
  });
});

describe('parsePathCsv lines and quotes', () => {
  it('skips a UTF-8 BOM (bytes or string), CRLF and blank or whitespace-only lines', () => {
    const text = 'path,total_conversions\r\n\r\n   \r\na > b,1\r\n\r\nb,2';
    const expected = parse('path,total_conversions\na>b,1\nb,2\n');
    expect(parse('\uFEFF' + text)).toEqual(expected);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(parse(bytes)).toEqual(expected);
  });

  it('unescapes RFC 4180 quotes, including doubled quotes and separators inside', () => {
    const ps = parse('path,total_conversions\n"say ""hi"" > a,b",1\n');
    expect(ps.channels).toEqual(['a,b', 'say "hi"']);
  });

  it('counts physical lines, including line breaks inside a quoted cell, in error messages', () => {
    const text = 'note,path,total_conversions\n"two\nlines",a,1\n\nx,b,oops\n';
    expect(failure(text)).toEqual({
      error: 'bad_number',
      message: expect.stringMatching(/^line 5: total_conversions "oops"/) as unknown,
    });
  });

  it('rejects an unclosed quote and text after a closing quote', () => {
    expect(failure('path,total_conversions\n"a > b,1\n')).toMatchObject({ error: 'bad_row' });
    expect(failure('path,total_conversions\n"a"b,1\n')).toMatchObject({ error: 'bad_row' });
  });

  it('rejects a row without the path and conversions cells', () => {
    expect(failure('total_null,path,total_conversions\n1,a\n')).toMatchObject({
      error: 'bad_row',
      message: expect.stringMatching(/^line 2:/) as unknown,
    });
  });

  it('reads multi-byte UTF-8 channel names', () => {
    const ps = parse(new TextEncoder().encode('path,total_conversions\ncafé > 日本 > café,1\n'));
    expect(rowsOf(ps)).toEqual([
      { path: ['café', '日本', 'café'], conversions: 1, nulls: 0, value: 0 },
    ]);
  });

  it('rejects bytes that are not UTF-8', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('path,total_conversions\n'),
      0xff,
      0x2c,
      0x31,
    ]);
    expect(failure(bytes)).toMatchObject({ error: 'bad_encoding' });
  });
});

describe('parsePathCsv paths', () => {
  it('trims segments and keeps their case', () => {
    const ps = parse('path,total_conversions\n  Email >email>  Paid Search  ,1\n');
    expect(rowsOf(ps)[0]!.path).toEqual(['Email', 'email', 'Paid Search']);
  });

  it('reports an empty segment as bad_path with its line number', () => {
    for (const path of ['a > > b', '> a', 'a >', '"a >  "']) {
      expect(failure(`path,total_conversions\nx,1\n${path},1\n`)).toEqual({
        error: 'bad_path',
        message: expect.stringMatching(/^line 3: /) as unknown,
      });
    }
  });

  it('turns an empty path cell into an unattributed row, outside the totals', () => {
    const ps = parse(
      'path,total_conversions,total_conversion_value,total_null\n,2,5,1\n  ,1,0,0\na,1,1,0\n',
    );
    expect(ps.unattributed).toEqual({ rows: 2, conversions: 3, value: 5, nulls: 1 });
    expect(ps.totalConversions).toBe(1);
    expect(ps.totalValue).toBe(1);
  });

  it('ignores rows with no conversion and no null, and their channels', () => {
    const ps = parse(
      'path,total_conversions,total_conversion_value,total_null\nghost,0,9,0\na,1,,\n',
    );
    expect(ps.channels).toEqual(['a']);
    expect(ps.size).toBe(1);
  });
});

describe('parsePathCsv numbers', () => {
  it('reads fractional decimals exactly as JavaScript does, and an empty cell as 0', () => {
    const values = ['2.4019999999999997', '0.1', '12345678901234567890.5', '.5', '7.', '0'];
    const text = ['path,total_conversions,total_conversion_value,total_null']
      .concat(values.map((v, i) => `c${i},1,${v},`))
      .join('\n');
    const ps = parse(text);
    expect(Array.from(ps.values)).toEqual(values.map(Number));
    expect(Array.from(ps.nulls)).toEqual(values.map(() => 0));
  });

  it('rejects signs, exponents, grouping and other text with the line number', () => {
    const bad = ['-1', '+1', '1e3', '1E3', 'abc', '1.2.3', '.', '1 000', 'NaN', 'Infinity'];
    for (const v of bad) {
      expect(failure(`path;total_conversions\na;1\nb;${v}\n`)).toEqual({
        error: 'bad_number',
        message: expect.stringMatching(/^line 3: total_conversions/) as unknown,
      });
    }
    expect(failure('path;total_conversions\nb;1,000\n')).toMatchObject({ error: 'bad_number' });
  });
});

describe('parsePathCsv, any writer', () => {
  const name = fc
    .stringMatching(/^[A-Za-z0-9_ ,;"é]{1,6}$/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const num = fc.oneof(
    fc.integer({ min: 0, max: 1000 }),
    fc.double({ min: 0, max: 1e6, noNaN: true }),
  );
  const row = fc.record({
    path: fc.array(name, { maxLength: 5 }),
    conversions: num,
    nulls: num,
    value: num,
  });

  it('reads back what a quoting writer wrote, in either separator and line ending', () => {
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 20 }),
        fc.constantFrom(',', ';'),
        fc.constantFrom('\n', '\r\n'),
        (rows, sep, eol) => {
          const quote = (s: string) =>
            /[",;\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
          const plain = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(6));
          const lines = [`total_null${sep}path${sep}total_conversion_value${sep}total_conversions`];
          for (const r of rows) {
            lines.push(
              [
                plain(r.nulls),
                quote(r.path.join(' > ')),
                plain(r.value),
                plain(r.conversions),
              ].join(sep),
            );
          }
          const expected = pathSetFromRows(
            rows
              .map((r) => ({
                path: r.path,
                conversions: Number(plain(r.conversions)),
                nulls: Number(plain(r.nulls)),
                value: Number(plain(r.value)),
              }))
              // Ignored rows (§5) leave no trace, not even their channel names.
              .filter((r) => r.conversions !== 0 || r.nulls !== 0),
          );
          expect(parse(lines.join(eol) + eol)).toEqual(expected);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('parsePathCsv, the byte scanner', () => {
  it('keeps blanks and tabs inside a name and trims them at its ends', () => {
    const ps = parse('path,total_conversions\n\t a \t b\t>\tc  d > e\t,1\n');
    expect(rowsOf(ps)[0]!.path).toEqual(['a \t b', 'c  d', 'e']);
  });

  it('ends a line at a bare CR as at LF and CRLF, and names the line in errors', () => {
    expect(rowsOf(parse('path,total_conversions\ra,1\r\nb,2\nc,3\r'))).toEqual([
      { path: ['a'], conversions: 1, nulls: 0, value: 0 },
      { path: ['b'], conversions: 2, nulls: 0, value: 0 },
      { path: ['c'], conversions: 3, nulls: 0, value: 0 },
    ]);
    expect(failure('path,total_conversions\ra,1\r\rb,x\n')).toEqual({
      error: 'bad_number',
      message:
        'line 4: total_conversions "x" is not a non-negative decimal number (digits and "." only)',
    });
  });

  it('names the line of an empty channel name and quotes the cell', () => {
    expect(failure('path;total_conversions\r\n\r\na;1\r\n"x;y >  ";2\r\n')).toEqual({
      error: 'bad_path',
      message: 'line 4: empty channel name in path "x;y >"',
    });
    expect(failure('path,total_conversions\na > b > ,1\n')).toEqual({
      error: 'bad_path',
      message: 'line 2: empty channel name in path "a > b >"',
    });
  });

  it('reads a file without a final line break, and one with only a header', () => {
    expect(rowsOf(parse('path,total_conversions\na > b,2'))).toEqual([
      { path: ['a', 'b'], conversions: 2, nulls: 0, value: 0 },
    ]);
    const empty = parse('\uFEFFpath,total_conversions\r\n\r\n');
    expect(empty.size).toBe(0);
    expect(empty.channels).toEqual([]);
  });

  it('tells apart names that share a prefix or differ in one byte, across many names', () => {
    const names = Array.from({ length: 3000 }, (_, i) => `n${i}`);
    const lines = ['path,total_conversions'];
    for (let i = 0; i < names.length; i++) {
      lines.push(
        `${names[i]!} > ${names[(i * 7) % names.length]!}x > ${names[i]!}${i % 2 ? ' ' : ''},1`,
      );
    }
    const ps = parse(lines.join('\n'));
    const expected = pathSetFromRows(
      names.map((n, i) => ({ path: [n, `${names[(i * 7) % names.length]!}x`, n], conversions: 1 })),
    );
    expectSamePathSet(ps, expected);
  });
});
