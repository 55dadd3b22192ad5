// The floor of the engine benchmark (`npm run bench -- engine`): the least a Node program can do
// to read a path file. Plain JavaScript, no TypeScript loader, no project imports, so that
// `node bench/floor.mjs <file>` pays only Node's own start-up.
//
// What it does, and nothing more: read the whole file with readFileSync as UTF-8 text, split it
// into lines at "\n", find the path, total_conversions and total_null columns by name in the
// header, split every other non-empty line at "," and its path cell at " > ", count the touches
// of each channel name in a Map, and sum the conversions and nulls columns with Number(). It
// prints those counts as one JSON line, so no step can be optimised away.
//
// Why that is the floor: any attribution of the file has to read every byte, find every row and
// every touch and tell channels apart by name, and read the numbers; this does exactly that with
// the obvious idiomatic tools (one read, String.prototype.split, a Map), the way a competent
// engineer would write a quick script. It is not deliberately slow (no regex, no per-touch
// objects, no decoding twice) and not a hand-optimised byte parser either. It does less than the
// engine's parser on purpose: no quoting, CRLF, ";" or BOM handling, no validation or error
// messages, no merging of equal paths, no canonical order. The benchmark imports `countPaths` to
// time the same work in process (the parser's ratio) and runs this file as a child process for
// the floor of the end-to-end ratios.

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** Reads and counts `file`: rows, distinct channels, touches, Σ conversions, Σ nulls. */
export function countPaths(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const header = lines[0].split(',');
  const pathAt = header.indexOf('path');
  const conversionsAt = header.indexOf('total_conversions');
  const nullsAt = header.indexOf('total_null');
  const touches = new Map();
  let rows = 0;
  let conversions = 0;
  let nulls = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const cells = line.split(',');
    for (const channel of cells[pathAt].split(' > ')) {
      touches.set(channel, (touches.get(channel) ?? 0) + 1);
    }
    conversions += Number(cells[conversionsAt]);
    if (nullsAt >= 0) nulls += Number(cells[nullsAt]);
    rows++;
  }
  let total = 0;
  for (const n of touches.values()) total += n;
  return { rows, channels: touches.size, touches: total, conversions, nulls };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node bench/floor.mjs <paths.csv>\n');
    process.exit(2);
  }
  process.stdout.write(JSON.stringify(countPaths(file)) + '\n');
}
