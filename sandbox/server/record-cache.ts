// Serialized-record cache: list, search and batch pages are mostly the same records in the same
// shape, and JSON-encoding them dominated the cost of a page. Entries are dropped on every portal
// change event touching the record (all mutations go through portal.ts, which emits them);
// property definitions, which emit nothing, are part of the key.

import type { ChangeEvent, CrmRecord, ObjectType, Portal } from '../portal.js';
import { propertyNames, shapeRecord, type ShapeOptions } from './serialize.js';

/** Bounds memory on large portals: past this many entries the cache starts over. */
const MAX_ENTRIES = 250_000;

export interface RecordCache {
  /**
   * A key for a shape of a type; compute once per request, not per record. It records which of
   * the named properties are defined, because a defined property without a value is sent as null
   * and an unknown one is left out: creating a property changes the JSON of every record.
   */
  shapeKey(type: ObjectType, opts: ShapeOptions): string;
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
    shapeKey(type, opts) {
      const defined = portal.properties[type];
      let mask = '';
      for (const name of propertyNames(type, opts)) mask += defined.has(name) ? '1' : '0';
      for (const name of opts.withHistory) mask += defined.has(name) ? '1' : '0';
      return `${opts.properties?.join(',') ?? '*'}|${opts.withHistory.join(',')}|${opts.associations.join(',')}|${mask}`;
    },
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
