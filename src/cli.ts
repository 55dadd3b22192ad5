#!/usr/bin/env node
// Command-line entry: `npm run -s cli -- <command> [options]`.

import type { Io } from './cli/command.js';
import { main } from './cli/main.js';

const io: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: process.stdout.isTTY,
};

process.exitCode = await main(process.argv.slice(2), io);
