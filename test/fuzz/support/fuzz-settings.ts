import type { Parameters } from 'fast-check';

/**
 * One fixed seed for every property, so a failure replays exactly in CI and on a laptop. Set
 * FUZZ_SEED to explore other inputs and FUZZ_SCALE to multiply the number of runs (e.g. 20 for a
 * longer soak); a counterexample found that way is worth turning into a unit test.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_127);
const FUZZ_SCALE = Number(process.env.FUZZ_SCALE ?? 1);

/** fast-check parameters: the shared seed and `numRuns` scaled by FUZZ_SCALE. */
export function fuzzRuns<T>(numRuns: number): Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(numRuns * FUZZ_SCALE)) };
}

/** A per-test timeout that grows with FUZZ_SCALE, so a soak run is not cut short. */
export function fuzzTimeout(milliseconds: number): number {
  return Math.round(milliseconds * Math.max(1, FUZZ_SCALE));
}

/** Generous bound on one call: it catches hangs and blow-ups, it is not a benchmark. */
export const PER_INPUT_BUDGET_MS = 2_000;
