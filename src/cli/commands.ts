// Every CLI command, in the order `--help` lists them.

import type { Command } from './command.js';
import { modelsCommand } from './models.js';
import { pathsCommand } from './paths.js';
import { sandboxCommand } from './sandbox.js';

export const COMMANDS: readonly Command[] = [sandboxCommand, pathsCommand, modelsCommand];
