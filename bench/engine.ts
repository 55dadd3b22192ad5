// `npm run bench -- engine`: the path-file engine on 1,000,000 generated paths over 50 channels,
// against a floor measured in the same run.
//
// - Floor: `node bench/floor.mjs <file>` as a child process (see its header: read, split, count
//   touches per channel name), wall time with process start included.
// - Parser: the project's parser alone in this process (readFileSync + parsePathCsv) against the
//   floor's own work in this process (its `countPaths`), both warmed up: parserRatio.
// - End to end: `node --import tsx src/cli.ts paths <file> --model <id> --json`, the product
//   entry the README documents, as a child process: every heuristic model, Markov orders 1–3 and
//   the logistic fit; ratio = wall time / floor wall time. One logistic run with a few bootstrap
//   resamples prices one resample; `paths --help` measures the start-up every command pays.
// Every child runs ROUNDS (5) times, interleaved (floor, then each command, then again), and the
// fastest is kept, so a busy machine slows all of them alike. Peak RSS comes from one extra run of
// each command with a probe (bench/peak-rss.mjs) that reports maxRSS at exit, so the timed runs
// are exactly the user's command. `cpu` repeats the ratios in CPU time of the children
// (user + system, Linux only), less sensitive to other work on the machine.
// Prints one JSON line; progress goes to stderr.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePathCsv } from '../src/attribution/paths/csv.js';
import { countPaths } from './floor.mjs';
import { generatePaths } from './generate-paths.js';

/** ENGINE_BENCH_PATHS=n for a smaller run (a quick check of the benchmark itself). */
const PATHS = Number(process.env.ENGINE_BENCH_PATHS ?? 1_000_000);
const CHANNELS = 50;
const HEURISTICS = [
  'first_touch',
  'last_touch',
  'linear',
  'position_based',
  'last_non_direct',
  'j_shaped',
  'inverse_j',
] as const;
const TARGETS = {
  parser: 1.3,
  heuristics: 1.5,
  markov1: 1.5,
  markov2: 2,
  markov3: 4,
  rssMb: 1024,
};
/** Bootstrap resamples timed to price one (the default of 200 would take minutes here). */
const LOGISTIC_RESAMPLES = 5;
/** Runs of each child (a busy shared machine needs a few) and of the in-process parse; the
 * fastest is kept. */
const ROUNDS = 5;
const PARSE_ROUNDS = 3;

const root = fileURLToPath(new URL('..', import.meta.url));
const log = (text: string) => process.stderr.write(`engine: ${text}\n`);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const round = (ms: number) => Math.round(ms);
const ratio = (a: number, b: number) => Number((a / b).toFixed(3));

/** CPU time (ms) of this process's waited-for children: cutime + cstime of /proc/self/stat. */
function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10; // clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

interface Run {
  readonly ms: number;
  readonly cpuMs: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[]): Run {
  const cpu = childrenCpuMs();
  const start = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = performance.now() - start;
  if (r.status !== 0) {
    throw new Error(`node ${args.join(' ')} exited with ${String(r.status)}: ${r.stderr}`);
  }
  return { ms, cpuMs: childrenCpuMs() - cpu, stdout: r.stdout, stderr: r.stderr };
}

interface Command {
  readonly label: string;
  readonly args: readonly string[];
  best: { ms: number; cpuMs: number };
  output?: string;
}

const dir = mkdtempSync(path.join(tmpdir(), 'bench-engine-'));
const file = path.join(dir, 'paths.csv');
try {
  log(`generating ${PATHS} paths over ${CHANNELS} channels`);
  let touches: number;
  {
    const generated = generatePaths(PATHS, CHANNELS);
    writeFileSync(file, generated.csv);
    touches = generated.touches;
    log(`${touches} touches, ${(generated.csv.length / 1e6).toFixed(1)} MB`);
  }
  gc();

  // The parser in process against the floor's work in process, interleaved, best of PARSE_ROUNDS.
  let floorWork = Infinity;
  let parse = Infinity;
  let distinctPaths = 0;
  for (let i = 0; i < PARSE_ROUNDS; i++) {
    gc();
    let t = performance.now();
    const counted = countPaths(file);
    const f = performance.now() - t;
    if (counted.touches !== touches) throw new Error(`floor counted ${counted.touches} touches`);
    gc();
    t = performance.now();
    const parsed = parsePathCsv(readFileSync(file));
    const p = performance.now() - t;
    if (!parsed.ok) throw new Error(`bench file does not parse: ${parsed.message}`);
    distinctPaths = parsed.value.size;
    log(
      `in process: floor's read + split + count ${f.toFixed(0)} ms, read + parse ${p.toFixed(0)} ms`,
    );
    floorWork = Math.min(floorWork, f);
    parse = Math.min(parse, p);
  }
  gc();

  const cli = (...args: string[]) => ['--import', 'tsx', 'src/cli.ts', 'paths', file, ...args];
  const floor: Command = {
    label: 'floor',
    args: ['bench/floor.mjs', file],
    best: { ms: Infinity, cpuMs: Infinity },
  };
  const command = (label: string, ...args: string[]): Command => ({
    label,
    args: cli(...args, '--json'),
    best: { ms: Infinity, cpuMs: Infinity },
  });
  const heuristics = HEURISTICS.map((id) => command(id, '--model', id));
  const markov = [1, 2, 3].map((k) =>
    command(`markov order ${k}`, '--model', 'markov', '--order', String(k)),
  );
  const logistic = command('logistic fit', '--model', 'logistic', '--bootstrap', '0');
  const resampled = command(
    `logistic with ${LOGISTIC_RESAMPLES} resamples`,
    '--model',
    'logistic',
    '--bootstrap',
    String(LOGISTIC_RESAMPLES),
  );
  // What any `paths` command pays before reading the file: Node, tsx and the modules it loads.
  const startup: Command = {
    label: 'start-up (paths --help)',
    args: ['--import', 'tsx', 'src/cli.ts', 'paths', '--help'],
    best: { ms: Infinity, cpuMs: Infinity },
  };
  const commands = [floor, startup, ...heuristics, ...markov, logistic, resampled];
  for (let i = 1; i <= ROUNDS; i++) {
    for (const c of commands) {
      const r = run(c.args);
      log(`round ${i}, ${c.label}: ${r.ms.toFixed(0)} ms (cpu ${r.cpuMs.toFixed(0)} ms)`);
      c.best = { ms: Math.min(c.best.ms, r.ms), cpuMs: Math.min(c.best.cpuMs, r.cpuMs) };
      c.output = r.stdout;
    }
  }

  // Sanity: the floor and every command saw the same file.
  const counted = JSON.parse(floor.output!) as { touches: number; conversions: number };
  if (counted.touches !== touches) throw new Error(`floor counted ${counted.touches} touches`);
  for (const c of [...heuristics, ...markov, logistic, resampled]) {
    const out = JSON.parse(c.output!) as { totalConversions: number; channels: unknown[] };
    if (out.totalConversions !== counted.conversions || out.channels.length !== CHANNELS) {
      throw new Error(`${c.label}: unexpected output ${c.output!.slice(0, 200)}`);
    }
  }

  // Peak RSS: one more run of each distinct kind of command, with the probe.
  let peakRssKb = 0;
  for (const c of [heuristics[2]!, ...markov, logistic]) {
    const r = run(['--import', './bench/peak-rss.mjs', ...c.args]);
    const kb = Number(/peak-rss-kb (\d+)/.exec(r.stderr)?.[1] ?? NaN);
    log(`${c.label}: peak RSS ${(kb / 1024).toFixed(0)} MB`);
    peakRssKb = Math.max(peakRssKb, kb);
  }
  const peakRssMb = Math.round(peakRssKb / 1024);

  const wall = (c: Command) => ratio(c.best.ms, floor.best.ms);
  const cpu = (c: Command) => ratio(c.best.cpuMs, floor.best.cpuMs);
  const heuristicsRatio = Math.max(...heuristics.map(wall));
  const [m1, m2, m3] = markov as [Command, Command, Command];
  const parserRatio = ratio(parse, floorWork);
  const line = {
    bench: 'engine',
    paths: PATHS,
    channels: CHANNELS,
    touches,
    distinctPaths,
    command: 'node --import tsx src/cli.ts paths <file> --model <id> --json',
    floorMs: round(floor.best.ms),
    startupMs: round(startup.best.ms),
    floorParseMs: round(floorWork),
    parseMs: round(parse),
    parserRatio,
    heuristicsMs: Object.fromEntries(heuristics.map((c) => [c.label, round(c.best.ms)])),
    heuristicsRatio,
    markov1Ms: round(m1.best.ms),
    markov1Ratio: wall(m1),
    markov2Ms: round(m2.best.ms),
    markov2Ratio: wall(m2),
    markov3Ms: round(m3.best.ms),
    markov3Ratio: wall(m3),
    logisticMs: round(logistic.best.ms),
    logisticRatio: wall(logistic),
    logisticMsPerResample: round((resampled.best.ms - logistic.best.ms) / LOGISTIC_RESAMPLES),
    peakRssMb,
    targets: TARGETS,
    met: {
      parser: parserRatio <= TARGETS.parser,
      heuristics: heuristicsRatio <= TARGETS.heuristics,
      markov1: wall(m1) <= TARGETS.markov1,
      markov2: wall(m2) <= TARGETS.markov2,
      markov3: wall(m3) <= TARGETS.markov3,
      rssMb: peakRssMb <= TARGETS.rssMb,
    },
    cpu: {
      floorMs: round(floor.best.cpuMs),
      heuristicsRatio: Math.max(...heuristics.map(cpu)),
      markov1Ratio: cpu(m1),
      markov2Ratio: cpu(m2),
      markov3Ratio: cpu(m3),
      logisticRatio: cpu(logistic),
    },
  };
  process.stdout.write(JSON.stringify(line) + '\n');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
