import { describe, expect, it } from 'vitest';
import { countBySeverity, mainReasons, rankedReasons } from '../../../lib/findings/reasons.js';
import type { Finding, WorkloadResult } from '../../../lib/findings/result.js';
import { sampleReport } from '../sinks/report-sample.js';

const finding = (ruleId: string, category: Finding['category'], severity: Finding['severity']): Finding => ({
  ruleId,
  category,
  severity,
  title: ruleId,
  message: `${ruleId} message`,
  fix: 'fix',
  docsUrl: 'https://docs.aws.amazon.com/x',
});

const workload: WorkloadResult = {
  ...sampleReport().workloads[0]!,
  findings: [
    finding('c-advisory', 'compliance', 'advisory'),
    finding('f-fixable', 'fargate', 'fixable'),
    finding('c-blocker', 'compliance', 'blocker'),
    finding('f-blocker', 'fargate', 'blocker'),
    {
      ...finding('muted', 'fargate', 'blocker'),
      suppressed: { owner: 'o', reason: 'r', expires: '2027-01-01' },
    },
  ],
  errors: [{ ruleId: 'thrower', message: 'boom' }],
};

describe('rankedReasons', () => {
  it('puts rule errors first, then severity, fargate before compliance, and drops suppressed findings', () => {
    expect(rankedReasons(workload).map((r) => r.ruleId)).toEqual([
      'thrower',
      'f-blocker',
      'c-blocker',
      'f-fixable',
      'c-advisory',
    ]);
  });

  it('says a failed rule failed', () => {
    expect(rankedReasons(workload)[0]?.message).toBe('rule failed to evaluate: boom');
  });
});

describe('mainReasons', () => {
  it('returns the top reasons and how many are left', () => {
    const { shown, more } = mainReasons(workload, 2);
    expect(shown.map((r) => r.ruleId)).toEqual(['thrower', 'f-blocker']);
    expect(more).toBe(3);
  });
});

describe('countBySeverity', () => {
  it('counts unsuppressed findings', () => {
    expect(countBySeverity(workload)).toEqual({ blocker: 2, fixable: 1, advisory: 1 });
  });
});
