/**
 * Which Fargate profile would run a pod, the way EKS decides it ("Define which Pods use AWS Fargate
 * when launched"): a selector is a namespace plus optional labels; a pod matches a selector when
 * its namespace matches and it carries every label of the selector; `*` (any run of characters)
 * and `?` (exactly one) may appear in the namespace, label keys and label values. When several
 * profiles match, EKS takes the first in alphanumeric order of profile name, unless the pod pins
 * one with the `eks.amazonaws.com/fargate-profile` label — then only that profile counts.
 */

import { byCodeUnits } from '../../model/text-order.js';
import type { FargateProfileMatch } from '../../model/workload.js';
import type { EksFargateProfileRecord, FargateSelector } from '../snapshot.js';

/** Pod label that pins a pod to one Fargate profile. */
export const FARGATE_PROFILE_LABEL = 'eks.amazonaws.com/fargate-profile';

const wildcardCache = new Map<string, RegExp>();

/** True when `value` matches `pattern`, where `*` is any run of characters and `?` exactly one. */
export function wildcardMatches(pattern: string, value: string): boolean {
  let regex = wildcardCache.get(pattern);
  if (!regex) {
    const source = [...pattern]
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${source}$`, 's');
    wildcardCache.set(pattern, regex);
  }
  return regex.test(value);
}

/** True when the selector selects a pod in `namespace` with `labels`. */
export function selectorMatches(
  selector: FargateSelector,
  namespace: string,
  labels: Readonly<Record<string, string>>,
): boolean {
  if (!wildcardMatches(selector.namespace, namespace)) return false;
  const podLabels = Object.entries(labels);
  return Object.entries(selector.labels).every(([keyPattern, valuePattern]) =>
    podLabels.some(
      ([key, value]) => wildcardMatches(keyPattern, key) && wildcardMatches(valuePattern, value),
    ),
  );
}

/**
 * The profile (and its first matching selector) that would schedule a pod with this namespace and
 * these labels onto Fargate, or null when none would. Only ACTIVE profiles (or profiles whose
 * status is unknown) select pods.
 */
export function matchFargateProfile(
  profiles: readonly EksFargateProfileRecord[],
  namespace: string,
  labels: Readonly<Record<string, string>>,
): FargateProfileMatch | null {
  const pinned = labels[FARGATE_PROFILE_LABEL];
  const candidates = profiles
    .filter((p) => p.status === null || p.status === 'ACTIVE')
    .filter((p) => pinned === undefined || p.name === pinned)
    .sort((a, b) => byCodeUnits(a.name, b.name));
  for (const profile of candidates) {
    const selectorIndex = profile.selectors.findIndex((s) => selectorMatches(s, namespace, labels));
    if (selectorIndex >= 0) return { profileName: profile.name, selectorIndex };
  }
  return null;
}
