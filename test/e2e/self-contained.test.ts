// The project alone: a copy of the working tree in a folder with nothing beside it runs every
// test that reads reference data, and the CI check (.ci/self-contained.mjs) passes there and
// catches a file that reads from a folder beside the checkout.

import { execFile, execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const CHECK = path.join(repoRoot, '.ci/self-contained.mjs');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const run = (cmd: string, args: readonly string[], cwd: string): Promise<Run> =>
  new Promise((resolve) => {
    execFile(
      cmd,
      [...args],
      { cwd, maxBuffer: 1 << 26, env: { ...process.env, CI: '' } },
      (e, stdout, stderr) => {
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr });
      },
    );
  });

/** What a clone would hold: tracked files plus new files not ignored, as they are on disk. */
function workingTreeFiles(): string[] {
  return execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  })
    .split('\0')
    .filter(Boolean);
}

/** Test files that read the reference data sets (through test/fixtures/reference.ts). */
function referenceTests(files: readonly string[]): string[] {
  return files.filter(
    (f) =>
      /^test\/.*\.test\.tsx?$/.test(f) &&
      f !== 'test/e2e/self-contained.test.ts' &&
      readFileSync(path.join(repoRoot, f), 'utf8').includes('fixtures/reference.js'),
  );
}

let outer: string;
let clone: string;
let tests: string[];
let check: Run;
let vitest: Run;

beforeAll(async () => {
  // outer/ holds the copy and nothing else, so `../anything` from the copy finds nothing.
  outer = mkdtempSync(path.join(tmpdir(), 'alone-'));
  clone = path.join(outer, 'project');
  const files = workingTreeFiles();
  tests = referenceTests(files);
  for (const f of files) {
    const from = path.join(repoRoot, f);
    const to = path.join(clone, f);
    mkdirSync(path.dirname(to), { recursive: true });
    try {
      cpSync(from, to);
    } catch {
      // listed by git but deleted in the working tree
    }
  }
  // Installed packages are not the project's files; the copy uses the ones installed here.
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
  execFileSync('git', ['init', '-q'], { cwd: clone });
  execFileSync('git', ['add', '-A'], { cwd: clone });
  [check, vitest] = await Promise.all([
    run(process.execPath, [CHECK], clone),
    run(
      process.execPath,
      [path.join(clone, 'node_modules/vitest/vitest.mjs'), 'run', ...tests],
      clone,
    ),
  ]);
}, 240_000);

afterAll(() => {
  rmSync(outer, { recursive: true, force: true });
});

describe('the project alone, in a folder with nothing beside it', () => {
  it('has reference-data tests to run', () => {
    expect(tests.length).toBeGreaterThanOrEqual(8);
  });

  it('passes every test that reads reference data', () => {
    expect(vitest.stderr + vitest.stdout).not.toMatch(/ENOENT/);
    expect(vitest.code, vitest.stdout.slice(-3000) + vitest.stderr.slice(-3000)).toBe(0);
    const summary = /Tests: (\d+) passed, (\d+) failed/.exec(vitest.stdout);
    expect(summary).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThan(0);
    expect(Number(summary![2])).toBe(0);
  });

  it('passes the CI check that nothing refers outside the repository', () => {
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/nothing refers outside the repository/);
  });
});

describe('the CI check', () => {
  it('names each file and line that reads from a folder beside the repository', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'beside-'));
    try {
      const repo = path.join(dir, 'repo');
      // Spelled in pieces, so this file itself does not read like such a reference.
      const sibling = ['..', '..', '..', 'shared', 'reference', 'x.csv'].join('/');
      mkdirSync(path.join(dir, 'shared/reference'), { recursive: true });
      mkdirSync(path.join(repo, 'test/unit'), { recursive: true });
      writeFileSync(
        path.join(repo, 'test/unit/a.test.ts'),
        `import './ok.js';\nread(new URL('${sibling}', import.meta.url));\n`,
      );
      writeFileSync(path.join(repo, 'README.md'), `run ${path.join(dir, 'shared/x.csv')}\n`);
      writeFileSync(path.join(repo, 'lint.js'), "patterns: ['../store/', '../../']\n");
      execFileSync('git', ['init', '-q'], { cwd: repo });
      execFileSync('git', ['add', '-A'], { cwd: repo });
      const r = await run(process.execPath, [CHECK], repo);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`test/unit/a.test.ts:2: "${sibling}"`);
      expect(r.stderr).toContain(`README.md:1: "${path.join(dir, 'shared/x.csv')}"`);
      expect(r.stderr).not.toContain('lint.js');
      expect(r.stderr).toMatch(/2 reference\(s\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
