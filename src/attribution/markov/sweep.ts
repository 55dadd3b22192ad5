// One Gauss–Seidel sweep of several systems x(a) = P(a,CONV) + Σ_b P(a,b)·x(b) that share the
// chain's matrix (gauss-seidel.ts), the inner loop of every exact Markov solve.
//
// Systems are held in panels of LANES: panel values are state-major, x[(a·LANES) + lane] within
// the panel, so one walk of a CSR row updates every lane with its accumulators in registers
// (a sum per lane in a local variable, not in memory), and a panel's working set (16 bytes per
// state and lane with the increments) stays small enough for the caches. Each lane's arithmetic is
// exactly a one-system sweep's: P(a,CONV), then the row's terms in column order, a removed state
// forced to 0. START (state 0) is not swept: no state moves to it, so its value is needed only to
// bracket the result, and startValues computes it then (gauss-seidel.ts).

/** Systems per panel. */
export const LANES = 8;

export interface PanelSweep {
  readonly rowPtr: Int32Array;
  readonly col: Int32Array;
  readonly prob: Float64Array;
  readonly toConv: Float64Array;
  /** Per state, bit `lane` set when the state is removed (NULL) in that lane's system. */
  readonly removed: Uint8Array;
  /** Panel values, updated in place. */
  readonly x: Float64Array;
  /** Receives each value's increment (new − old), for extrapolation. */
  readonly dx: Float64Array;
  /** Per lane: raised to max(g − v)⁺ and max(v − g)⁺ over the states. */
  readonly up: Float64Array;
  readonly down: Float64Array;
}

/** One sweep of a panel of LANES systems, START excepted. */
export function sweepPanel(s: PanelSweep): void {
  const { rowPtr, col, prob, toConv, removed, x, dx, up, down } = s;
  const size = toConv.length;
  for (let a = 1; a < size; a++) {
    const t = toConv[a]!;
    let a0 = t;
    let a1 = t;
    let a2 = t;
    let a3 = t;
    let a4 = t;
    let a5 = t;
    let a6 = t;
    let a7 = t;
    const end = rowPtr[a + 1]!;
    for (let j = rowPtr[a]!; j < end; j++) {
      const p = prob[j]!;
      const b = col[j]! << 3;
      a0 += p * x[b]!;
      a1 += p * x[b + 1]!;
      a2 += p * x[b + 2]!;
      a3 += p * x[b + 3]!;
      a4 += p * x[b + 4]!;
      a5 += p * x[b + 5]!;
      a6 += p * x[b + 6]!;
      a7 += p * x[b + 7]!;
    }
    const m = removed[a]!;
    if (m !== 0) {
      if (m & 1) a0 = 0;
      if (m & 2) a1 = 0;
      if (m & 4) a2 = 0;
      if (m & 8) a3 = 0;
      if (m & 16) a4 = 0;
      if (m & 32) a5 = 0;
      if (m & 64) a6 = 0;
      if (m & 128) a7 = 0;
    }
    const at = a << 3;
    update(x, dx, up, down, at, 0, a0);
    update(x, dx, up, down, at, 1, a1);
    update(x, dx, up, down, at, 2, a2);
    update(x, dx, up, down, at, 3, a3);
    update(x, dx, up, down, at, 4, a4);
    update(x, dx, up, down, at, 5, a5);
    update(x, dx, up, down, at, 6, a6);
    update(x, dx, up, down, at, 7, a7);
  }
}

function update(
  x: Float64Array,
  dx: Float64Array,
  up: Float64Array,
  down: Float64Array,
  at: number,
  lane: number,
  v: number,
): void {
  const i = at + lane;
  const d = v - x[i]!;
  if (d > up[lane]!) up[lane] = d;
  else if (-d > down[lane]!) down[lane] = -d;
  dx[i] = d;
  x[i] = v;
}

/**
 * One sweep of a single system (a panel of one lane: x[a]), START excepted; `removed` bit 0 marks
 * its NULLs.
 */
export function sweepSingle(s: PanelSweep): void {
  const { rowPtr, col, prob, toConv, removed, x, dx, up, down } = s;
  const size = toConv.length;
  let u = up[0]!;
  let dn = down[0]!;
  for (let a = 1; a < size; a++) {
    let v = toConv[a]!;
    const end = rowPtr[a + 1]!;
    for (let j = rowPtr[a]!; j < end; j++) v += prob[j]! * x[col[j]!]!;
    if (removed[a]! & 1) v = 0;
    const d = v - x[a]!;
    if (d > u) u = d;
    else if (-d > dn) dn = -d;
    dx[a] = d;
    x[a] = v;
  }
  up[0] = u;
  down[0] = dn;
}

/** Sets each lane's x(START) = P(START,CONV) + Σ_b P(START,b)·x(b) from the current values. */
export function startValues(s: PanelSweep, width: number): void {
  const { rowPtr, col, prob, toConv, x } = s;
  const end = rowPtr[1]!;
  for (let l = 0; l < width; l++) {
    let v = toConv[0]!;
    for (let j = rowPtr[0]!; j < end; j++) v += prob[j]! * x[col[j]! * width + l]!;
    x[l] = v;
  }
}
