/**
 * Pearson's χ² for a 2 × k table (won / not won per bucket) and its p-value, for the
 * fairness tests. The survival function is the regularized upper incomplete gamma
 * Q(df/2, x/2), computed as in Numerical Recipes (series below a + 1, continued fraction above).
 */
export function chiSquareWins(won: readonly number[], total: readonly number[]): { statistic: number; df: number; p: number } {
  const allWon = won.reduce((a, b) => a + b, 0);
  const all = total.reduce((a, b) => a + b, 0);
  const rate = allWon / all;
  let statistic = 0;
  won.forEach((w, i) => {
    const n = total[i] as number;
    const expectWon = n * rate;
    const expectLost = n * (1 - rate);
    statistic += (w - expectWon) ** 2 / expectWon + (n - w - expectLost) ** 2 / expectLost;
  });
  const df = won.length - 1;
  return { statistic, df, p: chiSquareSurvival(statistic, df) };
}

export function chiSquareSurvival(x: number, df: number): number {
  return upperGammaRegularized(df / 2, x / 2);
}

function logGamma(z: number): number {
  const c = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];
  let y = z;
  const tmp = z + 5.5 - (z + 0.5) * Math.log(z + 5.5);
  let ser = 1.000000000190015;
  for (const coefficient of c) ser += coefficient / ++y;
  return -tmp + Math.log((2.5066282746310005 * ser) / z);
}

function upperGammaRegularized(a: number, x: number): number {
  if (x <= 0) return 1;
  const front = Math.exp(-x + a * Math.log(x) - logGamma(a));
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * front;
  }
  // Lentz's continued fraction.
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return front * h;
}
