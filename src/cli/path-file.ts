// Reading an analyst's path file (ChannelAttribution CSV, or journeys JSON by its .json name) for
// the `paths` and `evaluate --paths` commands: a file that cannot be read or parsed is a
// UsageError naming the file and, from the parser, the line or journey index.

import { readFile } from 'node:fs/promises';
import { parsePathCsv } from '../attribution/index.js';
import { parseJourneysJson } from '../attribution/index.js';
import type { PathSet } from '../attribution/index.js';
import { UsageError } from './command.js';

export async function readPathFile(file: string): Promise<PathSet> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = file.toLowerCase().endsWith('.json')
    ? parseJourneysJson(bytes)
    : parsePathCsv(bytes);
  if (!parsed.ok) throw new UsageError(`${file}: ${parsed.error}: ${parsed.message}`);
  return parsed.value;
}
