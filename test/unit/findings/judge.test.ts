import { describe, expect, it } from 'vitest';
import { judgeWorkloads, SIZING_ERROR_ID } from '../../../lib/findings/judge.js';
import { makeEcsWorkload, makeEksWorkload, makeK8sContainer } from '../../support/builders.js';
import { pricedCost, sampleRules } from '../sinks/report-sample.js';

describe('judgeWorkloads', () => {
  it('evaluates, sizes and assembles each workload in order', () => {
    const { results, gaps } = judgeWorkloads(
      [
        makeEksWorkload({ id: 'a.yaml#0', hostNetwork: true }),
        makeEksWorkload({
          id: 'a.yaml#1',
          containers: [makeK8sContainer({ cpuRequestMillis: 1000, memoryRequestMiB: 2048 })],
        }),
      ],
      { rules: sampleRules },
    );
    expect(gaps).toEqual([]);
    expect(results.map((r) => [r.id, r.verdict])).toEqual([
      ['a.yaml#0', 'ineligible'],
      ['a.yaml#1', 'eligible'],
    ]);
    // 1 vCPU, 2048 MiB + 256 MiB pod overhead rounds up to 1 vCPU / 3 GB.
    expect(results[1]?.fargateSize).toEqual({ cpu: 1024, memoryMiB: 3072 });
    expect(results[0]?.findings.map((f) => f.ruleId)).toEqual(['eks-host-network']);
  });

  it('gives a Windows EKS pod no Fargate size', () => {
    const { results } = judgeWorkloads([makeEksWorkload({ id: 'win.yaml#0', os: 'windows' })], {
      rules: sampleRules,
    });
    expect(results[0]?.fargateSize).toBeNull();
    expect(results[0]?.errors).toEqual([]);
  });

  it('reports only the selected categories but keeps the Fargate verdict', () => {
    const workload = makeEksWorkload({ hostNetwork: true });
    const { results } = judgeWorkloads([workload], { rules: sampleRules, categories: ['compliance'] });
    expect(results[0]?.findings).toEqual([]);
    expect(results[0]?.verdict).toBe('ineligible');
  });

  it('marks the verdict unknown and keeps the error when a rule throws', () => {
    const { results } = judgeWorkloads([makeEksWorkload({ name: 'broken' })], { rules: sampleRules });
    expect(results[0]?.verdict).toBe('unknown');
    expect(results[0]?.errors).toEqual([{ ruleId: 'eks-explodes', message: 'cannot read annotations' }]);
  });

  it('marks the verdict unknown when the workload cannot be sized', () => {
    // A container list that is not a list makes sizing throw, as a malformed collector output would.
    const malformed = makeEksWorkload({ containers: null as unknown as [] });
    const { results } = judgeWorkloads([malformed], { rules: [] });
    expect(results[0]?.verdict).toBe('unknown');
    expect(results[0]?.errors[0]?.ruleId).toBe(SIZING_ERROR_ID);
    expect(results[0]?.fargateSize).toBeNull();
  });

  it('leaves cost null without a cost function', () => {
    const { results } = judgeWorkloads([makeEcsWorkload()], { rules: [] });
    expect(results[0]?.cost).toBeNull();
  });

  it('passes the Fargate size to the cost function and keeps its estimate', () => {
    const seen: unknown[] = [];
    const { results } = judgeWorkloads([makeEcsWorkload()], {
      rules: [],
      cost: (_w, size) => {
        seen.push(size);
        return pricedCost;
      },
    });
    expect(seen).toEqual([{ cpu: 256, memoryMiB: 512 }]);
    expect(results[0]?.cost).toEqual(pricedCost);
  });

  it('turns a pricing failure into a gap naming the workload, with a null cost', () => {
    const { results, gaps } = judgeWorkloads(
      [
        makeEcsWorkload({
          id: 'ecs/web.json#0',
          source: { file: 'ecs/web.json', documentIndex: 0, line: null },
        }),
      ],
      {
        rules: [],
        cost: () => {
          throw new RangeError('no price for region xx-east-9');
        },
      },
    );
    expect(results[0]?.cost).toBeNull();
    expect(results[0]?.verdict).toBe('eligible');
    expect(gaps).toEqual([
      {
        scope: 'price',
        file: 'ecs/web.json',
        errorName: 'RangeError',
        message: 'could not price ecs/web.json#0: no price for region xx-east-9',
      },
    ]);
  });
});
