// Offline checks of the HubSpot project with HubSpot's own parser (@hubspot/project-parsing-lib).
// The parser's full validation fetches JSON schemas from a HubSpot account; everything it does
// without one is run here: hsproject.json, platform version, where each -hsmeta.json may live,
// top-level fields, uids, duplicate singular components, the translation to HubSpot's
// intermediate representation (for upload and for local dev) and each component's link to the
// app. Entry points must exist with a package.json beside them.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  ALLOWED_TOP_LEVEL_FIELDS,
  Components,
  METAFILE_EXTENSION,
} from '@hubspot/project-parsing-lib/constants';
import {
  getProjectMetadata,
  isKnownPlatformVersion,
  parseProjectConfig,
} from '@hubspot/project-parsing-lib/projects';
import { translate, translateForLocalDev } from '@hubspot/project-parsing-lib/translate';
import { validateUid } from '@hubspot/project-parsing-lib/uid';
import {
  collectFileDependencies,
  findAndParsePackageJsonFiles,
} from '@hubspot/project-parsing-lib/workspaces';

/** The components this app must have, by HubSpot's internal component type. */
export const REQUIRED_COMPONENTS = {
  APPLICATION: 'app',
  CARD: 'card',
  SETTINGS: 'settings',
  WEBHOOKS: 'webhooks',
} as const;

export interface ProjectReport {
  readonly problems: string[];
  /** uid → internal component type, as HubSpot's parser read them. */
  readonly components: Record<string, string>;
  /** -hsmeta.json files the parser skipped (outside every component folder). */
  readonly skipped: readonly string[];
  /** `file:` dependencies the CLI uploads with the project: package → folder (relative to srcDir). */
  readonly localPackages: Record<string, string>;
}

interface MetaFile {
  uid?: unknown;
  type?: unknown;
  config?: { entrypoint?: unknown } & Record<string, unknown>;
}

export async function checkProject(projectDir: string): Promise<ProjectReport> {
  const problems: string[] = [];
  let config;
  try {
    config = parseProjectConfig(projectDir);
  } catch (e) {
    return {
      problems: [`hsproject.json: ${message(e)}`],
      components: {},
      skipped: [],
      localPackages: {},
    };
  }
  if (!isKnownPlatformVersion(config.platformVersion)) {
    problems.push(`hsproject.json: unknown platformVersion ${config.platformVersion}`);
  }
  const srcDir = path.join(projectDir, config.srcDir);
  const context = { projectSourceDir: srcDir, platformVersion: config.platformVersion };

  const metadata = await getProjectMetadata(srcDir);
  for (const [type, m] of Object.entries(metadata.components)) {
    if (m.count > m.maxCount) {
      problems.push(
        `${type}: ${String(m.count)} components, at most ${String(m.maxCount)} allowed`,
      );
    }
  }
  for (const file of metadata.hsMetaFiles) {
    problems.push(...(await checkMetaFile(srcDir, file)));
  }

  const components: Record<string, string> = {};
  let skipped: readonly string[] = [];
  try {
    const { intermediateRepresentation: ir, skippedHsMetaFiles } = await translate(context, {
      skipValidation: true, // the schema step needs an account; see the file comment
    });
    skipped = skippedHsMetaFiles;
    const nodes = Object.values(ir.intermediateNodesIndexedByUid);
    const app = nodes.find((n) => n.componentType === 'APPLICATION');
    for (const node of nodes) {
      components[node.uid] = node.componentType;
      if (node !== app && node.componentDeps['app'] !== app?.uid) {
        problems.push(`${node.metaFilePath}: not attached to the app component`);
      }
    }
    // What `hs project dev` runs: it must see the same components.
    const local = await translateForLocalDev(context, { skipValidation: true });
    const localUids = Object.keys(local.intermediateRepresentation.intermediateNodesIndexedByUid);
    if (localUids.sort().join() !== Object.keys(components).sort().join()) {
      problems.push(
        `local dev sees ${localUids.join(', ')}, upload sees ${Object.keys(components).join(', ')}`,
      );
    }
  } catch (e) {
    problems.push(`translate: ${message(e)}`);
  }
  for (const file of skipped) problems.push(`${file}: skipped by HubSpot's parser (wrong folder)`);
  for (const [type, name] of Object.entries(REQUIRED_COMPONENTS)) {
    if (!Object.values(components).includes(type)) problems.push(`missing component: ${name}`);
  }
  // Shared code reaches a feature's bundle only as a package the CLI uploads with it.
  const localPackages: Record<string, string> = {};
  try {
    const deps = await collectFileDependencies(await findAndParsePackageJsonFiles(srcDir));
    for (const d of deps) localPackages[d.packageName] = path.relative(srcDir, d.localPath);
  } catch (e) {
    problems.push(`package.json: ${message(e)}`);
  }
  return { problems, components, skipped, localPackages };
}

async function checkMetaFile(srcDir: string, file: string): Promise<string[]> {
  const rel = path.relative(srcDir, file);
  let meta: MetaFile;
  try {
    meta = JSON.parse(await readFile(file, 'utf8')) as MetaFile;
  } catch (e) {
    return [`${rel}: ${message(e)}`];
  }
  const problems: string[] = [];
  for (const field of Object.keys(meta)) {
    if (!ALLOWED_TOP_LEVEL_FIELDS.has(field as never))
      problems.push(`${rel}: unexpected field ${field}`);
  }
  const uidProblem = validateUid(typeof meta.uid === 'string' ? meta.uid : '');
  if (uidProblem !== undefined) problems.push(`${rel}: ${uidProblem}`);
  const component = typeof meta.type === 'string' ? Components[meta.type] : undefined;
  if (component === undefined) return [...problems, `${rel}: unknown type ${String(meta.type)}`];
  const expectedDir = path.join(component.parentComponent ?? '', component.dir);
  if (path.dirname(rel) !== expectedDir) {
    problems.push(`${rel}: a ${String(meta.type)} belongs in ${expectedDir}/`);
  }
  if (!rel.endsWith(METAFILE_EXTENSION))
    problems.push(`${rel}: name must end in ${METAFILE_EXTENSION}`);
  const entrypoint = meta.config?.entrypoint;
  if (typeof entrypoint === 'string') {
    // Entry points are relative to srcDir and bundled with the package.json of their folder.
    const entry = path.join(srcDir, entrypoint);
    if (!(await exists(entry))) problems.push(`${rel}: entrypoint ${entrypoint} does not exist`);
    if (!(await exists(path.join(path.dirname(entry), 'package.json')))) {
      problems.push(`${rel}: no package.json next to ${entrypoint}`);
    }
  }
  return problems;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
