// Dispatches `<command> [options]` to a command; returns the exit code.

import { type Command, type Io, UsageError, wantsHelp } from './command.js';
import { COMMANDS } from './commands.js';

function usage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: npm run -s cli -- <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `npm run -s cli -- <command> --help` for the options of a command.',
  ].join('\n');
}

/** `commands`: the product's by default; the development entry (sandbox/dev.ts) adds its own. */
export async function main(
  argv: readonly string[],
  io: Io,
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage(commands) + '\n');
    return name === undefined ? 2 : 0;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`Unknown command "${name}".\n\n${usage(commands)}\n`);
    return 2;
  }
  if (wantsHelp(rest)) {
    io.stdout(command.help.trimEnd() + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${command.name}: ${e.message}\n`);
      return 2;
    }
    io.stderr(`${command.name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
