/** Host locations whose content belongs to the host itself: mounting them couples the task to a host. */
const HOST_COUPLED_PATHS = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/docker',
  '/run/containerd',
  '/var/lib/docker',
  '/var/lib/ecs',
  '/var/log',
  '/proc',
  '/sys',
  '/cgroup',
  '/dev',
  '/etc',
  '/boot',
  '/lib/modules',
];

function normalize(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

/**
 * True when a host path is, contains or lies under a host-coupled location (the Docker socket,
 * /proc, /sys, /dev, /etc, /var/log, ...), or is a Windows named pipe or drive path such as the
 * Docker engine pipe. `/var` and `/` count, since they expose those locations.
 */
export function isHostCoupledPath(path: string): boolean {
  if (path.startsWith('\\\\') || /^[a-z]:\\/i.test(path)) return true;
  const p = normalize(path);
  if (p === '/') return true;
  return HOST_COUPLED_PATHS.some(
    (coupled) => p === coupled || p.startsWith(`${coupled}/`) || coupled.startsWith(`${p}/`),
  );
}
