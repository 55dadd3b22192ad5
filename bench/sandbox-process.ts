// A sandbox in its own process (the development CLI's `sandbox` command), so a benchmark's client and the
// emulated HubSpot do not share one event loop. Resolves once its ready line is printed.

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface SandboxProcess {
  readonly baseUrl: string;
  readonly accessToken: string;
  readonly portalId: number;
  readonly pid: number | undefined;
  stop(): void;
}

/** `args` are the `sandbox` command's options (e.g. ['--scale', 'small', '--no-rate-limits']). */
export async function startSandboxProcess(args: readonly string[]): Promise<SandboxProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'sandbox/dev.ts', 'sandbox', '--port', '0', ...args],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => {
      reject(new Error(`sandbox exited with ${String(code)}`));
    });
  });
  const ready = JSON.parse(line) as { baseUrl: string; accessToken: string; portalId: number };
  return { ...ready, pid: child.pid, stop: () => child.kill('SIGTERM') };
}
