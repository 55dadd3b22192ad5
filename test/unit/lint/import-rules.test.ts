// The import rules of ARCHITECTURE.md and ADRs 0009 and 0010 as eslint.config.js enforces them: each rule,
// on a small snippet placed at a real path of the tree, fails when broken and passes when kept.
// The snippets are parsed without type information (the rules under test need none).

import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({
    cwd: root,
    overrideConfig: [
      tseslint.configs.disableTypeChecked,
      { languageOptions: { parserOptions: { projectService: false, project: null } } },
    ],
  });
});

/** The import-rule messages for `import { x } from '<spec>'` in a file at `path`. */
async function problems(path: string, spec: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${spec}';\nexport const y = x;\n`, {
    filePath: `${root}${path}`,
  });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

type Case = readonly [path: string, spec: string, because: RegExp];

const broken: Record<string, readonly Case[]> = {
  'hubspot/ and store/ never import each other': [
    ['src/hubspot/snippet.ts', '../store/index.js', /never import each other/],
    ['src/store/queries/snippet.ts', '../../hubspot/index.js', /never import each other/],
  ],
  'server routes import use-cases only: no hubspot/, store/ or SQL': [
    ['src/server/routes/snippet.ts', '../../store/index.js', /use-cases/],
    ['src/server/routes/snippet.ts', '../../hubspot/index.js', /use-cases/],
    ['src/server/routes/snippet.ts', '../../services/index.js', /use-cases/],
    ['src/server/routes/snippet.ts', 'kysely', /SQL lives in store/],
  ],
  'nothing imports upward': [
    ['src/store/snippet.ts', '../usecases/index.js', /must not import upward/],
    ['src/jobs/snippet.ts', '../app/index.js', /must not import upward/],
    ['src/usecases/snippet.ts', '../jobs/index.js', /must not import upward/],
    ['src/services/snippet.ts', '../cli/index.js', /must not import upward/],
    ['src/attribution/models/snippet.ts', '../../store/index.js', /must not import upward/],
  ],
  'jobs/ and server/ never import each other': [
    ['src/jobs/snippet.ts', '../server/index.js', /never import each other/],
    ['src/server/snippet.ts', '../jobs/index.js', /never import each other/],
  ],
  'only a folder’s index.ts is imported from outside it': [
    ['src/sync/snippet.ts', '../store/store.js', /through its index\.ts/],
    ['src/evaluation/predictors/snippet.ts', '../../attribution/models/markov.js', /index\.ts/],
    ['src/cli/snippet.ts', '../app/runtime.js', /through its index\.ts/],
  ],
  'src/ never imports sandbox/': [
    ['src/cli/snippet.ts', '../../sandbox/index.js', /never imports sandbox/],
    ['src/snippet.ts', '../sandbox/generator/index.js', /never imports sandbox/],
  ],
  'the sandbox uses only the product’s kernel (its development CLI: the command line)': [
    ['sandbox/server/snippet.ts', '../../src/store/index.js', /only the product’s kernel/],
    ['sandbox/server/snippet.ts', '../../src/cli/index.js', /only the product’s kernel/],
    ['sandbox/cli/snippet.ts', '../../src/app/index.js', /development entry/],
  ],
  'kernel, attribution, channels and evaluation are pure': [
    ['src/kernel/snippet.ts', 'node:fs', /pure/],
    ['src/attribution/snippet.ts', '../channels/index.js', /pure/],
    ['src/channels/snippet.ts', '../../extensions/domain/index.js', /pure/],
    ['src/evaluation/snippet.ts', '../store/index.js', /pure|upward/],
  ],
  'the domain is the lowest layer, pure, beside the kernel': [
    ['src/domain/index.ts', 'node:fs', /pure/],
    ['src/domain/snippet.ts', '../kernel/index.js', /pure/],
    ['src/domain/snippet.ts', '../attribution/index.js', /pure|upward/],
    ['src/kernel/snippet.ts', '../domain/index.js', /pure/],
  ],
  'only src/domain/ imports extensions/, and only the domain package’s surface': [
    ['src/services/snippet.ts', '../../extensions/domain/index.js', /only src\/domain\//],
    ['src/server/routes/snippet.ts', '../../../extensions/domain/index.js', /only src\/domain\//],
    ['src/attribution/models/snippet.ts', '../../../extensions/domain/models.js', /src\/domain/],
    ['src/snippet.ts', '../extensions/domain/index.js', /only src\/domain\//],
    ['src/domain/snippet.ts', '../../extensions/domain/models.js', /re-exports/],
    ['src/domain/snippet.ts', '../../extensions/app/cards/format.js', /re-exports/],
  ],
  'an extension point imports only its own folder and the domain package, by name': [
    ['extensions/app/cards/snippet.ts', '../../domain/index.js', /by its name/],
    ['extensions/app/cards/api/snippet.ts', '../../../../src/domain/index.js', /its own folder/],
    ['extensions/app/settings/components/snippet.tsx', '../../cards/format.js', /own folder/],
    ['extensions/app/settings/snippet.ts', 'node:fs', /no Node built-ins/],
  ],
  'the domain package imports only zod and itself': [
    ['extensions/domain/snippet.ts', 'react', /only zod/],
    ['extensions/domain/snippet.ts', '@hubspot/ui-extensions', /only zod/],
    ['extensions/domain/snippet.ts', 'node:fs', /no Node built-ins/],
    ['extensions/domain/api/snippet.ts', '../../app/cards/format.js', /only its own files/],
  ],
  'SQL and the HubSpot SDK stay in their folders': [
    ['src/sync/snippet.ts', 'kysely', /SQL lives in store/],
    ['src/writeback/snippet.ts', '@hubspot/api-client', /only hubspot/],
  ],
};

const kept: readonly (readonly [path: string, spec: string])[] = [
  ['src/store/snippet.ts', '../kernel/index.js'],
  ['src/store/snippet.ts', 'kysely'],
  ['src/hubspot/snippet.ts', '@hubspot/api-client'],
  ['src/server/routes/snippet.ts', '../../usecases/index.js'],
  ['src/server/routes/snippet.ts', '../middleware/errors.js'],
  ['src/server/routes/snippet.ts', '../../domain/index.js'],
  ['src/domain/index.ts', '../../extensions/domain/index.js'],
  ['src/attribution/models/snippet.ts', '../../domain/index.js'],
  ['src/channels/snippet.ts', '../domain/index.js'],
  ['src/evaluation/snippet.ts', '../domain/index.js'],
  ['src/writeback/snippet.ts', '../domain/index.js'],
  ['extensions/app/cards/snippet.ts', '@deal-attribution/domain'],
  ['extensions/app/cards/api/snippet.ts', '@deal-attribution/domain/backend-origin'],
  ['extensions/app/settings/components/snippet.tsx', '../hooks/useSettingsForm.js'],
  ['extensions/domain/snippet.ts', 'zod'],
  ['extensions/domain/api/snippet.ts', '../models.js'],
  ['src/server/middleware/snippet.ts', '../../hubspot/index.js'],
  ['src/sync/snippet.ts', '../store/index.js'],
  ['src/writeback/snippet.ts', '../hubspot/index.js'],
  ['src/usecases/snippet.ts', '../sync/index.js'],
  ['src/jobs/snippet.ts', '../usecases/index.js'],
  ['src/app/snippet.ts', '../jobs/index.js'],
  ['src/cli/snippet.ts', '../app/index.js'],
  ['src/attribution/markov/snippet.ts', '../paths/path-set.js'],
  ['src/attribution/markov/snippet.ts', '../../kernel/index.js'],
  ['src/evaluation/snippet.ts', '../attribution/index.js'],
  ['src/snippet.ts', './cli/index.js'],
  ['sandbox/server/snippet.ts', '../../src/kernel/index.js'],
  ['sandbox/server/snippet.ts', '../portal.js'],
  ['sandbox/cli/snippet.ts', '../../src/cli/index.js'],
];

describe('import rules (eslint.config.js)', () => {
  for (const [rule, cases] of Object.entries(broken)) {
    it.each(cases)(`${rule}: %s importing %s fails`, async (path, spec, because) => {
      const found = await problems(path, spec);
      expect(found.length, `${path} → ${spec}`).toBeGreaterThan(0);
      expect(found.join('\n')).toMatch(because);
    });
  }

  it.each(kept)('%s importing %s passes', async (path, spec) => {
    expect(await problems(path, spec)).toEqual([]);
  });
});
