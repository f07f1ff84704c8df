import { byNumberedText } from '../../model/text-order.js';
import type { Violation } from '../../rules/rule.js';
import type { EksVersionRecord } from '../snapshot.js';
import { defineClusterCheck } from './cluster-check.js';

/**
 * Fallback EKS version calendar, for when DescribeClusterVersions is not allowed: end of standard
 * and of extended support per minor version (EKS: 14 months standard, then 12 months extended).
 * Checked 2026-11-27 against the EKS release calendar as republished by aws-samples/sample-apex-skills
 * and endoflife.date; DescribeClusterVersions, when it answers, always wins.
 */
export const EKS_VERSION_CALENDAR: readonly {
  readonly version: string;
  readonly endOfStandardSupport: string;
  readonly endOfExtendedSupport: string;
}[] = [
  { version: '1.29', endOfStandardSupport: '2025-03-23', endOfExtendedSupport: '2026-03-23' },
  { version: '1.30', endOfStandardSupport: '2025-07-23', endOfExtendedSupport: '2026-07-23' },
  { version: '1.31', endOfStandardSupport: '2025-11-26', endOfExtendedSupport: '2026-11-26' },
  { version: '1.32', endOfStandardSupport: '2026-03-23', endOfExtendedSupport: '2027-03-23' },
  { version: '1.33', endOfStandardSupport: '2026-07-29', endOfExtendedSupport: '2027-07-29' },
  { version: '1.34', endOfStandardSupport: '2026-12-02', endOfExtendedSupport: '2027-12-02' },
  { version: '1.35', endOfStandardSupport: '2027-03-27', endOfExtendedSupport: '2028-03-27' },
];

type Support = 'STANDARD_SUPPORT' | 'EXTENDED_SUPPORT' | 'UNSUPPORTED';

/** Support status from the fallback calendar on a date. */
export function calendarSupport(version: string, at: Date): { status: Support; until: string | null } {
  const entry = EKS_VERSION_CALENDAR.find((e) => e.version === version);
  if (!entry) {
    const oldest = EKS_VERSION_CALENDAR[0]!.version;
    // Older than every calendar entry: its extended support ended before the oldest listed one's.
    if (byNumberedText(version, oldest) < 0) return { status: 'UNSUPPORTED', until: null };
    // Newer than the calendar: released after it was checked, so in standard support.
    return { status: 'STANDARD_SUPPORT', until: null };
  }
  const day = at.toISOString().slice(0, 10);
  if (day < entry.endOfStandardSupport)
    return { status: 'STANDARD_SUPPORT', until: entry.endOfStandardSupport };
  if (day < entry.endOfExtendedSupport)
    return { status: 'EXTENDED_SUPPORT', until: entry.endOfExtendedSupport };
  return { status: 'UNSUPPORTED', until: null };
}

function reported(
  versions: readonly EksVersionRecord[],
  version: string,
): { status: Support; until: string | null } {
  const record = versions.find((v) => v.version === version);
  // DescribeClusterVersions was asked with includeAll; a version it does not list is not offered at all.
  if (!record) return { status: 'UNSUPPORTED', until: null };
  const status = (record.status ?? 'UNSUPPORTED') as Support;
  const until =
    status === 'STANDARD_SUPPORT'
      ? record.endOfStandardSupport
      : status === 'EXTENDED_SUPPORT'
        ? record.endOfExtendedSupport
        : null;
  return { status, until: until?.slice(0, 10) ?? null };
}

/** EKS.2: the cluster runs a Kubernetes version EKS supports (extended support is reported as advisory). */
export const eksSupportedVersion = defineClusterCheck({
  id: 'eks-supported-version',
  scope: 'eks',
  category: 'compliance',
  severity: 'fixable',
  title: 'EKS cluster runs a supported Kubernetes version',
  rationale:
    'An unsupported version gets no security patches and is upgraded by EKS on its own schedule; a version in extended support is billed at a higher hourly rate for the control plane.',
  fix: 'Upgrade the control plane one minor version at a time (aws eks update-cluster-version), then node groups and add-ons.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html',
  verifiedAt: '2026-11-27',
  control: 'Security Hub EKS.2 / eks-cluster-supported-version / eks_cluster_uses_a_supported_version',
  evaluate({ cluster, versions, at }): Violation[] {
    if (cluster.version === null) throw new Error(`cluster ${cluster.name} reported no Kubernetes version`);
    const fromApi = versions.length > 0;
    const { status, until } = fromApi
      ? reported(versions, cluster.version)
      : calendarSupport(cluster.version, at);
    const basis = fromApi ? 'per DescribeClusterVersions' : `per the EKS release calendar checked 2026-11-27`;
    if (status === 'UNSUPPORTED') {
      return [
        {
          message: `Cluster ${cluster.name} runs Kubernetes ${cluster.version}, which EKS no longer supports (${basis}).`,
        },
      ];
    }
    if (status === 'EXTENDED_SUPPORT') {
      return [
        {
          severity: 'advisory',
          message: `Cluster ${cluster.name} runs Kubernetes ${cluster.version} in extended support${
            until ? ` until ${until}` : ''
          } (${basis}): supported, at the extended-support price.`,
        },
      ];
    }
    return [];
  },
});
