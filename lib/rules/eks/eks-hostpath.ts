import type { Volume } from '../../model/workload.js';
import type { Violation } from '../rule.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';

// Paths whose content belongs to the node (runtime sockets, kernel interfaces, node logs, node
// binaries and state). A pod that reads them does node work that has no meaning in a Fargate pod VM.
const HOST_COUPLED_PREFIXES = [
  '/proc',
  '/sys',
  '/dev',
  '/etc',
  '/run',
  '/var/run',
  '/var/log',
  '/var/lib/kubelet',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/lib/containers',
  '/var/lib/cni',
  '/opt/cni',
  '/lib',
  '/lib64',
  '/usr',
  '/bin',
  '/sbin',
  '/boot',
  '/root',
  '/host',
  '/rootfs',
  // Windows nodes, after drive letters are dropped and separators turned around.
  '/programdata/docker',
];

const RUNTIME_SOCKET = /(docker|containerd|crio|cri-dockerd|podman)\.sock$/;

// Node files a pod commonly borrows and can carry itself; checked before the prefixes above.
const REPLACEABLE_NODE_FILES: readonly { prefixes: readonly string[]; what: string; fix: string }[] = [
  {
    prefixes: ['/etc/localtime', '/etc/timezone', '/usr/share/zoneinfo'],
    what: 'the node time zone',
    fix: 'Drop the hostPath and set the TZ environment variable (with tzdata in the image) instead.',
  },
  {
    prefixes: ['/etc/ssl', '/etc/pki', '/etc/ca-certificates', '/usr/share/ca-certificates'],
    what: 'the node CA certificates',
    fix: "Drop the hostPath and use the image's CA bundle, or mount the certificates from a ConfigMap.",
  },
];

/** Lower-case, forward slashes, no drive letter, no duplicate or trailing slashes. */
function normalizePath(path: string): string {
  const forward = path
    .trim()
    .replace(/\\/g, '/')
    .replace(/^[A-Za-z]:/, '');
  const collapsed = forward.replace(/\/+/g, '/').toLowerCase();
  return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
}

const SLASH = 47;
// `prefix` itself or a path below it (a `/` right after the prefix), without building `${prefix}/`.
const under = (path: string, prefix: string) =>
  path === prefix || (path.startsWith(prefix) && path.charCodeAt(prefix.length) === SLASH);

/** Why a hostPath is tied to the node, or null when it is only local storage. */
function hostCoupling(normalized: string): string | null {
  if (normalized === '/') return 'mounts the node root file system';
  if (RUNTIME_SOCKET.test(normalized)) return 'mounts the container runtime socket';
  if (normalized.startsWith('/./pipe/')) return 'mounts a Windows named pipe of the node';
  const prefix = HOST_COUPLED_PREFIXES.find((p) => under(normalized, p));
  return prefix === undefined ? null : `mounts node path ${prefix}`;
}

const isHostPath = (volume: Volume) => volume.type === 'hostPath';

/** hostPath volumes: blockers when tied to the node, otherwise a switch to emptyDir. */
export const eksHostpath = defineRule({
  id: 'eks-hostpath',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'hostPath volumes are not supported on Fargate',
  rationale:
    'Fargate refuses hostPath volumes ("volumes not supported"). A pod that reads node state (runtime socket, ' +
    '/proc, /sys, /dev, node logs, kubelet or runtime directories, /etc) is doing node work and cannot move; ' +
    'one that only keeps files on the node can use an emptyDir, and one that borrows the node time zone or CA ' +
    'certificates can carry its own.',
  fix: 'Replace the hostPath with an emptyDir (or EFS if the data must outlive the pod).',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['volumes'],
  evaluate(workload) {
    if (!workload.volumes.some(isHostPath)) return NO_VIOLATIONS;
    return workload.volumes.filter(isHostPath).map((volume): Violation => {
      const path = volume.hostPath ?? '';
      const normalized = normalizePath(path);
      const borrowed = REPLACEABLE_NODE_FILES.find((f) => f.prefixes.some((p) => under(normalized, p)));
      if (borrowed !== undefined) {
        return {
          severity: 'fixable',
          message: `Volume "${volume.name}" mounts ${borrowed.what} (hostPath ${path}).`,
          fix: borrowed.fix,
        };
      }
      const coupling = hostCoupling(normalized);
      if (coupling !== null) {
        return {
          message: `Volume "${volume.name}" ${coupling} (hostPath ${path}); the pod depends on its node.`,
          fix: 'Keep this workload on EC2 nodes, or redesign it so it does not read node state.',
        };
      }
      return {
        severity: 'fixable',
        message: `Volume "${volume.name}" is hostPath ${path || '(no path)'}, which Fargate does not support.`,
        fix: `Replace volume "${volume.name}" with an emptyDir (or an EFS volume if the data must outlive the pod).`,
      };
    });
  },
});
