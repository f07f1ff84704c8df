/**
 * The one SNS message of a scan, rendered purely from its digest: a Subject for email, a body as
 * plain text or as an AWS Chatbot (Amazon Q Developer in chat applications) custom notification,
 * and message attributes for subscription filter policies. Lists are cut, with a count of what
 * was left out, to stay under SNS's 256 KB message limit.
 */
import { Decimal } from 'decimal.js';
import type { ClusterResult, Gap, Verdict } from '../findings/result.js';
import type { Severity } from '../rules/rule.js';
import type { DigestWorkload, DirectionSavings, ScanDigest } from '../serverless/digest.js';

/** `text`: readable in email and any subscriber; `chatbot`: the custom-notification JSON that
 * AWS Chatbot renders in Slack or Teams. */
export type MessageFormat = 'text' | 'chatbot';

/** SNS's maximum message size, message attributes included (256 KiB). */
export const SNS_MAX_MESSAGE_BYTES = 262_144;

/**
 * Upper bound for the Chatbot description. Slack rejects a section text longer than 3,000
 * characters; whether Chatbot splits longer descriptions is not documented (unverified), so the
 * description stays under it.
 */
export const CHATBOT_MAX_DESCRIPTION_CHARS = 3_000;

/** SNS caps a Subject at 100 ASCII characters without line breaks. */
const SUBJECT_MAX = 100;
/** One listed entry never takes more than this, so one long name cannot crowd out the rest. */
const LINE_MAX = 400;

/**
 * The scan's HTML report as the message links it: uploaded (a presigned URL, which is a credential
 * while it lives, and the S3 location that outlives it), or failed to upload (no link).
 */
export type ReportLink =
  | {
      readonly status: 'uploaded';
      readonly url: string;
      /** ISO 8601: the URL's own expiry (the signing credentials may end it sooner). */
      readonly expiresAt: string;
      /** `s3://bucket/key`, for whoever needs the report after the link has expired. */
      readonly location: string;
    }
  | { readonly status: 'failed' };

/** How to render the message. */
export interface SummaryMessageOptions {
  readonly format: MessageFormat;
  /** Where the full lists are kept, named in the truncation note (e.g. the DynamoDB table). */
  readonly fullListsAt?: string;
  /** Byte budget for message plus attributes; SNS's limit by default. */
  readonly maxBytes?: number;
  /** The full report, when a report bucket is configured. */
  readonly report?: ReportLink;
  /** The scan's cluster compliance findings, counted; one headline when any cluster was read. */
  readonly clusterFindings?: ClusterFindingCounts;
}

/** The cluster compliance findings of a scan, counted for one headline (the report lists them). */
export interface ClusterFindingCounts {
  readonly clusters: number;
  /** Unsuppressed findings by severity. */
  readonly bySeverity: Readonly<Record<Severity, number>>;
  /** Cluster checks that threw: the compliance picture of those clusters is incomplete. */
  readonly checkErrors: number;
}

const SEVERITIES: readonly Severity[] = ['blocker', 'fixable', 'advisory'];

/** Counts the findings of the clusters a scan read, by severity. */
export function countClusterFindings(clusters: readonly ClusterResult[]): ClusterFindingCounts {
  const bySeverity: Record<Severity, number> = { blocker: 0, fixable: 0, advisory: 0 };
  let checkErrors = 0;
  for (const cluster of clusters) {
    for (const finding of cluster.findings)
      if (finding.suppressed === undefined) bySeverity[finding.severity] += 1;
    checkErrors += cluster.errors.length;
  }
  return { clusters: clusters.length, bySeverity, checkErrors };
}

/** `Clusters: 5 — 3 compliance findings (0 blockers, 2 fixable, 1 advisory)`, beside the workloads line. */
function clusterLine(counts: ClusterFindingCounts): string {
  const total = SEVERITIES.reduce((sum, severity) => sum + counts.bySeverity[severity], 0);
  const severities = SEVERITIES.map((severity) =>
    severity === 'blocker'
      ? plural(counts.bySeverity.blocker, 'blocker')
      : `${counts.bySeverity[severity]} ${severity}`,
  ).join(', ');
  const errors = counts.checkErrors > 0 ? `; ${plural(counts.checkErrors, 'check')} could not run` : '';
  return `Clusters: ${counts.clusters} — ${plural(total, 'compliance finding')} (${severities})${errors}`;
}

/** Starts the text line that carries the report link; the Slack notifier finds the link by it. */
const REPORT_LINE = 'Full report';
const REPORT_LINE_PATTERN = /^Full report \(([^)\n]*)\): (https?:\/\/\S+)$/m;
/** Label of the link in chat (the Chatbot next step and the Slack button). */
export const REPORT_LINK_LABEL = 'Open the full report';

function linkValidity(expiresAt: string): string {
  return `HTML, link valid until ${expiresAt.replace(/\.\d{3}Z$/, 'Z')} at the latest`;
}

/** The report link of a text summary and its note, or null when the message has none. */
export function reportLinkIn(text: string): { readonly url: string; readonly note: string } | null {
  const match = REPORT_LINE_PATTERN.exec(text);
  return match ? { url: match[2]!, note: match[1]! } : null;
}

/** The text summary without its report link line (the Slack notifier shows the link as a button). */
export function withoutReportLink(text: string): string {
  return text.replace(new RegExp(`${REPORT_LINE_PATTERN.source}\n?`, 'm'), '');
}

const REPORT_FAILED = 'Full report: could not be uploaded this time (the summarize function logged why).';

function reportLines(report: ReportLink | undefined): string[] {
  if (report === undefined) return [];
  if (report.status === 'failed') return [REPORT_FAILED];
  return [
    `${REPORT_LINE} (${linkValidity(report.expiresAt)}): ${report.url}`,
    `Report file: ${report.location}`,
  ];
}

/** An SNS message attribute as `Publish` takes it. */
export interface MessageAttribute {
  readonly DataType: 'String' | 'Number' | 'String.Array';
  readonly StringValue: string;
}

/** A rendered SNS message, ready for `Publish`. */
export interface SummaryMessage {
  readonly subject: string;
  readonly message: string;
  readonly attributes: Readonly<Record<string, MessageAttribute>>;
  /** List entries left out to fit (0 when everything is in the message). */
  readonly omittedEntries: number;
  /** Size SNS counts: message plus attribute names, types and values, in bytes. */
  readonly bytes: number;
}

/** `warning` when something got worse (a workload newly ineligible, a new coverage gap), else `info`. */
export function severityOf(digest: ScanDigest): 'warning' | 'info' {
  return digest.newIneligible.length > 0 || digest.newGaps.length > 0 ? 'warning' : 'info';
}

/** Money as `$1,234.56` / `-$12.00`, exactly (from the decimal string, not float arithmetic). */
export function formatUsd(amount: number): string {
  const fixed = new Decimal(amount).toFixed(2);
  const negative = fixed.startsWith('-');
  const [whole = '0', cents = '00'] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}$${grouped}.${cents}`;
}

const VERDICT_WORDS: Readonly<Record<Verdict, string>> = {
  eligible: 'eligible',
  'eligible-with-changes': 'eligible with changes',
  ineligible: 'ineligible',
  unknown: 'unknown',
};

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Subject line: what changed, in at most 100 ASCII characters. */
export function subjectOf(digest: ScanDigest): string {
  const parts: string[] = [];
  if (digest.firstScan) {
    parts.push(
      `first scan, ${plural(digest.workloads, 'workload')}, ${digest.byVerdict.ineligible} ineligible`,
    );
  } else if (digest.quiet) {
    parts.push(`no changes (${plural(digest.workloads, 'workload')})`);
  } else {
    if (digest.newIneligible.length > 0) parts.push(`${digest.newIneligible.length} newly ineligible`);
    if (digest.added.length > 0) parts.push(`${digest.added.length} new`);
    if (digest.changed.length > 0) parts.push(`${digest.changed.length} changed`);
    if (digest.resolved.length > 0) parts.push(`${digest.resolved.length} resolved`);
  }
  if (digest.newGaps.length > 0) parts.push(plural(digest.newGaps.length, 'new coverage gap'));
  return asciiLine(`fargate-fit: ${parts.join(', ')}`, SUBJECT_MAX);
}

function asciiLine(text: string, max: number): string {
  const ascii = text.replace(/[\r\n\t]+/g, ' ').replace(/[^\x20-\x7e]/g, '?');
  return ascii.length <= max ? ascii : `${ascii.slice(0, max - 3)}...`;
}

const cut = (text: string, max = LINE_MAX) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function where(w: DigestWorkload): string {
  const place = [w.account, w.region, w.cluster, w.namespace].filter(
    (p): p is string => p !== null && p !== '',
  );
  return place.join(' ');
}

function savingsText(value: number | null): string {
  return value === null ? 'unpriced' : `${formatUsd(value)}/month`;
}

/** The message's sections, each a heading and its entries, so lists can be cut evenly. */
interface Section {
  readonly heading: string;
  readonly entries: readonly string[];
  /** Shown when the list is empty; the section is left out when undefined. */
  readonly empty?: string;
}

function sectionsOf(digest: ScanDigest, markdown: boolean): Section[] {
  const code = (text: string) => (markdown ? `\`${text}\`` : text);
  const describe = (w: DigestWorkload) => `${markdown ? `*${w.name}*` : w.name} (${w.kind}) ${where(w)}`;
  const blockers = (w: DigestWorkload) =>
    w.blockers.length > 0 ? ` — blockers: ${w.blockers.map(code).join(', ')}` : '';
  const sections: Section[] = [];
  if (!digest.firstScan) {
    sections.push({
      heading: `New since the last scan (${digest.added.length})`,
      entries: digest.added.map((w) => `[${VERDICT_WORDS[w.verdict]}] ${describe(w)}${blockers(w)}`),
      empty: 'none',
    });
    sections.push({
      heading: `Changed (${digest.changed.length})`,
      entries: digest.changed.map((c) => {
        const moves: string[] = [];
        if (c.reasons.includes('verdict'))
          moves.push(`${VERDICT_WORDS[c.before.verdict]} → ${VERDICT_WORDS[c.after.verdict]}`);
        if (c.reasons.includes('savings'))
          moves.push(
            `savings ${savingsText(c.before.monthlySavingsUsd)} → ${savingsText(c.after.monthlySavingsUsd)}`,
          );
        if (c.reasons.includes('findings')) moves.push('findings changed');
        return `${describe(c.after)}: ${moves.join('; ')}${blockers(c.after)}`;
      }),
      empty: 'none',
    });
    sections.push({
      heading: `Resolved (${digest.resolved.length})`,
      entries: digest.resolved.map(
        (r) => `${describe(r.before)} — ${r.reason === 'gone' ? 'no longer running' : 'now eligible'}`,
      ),
      empty: 'none',
    });
  } else {
    sections.push({
      heading: `Ineligible workloads (${digest.added.filter((w) => w.verdict === 'ineligible').length})`,
      entries: digest.added
        .filter((w) => w.verdict === 'ineligible')
        .map((w) => `${describe(w)}${blockers(w)}`),
      empty: 'none',
    });
  }
  sections.push({
    heading: 'Top savings opportunities',
    entries: digest.topSavings.map(
      (w) =>
        `${formatUsd(w.monthlySavingsUsd ?? 0)}/month — ${describe(w)} [${VERDICT_WORDS[w.verdict]}]` +
        (w.savingsDirection === 'fargateToEc2' ? ' — on Fargate now, saved by moving to EC2' : ''),
    ),
    empty: 'none priced above $0',
  });
  if (digest.expiringSuppressions.length > 0) {
    sections.push({
      heading: `Suppressions expiring within 14 days (${digest.expiringSuppressions.length})`,
      entries: digest.expiringSuppressions.map(
        (s) =>
          `${code(s.ruleId)} on ${s.workloadId === '*' ? 'every workload' : s.workloadId} until ${s.expires} ` +
          `(owner ${s.owner}): ${s.reason}`,
      ),
    });
  }
  if (digest.gaps.length > 0) {
    sections.push({ heading: `Coverage gaps (${digest.gaps.length})`, entries: digest.gaps.map(gapLine) });
  }
  return sections;
}

function gapLine(gap: Gap): string {
  const place = [gap.account, gap.region, gap.cluster].filter((p): p is string => p !== undefined);
  return `${place.length > 0 ? `${place.join(' ')}: ` : ''}${gap.errorName}: ${gap.message}`;
}

function headlines(digest: ScanDigest, options: SummaryMessageOptions): string[] {
  const t = digest.targets;
  const statuses = (['complete', 'partial', 'timed-out', 'failed'] as const)
    .filter((s) => t.byStatus[s] > 0)
    .map((s) => `${t.byStatus[s]} ${s}`);
  const verdicts = (['eligible', 'eligible-with-changes', 'ineligible', 'unknown'] as const)
    .map((v) => `${digest.byVerdict[v]} ${VERDICT_WORDS[v]}`)
    .join(', ');
  const lines = [
    `Scan ${digest.scan.scanId} (${digest.scan.trigger}), started ${digest.scan.startedAt}`,
    digest.firstScan
      ? 'First scan: there is no earlier run to compare with.'
      : `Compared with: ${digest.baselineScanIds.join(', ')}`,
    `Targets: ${t.reported} of ${t.expected} account-regions reported${statuses.length > 0 ? ` (${statuses.join(', ')})` : ''}`,
    `Workloads: ${digest.workloads} — ${verdicts}`,
    ...(options.clusterFindings && options.clusterFindings.clusters > 0
      ? [clusterLine(options.clusterFindings)]
      : []),
    toFargateSavingsLine(digest.savings.ec2ToFargate),
  ];
  // A separate decision with its own line, shown only when something already runs on Fargate.
  if (digest.savings.fargateToEc2.workloads > 0) lines.push(toEc2SavingsLine(digest.savings.fargateToEc2));
  if (!digest.firstScan)
    lines.push(`Still open: ${plural(digest.stillOpen, 'workload')} with unchanged findings`);
  if (digest.suppressedFindings > 0)
    lines.push(`Suppressed findings (kept, not alerted): ${digest.suppressedFindings}`);
  return lines;
}

function partialSavings(s: DirectionSavings): string {
  return (
    `not computable exactly (${plural(s.unpricedMovable, 'movable workload')} unpriced, ` +
    `${s.unknownVerdicts} with an unknown verdict); the priced part is ${formatUsd(s.pricedUsd)} ` +
    `over ${plural(s.pricedMovable, 'workload')}`
  );
}

/** The headline: moving to Fargate what does not run there yet. */
function toFargateSavingsLine(s: DirectionSavings): string {
  return s.totalUsd !== null
    ? `Projected monthly savings if every eligible workload moved to Fargate: ${formatUsd(s.totalUsd)}`
    : `Projected monthly savings: ${partialSavings(s)}`;
}

function toEc2SavingsLine(s: DirectionSavings): string {
  const already = `Already on Fargate (${plural(s.workloads, 'workload')}):`;
  if (s.totalUsd === null) return `${already} moving the eligible ones to EC2 is ${partialSavings(s)}`;
  return s.totalUsd < 0
    ? `${already} moving the eligible ones to EC2 would cost ${formatUsd(-s.totalUsd)} more a month`
    : `${already} moving the eligible ones to EC2 would save ${formatUsd(s.totalUsd)} a month`;
}

function truncationNote(omitted: number, options: SummaryMessageOptions): string {
  const at = options.fullListsAt ? `; the full lists are in ${options.fullListsAt}` : '';
  return `${omitted} more ${omitted === 1 ? 'entry' : 'entries'} not shown (message size limit)${at}.`;
}

function renderText(
  digest: ScanDigest,
  cap: number,
  options: SummaryMessageOptions,
): { text: string; omitted: number } {
  let omitted = 0;
  const lines = [
    'fargate-fit scan summary',
    '',
    ...headlines(digest, options),
    ...reportLines(options.report),
  ];
  for (const section of sectionsOf(digest, false)) {
    lines.push('', `${section.heading}:`);
    if (section.entries.length === 0 && section.empty) lines.push(`  ${section.empty}`);
    for (const entry of section.entries.slice(0, cap)) lines.push(`  - ${cut(entry)}`);
    omitted += Math.max(0, section.entries.length - cap);
  }
  if (omitted > 0) lines.push('', truncationNote(omitted, options));
  return { text: `${lines.join('\n')}\n`, omitted };
}

function renderChatbot(
  digest: ScanDigest,
  cap: number,
  options: SummaryMessageOptions,
): { text: string; omitted: number; description: string } {
  let omitted = 0;
  const failed = options.report?.status === 'failed' ? [REPORT_FAILED] : [];
  const parts = [[...headlines(digest, options).slice(2), ...failed].join('\n')];
  for (const section of sectionsOf(digest, true)) {
    if (section.entries.length === 0 && !section.empty) continue;
    const shown = section.entries.slice(0, cap).map((entry) => `• ${cut(entry, 300)}`);
    if (section.entries.length === 0 && section.empty) shown.push(section.empty);
    omitted += Math.max(0, section.entries.length - cap);
    parts.push(`*${section.heading}*\n${shown.join('\n')}`);
  }
  if (omitted > 0) parts.push(`_${truncationNote(omitted, options)}_`);
  const description = parts.join('\n\n');
  const severity = severityOf(digest);
  const notification = {
    version: '1.0',
    source: 'custom',
    id: digest.scan.scanId,
    content: {
      textType: 'client-markdown',
      title: `${severity === 'warning' ? ':warning:' : ':white_check_mark:'} ${subjectOf(digest)}`,
      description,
      nextSteps: nextSteps(digest, options.report),
      keywords: ['fargate-fit', severity, digest.scan.trigger],
    },
    metadata: {
      threadId: 'fargate-fit-scan-summary',
      summary: subjectOf(digest),
      eventType: 'scan-summary',
      relatedResources: digest.newIneligible.slice(0, 5).map((w) => w.id),
      additionalContext: {
        scanId: digest.scan.scanId,
        startedAt: digest.scan.startedAt,
        workloads: String(digest.workloads),
        gaps: String(digest.gaps.length),
      },
    },
  };
  return { text: JSON.stringify(notification), omitted, description };
}

function nextSteps(digest: ScanDigest, report: ReportLink | undefined): string[] {
  const steps: string[] = [];
  // Slack's link syntax, as the rest of the notification uses Slack markdown (client-markdown).
  if (report?.status === 'uploaded')
    steps.push(`<${report.url}|${REPORT_LINK_LABEL}> (${linkValidity(report.expiresAt)}).`);
  if (digest.newIneligible.length > 0) steps.push('Review the blockers of the newly ineligible workloads.');
  if (digest.newGaps.length > 0)
    steps.push('Check the scanner role and regions behind the new coverage gaps.');
  if (digest.expiringSuppressions.length > 0) steps.push('Renew or drop the suppressions about to expire.');
  if (digest.topSavings.length > 0) steps.push('Plan the move of the top savings opportunities.');
  return steps;
}

/** Message attributes for subscription filter policies (at most 10, so raw SQS delivery keeps them). */
export function attributesOf(digest: ScanDigest, format: MessageFormat): Record<string, MessageAttribute> {
  const text = (value: string): MessageAttribute => ({ DataType: 'String', StringValue: value });
  const attributes: Record<string, MessageAttribute> = {
    eventType: text('scan-summary'),
    severity: text(severityOf(digest)),
    account: { DataType: 'String.Array', StringValue: JSON.stringify(digest.accounts) },
    hasNewIneligible: text(String(digest.newIneligible.length > 0)),
    hasChanges: text(String(!digest.quiet)),
    hasNewGaps: text(String(digest.newGaps.length > 0)),
    scanId: text(digest.scan.scanId),
    trigger: text(digest.scan.trigger),
    format: text(format),
  };
  // The headline (moving to Fargate) only: SNS keeps at most 10 attributes for raw SQS delivery.
  const toFargate = digest.savings.ec2ToFargate.totalUsd;
  if (toFargate !== null) {
    attributes.monthlySavingsUsd = { DataType: 'Number', StringValue: new Decimal(toFargate).toFixed(2) };
  }
  return attributes;
}

function attributeBytes(attributes: Readonly<Record<string, MessageAttribute>>): number {
  let bytes = 0;
  for (const [name, attribute] of Object.entries(attributes)) {
    bytes +=
      Buffer.byteLength(name) +
      Buffer.byteLength(attribute.DataType) +
      Buffer.byteLength(attribute.StringValue);
  }
  return bytes;
}

/** Entries per list, tried in order until the message fits. */
const CAPS = [Number.POSITIVE_INFINITY, 1_000, 300, 100, 50, 25, 10, 5, 3, 1, 0];

/**
 * Renders the scan's message. Every list is cut to the same number of entries, the largest that
 * keeps the message (and, for Chatbot, its description) under the limit; the message then says
 * how many entries were left out and where the full lists are.
 */
export function toSummaryMessage(digest: ScanDigest, options: SummaryMessageOptions): SummaryMessage {
  const attributes = attributesOf(digest, options.format);
  const budget = (options.maxBytes ?? SNS_MAX_MESSAGE_BYTES) - attributeBytes(attributes);
  let last: { text: string; omitted: number; description?: string } | undefined;
  for (const cap of CAPS) {
    const rendered: { text: string; omitted: number; description?: string } =
      options.format === 'chatbot' ? renderChatbot(digest, cap, options) : renderText(digest, cap, options);
    last = rendered;
    const fitsDescription = (rendered.description?.length ?? 0) <= CHATBOT_MAX_DESCRIPTION_CHARS;
    if (fitsDescription && Buffer.byteLength(rendered.text) <= budget) break;
  }
  // With every list cut to nothing the message is a few headlines: it always fits.
  const { text, omitted } = last!;
  return {
    subject: subjectOf(digest),
    message: text,
    attributes,
    omittedEntries: omitted,
    bytes: Buffer.byteLength(text) + attributeBytes(attributes),
  };
}
