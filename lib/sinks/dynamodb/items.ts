/**
 * Pure transforms between the store's records and table items. Every value comes from the scan
 * (its id and start time) and the results, never from the clock, so a rerun of a scan produces
 * byte-identical items and rewrites nothing.
 */
import { z } from 'zod';
import { VERDICTS } from '../../findings/assemble.js';
import type { ClusterResult, Finding, Gap, Verdict, WorkloadResult } from '../../findings/result.js';
import { type Suppression, suppressionSchema } from '../../findings/suppressions.js';
import type { Item } from './item-table.js';
import {
  chronologicalSortKey,
  clusterHistoryKey,
  clusterStateKey,
  historyKey,
  ITEM_TYPE,
  type ItemKey,
  runKey,
  SUMMARIES_PARTITION,
  savingsSortKey,
  stateKey,
  summaryKey,
  suppressionKey,
  TTL_ATTRIBUTE,
  targetClusterStatesSortKey,
  targetRunsPartition,
  targetStatesPartition,
  targetStatesSortKey,
  verdictPartition,
} from './keys.js';
import type {
  ClusterState,
  ScanRef,
  ScanScope,
  ScanSummaryRecord,
  ScanTarget,
  StoredCluster,
  StoredWorkload,
  TargetRun,
  TargetStatus,
  WorkloadState,
} from './records.js';

/** DynamoDB's item limit is 400 KB; items are kept well under it (sizes here are upper bounds). */
export const ITEM_SIZE_BUDGET = 350_000;
/** Gap and check-error messages are cut to this length in stored items; the full text is in the scan's logs. */
const MAX_GAP_MESSAGE = 1_000;

/** How long history (runs and per-scan workloads) is kept before DynamoDB's TTL removes it. */
export interface RetentionSettings {
  readonly historyDays: number;
}

/**
 * An upper bound of an item's DynamoDB size: its JSON text in UTF-8. DynamoDB counts attribute
 * names plus values, which is never more than the JSON (quotes, braces and commas are not counted,
 * numbers are stored in fewer bytes than their digits).
 */
export function itemSizeUpperBound(item: unknown): number {
  return Buffer.byteLength(JSON.stringify(item), 'utf8');
}

/** What is already known of a workload's current state in the table. */
export interface KnownState {
  readonly workloadId: string;
  readonly kind: string;
  readonly cluster: string | null;
  readonly namespace: string | null;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** What is already known of a cluster's current state in the table. */
export interface KnownClusterState {
  readonly clusterId: string;
  readonly scope: ClusterResult['scope'];
  readonly name: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** Everything one target run produced, ready to be turned into items. */
export interface TargetRunInput {
  readonly scan: ScanRef;
  readonly target: ScanTarget;
  readonly scope: ScanScope;
  readonly status: TargetStatus;
  readonly results: readonly WorkloadResult[];
  /**
   * The clusters the run read, with their compliance findings (one id each). Absent when the
   * scanner reports no clusters: cluster states are then left as they are, never removed.
   */
  readonly clusters?: readonly ClusterResult[];
  readonly gaps: readonly Gap[];
  readonly throttles: number;
  /** State items of the target that exist already (all of them, for first-seen and removals). */
  readonly knownStates: readonly KnownState[];
  /** Cluster state items of the target that exist already; none when absent. */
  readonly knownClusterStates?: readonly KnownClusterState[];
}

/** The writes of one target run: puts and deletes, and the run record written last. */
export interface TargetRunItems {
  /** Workload and cluster history and state items. */
  readonly puts: readonly Item[];
  /** State items of workloads and clusters the run's scope covered, that it reached, and that are gone. */
  readonly deletes: readonly ItemKey[];
  /** Written after the puts and deletes succeed, so a run record means its items are complete. */
  readonly runItem: Item;
  readonly run: TargetRun;
}

const SEVERITY_RANK: Readonly<Record<Finding['severity'], number>> = { blocker: 0, fixable: 1, advisory: 2 };
const CATEGORY_RANK: Readonly<Record<Finding['category'], number>> = { fargate: 0, compliance: 1 };

/** True when the workload lies inside the scope's cluster and namespace filters. */
export function inScope(
  workload: { readonly cluster: string | null; readonly namespace: string | null },
  scope: ScanScope,
): boolean {
  if (scope.clusters !== null && !scope.clusters.some((c) => sameCluster(c, workload.cluster))) return false;
  if (
    scope.namespaces !== null &&
    (workload.namespace === null || !scope.namespaces.includes(workload.namespace))
  )
    return false;
  return true;
}

/** A cluster named by its name or ARN matches either form. */
export function sameCluster(wanted: string, cluster: string | null): boolean {
  if (cluster === null) return false;
  const nameOf = (value: string) => value.slice(value.lastIndexOf('/') + 1);
  return wanted === cluster || nameOf(wanted) === nameOf(cluster);
}

/**
 * True when the cluster lies inside the scope's cluster filter. Namespaces do not narrow clusters:
 * a cluster belongs to no namespace, and its checks judge it whole.
 */
export function clusterInScope(
  cluster: { readonly id: string; readonly name: string },
  scope: ScanScope,
): boolean {
  return (
    scope.clusters === null ||
    scope.clusters.some((wanted) => wanted === cluster.id || sameCluster(wanted, cluster.name))
  );
}

/** True when `outer` covers everything `inner` covers (null = everything). */
export function scopeCovers(outer: ScanScope, inner: ScanScope): boolean {
  const covers = (a: readonly string[] | null, b: readonly string[] | null) =>
    a === null || (b?.every((value) => a.includes(value)) ?? false);
  return covers(outer.clusters, inner.clusters) && covers(outer.namespaces, inner.namespaces);
}

/** ECS workload kinds are `ecs-…`; every other kind is a Kubernetes one. */
const isEcsKind = (kind: string) => kind.startsWith('ecs-');

/**
 * True when a coverage gap means the run may have missed this workload, so its absence proves
 * nothing: a gap on its cluster; an ECS-wide gap for an ECS workload, an EKS-wide one for a
 * Kubernetes workload; an account- or region-wide gap for any. Pricing and EC2 gaps never hide a
 * workload (they only leave figures unpriced).
 */
export function gapHides(
  gap: Gap,
  workload: { readonly cluster: string | null; readonly kind: string },
): boolean {
  if (gap.scope === 'price' || gap.scope === 'ec2') return false;
  if (gap.cluster !== undefined) return sameCluster(gap.cluster, workload.cluster);
  if (gap.scope.startsWith('ecs') || gap.scope === 'task-definition') return isEcsKind(workload.kind);
  if (gap.scope.startsWith('eks')) return !isEcsKind(workload.kind);
  return true;
}

/** Distinct, sorted rule ids of the findings no suppression mutes. */
export function unsuppressedRuleIds(findings: readonly Finding[]): string[] {
  return [...new Set(findings.filter((f) => f.suppressed === undefined).map((f) => f.ruleId))].sort();
}

function countByVerdict(results: readonly WorkloadResult[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const result of results) counts[result.verdict] += 1;
  return counts;
}

function expiresAt(startedAt: string, settings: RetentionSettings): number {
  return Math.floor(Date.parse(startedAt) / 1000) + settings.historyDays * 86_400;
}

/** Findings in the order they are kept when an item must shrink: blockers first, compliance last. */
function byImportance(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      CATEGORY_RANK[a.category] - CATEGORY_RANK[b.category],
  );
}

/**
 * Builds an item and, when it would exceed {@link ITEM_SIZE_BUDGET}, keeps the largest prefix of
 * the findings (most important first) that fits; `omitted` says how many were left out so readers
 * know the list is incomplete. Throws when even no findings cannot fit (never seen: it would take
 * hundreds of kilobytes of rule errors), so the caller reports it instead of losing the workload.
 */
export function fitToItemBudget<
  R extends {
    readonly id: string;
    readonly findings: readonly Finding[];
    readonly errors: readonly unknown[];
  },
>(result: R, build: (result: R, findingsOmitted: number) => Item): { item: Item; findingsOmitted: number } {
  const whole = build(result, 0);
  if (itemSizeUpperBound(whole) <= ITEM_SIZE_BUDGET) return { item: whole, findingsOmitted: 0 };
  const ordered = byImportance(result.findings);
  const attempt = (keep: number) =>
    build({ ...result, findings: ordered.slice(0, keep) }, ordered.length - keep);
  let fits = -1;
  let low = 0;
  let high = ordered.length - 1;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    if (itemSizeUpperBound(attempt(middle)) <= ITEM_SIZE_BUDGET) {
      fits = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  if (fits < 0) {
    throw new RangeError(
      `${result.id} does not fit a DynamoDB item even without findings (${result.errors.length} rule errors)`,
    );
  }
  return { item: attempt(fits), findingsOmitted: ordered.length - fits };
}

function historyItem(
  scan: ScanRef,
  target: ScanTarget,
  result: WorkloadResult,
  firstSeen: string,
  ruleIds: readonly string[],
  findingsOmitted: number,
  retention: RetentionSettings,
): Item {
  return {
    ...historyKey(scan.scanId, target, result.id),
    type: ITEM_TYPE.history,
    account: target.account,
    region: target.region,
    scanId: scan.scanId,
    startedAt: scan.startedAt,
    workloadId: result.id,
    firstSeen,
    ruleIds: [...ruleIds],
    findingsOmitted,
    result,
    [TTL_ATTRIBUTE]: expiresAt(scan.startedAt, retention),
  };
}

function stateItem(
  scan: ScanRef,
  target: ScanTarget,
  result: WorkloadResult,
  firstSeen: string,
  ruleIds: readonly string[],
  findingsOmitted: number,
): Item {
  return {
    ...stateKey(target, result.id),
    type: ITEM_TYPE.state,
    gsi1pk: targetStatesPartition(target),
    gsi1sk: targetStatesSortKey(result.id),
    gsi2pk: verdictPartition(result.verdict),
    gsi2sk: savingsSortKey(result.cost?.monthlySavingsUsd ?? null, result.id),
    account: target.account,
    region: target.region,
    scanId: scan.scanId,
    startedAt: scan.startedAt,
    workloadId: result.id,
    firstSeen,
    lastSeen: scan.startedAt,
    ruleIds: [...ruleIds],
    findingsOmitted,
    result,
  };
}

const shortMessage = (message: string) =>
  message.length <= MAX_GAP_MESSAGE ? message : `${message.slice(0, MAX_GAP_MESSAGE)}…`;

const shortGap = (gap: Gap): Gap =>
  gap.message.length <= MAX_GAP_MESSAGE ? gap : { ...gap, message: shortMessage(gap.message) };

/**
 * The fields of a cluster result the store keeps, copied one by one: whatever else a result object
 * might carry at run time (a raw record, tags) never reaches the table. Check errors are cut like
 * gap messages.
 */
function storableCluster(cluster: ClusterResult): ClusterResult {
  return {
    id: cluster.id,
    scope: cluster.scope,
    name: cluster.name,
    account: cluster.account,
    region: cluster.region,
    status: cluster.status,
    version: cluster.version,
    workloads: cluster.workloads,
    findings: cluster.findings.map((finding) => ({
      ruleId: finding.ruleId,
      category: finding.category,
      severity: finding.severity,
      title: finding.title,
      message: finding.message,
      fix: finding.fix,
      docsUrl: finding.docsUrl,
      ...(finding.suppressed
        ? {
            suppressed: {
              owner: finding.suppressed.owner,
              reason: finding.suppressed.reason,
              expires: finding.suppressed.expires,
            },
          }
        : {}),
    })),
    errors: cluster.errors.map((error) => ({ ruleId: error.ruleId, message: shortMessage(error.message) })),
  };
}

function clusterHistoryItem(
  scan: ScanRef,
  target: ScanTarget,
  cluster: ClusterResult,
  findingsOmitted: number,
  retention: RetentionSettings,
): Item {
  return {
    ...clusterHistoryKey(scan.scanId, target, cluster.id),
    type: ITEM_TYPE.clusterHistory,
    account: target.account,
    region: target.region,
    scanId: scan.scanId,
    startedAt: scan.startedAt,
    clusterId: cluster.id,
    findingsOmitted,
    cluster,
    [TTL_ATTRIBUTE]: expiresAt(scan.startedAt, retention),
  };
}

function clusterStateItem(
  scan: ScanRef,
  target: ScanTarget,
  cluster: ClusterResult,
  firstSeen: string,
  findingsOmitted: number,
): Item {
  return {
    ...clusterStateKey(target, cluster.id),
    type: ITEM_TYPE.clusterState,
    gsi1pk: targetStatesPartition(target),
    gsi1sk: targetClusterStatesSortKey(cluster.id),
    account: target.account,
    region: target.region,
    scanId: scan.scanId,
    startedAt: scan.startedAt,
    clusterId: cluster.id,
    firstSeen,
    lastSeen: scan.startedAt,
    findingsOmitted,
    cluster,
  };
}

/**
 * The cluster items of a finished run, built like the workload ones: a history item (with TTL) and
 * the current state per cluster, and deletions of the states of clusters that are gone. A state
 * is deleted only when the scanner reported clusters at all, the scope covers the cluster, no
 * coverage gap could hide it (a gap on it, on ECS or EKS as a whole, or on the whole region), and
 * no newer scan saw it; a late rerun never rolls a newer state back.
 */
function clusterItems(
  input: TargetRunInput,
  retention: RetentionSettings,
): { puts: Item[]; deletes: ItemKey[]; findingsOmitted: number } {
  const { scan, target, scope, status } = input;
  const finished = status === 'complete' || status === 'partial';
  if (!finished || input.clusters === undefined) return { puts: [], deletes: [], findingsOmitted: 0 };
  const known = new Map((input.knownClusterStates ?? []).map((state) => [state.clusterId, state]));
  const puts: Item[] = [];
  let findingsOmitted = 0;
  for (const cluster of input.clusters.map(storableCluster)) {
    const prior = known.get(cluster.id);
    const firstSeen = prior && prior.firstSeen < scan.startedAt ? prior.firstSeen : scan.startedAt;
    const history = fitToItemBudget(cluster, (c, omitted) =>
      clusterHistoryItem(scan, target, c, omitted, retention),
    );
    findingsOmitted += history.findingsOmitted;
    puts.push(history.item);
    if (!prior || prior.lastSeen <= scan.startedAt) {
      puts.push(
        fitToItemBudget(cluster, (c, omitted) => clusterStateItem(scan, target, c, firstSeen, omitted)).item,
      );
    }
  }
  const seen = new Set(input.clusters.map((cluster) => cluster.id));
  const deletes = [...known.values()]
    .filter(
      (state) =>
        !seen.has(state.clusterId) &&
        state.lastSeen <= scan.startedAt &&
        clusterInScope({ id: state.clusterId, name: state.name }, scope) &&
        // A pseudo-kind puts the cluster on its side (ECS or Kubernetes) of the gap rules.
        !input.gaps.some((gap) => gapHides(gap, { cluster: state.name, kind: `${state.scope}-cluster` })),
    )
    .map((state) => clusterStateKey(target, state.clusterId));
  return { puts, deletes, findingsOmitted };
}

/**
 * The items of one target run: per workload a history item (with TTL) and its current-state item,
 * deletions of state items for workloads that are gone, and the run record.
 *
 * A state item is left alone when a newer scan already wrote it (a late rerun never rolls the
 * current state back). A state item is deleted only when the run finished (`complete` or
 * `partial`), its scope covers the workload, no coverage gap could hide it, and no newer scan saw
 * it — an unreachable cluster never makes its workloads disappear.
 */
export function toItems(input: TargetRunInput, retention: RetentionSettings): TargetRunItems {
  const { scan, target, scope, status } = input;
  const finished = status === 'complete' || status === 'partial';
  const results = finished ? input.results : [];
  const known = new Map(input.knownStates.map((state) => [state.workloadId, state]));
  const puts: Item[] = [];
  let findingsOmitted = 0;
  let suppressedFindings = 0;
  for (const result of results) {
    const prior = known.get(result.id);
    const firstSeen = prior && prior.firstSeen < scan.startedAt ? prior.firstSeen : scan.startedAt;
    const ruleIds = unsuppressedRuleIds(result.findings);
    suppressedFindings += result.findings.filter((f) => f.suppressed !== undefined).length;
    const history = fitToItemBudget(result, (r, omitted) =>
      historyItem(scan, target, r, firstSeen, ruleIds, omitted, retention),
    );
    findingsOmitted += history.findingsOmitted;
    puts.push(history.item);
    if (!prior || prior.lastSeen <= scan.startedAt) {
      puts.push(
        fitToItemBudget(result, (r, omitted) => stateItem(scan, target, r, firstSeen, ruleIds, omitted)).item,
      );
    }
  }
  const clusters = clusterItems(input, retention);
  puts.push(...clusters.puts);
  findingsOmitted += clusters.findingsOmitted;
  const seen = new Set(results.map((r) => r.id));
  const workloadDeletes = finished
    ? input.knownStates
        .filter(
          (state) =>
            !seen.has(state.workloadId) &&
            state.lastSeen <= scan.startedAt &&
            inScope(state, scope) &&
            !input.gaps.some((gap) => gapHides(gap, state)),
        )
        .map((state) => stateKey(target, state.workloadId))
    : [];
  const deletes = [...workloadDeletes, ...clusters.deletes];
  const run: TargetRun = {
    scanId: scan.scanId,
    startedAt: scan.startedAt,
    account: target.account,
    region: target.region,
    scope: {
      clusters: scope.clusters && [...scope.clusters],
      namespaces: scope.namespaces && [...scope.namespaces],
    },
    status,
    workloads: results.length,
    byVerdict: countByVerdict(results),
    suppressedFindings,
    findingsOmitted,
    throttles: input.throttles,
    gaps: input.gaps.map(shortGap),
  };
  return { puts, deletes, runItem: runItem(run, retention), run };
}

/** The item of a target run record. */
export function runItem(run: TargetRun, retention: RetentionSettings): Item {
  const base = {
    ...runKey(run.scanId, run),
    type: ITEM_TYPE.run,
    gsi1pk: targetRunsPartition(run),
    gsi1sk: chronologicalSortKey(run.startedAt, run.scanId),
    [TTL_ATTRIBUTE]: expiresAt(run.startedAt, retention),
  };
  let gaps = run.gaps;
  let item: Item = { ...base, ...run, gaps };
  // Thousands of gaps (every cluster of a large account failing) could outgrow an item: keep the
  // first ones and say how many more there were.
  while (itemSizeUpperBound(item) > ITEM_SIZE_BUDGET && gaps.length > 0) {
    gaps = gaps.slice(0, Math.floor(gaps.length / 2));
    item = { ...base, ...run, gaps, gapsOmitted: run.gaps.length - gaps.length };
  }
  return item;
}

/** The item of a scan summary: listed by time on gsi1, kept without TTL (it is small). */
export function summaryItem(summary: ScanSummaryRecord): Item {
  return {
    ...summaryKey(summary.scanId),
    type: ITEM_TYPE.summary,
    gsi1pk: SUMMARIES_PARTITION,
    gsi1sk: chronologicalSortKey(summary.startedAt, summary.scanId),
    ...summary,
  };
}

/** The item of a suppression kept in the table. */
export function suppressionItem(suppression: Suppression): Item {
  return {
    ...suppressionKey(suppression.workloadId, suppression.ruleId),
    type: ITEM_TYPE.suppression,
    ...suppression,
  };
}

const verdictSchema = z.enum(['eligible', 'eligible-with-changes', 'ineligible', 'unknown']);
const byVerdictSchema = z.object({
  eligible: z.number(),
  'eligible-with-changes': z.number(),
  ineligible: z.number(),
  unknown: z.number(),
});
const scopeSchema = z.object({
  clusters: z.array(z.string()).nullable(),
  namespaces: z.array(z.string()).nullable(),
});
const gapSchema = z.object({
  scope: z.string(),
  file: z.string().optional(),
  line: z.number().optional(),
  account: z.string().optional(),
  region: z.string().optional(),
  cluster: z.string().optional(),
  errorName: z.string(),
  message: z.string(),
});
const runSchema = z.object({
  scanId: z.string(),
  startedAt: z.string(),
  account: z.string(),
  region: z.string(),
  scope: scopeSchema,
  status: z.enum(['complete', 'partial', 'timed-out', 'failed']),
  workloads: z.number(),
  byVerdict: byVerdictSchema,
  suppressedFindings: z.number(),
  findingsOmitted: z.number(),
  throttles: z.number(),
  gaps: z.array(gapSchema),
});
const storedSchema = z.object({
  scanId: z.string(),
  startedAt: z.string(),
  firstSeen: z.string(),
  ruleIds: z.array(z.string()),
  findingsOmitted: z.number(),
  result: z.looseObject({ id: z.string(), verdict: verdictSchema, findings: z.array(z.looseObject({})) }),
});
const findingSchema = z.object({
  ruleId: z.string(),
  category: z.enum(['fargate', 'compliance']),
  severity: z.enum(['blocker', 'fixable', 'advisory']),
  title: z.string(),
  message: z.string(),
  fix: z.string(),
  docsUrl: z.string(),
  suppressed: z.object({ owner: z.string(), reason: z.string(), expires: z.string() }).optional(),
});
const clusterResultSchema = z.object({
  id: z.string(),
  scope: z.enum(['ecs', 'eks']),
  name: z.string(),
  account: z.string(),
  region: z.string(),
  status: z.string().nullable(),
  version: z.string().nullable(),
  workloads: z.number(),
  findings: z.array(findingSchema),
  errors: z.array(z.object({ ruleId: z.string(), message: z.string() })),
});
const storedClusterSchema = z.object({
  scanId: z.string(),
  startedAt: z.string(),
  findingsOmitted: z.number(),
  cluster: clusterResultSchema,
});
const clusterStateSchema = storedClusterSchema.extend({ firstSeen: z.string(), lastSeen: z.string() });
const summarySchema = z.object({
  scanId: z.string(),
  startedAt: z.string(),
  trigger: z.enum(['schedule', 'on-demand', 'cli']),
  targets: z.number(),
  targetsReported: z.number(),
  workloads: z.number(),
  byVerdict: byVerdictSchema,
  monthlySavingsUsd: z.number().nullable(),
  monthlySavingsByDirection: z
    .object({ ec2ToFargate: z.number().nullable(), fargateToEc2: z.number().nullable() })
    .optional(),
  gaps: z.number(),
  diff: z.object({ added: z.number(), changed: z.number(), resolved: z.number(), stillOpen: z.number() }),
  baselineScanIds: z.array(z.string()),
  notification: z.object({
    reason: z.enum(['changes', 'always', 'requested', 'quiet', 'disabled']),
    messageId: z.string().nullable(),
    omittedEntries: z.number(),
  }),
  report: z.object({ bucket: z.string(), key: z.string(), uploaded: z.boolean() }).optional(),
});

function parse<T>(schema: z.ZodType<T>, item: Item, what: string): T {
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  const problem = parsed.error.issues[0];
  throw new TypeError(
    `stored ${what} ${item.pk} / ${item.sk} is malformed at ${problem?.path.join('.') || '(root)'}: ${problem?.message}`,
  );
}

/** A target run from its item. */
export function runFromItem(item: Item): TargetRun {
  return parse(runSchema, item, 'target run');
}

/** A workload of a scan's history from its item. */
export function storedWorkloadFromItem(item: Item): StoredWorkload {
  const parsed = parse(storedSchema, item, 'workload');
  return { ...parsed, result: parsed.result as unknown as WorkloadResult };
}

/** A workload's current state from its item. */
export function stateFromItem(item: Item): WorkloadState {
  const lastSeen = item.lastSeen;
  if (typeof lastSeen !== 'string') throw new TypeError(`stored state ${item.pk} has no lastSeen`);
  return { ...storedWorkloadFromItem(item), lastSeen };
}

/** What toItems needs to know of an existing state item. */
export function knownStateFromItem(item: Item): KnownState {
  const state = stateFromItem(item);
  return {
    workloadId: state.result.id,
    kind: state.result.kind,
    cluster: state.result.cluster ?? null,
    namespace: state.result.namespace ?? null,
    firstSeen: state.firstSeen,
    lastSeen: state.lastSeen,
  };
}

/** A cluster of a scan's history from its item (only the known fields of the result are read). */
export function storedClusterFromItem(item: Item): StoredCluster {
  return parse(storedClusterSchema, item, 'cluster');
}

/** A cluster's current state from its item. */
export function clusterStateFromItem(item: Item): ClusterState {
  return parse(clusterStateSchema, item, 'cluster state');
}

/** What toItems needs to know of an existing cluster state item. */
export function knownClusterStateFromItem(item: Item): KnownClusterState {
  const state = clusterStateFromItem(item);
  return {
    clusterId: state.cluster.id,
    scope: state.cluster.scope,
    name: state.cluster.name,
    firstSeen: state.firstSeen,
    lastSeen: state.lastSeen,
  };
}

/** A scan summary from its item. */
export function summaryFromItem(item: Item): ScanSummaryRecord {
  return parse(summarySchema, item, 'scan summary');
}

/** A suppression from its item; null (and skipped by callers) when it is malformed. */
export function suppressionFromItem(item: Item): Suppression | null {
  const parsed = suppressionSchema.safeParse(item);
  return parsed.success ? parsed.data : null;
}
