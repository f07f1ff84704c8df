import type { Container, EcsTaskDetail, Workload } from '../../model/workload.js';
import { NO_VIOLATIONS, type Violation, violationsFor } from '../rule.js';

/**
 * How many container names (per role) each remembered table keeps before it starts over, and how many
 * details per name: bounded, so an estate of unique names costs a rebuild, never unbounded memory.
 */
const REMEMBERED_NAMES = 2_000;
const REMEMBERED_DETAILS = 64;

/**
 * Remembers a value computed from a container's description, by role and name: primitives, never the
 * container object. An estate reuses a few hundred container names, and about seven findings per
 * workload name the same containers, so their messages can share strings instead of each keeping
 * its own: the strings a finding keeps are most of what it costs the garbage collector.
 */
function byDescription<T>(compute: (described: string) => T): (container: Container) => T {
  const apps = new Map<string, T>();
  const inits = new Map<string, T>();
  const sidecars = new Map<string, T>();
  return (container) => {
    const remembered = container.role === 'init' ? inits : container.role === 'sidecar' ? sidecars : apps;
    return remembered.get(container.name) ?? remember(remembered, container, compute);
  };
}

/** The first time a name is seen, kept apart so that the look-up above stays small where it is inlined. */
function remember<T>(remembered: Map<string, T>, container: Container, compute: (described: string) => T): T {
  const value = compute(
    container.role === 'init'
      ? `init container "${container.name}"`
      : container.role === 'sidecar'
        ? `sidecar container "${container.name}"`
        : `container "${container.name}"`,
  );
  if (remembered.size >= REMEMBERED_NAMES) remembered.clear();
  remembered.set(container.name, value);
  return value;
}

/**
 * How a finding names a container. Init and sidecar containers are called out because they sit in a
 * different list of the pod spec, where a reader would otherwise not look.
 */
export const describeContainer: (container: Container) => string = byDescription((described) => described);

/**
 * The message `${describeContainer(container)}${rest}`, one shared string per container description.
 * Define it once per rule, beside the rule, so the text stays readable where it is reported.
 */
export function containerMessage(rest: string): (container: Container) => string {
  return byDescription((described) => described + rest);
}

/**
 * The message `${describeContainer(container)}${restOf(detail)}` for a detail that is a name from the
 * model (an environment variable name), one shared string per description and detail.
 */
export function containerMessageWith(
  restOf: (detail: string) => string,
): (container: Container, detail: string) => string {
  const byDetail = byDescription((described) => ({ described, messages: new Map<string, string>() }));
  return (container, detail) => {
    const details = byDetail(container);
    return details.messages.get(detail) ?? rememberDetail(details, detail, restOf);
  };
}

function rememberDetail(
  { described, messages }: { readonly described: string; readonly messages: Map<string, string> },
  detail: string,
  restOf: (detail: string) => string,
): string {
  const message = described + restOf(detail);
  if (messages.size >= REMEMBERED_DETAILS) messages.clear();
  messages.set(detail, message);
  return message;
}

/**
 * {@link violationsFor} over a workload's containers. Most pods and tasks have one container: that
 * case is answered without the growable list, as a one-element array or {@link NO_VIOLATIONS}.
 */
export function containerViolations(
  containers: readonly Container[],
  check: (container: Container) => Violation | null,
): readonly Violation[] {
  if (containers.length !== 1) return violationsFor(containers, check);
  const violation = check(containers[0]!);
  return violation === null ? NO_VIOLATIONS : [violation];
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
