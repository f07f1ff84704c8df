import { z } from 'zod';
import { byCodeUnits } from '../model/text-order.js';
import type { Finding, WorkloadResult } from './result.js';

/**
 * A suppression mutes a rule on a workload (or everywhere, `*`) until it expires. Suppressed
 * findings are kept and marked, never dropped; an expired suppression brings the finding back.
 */
export const suppressionSchema = z.object({
  workloadId: z.string().min(1).describe('a workload id, or * for every workload'),
  ruleId: z.string().min(1).describe('a rule id, or * for every rule'),
  owner: z.string().min(1),
  reason: z.string().min(1),
  expires: z.iso.date(),
});

export type Suppression = z.infer<typeof suppressionSchema>;

export const suppressionListSchema = z.array(suppressionSchema);

/** True while the suppression is in force on `today` (YYYY-MM-DD): the expiry day itself included. */
export function isActive(suppression: Suppression, today: string): boolean {
  return suppression.expires >= today;
}

function matches(suppression: Suppression, workloadId: string, ruleId: string): boolean {
  return (
    (suppression.workloadId === '*' || suppression.workloadId === workloadId) &&
    (suppression.ruleId === '*' || suppression.ruleId === ruleId)
  );
}

/** Marks the findings of a workload that an active suppression covers. */
export function applySuppressions(
  workloadId: string,
  findings: readonly Finding[],
  suppressions: readonly Suppression[],
  today: string,
): Finding[] {
  const active = suppressions.filter((s) => isActive(s, today));
  return findings.map((finding) => {
    const hit = active.find((s) => matches(s, workloadId, finding.ruleId));
    if (!hit) {
      const { suppressed: _dropped, ...rest } = finding;
      return rest;
    }
    return { ...finding, suppressed: { owner: hit.owner, reason: hit.reason, expires: hit.expires } };
  });
}

/** Suppressions that expire within `days` days of `today` (and have not expired yet). */
export function expiringWithin(
  suppressions: readonly Suppression[],
  today: string,
  days: number,
): Suppression[] {
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + days);
  const last = limit.toISOString().slice(0, 10);
  return suppressions
    .filter((s) => isActive(s, today) && s.expires <= last)
    .sort((a, b) => byCodeUnits(a.expires, b.expires));
}

/** Marks the suppressed findings of every result; verdicts stay as the rules decided them. */
export function suppressResults(
  results: readonly WorkloadResult[],
  suppressions: readonly Suppression[],
  today: string,
): WorkloadResult[] {
  if (suppressions.length === 0) return [...results];
  return results.map((r) => ({ ...r, findings: applySuppressions(r.id, r.findings, suppressions, today) }));
}
