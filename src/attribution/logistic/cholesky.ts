// Dense symmetric positive-definite solve for the Newton step of ./fit.ts. The Hessian of the
// penalised log-likelihood is (channels + 1)², a few hundred at most, so a dense Cholesky
// factorisation (n³/6 multiply-adds) is cheap next to building the Hessian from the rows.

/**
 * Factors the symmetric matrix a + ridge·I (a row-major n × n, only its lower triangle read) into
 * L·Lᵀ, writing L into the lower triangle of `l`. Returns false when a pivot is not positive (not
 * numerically positive definite), leaving `l` partly written.
 */
export function cholesky(a: Float64Array, n: number, l: Float64Array, ridge = 0): boolean {
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]! + ridge;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! * l[j * n + k]!;
    if (!(d > 0) || !Number.isFinite(d)) return false;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / ljj;
    }
  }
  return true;
}

/** Solves L·Lᵀ·x = b for x (b is overwritten with x). */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * b[k]!;
    b[i] = s / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * b[k]!;
    b[i] = s / l[i * n + i]!;
  }
}
