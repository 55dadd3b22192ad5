// Which scopes each object type needs (HUBSPOT.md §1): engagements ride on the contacts scopes.

import type { Request } from 'express';
import type { ObjectType } from '../../portal.js';

const family = (t: ObjectType): 'contacts' | 'companies' | 'deals' =>
  t === 'companies' || t === 'deals' ? t : 'contacts';

export const objectScope = (t: ObjectType, access: 'read' | 'write'): string =>
  `crm.objects.${family(t)}.${access}`;

export const schemaScope = (t: ObjectType, access: 'read' | 'write'): string =>
  `crm.schemas.${family(t)}.${access}`;

/** A scope check keyed on the `:objectType` route parameter (unknown types pass to the 400). */
export const byType =
  (scopes: (t: ObjectType) => readonly string[], isType: (s: string) => s is ObjectType) =>
  (req: Request): readonly string[] => {
    const t = String(req.params['objectType'] ?? '');
    return isType(t) ? scopes(t) : [];
  };
