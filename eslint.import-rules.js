// The import rules of ARCHITECTURE.md and docs/adr/0009, as `no-restricted-imports` settings that
// eslint.config.js applies. Imports are relative, so a rule must know how many `../` leave the
// folder: each rule set is generated per folder and per depth inside it.
//
// Layers, lowest first. A folder imports its own folder, its layer's other folders (unless kept
// apart below) and lower layers — never a higher one:
//   kernel, domain → attribution, channels, evaluation → hubspot, store (and config.ts) →
//   read-model → sync, writeback, services, security, project → usecases → jobs, server → app →
//   cli
// Besides: only a folder's index.ts is imported from outside the folder; src/ never imports
// sandbox/; only src/domain/index.ts imports extensions/ (the domain package, ADR 0010); server
// routes reach the product through use-cases only (no hubspot/, store/, SQL).
//
// The extensions (extensions/): HubSpot builds each extension point from its own folder, so the
// card and the settings page import nothing outside their folder but the domain package, by its
// name; the domain package imports only zod.

export const LAYERS = [
  ['kernel', 'domain'],
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
  domain: [],
  attribution: ['kernel', 'domain'],
  channels: ['kernel', 'domain'],
  evaluation: ['kernel', 'domain', 'attribution', 'channels'],
};

/** The one import of extensions/ in src/: the facade re-exports the domain package's surface. */
const DOMAIN_PACKAGE = 'extensions/domain/index\\.js';

/** Folders of one layer that never import each other. */
const APART = [
  ['hubspot', 'store'],
  ['jobs', 'server'],
];

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'os', 'child_process'];
const SQL = ['kysely', 'pg', 'better-sqlite3'];
const HUBSPOT_SDK = ['@hubspot/api-client'];
/** What a server route may import from src/ besides server/ itself. */
const ROUTE_ALLOWED = ['usecases', 'kernel', 'domain', 'channels'];
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
  if (folder !== 'domain')
    patterns.push({
      regex: `^(\\.\\./){${depth + 2}}extensions(/|$)`,
      message: 'only src/domain/ imports extensions/: use the domain through src/domain/index.ts.',
    });
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
      folder === 'domain'
        ? {
            regex: `^(\\.\\./){${depth + 2}}(?!${DOMAIN_PACKAGE}$)`,
            message: 'domain/ re-exports extensions/domain/index.ts and nothing else outside src/.',
          }
        : {
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
        {
          regex: '^\\.\\./extensions(/|$)',
          message:
            'only src/domain/ imports extensions/: use the domain through ./domain/index.ts.',
        },
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
  configs.push(...extensionRules());
  return configs;
}

/** The extension points HubSpot builds, each from its own folder under extensions/app/. */
const EXTENSION_POINTS = ['cards', 'settings'];
const NO_NODE = {
  group: NODE_BUILTINS,
  message: 'extensions run in HubSpot’s sandbox: no Node built-ins.',
};

/**
 * The card and the settings page import nothing outside their own folder (HubSpot uploads and
 * bundles each alone; its no-parent-imports rule) but the domain package, by its name (a `file:`
 * dependency HubSpot uploads with them). The domain package imports only zod and itself.
 */
function extensionRules() {
  const configs = [];
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    const below = '*/'.repeat(depth);
    configs.push({
      files: EXTENSION_POINTS.flatMap((p) => [
        `extensions/app/${p}/${below}*.ts`,
        `extensions/app/${p}/${below}*.tsx`,
      ]),
      rules: rule({
        patterns: [
          NO_NODE,
          {
            regex: `^(\\.\\./)+(domain|src)/`,
            message:
              'import @deal-attribution/domain by its name: HubSpot uploads it as a package.',
          },
          {
            regex: `^(\\.\\./){${depth + 1}}`,
            message: 'HubSpot builds each extension point from its own folder: nothing outside it.',
          },
        ],
        paths: [],
      }),
    });
    configs.push({
      files: [`extensions/domain/${below}*.ts`],
      rules: rule({
        patterns: [
          NO_NODE,
          {
            regex: '^(?!zod$|\\.)',
            message:
              'the domain package imports only zod (HubSpot bundles it into each extension).',
          },
          {
            regex: `^(\\.\\./){${depth + 1}}`,
            message: 'the domain package imports only its own files.',
          },
        ],
        paths: [],
      }),
    });
  }
  return configs;
}
