import type { Container, EcsTaskDetail, Workload } from '../../model/workload.js';

/**
 * How a finding names a container. Init and sidecar containers are called out because they sit in a
 * different list of the pod spec, where a reader would otherwise not look.
 */
export function describeContainer(container: Container): string {
  let described = descriptions.get(container);
  if (described === undefined) {
    described =
      container.role === 'init'
        ? `init container "${container.name}"`
        : container.role === 'sidecar'
          ? `sidecar container "${container.name}"`
          : `container "${container.name}"`;
    descriptions.set(container, described);
  }
  return described;
}

/** Descriptions by (immutable) container: a dozen compliance rules name the same containers. */
const descriptions = new WeakMap<Container, string>();

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
