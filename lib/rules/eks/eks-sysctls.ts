import type { Violation } from '../rule.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';

// Kubernetes' safe sysctl set (kubelet allows these without --allowed-unsafe-sysctls).
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

// Kubernetes accepts both separators (net/ipv4/tcp_syncookies); the reader may keep "name=value".
function sysctlName(entry: string): string {
  const name = entry.split('=')[0]?.trim() ?? '';
  return name.replace(/\//g, '.');
}

/** Pod sysctls: unsafe ones cannot be allowed on Fargate, safe ones are unverified. */
export const eksSysctls = defineRule({
  id: 'eks-sysctls',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'Pod sets sysctls',
  rationale:
    'Unsafe sysctls need the kubelet flag --allowed-unsafe-sysctls, which nobody can set on Fargate ' +
    "(containers-roadmap #967 is open; the ECS Fargate sysctl support of #460 is ECS only). Kubernetes' safe " +
    'sysctls are unverified on Fargate.',
  fix: 'Remove the sysctls, or tune the setting inside the application; keep the pod on EC2 if it needs an unsafe sysctl.',
  docsUrl: 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['sysctls'],
  evaluate(workload) {
    if ((workload.eks?.sysctls.length ?? 0) === 0) return NO_VIOLATIONS;
    const names = [...new Set((workload.eks?.sysctls ?? []).map(sysctlName).filter((n) => n !== ''))];
    const unsafe = names.filter((n) => !SAFE_SYSCTLS.has(n));
    const safe = names.filter((n) => SAFE_SYSCTLS.has(n));
    const found: Violation[] = [];
    if (unsafe.length > 0) {
      found.push({
        message: `The pod sets unsafe sysctls ${unsafe.join(', ')}, which Fargate cannot allow.`,
      });
    }
    if (safe.length > 0) {
      found.push({
        severity: 'fixable',
        message: `The pod sets safe sysctls ${safe.join(', ')}; whether Fargate applies them is unverified.`,
        fix: 'Remove the sysctls or confirm on a Fargate test pod that they apply.',
      });
    }
    return found;
  },
});
