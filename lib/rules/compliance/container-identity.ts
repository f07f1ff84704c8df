import { BoundedCache } from '../../model/bounded-cache.js';
import type { Container, EcsTaskDetail, Workload } from '../../model/workload.js';
import { fixedResult } from '../ecs/shared/fixed-result.js';
import { NO_VIOLATIONS, type Violation } from '../rule.js';

/**
 * How many container names (per role) each remembered table keeps before it starts over, and how many
 * details per name: bounded, so an estate of unique names costs a rebuild, never unbounded memory.
 */
const REMEMBERED_NAMES = 2_000;
const REMEMBERED_DETAILS = 64;

/**
 * Remembers a value computed from a container's description, by role and name: primitives, never the
 * container object. An estate reuses a few hundred container names, and about seven findings per
 * workload name the same containers, so their messages (and their whole results, see
 * {@link containerResult}) can be shared instead of each finding keeping its own: what a finding
 * keeps is most of what it costs the garbage collector. With names that never repeat nothing is
 * shared, and each finding costs what it would without the table, plus one entry in it.
 */
function byDescription<T>(compute: (described: string) => T): (container: Container) => T {
  const apps = new BoundedCache<string, T>(REMEMBERED_NAMES);
  const inits = new BoundedCache<string, T>(REMEMBERED_NAMES);
  const sidecars = new BoundedCache<string, T>(REMEMBERED_NAMES);
  const app = (name: string) => compute(`container "${name}"`);
  const init = (name: string) => compute(`init container "${name}"`);
  const sidecar = (name: string) => compute(`sidecar container "${name}"`);
  return (container) =>
    container.role === 'init'
      ? inits.remembered(container.name, init)
      : container.role === 'sidecar'
        ? sidecars.remembered(container.name, sidecar)
        : apps.remembered(container.name, app);
}

/**
 * How a finding names a container. Init and sidecar containers are called out because they sit in a
 * different list of the pod spec, where a reader would otherwise not look.
 */
export const describeContainer: (container: Container) => string = byDescription((described) => described);

/**
 * The result `[{ message: `${describeContainer(container)}${rest}` }]`, built once per container
 * description and frozen: the rule returns it as is, and every finding about that container shares
 * one violation instead of allocating a message, a violation and an array each.
 * Define it once per rule, beside the rule, so the text stays readable where it is reported.
 */
export function containerResult(rest: string): ContainerCheck {
  return byDescription((described) => fixedResult({ message: described + rest }));
}

/**
 * The result `[{ message: `${describeContainer(container)}${restOf(detail)}` }]` for a detail that is
 * a value from the model (an environment variable name, a user, a log mode), built once per
 * description and detail and frozen like {@link containerResult}.
 */
export function containerResultWith<D extends string | number>(
  restOf: (detail: D) => string,
): (container: Container, detail: D) => readonly Violation[] {
  const byDetail = byDescription((described) => {
    const results = new BoundedCache<D, readonly Violation[]>(REMEMBERED_DETAILS);
    const make = (detail: D) => fixedResult({ message: described + restOf(detail) });
    return { results, make };
  });
  return (container, detail) => {
    const { results, make } = byDetail(container);
    return results.remembered(detail, make);
  };
}

/** What a rule finds in one container: {@link NO_VIOLATIONS}, a shared result, or a new list. */
export type ContainerCheck = (container: Container) => readonly Violation[];

/**
 * The results of `check` over a workload's containers, in container order. Most pods and tasks have
 * one container, and most of their results are shared and frozen: that result is returned as is.
 */
export function containerViolations(
  containers: readonly Container[],
  check: ContainerCheck,
): readonly Violation[] {
  if (containers.length === 1) return check(containers[0]!);
  let found = NO_VIOLATIONS;
  for (const container of containers) found = appendResult(found, check(container));
  return found;
}

/**
 * `found` followed by `result`. While only one of them has violations it is returned as is, so a
 * shared result stays shared; a new list is built only when both have some, which is rare.
 */
export function appendResult(
  found: readonly Violation[],
  result: readonly Violation[],
): readonly Violation[] {
  if (result.length === 0) return found;
  if (found.length === 0) return result;
  return [...found, ...result];
}

/** The configured user, or null when the field is absent or blank (both mean "the image decides"). */
export function configuredUser(container: Container): string | null {
  const user = container.user?.trim();
  return user ? user : null;
}

/**
 * True when an ECS `user` or Kubernetes `runAsUser` names the root user: `root`, `0`, or either
 * followed by `:group`. A root group with a non-root user (`1000:0`) is not a root user.
 */
export function isRootUser(user: string): boolean {
  const name = (user.split(':')[0] ?? '').trim().toLowerCase();
  return name === 'root' || /^0+$/.test(name);
}

/**
 * Windows accounts that hold administrator rights inside a container. ContainerAdministrator is the
 * default user of Windows base images, so an absent user also runs with these rights.
 */
const windowsAdministrators = new Set(['containeradministrator', 'administrator']);

/** True when a Windows container user (optionally `DOMAIN\user`) is a default administrator account. */
export function isWindowsAdministrator(user: string): boolean {
  const account = user.split('\\').pop() ?? user;
  return windowsAdministrators.has(account.trim().toLowerCase());
}

/**
 * The task-definition detail of an ECS workload. A reader that produced an ECS workload without it is
 * broken; throwing lets the engine report a rule error instead of a pass that was never evaluated.
 */
export function taskDefinitionOf(workload: Workload): EcsTaskDetail {
  if (workload.ecs === null) throw new Error(`ECS workload ${workload.id} carries no task-definition detail`);
  return workload.ecs;
}
