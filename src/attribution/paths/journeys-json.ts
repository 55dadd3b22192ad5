// Journeys as JSON (the format of Zhao, Mahboobi & Bagheri's `sample.json`): an array of
// journeys, each an array of channel names or numbers. Every journey is one conversion with value
// 1; numbers become their decimal string (7 → "7"), names are trimmed. An empty journey is an
// unattributed row (§4.1). Errors name the journey by its 0-based index in the array.

import { err, ok, type Result } from '../../kernel/index.js';
import { type PathSet, PathSetBuilder } from './path-set.js';

export type JourneysJsonError = 'bad_encoding' | 'bad_json' | 'bad_journey';

/** Parses journeys JSON (UTF-8 bytes or a string) into a canonical PathSet. */
export function parseJourneysJson(input: string | Uint8Array): Result<PathSet, JourneysJsonError> {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return err('bad_encoding', 'the file is not valid UTF-8');
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return err('bad_json', `not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(data)) {
    return err('bad_json', 'expected an array of journeys (arrays of channel names or numbers)');
  }
  const builder = new PathSetBuilder();
  const ids: number[] = [];
  for (let j = 0; j < data.length; j++) {
    const journey: unknown = data[j];
    if (!Array.isArray(journey)) {
      return err('bad_journey', `journey ${j}: expected an array of channel names or numbers`);
    }
    ids.length = 0;
    for (let t = 0; t < journey.length; t++) {
      const name = channelName(journey[t]);
      if (name === undefined) {
        return err(
          'bad_journey',
          `journey ${j}, touch ${t}: expected a non-empty channel name without ">" or a finite number, ` +
            `got ${JSON.stringify(journey[t])}`,
        );
      }
      ids.push(builder.channelId(name));
    }
    builder.add(ids, ids.length, 1, 0, 1);
  }
  return ok(builder.build());
}

function channelName(touch: unknown): string | undefined {
  if (typeof touch === 'number') return Number.isFinite(touch) ? String(touch) : undefined;
  if (typeof touch !== 'string') return undefined;
  const name = touch.trim();
  return name === '' || name.includes('>') ? undefined : name;
}
