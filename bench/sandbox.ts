// Sandbox benchmark: (1) list-page throughput with rate limits off — the CLI sandbox runs in its
// own process over a `small` portal while 4 concurrent clients page contacts (limit 100) with
// keep-alive HTTP for ≥ 5 s, once re-reading pages (`listPages`) and once with every page built
// afresh (`coldListPages`); (2) the time to generate each scale in-process. Prints one JSON line.

import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { generatePortal } from '../sandbox/generator/index.js';
import { startSandboxProcess } from './sandbox-process.js';

const DURATION_MS = Number(process.env['BENCH_SANDBOX_MS'] ?? 5000);
const CLIENTS = 4;

/** The child's CPU time in ms from /proc (Linux); undefined elsewhere. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields =
      readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
        .split(') ')[1]
        ?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime in 10 ms ticks
  } catch {
    return undefined;
  }
}

const startServer = () => startSandboxProcess(['--scale', 'small', '--no-rate-limits']);

let passes = 0;

/**
 * One client loop paging contacts with a keep-alive agent. `cold`: every pass over the contacts
 * asks for its own property list (a name no portal defines, so the answer is the same), which
 * misses the sandbox's record and page caches: what a first sync of a portal meets. The client must be cheaper than the
 * server or it, not the sandbox, bounds the figure: node's fetch plus a full JSON.parse of every
 * page cost more CPU than the server's answer, so the body is read as text and only the cursor is
 * taken from it (the last `"after":"…"`, which is the paging cursor: record ids are not called so).
 */
async function pageLoop(
  baseUrl: string,
  token: string,
  until: number,
  cold = false,
): Promise<{ requests: number; records: number }> {
  let requests = 0;
  let records = 0;
  let after: string | undefined;
  let shape = '';
  const url = new URL(baseUrl);
  while (performance.now() < until) {
    if (cold && after === undefined)
      shape = `&properties=firstname,lastname,email,bench_pass_${String(++passes)}`;
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          agent,
          path: `/crm/v3/objects/contacts?limit=100${shape}${after === undefined ? '' : `&after=${after}`}`,
          headers: { authorization: `Bearer ${token}` },
        },
        (res) => {
          if (res.statusCode !== 200) reject(new Error(`list answered ${String(res.statusCode)}`));
          res.setEncoding('utf8');
          let text = '';
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            resolve(text);
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    requests++;
    records += countOf(body, '"archived":'); // one per record
    const at = body.lastIndexOf('"after":"');
    after = at < 0 ? undefined : body.slice(at + 9, body.indexOf('"', at + 9));
  }
  return { requests, records };
}

function countOf(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
  return n;
}

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

/** CLIENTS concurrent page loops for DURATION_MS: throughput and server CPU per page. */
async function measure(server: Awaited<ReturnType<typeof startServer>>, cold: boolean) {
  const cpu0 = cpuMs(server.pid);
  const t0 = performance.now();
  const runs = await Promise.all(
    Array.from({ length: CLIENTS }, () =>
      pageLoop(server.baseUrl, server.accessToken, t0 + DURATION_MS, cold),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  const requests = runs.reduce((a, r) => a + r.requests, 0);
  const cpu1 = cpuMs(server.pid);
  return {
    // Server CPU per page: what the load on a shared machine does not inflate as much as wall time.
    serverCpuMsPerRequest:
      cpu0 === undefined || cpu1 === undefined
        ? null
        : Number(((cpu1 - cpu0) / requests).toFixed(3)),
    clients: CLIENTS,
    seconds: Number(seconds.toFixed(2)),
    requests,
    requestsPerSecond: Math.round(requests / seconds),
    recordsPerSecond: Math.round(runs.reduce((a, r) => a + r.records, 0) / seconds),
  };
}

const server = await startServer();
let throughput;
let coldThroughput;
try {
  // Warm-up: JIT and the id index.
  await pageLoop(server.baseUrl, server.accessToken, performance.now() + 500);
  throughput = await measure(server, false);
  coldThroughput = await measure(server, true);
} finally {
  server.stop();
}

const scales = (process.env['BENCH_SANDBOX_SCALES'] ?? 'tiny,small,medium').split(',');
const generate: Record<string, { ms: number; records: number; heapMb: number }> = {};
const load = (await import('node:os')).loadavg()[0];
for (const scale of scales) {
  const t = performance.now();
  const portal = generatePortal({ seed: 1, scale: scale as 'tiny' | 'small' | 'medium' | 'large' });
  const ms = Math.round(performance.now() - t);
  const records = Object.values(portal.objects).reduce((a, m) => a + m.size, 0);
  generate[scale] = { ms, records, heapMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20) };
}

process.stdout.write(
  JSON.stringify({
    bench: 'sandbox',
    loadAverage: load,
    listPages: throughput,
    coldListPages: coldThroughput,
    generate,
  }) + '\n',
);
