// Small statistics over lists of numbers.

export function sorted(values) {
  return [...values].sort((a, b) => a - b);
}

/// The value below which `p` percent of `values` lie (nearest rank).
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const s = sorted(values);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length, Math.max(1, rank)) - 1];
}

export const median = (values) => percentile(values, 50);

/// A figure measured over several runs: the median, with the smallest and largest run.
export function summary(runs) {
  const s = sorted(runs);
  return { median: median(s), min: s[0], max: s.at(-1), runs: s.length };
}

export const round = (x, digits = 1) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);
