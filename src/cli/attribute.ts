// `attribute`: computes every deal's attribution from the store under the portal's settings (the
// active model and the comparison models) and saves the results. Reads only the store.

import { parseOptions, requireConfig, type Command, type Io } from './command.js';
import { parsePortalFlag, resolvePortalId } from './portal-arg.js';
import { cycleReport } from './start.js';

const HELP = `Usage: npm run -s cli -- attribute [options]

Computes the attribution of every deal of a synced portal under its settings (the active model
and the comparison models) and saves the results in the store, ready for \`writeback\` and the
card. Reads only the store (DATABASE_URL).

Options:
  --portal <id>   the portal (default: the only portal in the store)
  --changed       only the deals the records synced since the last recompute affect (what the
                  schedule does after a sync); a full recompute when that is not enough
  --json          print the summary as one JSON object
  -h, --help      this help
`;

async function run(args: readonly string[], io: Io): Promise<number> {
  const values = parseOptions(args, {
    portal: { type: 'string' },
    changed: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const portalFlag = parsePortalFlag(values.portal);
  const config = await requireConfig();
  const { composeApp } = await import('../app/index.js');
  const app = await composeApp({ config });
  try {
    const portalId = await resolvePortalId(app.usecases.portals, portalFlag);
    const summary = await app.usecases.attributePortal(portalId, {
      mode: values.changed === true ? 'auto' : 'full',
    });
    if (values.json === true) io.stdout(JSON.stringify(summary) + '\n');
    else io.stdout(cycleReport({ attribution: summary }));
    return 0;
  } finally {
    await app.close();
  }
}

export const attributeCommand: Command = {
  name: 'attribute',
  summary: 'compute and save every deal’s attribution from the store',
  help: HELP,
  run,
};
