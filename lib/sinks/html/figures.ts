import { savingsDirectionOf } from '../../findings/assemble.js';
import type { FargateSize, Verdict, WorkloadResult } from '../../findings/result.js';

/**
 * How the human-facing reports (HTML and Markdown) word figures, so both say the same thing:
 * an unknown amount is "unknown", never $0, and a negative saving is a cost, said as one.
 */

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** `$1,234.56`; `-$4.00` for a negative amount. The amounts are whole cents already. */
export function formatUsd(amount: number): string {
  return usd.format(amount);
}

/** A monthly amount, or `unknown` when it could not be priced. */
export function moneyText(amount: number | null): string {
  return amount === null ? 'unknown' : formatUsd(amount);
}

/**
 * A saving: `$12.34`, `would cost $4.00 more` when negative (the move costs money), `unknown`
 * when it could not be priced.
 */
export function savingsText(savings: number | null): string {
  if (savings === null) return 'unknown';
  if (savings < 0) return `would cost ${formatUsd(-savings)} more`;
  return formatUsd(savings);
}

/** `0.5 vCPU / 1 GB`, or null when the workload has no Fargate size. */
export function sizeText(size: FargateSize | null): string | null {
  return size === null ? null : `${size.cpu / 1024} vCPU / ${size.memoryMiB / 1024} GB`;
}

const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  eligible: 'Eligible',
  'eligible-with-changes': 'Eligible with changes',
  ineligible: 'Ineligible',
  unknown: 'Unknown',
};

/** `Eligible with changes` for `eligible-with-changes`. */
export function verdictLabel(verdict: Verdict): string {
  return VERDICT_LABELS[verdict];
}

/**
 * Where a workload's saving points. A workload already on Fargate is priced the other way
 * (cost-model.md 5.2): its saving is what moving to EC2 would save, and readers must be told.
 */
export function savingsTarget(result: WorkloadResult): 'Fargate' | 'EC2' {
  return savingsDirectionOf(result) === 'fargateToEc2' ? 'EC2' : 'Fargate';
}

/** `prod/web` for namespaced Kubernetes workloads, the name alone otherwise. */
export function qualifiedName(result: WorkloadResult): string {
  return result.namespace === null ? result.name : `${result.namespace}/${result.name}`;
}

const KIND_LABELS: Readonly<Record<string, string>> = {
  'ecs-service': 'ECS service',
  'ecs-task-definition': 'ECS task definition',
  'ecs-standalone-tasks': 'ECS standalone tasks',
};

/** `ECS service` for `ecs-service`; Kubernetes kinds as they are. */
export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** `deploy/app.yaml:12`, `task.json` (no line), or null for scanned workloads. */
export function sourceText(result: WorkloadResult): string | null {
  if (result.source === null) return null;
  const line = result.source.line ?? null;
  return line === null ? result.source.file : `${result.source.file}:${line}`;
}

/** `1 cluster`, `3 clusters`: a count with its noun. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
