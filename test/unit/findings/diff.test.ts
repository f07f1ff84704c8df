import { describe, expect, it } from 'vitest';
import { diffScans, type WorkloadSnapshot } from '../../../lib/findings/diff.js';

function snap(id: string, overrides: Partial<WorkloadSnapshot> = {}): WorkloadSnapshot {
  return {
    id,
    name: id,
    account: '111122223333',
    region: 'us-east-1',
    verdict: 'ineligible',
    monthlySavingsUsd: 10,
    ruleIds: ['ecs-privileged'],
    ...overrides,
  };
}

describe('diffScans', () => {
  const options = { savingsThresholdUsd: 5 };

  it('reports everything as new on a first scan', () => {
    const diff = diffScans(null, [snap('a'), snap('b')], options);
    expect(diff.added.map((w) => w.id)).toEqual(['a', 'b']);
    expect(diff.quiet).toBe(false);
  });

  it('is quiet when nothing moved', () => {
    const diff = diffScans([snap('a')], [snap('a')], options);
    expect(diff).toMatchObject({ added: [], changed: [], resolved: [], quiet: true });
    expect(diff.stillOpen.map((w) => w.id)).toEqual(['a']);
  });

  it('reports a verdict change and a savings move beyond the threshold, not within it', () => {
    const diff = diffScans(
      [snap('a'), snap('b'), snap('c')],
      [
        snap('a', { verdict: 'eligible-with-changes', ruleIds: ['ecs-network-mode'] }),
        snap('b', { monthlySavingsUsd: 16 }),
        snap('c', { monthlySavingsUsd: 14 }),
      ],
      options,
    );
    expect(diff.changed.map((c) => [c.id, c.reasons])).toEqual([
      ['a', ['verdict', 'findings']],
      ['b', ['savings']],
    ]);
    expect(diff.stillOpen.map((w) => w.id)).toEqual(['c']);
  });

  it('treats a figure that became unknown as a change', () => {
    const diff = diffScans([snap('a')], [snap('a', { monthlySavingsUsd: null })], options);
    expect(diff.changed[0]?.reasons).toEqual(['savings']);
  });

  it('resolves workloads that are gone or became eligible', () => {
    const diff = diffScans(
      [snap('gone'), snap('fixed')],
      [snap('fixed', { verdict: 'eligible', ruleIds: [] })],
      options,
    );
    expect(diff.resolved.map((r) => [r.before.id, r.reason])).toEqual([
      ['fixed', 'now-eligible'],
      ['gone', 'gone'],
    ]);
  });
});
