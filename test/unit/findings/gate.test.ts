import { describe, expect, it } from 'vitest';
import { tripsGate } from '../../../lib/findings/gate.js';
import type { Finding, Verdict, WorkloadResult } from '../../../lib/findings/result.js';
import { sampleReport } from '../sinks/report-sample.js';

const base = sampleReport().workloads[0]!;

function result(verdict: Verdict, findings: Finding[] = []): WorkloadResult {
  return { ...base, verdict, findings, errors: [] };
}

const compliance = (severity: Finding['severity'], suppressed = false): Finding => ({
  ruleId: 'ecs-privileged-container',
  category: 'compliance',
  severity,
  title: 't',
  message: 'm',
  fix: 'f',
  docsUrl: 'https://docs.aws.amazon.com/x',
  ...(suppressed ? { suppressed: { owner: 'o', reason: 'r', expires: '2027-01-01' } } : {}),
});

const both = ['fargate', 'compliance'] as const;

describe('tripsGate', () => {
  it('never trips with never', () => {
    expect(tripsGate(result('ineligible'), 'never', both)).toBe(false);
    expect(tripsGate(result('unknown'), 'never', both)).toBe(false);
  });

  it('trips ineligible only on ineligible and unknown verdicts', () => {
    expect(tripsGate(result('ineligible'), 'ineligible', both)).toBe(true);
    expect(tripsGate(result('unknown'), 'ineligible', both)).toBe(true);
    expect(tripsGate(result('eligible-with-changes'), 'ineligible', both)).toBe(false);
    expect(tripsGate(result('eligible'), 'ineligible', both)).toBe(false);
  });

  it('trips changes on anything but eligible', () => {
    expect(tripsGate(result('eligible-with-changes'), 'changes', both)).toBe(true);
    expect(tripsGate(result('ineligible'), 'changes', both)).toBe(true);
    expect(tripsGate(result('eligible'), 'changes', both)).toBe(false);
  });

  it('gates on compliance findings only when compliance is selected', () => {
    const w = result('eligible', [compliance('blocker')]);
    expect(tripsGate(w, 'ineligible', ['compliance'])).toBe(true);
    expect(tripsGate(w, 'ineligible', ['fargate'])).toBe(false);
    expect(tripsGate(result('eligible', [compliance('fixable')]), 'ineligible', ['compliance'])).toBe(false);
    expect(tripsGate(result('eligible', [compliance('fixable')]), 'changes', ['compliance'])).toBe(true);
    expect(tripsGate(result('eligible', [compliance('advisory')]), 'changes', ['compliance'])).toBe(true);
    expect(tripsGate(result('eligible', [compliance('advisory')]), 'ineligible', ['compliance'])).toBe(false);
  });

  it('ignores the Fargate verdict when only compliance is selected', () => {
    expect(tripsGate(result('ineligible'), 'ineligible', ['compliance'])).toBe(false);
  });

  it('ignores suppressed findings', () => {
    expect(tripsGate(result('eligible', [compliance('blocker', true)]), 'changes', both)).toBe(false);
  });

  it('always trips on a rule error, whatever the category', () => {
    const failed = { ...result('unknown'), errors: [{ ruleId: 'ecs-x', message: 'boom' }] };
    expect(tripsGate(failed, 'ineligible', ['compliance'])).toBe(true);
  });
});
