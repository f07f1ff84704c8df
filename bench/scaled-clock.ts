/**
 * Emulated time for the product's limiter. The emulator's buckets refill `timeScale` times faster
 * than AWS's; the product's limiter must see time run equally fast, or it would pace at a tenth of
 * the rate it was built for and the benchmark would measure the scale factor instead of the scanner.
 */
import type { Clock } from '../lib/inventory/limiter.js';

/** A clock on which `timeScale` emulated milliseconds pass per real millisecond. */
export function scaledClock(timeScale: number, realNow: () => number = Date.now): Clock {
  if (!(timeScale > 0)) throw new RangeError(`timeScale must be positive, got ${timeScale}`);
  const origin = realNow();
  return {
    now: () => origin + (realNow() - origin) * timeScale,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / timeScale)),
  };
}
