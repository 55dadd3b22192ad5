// Deal pipelines v3: GET /crm/v3/pipelines/{objectType}[/{id}[/stages]] (HUBSPOT.md §5).

import { Router } from 'express';
import type { Pipeline } from '../portal.js';
import type { Deps } from './deps.js';
import { send, sendError } from './errors.js';
import { objectScope } from './middleware/scopes.js';
import { objectTypeParam } from './objects.js';
import { parseObjectType } from './serialize.js';

function pipelineBody(p: Pipeline, at: string): Record<string, unknown> {
  return {
    id: p.id,
    label: p.label,
    displayOrder: p.displayOrder,
    stages: p.stages.map((s) => ({
      id: s.id,
      label: s.label,
      displayOrder: s.displayOrder,
      metadata: s.metadata,
      createdAt: at,
      updatedAt: at,
      archived: false,
      writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
    })),
    createdAt: at,
    updatedAt: at,
    archived: false,
  };
}

export function pipelineRoutes(deps: Deps): Router {
  const r = Router();
  const portal = deps.ctx.config.portal;
  const scope = deps.guards.api((req) => {
    const t = parseObjectType(String(req.params['objectType'] ?? ''));
    return t ? [objectScope(t, 'read')] : [];
  });
  const at = (): string => new Date(portal.now).toISOString();
  // Only deals have pipelines in the sandbox; other types answer an empty list like a fresh portal.
  const pipelinesOf = (type: string): Pipeline[] => (type === 'deals' ? portal.pipelines : []);
  const find = (type: string, id: string): Pipeline | undefined =>
    pipelinesOf(type).find((p) => p.id === id);
  const missing = (res: Parameters<typeof send>[0], id: string): void => {
    sendError(res, 404, 'OBJECT_NOT_FOUND', `Unable to find pipeline ${id}`, {
      context: { id: [id] },
    });
  };

  r.get('/crm/v3/pipelines/:objectType', ...scope, (req, res) => {
    const type = objectTypeParam(req, res);
    if (type) send(res, 200, { results: pipelinesOf(type).map((p) => pipelineBody(p, at())) });
  });
  r.get('/crm/v3/pipelines/:objectType/:pipelineId', ...scope, (req, res) => {
    const type = objectTypeParam(req, res);
    if (!type) return;
    const p = find(type, String(req.params['pipelineId']));
    if (p) send(res, 200, pipelineBody(p, at()));
    else missing(res, String(req.params['pipelineId']));
  });
  r.get('/crm/v3/pipelines/:objectType/:pipelineId/stages', ...scope, (req, res) => {
    const type = objectTypeParam(req, res);
    if (!type) return;
    const p = find(type, String(req.params['pipelineId']));
    if (p) send(res, 200, { results: pipelineBody(p, at())['stages'] });
    else missing(res, String(req.params['pipelineId']));
  });
  return r;
}
