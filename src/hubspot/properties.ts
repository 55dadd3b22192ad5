// Property and property-group definitions (CRM properties v3, HUBSPOT.md §5): read all of a type,
// create a group, create a property, update an enumeration's options. Bodies are sent raw, not
// through the SDK's models, which drop `numberDisplayHint` and `showCurrencySymbol`.
// Duplicates answer 409; these functions turn that into an `exists` value, not an error.

import { z } from 'zod';
import { HubSpotError, type HubSpotApi } from './api.js';

/** The object types the app defines properties on. */
export type PropertyObjectType = 'deals' | 'contacts' | 'companies';

export interface PropertyOption {
  readonly label: string;
  readonly value: string;
  readonly hidden: boolean;
  readonly displayOrder?: number;
}

/** A property as HubSpot describes it (only the fields the app looks at). */
export interface PropertyInfo {
  readonly name: string;
  readonly label: string;
  readonly type: string;
  readonly fieldType: string;
  readonly groupName: string;
  readonly options: readonly PropertyOption[];
  readonly hubspotDefined: boolean;
  readonly calculated: boolean;
  readonly numberDisplayHint?: string;
  readonly showCurrencySymbol?: boolean;
}

export interface PropertyGroupInfo {
  readonly name: string;
  readonly label: string;
}

/** What `createProperty` sends; `type`/`fieldType` pairs as HUBSPOT.md §5 lists them. */
export interface PropertyCreate {
  readonly name: string;
  readonly label: string;
  readonly description?: string;
  readonly groupName: string;
  readonly type: 'string' | 'number' | 'enumeration' | 'bool' | 'date' | 'datetime';
  readonly fieldType: string;
  readonly options?: readonly PropertyOption[];
  readonly displayOrder?: number;
  /** `currency` shows a number property as money (with `showCurrencySymbol`). */
  readonly numberDisplayHint?: 'unformatted' | 'formatted' | 'currency' | 'percentage';
  readonly showCurrencySymbol?: boolean;
  readonly formField?: boolean;
}

// HubSpot responses are plain objects: it adds fields without notice (STYLE.md §6).
const optionSchema = z.object({
  label: z.string(),
  value: z.string(),
  hidden: z.boolean().optional(),
  displayOrder: z.number().optional(),
});

const propertySchema = z.object({
  name: z.string().min(1),
  label: z.string(),
  type: z.string(),
  fieldType: z.string(),
  groupName: z.string(),
  options: z.array(optionSchema).optional(),
  hubspotDefined: z.boolean().optional(),
  calculated: z.boolean().optional(),
  numberDisplayHint: z.string().optional(),
  showCurrencySymbol: z.boolean().optional(),
});

const groupSchema = z.object({ name: z.string().min(1), label: z.string() });

// Counted under their own label in the api's stats.
const LABEL = 'properties';

function parse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue === undefined ? '' : `${issue.path.join('.') || '(root)'}: ${issue.message}`;
  throw new HubSpotError('malformed_response', `${what}: unexpected response (${where})`, {
    body,
  });
}

function toInfo(p: z.output<typeof propertySchema>): PropertyInfo {
  return {
    name: p.name,
    label: p.label,
    type: p.type,
    fieldType: p.fieldType,
    groupName: p.groupName,
    options: (p.options ?? []).map((o) => ({
      label: o.label,
      value: o.value,
      hidden: o.hidden ?? false,
      ...(o.displayOrder === undefined ? {} : { displayOrder: o.displayOrder }),
    })),
    hubspotDefined: p.hubspotDefined ?? false,
    calculated: p.calculated ?? false,
    ...(p.numberDisplayHint === undefined ? {} : { numberDisplayHint: p.numberDisplayHint }),
    ...(p.showCurrencySymbol === undefined ? {} : { showCurrencySymbol: p.showCurrencySymbol }),
  };
}

const isConflict = (e: unknown): boolean =>
  e instanceof HubSpotError && (e.kind === 'conflict' || e.details.status === 409);

/** Every live property of a type (one call). */
export async function readProperties(
  api: HubSpotApi,
  objectType: PropertyObjectType,
): Promise<PropertyInfo[]> {
  const res = await api.request({
    method: 'GET',
    path: `/crm/v3/properties/${objectType}`,
    label: LABEL,
  });
  const body = parse(
    z.object({ results: z.array(propertySchema) }),
    res.body,
    `properties of ${objectType}`,
  );
  return body.results.map(toInfo);
}

/** One property by name, or undefined when it does not exist (404). */
export async function readProperty(
  api: HubSpotApi,
  objectType: PropertyObjectType,
  name: string,
): Promise<PropertyInfo | undefined> {
  try {
    const res = await api.request({
      method: 'GET',
      path: `/crm/v3/properties/${objectType}/${encodeURIComponent(name)}`,
      label: LABEL,
    });
    return toInfo(parse(propertySchema, res.body, `property ${objectType}.${name}`));
  } catch (e) {
    if (e instanceof HubSpotError && e.kind === 'not_found') return undefined;
    throw e;
  }
}

/** Every property group of a type (one call). */
export async function readPropertyGroups(
  api: HubSpotApi,
  objectType: PropertyObjectType,
): Promise<PropertyGroupInfo[]> {
  const res = await api.request({
    method: 'GET',
    path: `/crm/v3/properties/${objectType}/groups`,
    label: LABEL,
  });
  const body = parse(
    z.object({ results: z.array(groupSchema) }),
    res.body,
    `property groups of ${objectType}`,
  );
  return body.results.map((g) => ({ name: g.name, label: g.label }));
}

/** Creates a group; `exists` when HubSpot answers 409 (someone created it first). */
export async function createPropertyGroup(
  api: HubSpotApi,
  objectType: PropertyObjectType,
  group: { readonly name: string; readonly label: string; readonly displayOrder?: number },
): Promise<'created' | 'exists'> {
  try {
    await api.request({
      method: 'POST',
      path: `/crm/v3/properties/${objectType}/groups`,
      body: group,
      expect: [201, 200],
      label: LABEL,
    });
    return 'created';
  } catch (e) {
    if (isConflict(e)) return 'exists';
    throw e;
  }
}

/** Creates a property from a raw body; `exists` on 409 (the name is taken). */
export async function createProperty(
  api: HubSpotApi,
  objectType: PropertyObjectType,
  property: PropertyCreate,
): Promise<PropertyInfo | 'exists'> {
  try {
    const res = await api.request({
      method: 'POST',
      path: `/crm/v3/properties/${objectType}`,
      body: property,
      expect: [201, 200],
      label: LABEL,
    });
    return toInfo(
      parse(propertySchema, res.body, `created property ${objectType}.${property.name}`),
    );
  } catch (e) {
    if (isConflict(e)) return 'exists';
    throw e;
  }
}

/** Replaces an enumeration's options (HubSpot PATCH semantics: the list sent is the new list). */
export async function updatePropertyOptions(
  api: HubSpotApi,
  objectType: PropertyObjectType,
  name: string,
  options: readonly PropertyOption[],
): Promise<PropertyInfo> {
  const res = await api.request({
    method: 'PATCH',
    path: `/crm/v3/properties/${objectType}/${encodeURIComponent(name)}`,
    body: { options },
    label: LABEL,
  });
  return toInfo(parse(propertySchema, res.body, `updated property ${objectType}.${name}`));
}
