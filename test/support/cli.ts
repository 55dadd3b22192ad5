// A CLI command run in process through the CLI's own dispatch (src/cli/main.ts), with what it
// printed: faster than a child process, and the same code path from argv on.

import { main } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(argv: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (t: string) => (stdout += t),
    stderr: (t: string) => (stderr += t),
    isTTY: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
