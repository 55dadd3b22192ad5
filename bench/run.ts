// `npm run bench -- <name> [...]`: runs bench/<name>.ts; each benchmark prints one JSON line.
// With no name, runs every benchmark in BENCHMARKS order.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCHMARKS = ['engine', 'rules', 'sandbox', 'sync', 'server', 'scale', 'large'] as const;

const dir = fileURLToPath(new URL('.', import.meta.url));
const names = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected = names.length > 0 ? names : [...BENCHMARKS];
let failed = 0;
for (const name of selected) {
  const file = `${dir}${name}.ts`;
  if (!existsSync(file)) {
    process.stderr.write(`unknown benchmark "${name}"; known: ${BENCHMARKS.join(', ')}\n`);
    process.exitCode = 2;
    break;
  }
  // A process per benchmark, so peak RSS and timings of one do not leak into another.
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', file], {
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
if (failed > 0) process.exitCode = 1;
