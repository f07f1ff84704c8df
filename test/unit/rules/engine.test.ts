import { describe, expect, it } from 'vitest';
import { evaluateWorkload } from '../../../lib/rules/engine.js';
import { defineRule, type Rule, type Severity } from '../../../lib/rules/rule.js';
import { makeEcsWorkload, makeEksWorkload } from '../../support/builders.js';

function rule(id: string, severity: Severity, fires: boolean, category: Rule['category'] = 'fargate'): Rule {
  return defineRule({
    id,
    scope: 'ecs',
    category,
    severity,
    title: id,
    rationale: 'test rule',
    fix: 'fix it',
    docsUrl: 'https://docs.aws.amazon.com/',
    verifiedAt: '2026-11-27',
    evaluate: () => (fires ? [{ message: `${id} fired` }] : []),
  });
}

const throwing = defineRule({
  ...rule('throws', 'blocker', false),
  evaluate: () => {
    throw new Error('cannot read property');
  },
});

describe('rule engine', () => {
  const w = makeEcsWorkload();

  it('calls a workload eligible when every rule passes', () => {
    expect(evaluateWorkload(w, [rule('a', 'blocker', false)]).verdict).toBe('eligible');
  });

  it('is ineligible on any blocker, eligible-with-changes on fixables only', () => {
    expect(evaluateWorkload(w, [rule('a', 'fixable', true), rule('b', 'blocker', true)]).verdict).toBe(
      'ineligible',
    );
    expect(evaluateWorkload(w, [rule('a', 'fixable', true), rule('b', 'advisory', true)]).verdict).toBe(
      'eligible-with-changes',
    );
    expect(evaluateWorkload(w, [rule('a', 'advisory', true)]).verdict).toBe('eligible');
  });

  it('turns a throwing rule into an error and the verdict unknown, never eligible', () => {
    const result = evaluateWorkload(w, [rule('a', 'advisory', false), throwing]);
    expect(result.verdict).toBe('unknown');
    expect(result.errors).toEqual([{ ruleId: 'throws', message: 'cannot read property' }]);
  });

  it('never lets compliance findings change the verdict', () => {
    const result = evaluateWorkload(w, [rule('c', 'blocker', true, 'compliance')]);
    expect(result.verdict).toBe('eligible');
    expect(result.findings).toHaveLength(1);
  });

  it('filters reported categories without changing the verdict', () => {
    const result = evaluateWorkload(
      w,
      [rule('a', 'blocker', true), rule('c', 'advisory', true, 'compliance')],
      {
        categories: ['compliance'],
      },
    );
    expect(result.verdict).toBe('ineligible');
    expect(result.findings.map((f) => f.ruleId)).toEqual(['c']);
  });

  it('only runs rules of the workload scope', () => {
    expect(evaluateWorkload(makeEksWorkload(), [rule('a', 'blocker', true)]).verdict).toBe('eligible');
  });
});
