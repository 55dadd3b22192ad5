// Side effects of writes that HubSpot computes itself: a deal's closed flags and stage-entry dates
// follow `dealstage`; create-with-associations links records with HubSpot-defined type ids.

import { err, ok, type Result } from '../../src/kernel/index.js';
import { associate, resolveId, type ObjectType, type Portal } from '../portal.js';
import { reverseTypeId, targetTypeOf } from './association-types.js';

/** Calculated deal properties implied by a `dealstage` write (from the pipeline's metadata). */
export function derivedProperties(
  portal: Portal,
  type: ObjectType,
  values: Record<string, string | null>,
): Record<string, string | null> {
  const stageId = values['dealstage'];
  if (type !== 'deals' || stageId === undefined || stageId === null) return {};
  const stage = portal.pipelines.flatMap((p) => p.stages).find((s) => s.id === stageId);
  if (!stage) return {};
  const closed = stage.metadata.isClosed === 'true';
  const won = closed && Number(stage.metadata.probability) >= 1;
  return {
    hs_is_closed: String(closed),
    hs_is_closed_won: String(won),
    hs_is_closed_lost: String(closed && !won),
    hs_deal_stage_probability: stage.metadata.probability,
    [`hs_v2_date_entered_${stageId}`]: new Date(portal.now).toISOString(),
  };
}

export interface Link {
  readonly toType: ObjectType;
  readonly toId: string;
  readonly typeIds: number[];
}

/** `associations: [{ to: { id }, types: [{ associationCategory, associationTypeId }] }]`. */
export function parseAssociations(portal: Portal, from: ObjectType, raw: unknown): Result<Link[]> {
  if (raw === undefined) return ok([]);
  if (!Array.isArray(raw)) return err('invalid_input', 'associations: must be an array');
  const links: Link[] = [];
  for (const [i, item] of (raw as unknown[]).entries()) {
    const a = item as { to?: { id?: unknown }; types?: unknown } | null;
    const toId = a?.to?.id;
    if (typeof toId !== 'string' && typeof toId !== 'number')
      return err('invalid_input', `associations[${i}].to.id: required`);
    if (!Array.isArray(a?.types) || a.types.length === 0)
      return err('invalid_input', `associations[${i}].types: required, non-empty`);
    let toType: ObjectType | undefined;
    const typeIds: number[] = [];
    for (const t of a.types as { associationCategory?: unknown; associationTypeId?: unknown }[]) {
      const id = Number(t.associationTypeId);
      const target = targetTypeOf(from, id);
      if (t.associationCategory !== 'HUBSPOT_DEFINED' || !target)
        return err(
          'invalid_input',
          `associations[${i}].types: ${String(t.associationCategory)} ${String(t.associationTypeId)} is not a valid association type from ${from}`,
        );
      toType ??= target;
      typeIds.push(id);
    }
    if (!toType) return err('invalid_input', `associations[${i}].types: required`);
    const target = resolveId(portal, toType, String(toId));
    if (!target || target.archived)
      return err(
        'invalid_input',
        `associations[${i}].to.id: ${toType} ${String(toId)} does not exist`,
      );
    links.push({ toType, toId: target.id, typeIds });
  }
  return ok(links);
}

export function applyAssociations(
  portal: Portal,
  from: ObjectType,
  fromId: string,
  links: readonly Link[],
): void {
  for (const l of links) {
    associate(
      portal,
      { type: from, id: fromId },
      { type: l.toType, id: l.toId },
      { forward: l.typeIds, reverse: l.typeIds.flatMap((t) => reverseTypeId(from, l.toType, t)) },
    );
  }
}
