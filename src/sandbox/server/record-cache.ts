// Serialized-record cache: list, search and batch pages are mostly the same records in the same
// shape, and JSON-encoding them dominated the cost of a page. Entries are dropped on every portal
// change event touching the record (all mutations go through portal.ts, which emits them).

import type { ChangeEvent, CrmRecord, ObjectType, Portal } from '../portal.js';
import { shapeRecord, type ShapeOptions } from './serialize.js';

/** Bounds memory on large portals: past this many entries the cache starts over. */
const MAX_ENTRIES = 250_000;

export interface RecordCache {
  /** A key for a shape; compute once per request, not per record. */
  shapeKey(opts: ShapeOptions): string;
  /** The record's JSON in this shape. */
  json(type: ObjectType, record: CrmRecord, opts: ShapeOptions, shapeKey: string): string;
}

export function createRecordCache(portal: Portal): RecordCache {
  // Keyed by the record object, so a lookup allocates nothing.
  let entries = new WeakMap<CrmRecord, Map<string, string>>();
  let size = 0;
  const drop = (type: ObjectType, id: string): void => {
    const record = portal.objects[type].get(id);
    if (record) entries.delete(record);
  };
  portal.listeners.push((e: ChangeEvent): void => {
    drop(e.type, e.id);
    if (e.kind === 'associationChange') drop(e.toType, e.toId);
    if (e.kind === 'merge') for (const id of e.mergedIds) drop(e.type, id);
  });
  return {
    shapeKey: (opts) =>
      `${opts.properties?.join(',') ?? '*'}|${opts.withHistory.join(',')}|${opts.associations.join(',')}`,
    json(type, record, opts, shapeKey) {
      let m = entries.get(record);
      const hit = m?.get(shapeKey);
      if (hit !== undefined) return hit;
      const text = JSON.stringify(shapeRecord(portal, type, record, opts));
      if (size >= MAX_ENTRIES) {
        entries = new WeakMap();
        size = 0;
        m = undefined;
      }
      if (!m) entries.set(record, (m = new Map<string, string>()));
      m.set(shapeKey, text);
      size++;
      return text;
    },
  };
}
