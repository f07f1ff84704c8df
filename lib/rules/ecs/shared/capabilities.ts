/** `cap_sys_ptrace` and `SYS_PTRACE` name the same capability; ECS uses the bare upper-case form. */
export function capabilityName(raw: string): string {
  const upper = raw.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}
