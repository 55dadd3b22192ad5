import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { devMain as main } from '../../../sandbox/cli/index.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), isTTY: false },
  };
}

describe('sandbox command', () => {
  it.each([
    [['--bogus'], 'bogus'],
    [['--scale', 'huge'], '--scale'],
    [['--tier', 'gold'], '--tier'],
    [['--port', '70000'], '--port'],
    [['--faults', '5xx=3'], '--faults'],
    [['--webhook-target', 'not a url'], '--webhook-target'],
  ])('exits 2 on %j naming the option', async (args, name) => {
    const s = io();
    expect(await main(['sandbox', ...args], s.io)).toBe(2);
    expect(s.err.join('')).toContain(name);
    expect(s.out).toEqual([]);
  });

  it('prints help', async () => {
    const s = io();
    expect(await main(['sandbox', '--help'], s.io)).toBe(0);
    expect(s.out.join('')).toContain('--webhook-target');
  });

  it('prints exactly one JSON line when ready, serves it, and exits 0 on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'sandbox/dev.ts',
        'sandbox',
        '--port',
        '0',
        '--scale',
        'tiny',
        '--tier',
        'enterprise',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const lines: string[] = [];
    const first = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout }).on('line', (l) => {
        lines.push(l);
        resolve(l);
      }),
    );
    const ready = JSON.parse(first) as { baseUrl: string; accessToken: string; portalId: number };
    expect(Object.keys(ready).sort()).toEqual(['accessToken', 'baseUrl', 'portalId']);
    const res = await fetch(`${ready.baseUrl}/account-info/v3/details`, {
      headers: { authorization: `Bearer ${ready.accessToken}` },
    });
    expect(((await res.json()) as { portalId: number }).portalId).toBe(ready.portalId);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
  });
});
