/**
 * Wraps a pure function of a workload (or of a readonly part of one) so that calling it again for
 * the same object gives the value already computed. The judge runs every rule, then sizing, then
 * pricing on one workload before the next, so remembering the last object alone spares most
 * recomputation without holding on to anything: no cache grows with the estate, and nothing keeps
 * a workload alive but the one most recently seen.
 *
 * Sound because workloads are readonly values (see workload.ts): the same object always has the
 * same content. A function that throws remembers nothing and throws again on the next call.
 */
export function memoizeLastWorkload<W extends object, T>(compute: (workload: W) => T): (workload: W) => T {
  let lastWorkload: W | null = null;
  let lastValue: T;
  return (workload) => {
    if (workload === lastWorkload) return lastValue;
    const value = compute(workload);
    lastWorkload = workload;
    lastValue = value;
    return value;
  };
}
