import type { ClusterResult, Finding } from '../../findings/result.js';
import { byText } from '../../model/text-order.js';
import type { Severity } from '../../rules/rule.js';
import { escapeHtml } from './escape.js';
import { plural } from './figures.js';
import { docsLink, SEVERITY_LABELS, suppressionNote } from './workloads.js';

/**
 * The cluster compliance checks' results (`report.clusters`, from a live scan), as every
 * human-readable format shows them: clusters that need attention one by one, worst first; the
 * clusters with no finding only counted. A check that threw leaves its cluster "not evaluated",
 * never passing.
 */

/**
 * Where a cluster stands: `findings` when any finding is not suppressed; `not-evaluated` when a
 * check threw and nothing else was found; `suppressed` when every finding is muted; `clean` when
 * every check ran and found nothing.
 */
export type ClusterStanding = 'findings' | 'not-evaluated' | 'suppressed' | 'clean';

export function clusterStanding(cluster: ClusterResult): ClusterStanding {
  if (cluster.findings.some((f) => f.suppressed === undefined)) return 'findings';
  if (cluster.errors.length > 0) return 'not-evaluated';
  if (cluster.findings.length > 0) return 'suppressed';
  return 'clean';
}

/** `ECS` or `EKS`. */
export function clusterKindLabel(cluster: ClusterResult): string {
  return cluster.scope === 'eks' ? 'EKS' : 'ECS';
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { blocker: 1, fixable: 2, advisory: 3 };

/** Failed checks first (they may hide anything), then the worst open finding; muted-only last. */
function attentionRank(cluster: ClusterResult): number {
  if (cluster.errors.length > 0) return 0;
  const open = cluster.findings.filter((f) => f.suppressed === undefined);
  return open.length === 0 ? 4 : Math.min(...open.map((f) => SEVERITY_RANK[f.severity]));
}

const byPlace = (a: ClusterResult, b: ClusterResult): number =>
  byText(a.account, b.account) || byText(a.region, b.region) || byText(a.name, b.name) || byText(a.id, b.id);

/** The clusters that have a finding (muted ones too) or a failed check, worst first, then by place. */
export function clustersNeedingAttention(clusters: readonly ClusterResult[]): ClusterResult[] {
  return clusters
    .filter((c) => clusterStanding(c) !== 'clean')
    .sort((a, b) => attentionRank(a) - attentionRank(b) || byPlace(a, b));
}

/** A cluster's findings: open ones worst first, suppressed ones last. */
export function orderedClusterFindings(findings: readonly Finding[]): Finding[] {
  const rank = (f: Finding) => (f.suppressed === undefined ? 0 : 10) + SEVERITY_RANK[f.severity];
  return [...findings].sort((a, b) => rank(a) - rank(b));
}

/** Counts of the cluster section's summary line. */
export interface ClusterTally {
  readonly clusters: number;
  readonly byStanding: Readonly<Record<ClusterStanding, number>>;
  /** Findings no suppression mutes. */
  readonly openFindings: number;
  readonly suppressedFindings: number;
  /** Checks that threw, over every cluster. */
  readonly checkErrors: number;
}

export function tallyClusters(clusters: readonly ClusterResult[]): ClusterTally {
  const byStanding: Record<ClusterStanding, number> = {
    findings: 0,
    'not-evaluated': 0,
    suppressed: 0,
    clean: 0,
  };
  let openFindings = 0;
  let suppressedFindings = 0;
  let checkErrors = 0;
  for (const cluster of clusters) {
    byStanding[clusterStanding(cluster)] += 1;
    for (const finding of cluster.findings) {
      if (finding.suppressed === undefined) openFindings += 1;
      else suppressedFindings += 1;
    }
    checkErrors += cluster.errors.length;
  }
  return { clusters: clusters.length, byStanding, openFindings, suppressedFindings, checkErrors };
}

/**
 * `5 clusters: 2 with findings, 1 not fully evaluated, 2 with no finding`; parts that are zero are
 * left out, except when nothing else would be said.
 */
export function clusterTallyText(tally: ClusterTally): string {
  const s = tally.byStanding;
  const parts = [
    ...(s.findings > 0 ? [`${s.findings} with findings`] : []),
    ...(s['not-evaluated'] > 0 ? [`${s['not-evaluated']} not fully evaluated`] : []),
    ...(s.suppressed > 0 ? [`${s.suppressed} with suppressed findings only`] : []),
    ...(s.clean > 0 || tally.clusters === 0 ? [`${s.clean} with no finding`] : []),
  ];
  return `${plural(tally.clusters, 'cluster')}: ${parts.join(', ')}`;
}

/** Said when a scan carries a cluster list that is empty. */
export const NO_CLUSTER_READ = 'No cluster was read, so no cluster check ran.';

// ---------------------------------------------------------------------------------------------
// HTML

const STANDING_BADGES: Readonly<Record<Exclude<ClusterStanding, 'clean'>, string>> = {
  findings: 'cluster-badge-findings',
  'not-evaluated': 'cluster-badge-not-evaluated',
  suppressed: 'cluster-badge-suppressed',
};

/**
 * One finding. The message leads: a cluster check's title names the control it asks for
 * ("... is not publicly accessible"), which read alone would sound like a pass.
 */
function clusterFindingItem(finding: Finding): string {
  const suppressed = finding.suppressed;
  const suppressedNote = suppressionNote(finding);
  return (
    `<li class="finding finding-${finding.severity}${suppressed === undefined ? '' : ' is-suppressed'}">` +
    `<div class="finding-head"><span class="sev sev-${finding.severity}">${escapeHtml(SEVERITY_LABELS[finding.severity])}</span>` +
    `<strong class="finding-title">${escapeHtml(finding.message)}</strong></div>` +
    `<p class="finding-control"><span class="fix-label">Control:</span> ${escapeHtml(finding.title)} <code>${escapeHtml(finding.ruleId)}</code></p>` +
    `<p class="finding-fix"><span class="fix-label">Fix:</span> ${escapeHtml(finding.fix)}</p>` +
    `<p class="finding-docs">${docsLink(finding.docsUrl)}</p>${suppressedNote}</li>`
  );
}

function standingText(cluster: ClusterResult, standing: Exclude<ClusterStanding, 'clean'>): string {
  const open = cluster.findings.filter((f) => f.suppressed === undefined).length;
  if (standing === 'findings') return plural(open, 'finding');
  if (standing === 'suppressed') return `${plural(cluster.findings.length, 'finding')}, suppressed`;
  return 'Not fully evaluated';
}

/** Kind, account, region, version, status and workload count, short parts kept whole. */
function clusterMeta(cluster: ClusterResult): string {
  const parts = [
    `${clusterKindLabel(cluster)} cluster`,
    cluster.account,
    cluster.region,
    ...(cluster.version === null ? [] : [`Kubernetes ${cluster.version}`]),
    ...(cluster.status === null ? [] : [cluster.status]),
    plural(cluster.workloads, 'workload'),
  ];
  return parts.map((part) => `<span class="part">${escapeHtml(part)}</span>`).join(' · ');
}

function clusterCard(cluster: ClusterResult): string {
  const standing = clusterStanding(cluster);
  if (standing === 'clean') return '';
  const findings = orderedClusterFindings(cluster.findings);
  const findingList =
    findings.length === 0 ? '' : `<ol class="findings">${findings.map(clusterFindingItem).join('')}</ol>`;
  const errors =
    cluster.errors.length === 0
      ? ''
      : `<div class="cluster-errors"><p><strong>Not evaluated:</strong> ${escapeHtml(
          `${plural(cluster.errors.length, 'check')} failed, so this cluster may have findings not shown here.`,
        )}</p><ul class="rule-errors">${cluster.errors
          .map((e) => `<li><code>${escapeHtml(e.ruleId)}</code> ${escapeHtml(e.message)}</li>`)
          .join('')}</ul></div>`;
  return (
    `<li class="cluster cluster-${standing}">` +
    `<div class="cluster-head"><h3 class="cluster-name">${escapeHtml(cluster.name)}</h3>` +
    `<span class="badge ${STANDING_BADGES[standing]}">${escapeHtml(standingText(cluster, standing))}</span></div>` +
    `<p class="wl-meta">${clusterMeta(cluster)}</p>` +
    `<p class="cluster-id"><code>${escapeHtml(cluster.id)}</code></p>` +
    `${errors}${findingList}</li>`
  );
}

function cleanClusters(clusters: readonly ClusterResult[]): string {
  const clean = clusters.filter((c) => clusterStanding(c) === 'clean').sort(byPlace);
  if (clean.length === 0) return '';
  const items = clean
    .map(
      (c) =>
        `<li><span class="wl-name">${escapeHtml(c.name)}</span> <span class="wl-meta">${clusterMeta(c)}</span></li>`,
    )
    .join('');
  return (
    `<details class="clusters-clean"><summary>${escapeHtml(`${plural(clean.length, 'cluster')} with no finding`)}</summary>` +
    `<ul class="clean-list">${items}</ul></details>`
  );
}

/**
 * The "Cluster compliance" section of a scan: every cluster with a finding or a failed check as a
 * card (finding, fix, documentation, suppression), the rest counted under one disclosure. Empty
 * when the report carries no cluster list (`check` reads files, not clusters).
 */
export function renderClusterSection(clusters: readonly ClusterResult[] | undefined): string {
  if (clusters === undefined) return '';
  const open =
    '<section id="clusters" aria-labelledby="clusters-title"><h2 id="clusters-title">Cluster compliance</h2>';
  if (clusters.length === 0)
    return `${open}<p class="section-note">${escapeHtml(NO_CLUSTER_READ)}</p></section>`;
  const note =
    'Checks of each cluster’s own settings, apart from its workloads: ECS Container Insights and capacity-provider ' +
    'termination protection; EKS API endpoint access, supported version, secrets encryption and audit logging. ' +
    `${clusterTallyText(tallyClusters(clusters))}.`;
  const attention = clustersNeedingAttention(clusters);
  const cards =
    attention.length === 0 ? '' : `<ol class="cluster-list">${attention.map(clusterCard).join('')}</ol>`;
  return `${open}<p class="section-note">${escapeHtml(note)}</p>${cards}${cleanClusters(clusters)}</section>`;
}
