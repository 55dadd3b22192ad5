// `writeback`: writes the stored attribution results of the active model to HubSpot properties
// (provisioning them first), only for records whose written values changed since the last run.

import { parseOptions, requireConfig, UsageError, type Command, type Io } from './command.js';

const HELP = `Usage: npm run -s cli -- writeback [options]

Writes the stored results of the portal's active model (run \`attribute\` first) to HubSpot as
custom properties on deals, contacts and companies: provisions the property group and properties
(idempotently; never touches properties the app did not create), then batch-updates only records
whose values changed since the last successful write. A second run with nothing changed makes no
write calls. Targets the portal of HUBSPOT_ACCESS_TOKEN at HUBSPOT_BASE_URL.

Options:
  --json          print {"written": n, "unchanged": n, "failed": n, "apiCalls": n, ...}
  -h, --help      this help
Exit codes: 0 all written, 1 some records failed (listed), 2 bad usage or settings.
`;

async function run(args: readonly string[], io: Io): Promise<number> {
  const values = parseOptions(args, { json: { type: 'boolean' } });
  const config = await requireConfig();
  if (config.HUBSPOT_ACCESS_TOKEN === undefined)
    throw new UsageError('HUBSPOT_ACCESS_TOKEN: not set (the portal to write to)');
  const { composeApp } = await import('../app/index.js');
  const app = await composeApp({ config });
  try {
    const conn = await app.privateApp();
    const { model, summary } = await app.usecases.writeBackPortal(conn.portalId);
    if (values.json === true) io.stdout(JSON.stringify(summary) + '\n');
    else {
      io.stdout(
        `write-back to portal ${conn.portalId} (${model}): ${summary.written} written, ` +
          `${summary.unchanged} unchanged, ${summary.failed} failed, ${summary.apiCalls} API calls\n`,
      );
      for (const f of summary.failures) io.stdout(`  failed: ${JSON.stringify(f)}\n`);
      for (const c of summary.collisions)
        io.stdout(`  collision (left untouched): ${JSON.stringify(c)}\n`);
    }
    return summary.failed > 0 ? 1 : 0;
  } finally {
    await app.close();
  }
}

export const writebackCommand: Command = {
  name: 'writeback',
  summary: 'write the stored results to HubSpot properties (only what changed)',
  help: HELP,
  run,
};
