// `status`: what the store knows about each stream of a portal — where its checkpoint is, how many
// live records it holds, its last run and the error that stopped it, if any. Reads only the store.

import { parseOptions, requireConfig, type Command, type Io } from './command.js';
import { parsePortalFlag, resolvePortalId } from './portal-arg.js';

const HELP = `Usage: npm run -s cli -- status [options]

Shows each synced stream of a portal: phase (full or incremental) and step of its checkpoint,
live records in the store, API calls of its last run, when it last ran and its last error.
Reads only the store (DATABASE_URL; default ./data/attribution.db).

Options:
  --portal <id>   the portal (default: the only portal in the store)
  --json          print one JSON object
  -h, --help      this help
`;

async function run(args: readonly string[], io: Io): Promise<number> {
  const values = parseOptions(args, { portal: { type: 'string' }, json: { type: 'boolean' } });
  const portalFlag = parsePortalFlag(values.portal);
  const config = await requireConfig();
  const { composeApp } = await import('../app/index.js');
  const app = await composeApp({ config });
  try {
    const portalId = await resolvePortalId(app.usecases.portals, portalFlag);
    const status = await app.usecases.portals.syncStatus(portalId);
    if (values.json === true) {
      io.stdout(JSON.stringify(status) + '\n');
      return 0;
    }
    const lines = status.streams.map((s) => {
      const when = s.lastRunAt === null ? 'never' : new Date(s.lastRunAt).toISOString();
      const err = s.lastError === null ? '' : `  ERROR ${s.lastError.kind}: ${s.lastError.message}`;
      return `  ${s.stream.padEnd(32)} ${String(s.records).padStart(9)} records  ${(s.phase ?? '-').padEnd(11)} ${(s.step ?? '-').padEnd(9)} last run ${when}${err}`;
    });
    io.stdout(`portal ${portalId}\n${lines.join('\n')}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

export const statusCommand: Command = {
  name: 'status',
  summary: 'show each synced stream: checkpoint, records, last run, last error',
  help: HELP,
  run,
};
