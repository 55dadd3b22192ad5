// The development command line: the product's commands, with `start` able to run against a local
// sandbox portal and the `sandbox` command (the emulator on its own) added after `evaluate`.

import { COMMANDS, main, type CommandEntry, type Io } from '../../src/cli/index.js';
import { sandboxCommand } from './sandbox.js';
import { startCommand } from './start.js';

export const DEV_COMMANDS: readonly CommandEntry[] = COMMANDS.flatMap((c) =>
  c.name === 'start' ? [startCommand] : c.name === 'evaluate' ? [c, sandboxCommand] : [c],
);

export function devMain(argv: readonly string[], io: Io): Promise<number> {
  return main(argv, io, DEV_COMMANDS);
}

export { sandboxConfig, sandboxStore, splitSandboxOptions } from './start.js';
