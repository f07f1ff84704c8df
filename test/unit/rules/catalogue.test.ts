import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allRules, complianceRules, ecsRules, eksRules } from '../../../lib/rules/index.js';
import type { Rule } from '../../../lib/rules/rule.js';
import { complianceCases } from './compliance.cases.js';
import { ecsCases } from './ecs.cases.js';
import { eksCases } from './eks.cases.js';

const rulesDir = fileURLToPath(new URL('../../../lib/rules/', import.meta.url));
const groups: [string, readonly Rule[]][] = [
  ['ecs', ecsRules],
  ['eks', eksRules],
  ['compliance', complianceRules],
];
const cases = { ...ecsCases, ...eksCases, ...complianceCases };

describe('rule catalogue', () => {
  it('has rules in every group', () => {
    for (const [, rules] of groups) expect(rules.length).toBeGreaterThan(0);
  });

  it('has unique kebab-case ids equal to their file names', () => {
    const ids = allRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [group, rules] of groups) {
      for (const rule of rules) {
        expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(existsSync(`${rulesDir}${group}/${rule.id}.ts`), `${group}/${rule.id}.ts`).toBe(true);
      }
    }
  });

  it('gives every rule complete metadata with an AWS or upstream docs URL and a recent verification date', () => {
    for (const rule of allRules) {
      expect(rule.title.length, rule.id).toBeGreaterThan(5);
      expect(rule.rationale.length, rule.id).toBeGreaterThan(10);
      expect(rule.fix.length, rule.id).toBeGreaterThan(3);
      expect(rule.docsUrl, rule.id).toMatch(
        /^https:\/\/(docs\.aws\.amazon\.com\/|aws\.amazon\.com\/|github\.com\/(aws|awsdocs|kubernetes|kubernetes-sigs)\/|kubernetes\.io\/)/,
      );
      expect(rule.verifiedAt, rule.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Date.parse(rule.verifiedAt), rule.id).toBeGreaterThan(Date.parse('2025-01-01'));
      expect(['ecs', 'eks']).toContain(rule.scope);
      expect(['fargate', 'compliance']).toContain(rule.category);
      expect(['blocker', 'fixable', 'advisory']).toContain(rule.severity);
    }
  });

  it('keeps compliance rules in the compliance group and fargate rules out of it', () => {
    for (const rule of complianceRules) expect(rule.category, rule.id).toBe('compliance');
    for (const rule of [...ecsRules, ...eksRules]) expect(rule.category, rule.id).toBe('fargate');
  });

  describe.each(allRules.map((r) => [r.id, r] as const))('rule %s', (id, rule) => {
    const ruleCases = cases[id];
    it('has at least one failing and one passing example', () => {
      expect(ruleCases?.fail.length ?? 0).toBeGreaterThan(0);
      expect(ruleCases?.pass.length ?? 0).toBeGreaterThan(0);
    });
    it('flags every failing example with a message', () => {
      for (const workload of ruleCases?.fail ?? []) {
        const violations = rule.evaluate(workload);
        expect(violations.length).toBeGreaterThan(0);
        for (const v of violations) expect(v.message.length).toBeGreaterThan(5);
      }
    });
    it('passes every passing example', () => {
      for (const workload of ruleCases?.pass ?? []) expect(rule.evaluate(workload)).toEqual([]);
    });
  });
});
