// A CLI command: its name, one-line summary, full help text and what it does.
// Exit codes: 0 success, 1 failure, 2 bad usage or bad input (nothing printed to stdout).

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

/** An error the user can fix by changing the input; the CLI prints its message and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const wantsHelp = (args: readonly string[]): boolean =>
  args.includes('--help') || args.includes('-h');
