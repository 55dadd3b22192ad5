#!/usr/bin/env node
// The development entry: `npm start` and `npm run -s cli -- <command>`. The product's command line
// (src/cli.ts) plus the local sandbox portal: `start` without credentials runs against one, and
// `sandbox` runs the emulator on its own. Deployments may run src/cli.ts directly.

import type { Io } from '../src/cli/index.js';
import { devMain } from './cli/index.js';

const io: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: process.stdout.isTTY,
};

process.exitCode = await devMain(process.argv.slice(2), io);
