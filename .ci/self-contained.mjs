#!/usr/bin/env node
// Fails when a tracked file refers to something outside the repository, such as the team's
// sibling `../shared` folder: a clone of the project alone must install, test and run.
//
// A relative reference (`../x`, `../../x/y`) is outside when it escapes the repository both from
// the folder of the file that holds it (imports, `new URL(..., import.meta.url)`, `file:`
// dependencies) and from the repository's root (commands in the README and scripts), and lands
// in a folder beside the repository that exists on this machine (as the team's `shared/` does
// here and in CI). An absolute path into such a folder is outside too. Escaping references that
// land nowhere (ESLint import patterns such as `../store/`) name no file and pass.
//
// Usage: node .ci/self-contained.mjs [repository root]   (default: the current directory)
// Exit status: 0 nothing outside; 1 references listed on stderr; 2 not a git repository.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? '.');
let files;
try {
  files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
    .split('\0')
    .filter(Boolean);
} catch {
  console.error(`self-contained: ${root} is not a git repository`);
  process.exit(2);
}

// Data files are read, not followed; the lock file names registry packages only.
const SKIP =
  /(^|\/)(package-lock\.json|node_modules\/.*)$|\.(csv|png|jpe?g|gif|ico|woff2?|parquet|db)$/;
const RELATIVE = /(?:\.\.\/)+[\w@.-][\w@./-]*/g;
const parent = path.dirname(root);
const absolute =
  parent === path.parse(parent).root
    ? null
    : new RegExp(`${parent.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/[\\w@.-][\\w@./-]*`, 'g');

const inside = (p) => p === root || p.startsWith(root + path.sep);
/** True when p is outside the repository, in a sibling folder that exists here. */
function inSibling(p) {
  if (inside(p)) return false;
  let q = p;
  while (!existsSync(q)) q = path.dirname(q);
  return q.startsWith(parent + path.sep) && !inside(q);
}
const problems = [];
for (const file of files) {
  if (SKIP.test(file)) continue;
  let text;
  try {
    text = readFileSync(path.join(root, file), 'utf8');
  } catch {
    continue; // deleted in the working tree
  }
  if (text.includes('\0')) continue; // binary
  const dir = path.dirname(path.join(root, file));
  text.split('\n').forEach((line, i) => {
    for (const [ref] of line.matchAll(RELATIVE)) {
      const fromFile = path.resolve(dir, ref);
      const fromRoot = path.resolve(root, ref);
      if (inside(fromFile) || inside(fromRoot)) continue;
      if (!inSibling(fromFile) && !inSibling(fromRoot)) continue;
      problems.push(`${file}:${i + 1}: "${ref}" points outside the repository`);
    }
    if (absolute) {
      for (const [ref] of line.matchAll(absolute)) {
        if (inSibling(ref))
          problems.push(`${file}:${i + 1}: "${ref}" points outside the repository`);
      }
    }
  });
}

if (problems.length > 0) {
  console.error(
    `self-contained: ${problems.length} reference(s) to files outside the repository; a clone ` +
      `alone would not find them. Copy what is needed into the project (reference data: ` +
      `test/fixtures/reference/).\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(`self-contained: ${files.length} files, nothing refers outside the repository`);
