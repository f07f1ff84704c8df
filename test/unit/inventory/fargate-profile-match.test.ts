import { describe, expect, it } from 'vitest';
import {
  matchFargateProfile,
  selectorMatches,
  wildcardMatches,
} from '../../../lib/inventory/eks/fargate-profile-match.js';
import type { EksFargateProfileRecord } from '../../../lib/inventory/snapshot.js';

const profile = (
  name: string,
  selectors: EksFargateProfileRecord['selectors'],
  status: string | null = 'ACTIVE',
): EksFargateProfileRecord => ({ name, status, selectors, subnets: ['subnet-0private1'] });

describe('wildcardMatches', () => {
  it('reads * as any run of characters and ? as exactly one, nothing else as special', () => {
    expect(wildcardMatches('prod-*', 'prod-web')).toBe(true);
    expect(wildcardMatches('prod-*', 'prod-')).toBe(true);
    expect(wildcardMatches('prod-*', 'staging-web')).toBe(false);
    expect(wildcardMatches('team-?', 'team-a')).toBe(true);
    expect(wildcardMatches('team-?', 'team-ab')).toBe(false);
    expect(wildcardMatches('app.v1', 'appXv1')).toBe(false);
    expect(wildcardMatches('a+b', 'a+b')).toBe(true);
    expect(wildcardMatches('default', 'default')).toBe(true);
  });
});

describe('selectorMatches', () => {
  it('needs every selector label to be carried by the pod', () => {
    const selector = { namespace: 'shop', labels: { app: 'web', tier: 'front*' } };
    expect(selectorMatches(selector, 'shop', { app: 'web', tier: 'frontend', extra: 'x' })).toBe(true);
    expect(selectorMatches(selector, 'shop', { app: 'web' })).toBe(false);
    expect(selectorMatches(selector, 'other', { app: 'web', tier: 'frontend' })).toBe(false);
  });

  it('allows wildcards in label keys too', () => {
    expect(
      selectorMatches({ namespace: '*', labels: { 'team.example.com/*': 'a?' } }, 'x', {
        'team.example.com/owner': 'ab',
      }),
    ).toBe(true);
  });

  it('selects every pod of the namespace when the selector has no labels', () => {
    expect(selectorMatches({ namespace: 'batch', labels: {} }, 'batch', {})).toBe(true);
  });
});

describe('matchFargateProfile', () => {
  const profiles = [
    profile('zeta', [{ namespace: 'shop-*', labels: {} }]),
    profile('alpha', [
      { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
      { namespace: 'shop-*', labels: { tier: 'web' } },
    ]),
    profile('draining', [{ namespace: '*', labels: {} }], 'DELETING'),
  ];

  it('takes the first matching profile in alphanumeric order and names the selector that matched', () => {
    expect(matchFargateProfile(profiles, 'shop-eu', { tier: 'web' })).toEqual({
      profileName: 'alpha',
      selectorIndex: 1,
    });
    expect(matchFargateProfile(profiles, 'shop-eu', { tier: 'api' })).toEqual({
      profileName: 'zeta',
      selectorIndex: 0,
    });
  });

  it('returns null when no active profile selects the pod', () => {
    expect(matchFargateProfile(profiles, 'payments', { tier: 'web' })).toBeNull();
  });

  it('honours a pinning label: only the named profile counts', () => {
    const pinned = { tier: 'web', 'eks.amazonaws.com/fargate-profile': 'zeta' };
    expect(matchFargateProfile(profiles, 'shop-eu', pinned)).toEqual({
      profileName: 'zeta',
      selectorIndex: 0,
    });
    const pinnedElsewhere = { 'eks.amazonaws.com/fargate-profile': 'alpha' };
    expect(matchFargateProfile(profiles, 'shop-eu', pinnedElsewhere)).toBeNull();
  });
});
