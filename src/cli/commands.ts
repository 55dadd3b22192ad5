// Every product CLI command, in the order `--help` lists them. The development entry
// (sandbox/dev.ts) adds `sandbox` and runs `start` against a local sandbox portal.

import { attributeCommand } from './attribute.js';
import type { Command } from './command.js';
import { configureCommand } from './configure.js';
import { evaluateCommand } from './evaluate.js';
import { modelsCommand } from './models.js';
import { pathsCommand } from './paths.js';
import { startCommand } from './start.js';
import { statusCommand } from './status.js';
import { syncCommand } from './sync.js';
import { writebackCommand } from './writeback.js';

export const COMMANDS: readonly Command[] = [
  startCommand,
  syncCommand,
  statusCommand,
  attributeCommand,
  writebackCommand,
  evaluateCommand,
  pathsCommand,
  modelsCommand,
  configureCommand,
];
