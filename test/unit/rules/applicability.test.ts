import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { liveServiceRules } from '../../../lib/inventory/service-checks/index.js';
import { readPaths } from '../../../lib/manifests/read.js';
import type { Workload } from '../../../lib/model/workload.js';
import { featureMaskOf, featureNames, featuresOf, rulesFor } from '../../../lib/rules/applicability.js';
import { evaluateWorkload } from '../../../lib/rules/engine.js';
import { allRules } from '../../../lib/rules/index.js';
import type { Rule } from '../../../lib/rules/rule.js';
import {
  evaluationsThatDiffer,
  featuresOfEach,
  mixedPool,
  wronglySkipped,
} from '../../support/applicability-checks.js';
import {
  makeEcsContainer,
  makeEcsWorkload,
  makeEksWorkload,
  makeK8sContainer,
} from '../../support/builders.js';
import { complianceCases } from './compliance.cases.js';
import { ecsCases } from './ecs.cases.js';
import { eksCases } from './eks.cases.js';

/**
 * A rule that declares `firesOnlyWith` is not called for a workload without those features, so a
 * declaration that is too narrow hides findings. These tests hold every declaration to "without
 * its features the rule finds nothing and does not throw", over every rule case, the fixtures and
 * mixtures of them that move each firing setting into other surroundings.
 */
const catalogue: readonly Rule[] = [...allRules, ...liveServiceRules];
const masked = catalogue.filter((rule) => rule.firesOnlyWith !== undefined);
const caseSets = { ...ecsCases, ...eksCases, ...complianceCases };
const fixtures = fileURLToPath(new URL('../../fixtures/manifests/', import.meta.url));

/** Every rule case, the manifest fixtures, and mixtures of each firing case with random others. */
async function workloadPool(): Promise<Workload[]> {
  const cases = Object.values(caseSets).flatMap((set) => [...set.fail, ...set.pass]);
  const read = (await readPaths([fixtures])).workloads;
  const firing = Object.values(caseSets).flatMap((set) => set.fail);
  return mixedPool([...cases, ...read], firing, 12);
}

const pool = await workloadPool();
const poolFeatures = featuresOfEach(pool);

describe('rule applicability', () => {
  it('draws on a pool of thousands of workloads of both scopes', () => {
    expect(pool.filter((w) => w.scope === 'ecs').length).toBeGreaterThan(5_000);
    expect(pool.filter((w) => w.scope === 'eks').length).toBeGreaterThan(2_000);
  });

  it('gives every feature of a scope its own bit below 2^30', () => {
    for (const scope of ['ecs', 'eks'] as const) {
      const masks = featureNames(scope).map((name) =>
        featureMaskOf({ ...catalogue[0]!, scope, firesOnlyWith: [name as never] }),
      );
      expect(masks.every((mask) => mask !== null && mask > 0 && mask < 2 ** 30)).toBe(true);
      expect(new Set(masks).size).toBe(masks.length);
      expect(masks.reduce((all, mask) => (all ?? 0) | (mask ?? 0), 0)).toBe(2 ** masks.length - 1);
    }
  });

  it('declares only features of the rule scope, at least one, each once', () => {
    for (const rule of masked) {
      const wanted = rule.firesOnlyWith ?? [];
      expect(wanted.length, rule.id).toBeGreaterThan(0);
      expect(new Set(wanted).size, rule.id).toBe(wanted.length);
      for (const name of wanted) expect(featureNames(rule.scope), rule.id).toContain(name);
      expect(featureMaskOf(rule), rule.id).not.toBeNull();
    }
  });

  it('skips most rules for a plain workload and none for a workload with every feature', () => {
    const plain = rulesFor(catalogue, 'ecs', 0);
    expect(plain.length).toBeLessThan(catalogue.filter((r) => r.scope === 'ecs').length / 2);
    expect(rulesFor(catalogue, 'ecs', (1 << 30) - 1)).toEqual(catalogue.filter((r) => r.scope === 'ecs'));
    expect(rulesFor(catalogue, 'eks', (1 << 30) - 1)).toEqual(catalogue.filter((r) => r.scope === 'eks'));
  });

  describe.each(masked.map((rule) => [rule.id, rule] as const))('rule %s', (_id, rule) => {
    const mask = featureMaskOf(rule) ?? 0;

    it('has the declared features in every failing case', () => {
      for (const workload of caseSets[rule.id]?.fail ?? []) {
        expect(featuresOf(workload) & mask, `${rule.id} fails ${workload.id}`).not.toBe(0);
      }
    });

    it('finds nothing and does not throw in any workload without them', () => {
      const { without, wrong } = wronglySkipped(rule, pool, poolFeatures);
      expect(wrong.slice(0, 5)).toEqual([]);
      expect(without).toBeGreaterThan(100);
    });
  });

  it('gives the same evaluation as running every rule, for every workload of the pool', () => {
    expect(evaluationsThatDiffer(catalogue, pool).slice(0, 5)).toEqual([]);
  });

  it('runs every rule of the scope for a workload of an unexpected shape', () => {
    const ecsRules = catalogue.filter((r) => r.scope === 'ecs');
    const eksRules = catalogue.filter((r) => r.scope === 'eks');
    const noTask = { ...makeEcsWorkload(), ecs: null };
    const noEcsDetail = makeEcsWorkload({ containers: [{ ...makeEcsContainer(), ecs: null }] });
    const noPod = { ...makeEksWorkload(), eks: null };
    const noK8sDetail = makeEksWorkload({ containers: [{ ...makeK8sContainer(), k8s: null }] });
    for (const workload of [noTask, noEcsDetail])
      expect(rulesFor(catalogue, 'ecs', featuresOf(workload))).toEqual(ecsRules);
    for (const workload of [noPod, noK8sDetail])
      expect(rulesFor(catalogue, 'eks', featuresOf(workload))).toEqual(eksRules);
  });

  it('reports unknown, not eligible, when reading the workload throws', () => {
    const broken = { ...makeEcsWorkload(), containers: null } as unknown as Workload;
    const evaluation = evaluateWorkload(broken, catalogue);
    expect(evaluation.verdict).toBe('unknown');
    expect(evaluation.errors.length).toBeGreaterThan(0);
  });
});
