// Dispatches `<command> [options]` to a command; returns the exit code.

import { type CommandEntry, type Io, loadCommand, UsageError, wantsHelp } from './command.js';
import { COMMANDS } from './commands.js';

function usage(commands: readonly CommandEntry[]): string {
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
  commands: readonly CommandEntry[] = COMMANDS,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage(commands) + '\n');
    return name === undefined ? 2 : 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`Unknown command "${name}".\n\n${usage(commands)}\n`);
    return 2;
  }
  try {
    const command = await loadCommand(entry);
    if (wantsHelp(rest)) {
      io.stdout(command.help.trimEnd() + '\n');
      return 0;
    }
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${entry.name}: ${e.message}\n`);
      return 2;
    }
    io.stderr(`${entry.name}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
