import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { liveServiceRules } from '../../lib/inventory/service-checks/index.js';
import { readPaths } from '../../lib/manifests/read.js';
import type { Workload } from '../../lib/model/workload.js';
import { allRules } from '../../lib/rules/index.js';
import {
  evaluationsThatDiffer,
  featuresOfEach,
  mixedPool,
  wronglySkipped,
} from '../support/applicability-checks.js';
import { complianceCases } from '../unit/rules/compliance.cases.js';
import { ecsCases } from '../unit/rules/ecs.cases.js';
import { eksCases } from '../unit/rules/eks.cases.js';

/**
 * The rules' `firesOnlyWith` declarations held to the public corpus (../shared/corpus): real task
 * definitions and manifests, and every failing rule case mixed into them, must be judged the same
 * with the skipped rules as with every rule run.
 */
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(projectRoot, '../shared/corpus');
const corpusPresent = existsSync(corpus);
const catalogue = [...allRules, ...liveServiceRules];

describe('rule applicability on the public corpus', () => {
  if (!corpusPresent) {
    it.skipIf(!corpusPresent)('../shared/corpus not found — skipped', () => {});
    return;
  }

  let pool: Workload[] = [];
  let features: number[] = [];
  it('reads the corpus and mixes every failing rule case into it', async () => {
    const read = (await readPaths([corpus])).workloads;
    const firing = Object.values({ ...ecsCases, ...eksCases, ...complianceCases }).flatMap((set) => set.fail);
    pool = mixedPool(read, firing, 6);
    features = featuresOfEach(pool);
    expect(read.length).toBeGreaterThan(50);
    expect(pool.length).toBeGreaterThan(5_000);
  });

  it('finds nothing without a rule feature, for every rule that declares them', () => {
    const wrong = catalogue
      .filter((rule) => rule.firesOnlyWith !== undefined)
      .flatMap((rule) => wronglySkipped(rule, pool, features).wrong);
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('gives the same evaluation as running every rule', () => {
    expect(evaluationsThatDiffer(catalogue, pool).slice(0, 10)).toEqual([]);
  });
});
