import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../../../lib/findings/result.js';
import { eksRules } from '../../../../lib/rules/eks/index.js';
import { evaluateWorkload } from '../../../../lib/rules/engine.js';
import type { Severity } from '../../../../lib/rules/rule.js';
import { makeEksWorkload, makeK8sContainer } from '../../../support/builders.js';
import { eksCases, makeClusterContext } from '../eks.cases.js';

const verdictFor: Record<Severity, Verdict> = {
  blocker: 'ineligible',
  fixable: 'eligible-with-changes',
  advisory: 'eligible',
};

describe('eks catalogue as a whole', () => {
  it('lists every rule of table 2b once, all scoped eks and category fargate', () => {
    expect(eksRules).toHaveLength(39);
    expect(new Set(eksRules.map((r) => r.id)).size).toBe(39);
    for (const rule of eksRules) {
      expect(rule.scope, rule.id).toBe('eks');
      expect(rule.category, rule.id).toBe('fargate');
      expect(rule.verifiedAt, rule.id).toBe('2026-11-27');
    }
  });

  it('finds nothing in a plain Deployment: eligible with no findings', () => {
    const result = evaluateWorkload(makeEksWorkload(), eksRules);
    expect(result.findings).toEqual([]);
    expect(result.verdict).toBe('eligible');
  });

  it('finds nothing when the live facts are known and healthy and a profile selects the pod', () => {
    const workload = makeEksWorkload(
      { region: 'eu-west-1' },
      {
        clusterContext: makeClusterContext(),
        fargateProfile: { profileName: 'apps', selectorIndex: 0 },
        services: [{ name: 'web', type: 'ClusterIP', ipTargets: false }],
        usesPodIdentity: false,
        serviceAccountHasIrsa: true,
      },
    );
    const result = evaluateWorkload(workload, eksRules);
    expect(result.findings).toEqual([]);
    expect(result.verdict).toBe('eligible');
  });

  it('gives every failing example the verdict its worst finding of that rule implies', () => {
    const order: Verdict[] = ['eligible', 'eligible-with-changes', 'ineligible'];
    for (const rule of eksRules) {
      for (const workload of eksCases[rule.id]?.fail ?? []) {
        const own = rule.evaluate(workload).map((v) => verdictFor[v.severity ?? rule.severity]);
        const expected = own.reduce((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a), 'eligible');
        const verdict = evaluateWorkload(workload, eksRules).verdict;
        expect(order.indexOf(verdict), `${rule.id}: ${verdict} vs ${expected}`).toBeGreaterThanOrEqual(
          order.indexOf(expected),
        );
      }
    }
  });

  it('names only the IMDS-related environment variables, never the others', () => {
    const workload = makeEksWorkload({
      containers: [
        makeK8sContainer({ envNames: ['AWS_METADATA_SERVICE_TIMEOUT'], secretEnvNames: ['DB_PASSWORD'] }),
      ],
    });
    const messages = evaluateWorkload(workload, eksRules).findings.map((f) => f.message);
    expect(messages.join('\n')).toContain('AWS_METADATA_SERVICE_TIMEOUT');
    expect(messages.join('\n')).not.toContain('DB_PASSWORD');
  });
});
