import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { judgeWorkloads } from '../../lib/findings/judge.js';
import type { WorkloadResult } from '../../lib/findings/result.js';
import { readPaths } from '../../lib/manifests/read.js';
import { allRules } from '../../lib/rules/index.js';
import { type ExpectedWorkload, expectedWorkloads } from './expected-verdicts.js';

/**
 * Pins the verdict, Fargate size and deciding rules of every workload of the public corpus
 * (../shared/corpus), read as one `check` input the way `fargate-fit check ../shared/corpus` reads it.
 * The expectations in expected-verdicts.ts were decided from the rule reference, file by file.
 */
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(projectRoot, '../shared/corpus');
const corpusPresent = existsSync(corpus);

/** `ecs/001-x.json#0` for a result whose id is `<corpus>/ecs/001-x.json#0`. */
function corpusId(result: WorkloadResult): string {
  const file = result.source?.file;
  if (file === undefined || !result.id.startsWith(file)) return result.id;
  const relative = path.relative(corpus, file).split(path.sep).join('/');
  return `${relative}${result.id.slice(file.length)}`;
}

const severityThatDecides = (expected: ExpectedWorkload) =>
  expected.verdict === 'ineligible' ? 'blocker' : 'fixable';

describe('Fargate verdicts of the public corpus', () => {
  if (!corpusPresent) {
    it.skipIf(!corpusPresent)('../shared/corpus not found — skipped', () => {});
    return;
  }

  const results = new Map<string, WorkloadResult>();
  beforeAll(async () => {
    const read = await readPaths([corpus]);
    for (const result of judgeWorkloads(read.workloads, { rules: allRules }).results) {
      results.set(corpusId(result), result);
    }
  });

  it('has one expectation per workload id', () => {
    const ids = expectedWorkloads.map((w) => w.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(expectedWorkloads.map((w) => [`${w.id} is ${w.verdict}`, w] as const))('%s', (_, expected) => {
    const result = results.get(expected.id);
    expect(result, `${expected.id} was not read as a workload`).toBeDefined();
    if (!result) return;
    const found = result.findings
      .filter((f) => f.category === 'fargate' && f.severity !== 'advisory')
      .map((f) => `${f.ruleId} (${f.severity}): ${f.message}`);
    const context = `${expected.id} — expected because ${expected.why}\nfindings:\n  ${found.join('\n  ')}`;
    expect(result.errors, context).toEqual([]);
    expect(result.verdict, context).toBe(expected.verdict);
    expect(result.fargateSize, context).toEqual(expected.fargateSize);
    const deciding = new Set(
      result.findings
        .filter((f) => f.category === 'fargate' && f.severity === severityThatDecides(expected))
        .map((f) => f.ruleId),
    );
    const missing = expected.deciding.filter((ruleId) => !deciding.has(ruleId));
    expect(missing, context).toEqual([]);
  });

  it('produces no workload the table does not expect', () => {
    const expectedIds = new Set(expectedWorkloads.map((w) => w.id));
    const unexpected = [...results.keys()].filter((id) => !expectedIds.has(id));
    expect(unexpected).toEqual([]);
    expect(results.size).toBe(expectedWorkloads.length);
  });

  it('keeps the verdict counts the table decides', () => {
    const count = (verdict: string) => [...results.values()].filter((r) => r.verdict === verdict).length;
    const expectedCount = (verdict: string) => expectedWorkloads.filter((w) => w.verdict === verdict).length;
    expect({
      eligible: count('eligible'),
      'eligible-with-changes': count('eligible-with-changes'),
      ineligible: count('ineligible'),
      unknown: count('unknown'),
    }).toEqual({
      eligible: expectedCount('eligible'),
      'eligible-with-changes': expectedCount('eligible-with-changes'),
      ineligible: expectedCount('ineligible'),
      unknown: 0,
    });
  });
});
