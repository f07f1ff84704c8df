/**
 * Capabilities the Pod Security Standards baseline profile lets a container add: the container
 * runtime's default set. Anything else widens what a root process in the container can do.
 */
export const baselineCapabilities: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** `cap_net_admin` and `NET_ADMIN` name the same capability; compare them in one spelling. */
export function normalizeCapability(capability: string): string {
  // Already in the one spelling (the usual case): no string passes.
  if (PLAIN_CAPABILITY.test(capability)) return capability;
  return capability.trim().toUpperCase().replace(/^CAP_/, '');
}

/** Upper case, no surrounding space, no `CAP_` prefix: what {@link normalizeCapability} returns. */
const PLAIN_CAPABILITY = /^(?!CAP_)[A-Z0-9_]*$/;
