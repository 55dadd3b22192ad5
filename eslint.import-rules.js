// The import rules of ARCHITECTURE.md and docs/adr/0009, as `no-restricted-imports` settings that
// eslint.config.js applies. Imports are relative, so a rule must know how many `../` leave the
// folder: each rule set is generated per folder and per depth inside it.
//
// Layers, lowest first. A folder imports its own folder, its layer's other folders (unless kept
// apart below) and lower layers — never a higher one:
//   kernel → attribution, channels, evaluation → hubspot, store (and config.ts) → read-model →
//   sync, writeback, services, security, project → usecases → jobs, server → app → cli
// Besides: only a folder's index.ts is imported from outside the folder; src/ never imports
// sandbox/; server routes reach the product through use-cases only (no hubspot/, store/, SQL).

export const LAYERS = [
  ['kernel'],
  ['attribution', 'channels', 'evaluation'],
  ['hubspot', 'store'],
  ['read-model'],
  ['sync', 'writeback', 'services', 'security', 'project'],
  ['usecases'],
  ['jobs', 'server'],
  ['app'],
  ['cli'],
];

/** Pure folders: no Node built-ins, no I/O, and only these folders of src/. */
const PURE = {
  kernel: [],
  attribution: ['kernel'],
  channels: ['kernel'],
  evaluation: ['kernel', 'attribution', 'channels'],
};

/** Folders of one layer that never import each other. */
const APART = [
  ['hubspot', 'store'],
  ['jobs', 'server'],
];

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'os', 'child_process'];
const SQL = ['kysely', 'pg', 'better-sqlite3'];
const HUBSPOT_SDK = ['@hubspot/api-client'];
/** What a server route may import from src/ besides server/ itself. */
const ROUTE_ALLOWED = ['usecases', 'kernel', 'channels'];
const MAX_DEPTH = 3;

const layerOf = (folder) => LAYERS.findIndex((l) => l.includes(folder));
const alt = (names) => names.join('|');

/** The `no-restricted-imports` patterns of a file `depth` folders below src/<folder>/. */
function srcPatterns(folder, depth, route) {
  const up = `^(\\.\\./){${depth + 1}}`;
  const layer = layerOf(folder);
  const higher = LAYERS.slice(layer + 1).flat();
  const apart = APART.filter((pair) => pair.includes(folder)).flatMap((pair) =>
    pair.filter((f) => f !== folder),
  );
  const patterns = [
    {
      regex: `^(\\.\\./){${depth + 2}}sandbox(/|$)`,
      message: 'src/ never imports sandbox/ (a development tool; ADR 0009).',
    },
    {
      regex: `${up}[a-z][a-z-]*/(?!index\\.js$)`,
      message: 'import another folder through its index.ts only.',
    },
  ];
  if (higher.length > 0)
    patterns.push({
      regex: `${up}(${alt(higher)})(/|\\.js$)`,
      message: `${folder}/ must not import upward (layers: ${LAYERS.map((l) => l.join(', ')).join(' → ')}).`,
    });
  if (apart.length > 0)
    patterns.push({
      regex: `${up}(${alt(apart)})(/|\\.js$)`,
      message: `${folder}/ and ${apart.join(', ')}/ never import each other.`,
    });
  if (folder in PURE) {
    patterns.push(
      { group: NODE_BUILTINS, message: `${folder}/ is pure: no Node built-ins, no I/O.` },
      {
        regex: `${up}(?!(${alt([folder, ...PURE[folder]])})/)[^./]`,
        message: `${folder}/ is pure: it imports only ${PURE[folder].join(', ') || 'nothing'} from src/.`,
      },
      {
        regex: `^(\\.\\./){${depth + 2}}`,
        message: `${folder}/ is pure: nothing outside src/.`,
      },
    );
  }
  if (route)
    patterns.push({
      regex: `${up}(?!(${alt(ROUTE_ALLOWED)})/)[^./]`,
      message: 'server routes import use-cases (and their types) only: no hubspot/, store/ or SQL.',
    });
  const paths = [
    ...(folder === 'store' ? [] : SQL.map((name) => ({ name, message: 'SQL lives in store/.' }))),
    ...(folder === 'hubspot'
      ? []
      : HUBSPOT_SDK.map((name) => ({ name, message: 'only hubspot/ talks to HubSpot.' }))),
  ];
  return { patterns, paths };
}

const rule = ({ patterns, paths }) => ({
  'no-restricted-imports': ['error', { patterns, paths }],
});

/** Flat-config objects: one per folder of src/ and depth, then the routes, src/*.ts, sandbox/. */
export function importRules() {
  const configs = [];
  for (const folder of LAYERS.flat()) {
    for (let depth = 0; depth <= MAX_DEPTH; depth++) {
      configs.push({
        files: [`src/${folder}/${'*/'.repeat(depth)}*.ts`],
        rules: rule(srcPatterns(folder, depth, false)),
      });
    }
  }
  configs.push({ files: ['src/server/routes/*.ts'], rules: rule(srcPatterns('server', 1, true)) });
  configs.push({
    files: ['src/*.ts'],
    rules: rule({
      patterns: [
        { regex: '^\\.\\./sandbox(/|$)', message: 'src/ never imports sandbox/ (ADR 0009).' },
        { regex: '^\\./[a-z][a-z-]*/(?!index\\.js$)', message: 'import a folder via index.ts.' },
      ],
      paths: [],
    }),
  });
  // The emulator and generator may use the product's kernel only; the development command line
  // (sandbox/dev.ts, sandbox/cli/) also runs the product's command line.
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const dev = depth === 0 ? ['sandbox/dev.ts'] : depth === 1 ? ['sandbox/cli/*.ts'] : [];
    const files = [`sandbox/${'*/'.repeat(depth)}*.ts`];
    const up = `^(\\.\\./){${depth + 1}}src/`;
    configs.push({
      files,
      ignores: dev,
      rules: rule({
        patterns: [
          {
            regex: `${up}(?!kernel/index\\.js$)`,
            message: 'the sandbox imports only the product’s kernel (src/kernel/index.ts).',
          },
        ],
        paths: [],
      }),
    });
    if (dev.length > 0)
      configs.push({
        files: dev,
        rules: rule({
          patterns: [
            {
              regex: `${up}(?!(kernel/index|cli/index|config)\\.js$)`,
              message: 'the development entry uses the product’s command line (src/cli/index.ts).',
            },
          ],
          paths: [],
        }),
      });
  }
  return configs;
}
