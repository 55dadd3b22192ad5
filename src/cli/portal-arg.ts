// `--portal <id>` for commands that read the store: explicit, or the only portal the store holds.

import { UsageError } from './command.js';
import type { Portals } from '../usecases/index.js';

export function parsePortalFlag(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[1-9]\d{0,15}$/.test(raw))
    throw new UsageError(`--portal: must be a positive integer, got "${raw}"`);
  return Number(raw);
}

export async function resolvePortalId(
  portals: Pick<Portals, 'list'>,
  flag: number | undefined,
): Promise<number> {
  if (flag !== undefined) return flag;
  const ids = await portals.list();
  if (ids.length === 1) return ids[0]!;
  throw new UsageError(
    ids.length === 0
      ? 'the store holds no portal yet: run `sync` first'
      : `the store holds ${ids.length} portals (${ids.join(', ')}): choose one with --portal`,
  );
}
