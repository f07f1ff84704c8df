import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../lib/findings/result.js';
import {
  applySuppressions,
  expiringWithin,
  type Suppression,
  suppressionListSchema,
} from '../../../lib/findings/suppressions.js';

const finding = (ruleId: string): Finding => ({
  ruleId,
  category: 'fargate',
  severity: 'blocker',
  title: ruleId,
  message: `${ruleId} fired`,
  fix: 'fix',
  docsUrl: 'https://docs.aws.amazon.com/',
});

const mute = (overrides: Partial<Suppression>): Suppression => ({
  workloadId: 'w1',
  ruleId: 'ecs-privileged',
  owner: 'platform-team',
  reason: 'agent needs it',
  expires: '2026-12-31',
  ...overrides,
});

describe('suppressions', () => {
  it('marks a matching finding and keeps it', () => {
    const out = applySuppressions(
      'w1',
      [finding('ecs-privileged'), finding('ecs-devices')],
      [mute({})],
      '2026-11-27',
    );
    expect(out).toHaveLength(2);
    expect(out[0]?.suppressed).toEqual({
      owner: 'platform-team',
      reason: 'agent needs it',
      expires: '2026-12-31',
    });
    expect(out[1]?.suppressed).toBeUndefined();
  });

  it('supports wildcards for workload and rule', () => {
    const out = applySuppressions(
      'other',
      [finding('ecs-devices')],
      [mute({ workloadId: '*', ruleId: '*' })],
      '2026-11-27',
    );
    expect(out[0]?.suppressed).toBeDefined();
  });

  it('brings the finding back once the suppression has expired', () => {
    const out = applySuppressions(
      'w1',
      [finding('ecs-privileged')],
      [mute({ expires: '2026-11-26' })],
      '2026-11-27',
    );
    expect(out[0]?.suppressed).toBeUndefined();
  });

  it('lists suppressions expiring within 14 days, soonest first', () => {
    const list = [
      mute({ expires: '2026-12-20' }),
      mute({ expires: '2026-12-05' }),
      mute({ expires: '2026-11-20' }),
    ];
    expect(expiringWithin(list, '2026-11-27', 14).map((s) => s.expires)).toEqual(['2026-12-05']);
  });

  it('rejects a suppression without owner or with a bad date, naming the field', () => {
    const result = suppressionListSchema.safeParse([
      { workloadId: 'w1', ruleId: 'x', owner: '', reason: 'r', expires: 'soon' },
    ]);
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['0.owner', '0.expires']));
  });
});
