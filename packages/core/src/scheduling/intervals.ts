/** Helpers for interval lists stored as flat `[start, end, start, end, …]` number arrays. */

/** Sorts flat pairs by start and merges overlapping or touching ones. */
export function mergePairs(pairs: number[]): number[] {
  const n = pairs.length / 2;
  if (n <= 1) return pairs;
  let ascending = true;
  for (let i = 1; i < n; i++) {
    if ((pairs[2 * i] as number) < (pairs[2 * i - 2] as number)) {
      ascending = false;
      break;
    }
  }
  let src = pairs;
  if (!ascending) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (pairs[2 * a] as number) - (pairs[2 * b] as number));
    src = [];
    for (const i of order) src.push(pairs[2 * i] as number, pairs[2 * i + 1] as number);
  }
  const out: number[] = [src[0] as number, src[1] as number];
  for (let i = 1; i < n; i++) {
    const s = src[2 * i] as number;
    const e = src[2 * i + 1] as number;
    const last = out.length - 1;
    if (s <= (out[last] as number)) {
      if (e > (out[last] as number)) out[last] = e;
    } else {
      out.push(s, e);
    }
  }
  return out;
}
