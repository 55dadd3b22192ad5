// Validates and normalizes property writes the way HubSpot does (HUBSPOT.md §5/§6): unknown or
// read-only properties and bad options are rejected with the exact VALIDATION_ERROR message;
// datetimes accept ISO or ms, `""` clears, numbers and booleans become strings.

import { err, ok, type Result } from '../../src/kernel/index.js';
import type { ObjectType, Portal } from '../portal.js';
import { propertyErrorsMessage } from './errors.js';

interface Problem {
  name: string;
  message: string;
  error: string;
}

function normalize(type: string, raw: string): string | undefined {
  if (raw === '') return '';
  if (type === 'datetime' || type === 'date') {
    const ms = /^-?\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
    if (!Number.isFinite(ms)) return undefined;
    const isoText = new Date(ms).toISOString();
    return type === 'date' ? isoText.slice(0, 10) : isoText;
  }
  if (type === 'number') return Number.isFinite(Number(raw)) ? raw : undefined;
  return raw;
}

/** `properties` of a create/update body → normalized values, or the 400 message. */
export function validateProperties(
  portal: Portal,
  type: ObjectType,
  input: unknown,
): Result<Record<string, string | null>> {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return err('invalid_input', 'properties: must be an object of property name → value');
  const out: Record<string, string | null> = {};
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(input as Record<string, unknown>)) {
    const def = portal.properties[type].get(name);
    if (!def || def.archived) {
      problems.push({
        name,
        message: `Property "${name}" does not exist`,
        error: 'PROPERTY_DOESNT_EXIST',
      });
      continue;
    }
    if (def.readOnlyValue || def.calculated) {
      problems.push({
        name,
        message: `"${name}" is a read only property; its value cannot be set.`,
        error: 'READ_ONLY_VALUE',
      });
      continue;
    }
    if (
      value !== null &&
      typeof value !== 'string' &&
      typeof value !== 'number' &&
      typeof value !== 'boolean'
    ) {
      problems.push({ name, message: `${name} must be a string`, error: 'INVALID_TYPE' });
      continue;
    }
    const text = value === null ? '' : String(value);
    const normalized = normalize(def.type, text);
    if (normalized === undefined) {
      problems.push({
        name,
        message: `${JSON.stringify(text)} is not a valid ${def.type} for ${name}`,
        error: def.type === 'number' ? 'INVALID_FLOAT' : 'INVALID_DATE',
      });
      continue;
    }
    if (def.type === 'enumeration' && normalized !== '') {
      const allowed = def.options.map((o) => o.value);
      const bad = normalized.split(';').find((v) => !allowed.includes(v));
      if (bad !== undefined && allowed.length > 0) {
        problems.push({
          name,
          message: `${JSON.stringify(bad)} was not one of the allowed options: [${allowed.join(', ')}]`,
          error: 'INVALID_OPTION',
        });
        continue;
      }
    }
    out[name] = normalized === '' ? null : normalized;
  }
  return problems.length > 0 ? err('VALIDATION_ERROR', propertyErrorsMessage(problems)) : ok(out);
}
