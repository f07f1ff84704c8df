import type { Container } from '../../../model/workload.js';

/** `cap_sys_ptrace` and `SYS_PTRACE` name the same capability; ECS uses the bare upper-case form. */
export function capabilityName(raw: string): string {
  const upper = raw.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/** True when any container adds capabilities; most add none, so the capability rules stop here. */
export function addsCapabilities(containers: readonly Pick<Container, 'capabilitiesAdd'>[]): boolean {
  for (const c of containers) {
    if (c.capabilitiesAdd.length > 0) return true;
  }
  return false;
}
