// A CLI command: its name, one-line summary, full help text and what it does.
// Exit codes: 0 success, 1 failure, 2 bad usage or bad input (nothing printed to stdout).

import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Config } from '../config.js';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTTY: boolean;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  run(args: readonly string[], io: Io): Promise<number>;
}

/**
 * A command listed by name and summary whose module is imported only when it runs or shows its
 * help, so one command does not pay for the start-up of every other (`paths` on a large file
 * loads the engine, not the store, the HubSpot client or the project files).
 */
export interface LazyCommand {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

export type CommandEntry = Command | LazyCommand;

export const lazyCommand = (
  name: string,
  summary: string,
  load: () => Promise<Command>,
): LazyCommand => ({ name, summary, load });

/** The command itself: a lazy entry's module is imported here. */
export const loadCommand = (entry: CommandEntry): Promise<Command> =>
  'load' in entry ? entry.load() : Promise.resolve(entry);

/** An error the user can fix by changing the input; the CLI prints its message and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const wantsHelp = (args: readonly string[]): boolean =>
  args.includes('--help') || args.includes('-h');

/** `--name value` options only (no positionals); a bad option is a UsageError naming it. */
export function parseOptions<const O extends NonNullable<ParseArgsConfig['options']>>(
  args: readonly string[],
  options: O,
) {
  try {
    return parseArgs({ args: [...args], strict: true, allowPositionals: false, options }).values;
  } catch (e) {
    // parseArgs names the option in its message ("Unknown option '--x'").
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** The validated environment, or a UsageError listing every problem. */
export async function requireConfig(): Promise<Config> {
  const { loadConfig } = await import('../config.js');
  const loaded = loadConfig();
  if (!loaded.ok) throw new UsageError(`invalid environment:\n  ${loaded.problems.join('\n  ')}`);
  return loaded.config;
}
