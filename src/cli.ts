#!/usr/bin/env node
// The product's command-line entry: `tsx src/cli.ts <command> [options]` (deployments).
// `npm start` and `npm run -s cli` go through the development entry, sandbox/dev.ts, which adds
// the local sandbox portal.

import { main, type Io } from './cli/index.js';

const io: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: process.stdout.isTTY,
};

process.exitCode = await main(process.argv.slice(2), io);
