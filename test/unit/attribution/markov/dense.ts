// Dense reference for the Markov model (§4.2), written independently of src/attribution/markov:
// string-keyed states, a dense P, and one Gaussian elimination per removal. For tests only.

export interface DenseRow {
  readonly path: readonly string[];
  readonly conversions: number;
  readonly nulls?: number;
}

export interface DenseResult {
  readonly p: number;
  readonly removalEffects: Readonly<Record<string, number>>;
  /** P(from → to) with from/to = 'START', a state key, 'CONV' or 'NULL'. */
  readonly transition: (from: string, to: string) => number;
}

const START = 'START';

function states(path: readonly string[], k: number): string[][] {
  const windows: string[][] = [];
  if (path.length < k) windows.push([...path]);
  else for (let j = 0; j + k <= path.length; j++) windows.push(path.slice(j, j + k));
  return windows.filter((w, i) => i === 0 || JSON.stringify(w) !== JSON.stringify(windows[i - 1]));
}

/** Solves (I − A) x = b by Gaussian elimination with partial pivoting. */
export function denseSolve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => row.map((v, j) => (i === j ? 1 : 0) - v).concat([b[i]!]));
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    const pv = m[c]![c]!;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / pv;
      if (f === 0) continue;
      for (let j = c; j <= n; j++) m[r]![j]! -= f * m[c]![j]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

export function denseMarkov(rows: readonly DenseRow[], k: number, useNulls = true): DenseResult {
  const counts = new Map<string, Map<string, number>>();
  const add = (from: string, to: string, w: number) => {
    let row = counts.get(from);
    if (!row) counts.set(from, (row = new Map<string, number>()));
    row.set(to, (row.get(to) ?? 0) + w);
  };
  const channels = new Set<string>();
  for (const r of rows) {
    r.path.forEach((c) => channels.add(c));
    const nul = r.nulls ?? 0;
    const w = useNulls ? r.conversions + nul : r.conversions;
    if (w === 0 || r.path.length === 0) continue;
    const keys = states(r.path, k).map((s) => JSON.stringify(s));
    let prev = START;
    for (const key of keys) {
      add(prev, key, w);
      prev = key;
    }
    if (r.conversions > 0) add(prev, 'CONV', r.conversions);
    if (useNulls && nul > 0) add(prev, 'NULL', nul);
  }
  const transient = [START, ...[...counts.keys()].filter((s) => s !== START).sort()];
  for (const row of counts.values()) {
    for (const to of row.keys()) {
      if (to !== 'CONV' && to !== 'NULL' && !transient.includes(to)) transient.push(to);
    }
  }
  const prob = (from: string, to: string): number => {
    const row = counts.get(from);
    if (!row) return 0;
    let total = 0;
    for (const v of row.values()) total += v;
    return (row.get(to) ?? 0) / total;
  };
  const solveWithout = (channel: string | undefined): number => {
    const kept = transient.filter(
      (s) => s === START || channel === undefined || !(JSON.parse(s) as string[]).includes(channel),
    );
    const a = kept.map((f) => kept.map((t) => prob(f, t)));
    const b = kept.map((f) => prob(f, 'CONV'));
    return denseSolve(a, b)[0]!;
  };
  const p = solveWithout(undefined);
  const removalEffects: Record<string, number> = {};
  for (const c of [...channels].sort()) {
    removalEffects[c] = Math.min(1, Math.max(0, 1 - solveWithout(c) / p));
  }
  return { p, removalEffects, transition: prob };
}
