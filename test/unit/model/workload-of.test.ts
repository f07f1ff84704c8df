import { describe, expect, it } from 'vitest';
import { ecsTaskDetailOf, eksPodDetailOf, workloadOf } from '../../../lib/model/workload-of.js';
import { makeEcsWorkload, makeEksPodDetail, makeEksWorkload } from '../../support/builders.js';

/** The same keys, each holding a value of its own, so a field copied from the wrong key shows. */
function tagged<T extends object>(shape: T): T {
  return Object.fromEntries(Object.keys(shape).map((key) => [key, `value of ${key}`])) as T;
}

describe('the literal builders normalize makes workloads with', () => {
  it('copy every field of a workload to the field of the same name', () => {
    for (const workload of [makeEcsWorkload(), makeEksWorkload()]) {
      const fields = tagged(workload);
      expect(workloadOf(fields)).toStrictEqual(fields);
    }
  });

  it('copy every field of an ECS task detail and of an EKS pod detail, fargateProfile included', () => {
    const ecs = tagged(makeEcsWorkload().ecs!);
    expect(ecsTaskDetailOf(ecs)).toStrictEqual(ecs);
    const eks = tagged(makeEksPodDetail({ fargateProfile: { profileName: 'fp', selectorIndex: 0 } }));
    expect(eksPodDetailOf(eks)).toStrictEqual(eks);
  });

  it('keep an unknown Fargate profile unknown: undefined, not null', () => {
    const detail = eksPodDetailOf(makeEksPodDetail());
    expect(detail.fargateProfile).toBeUndefined();
    expect(eksPodDetailOf(makeEksPodDetail({ fargateProfile: null })).fargateProfile).toBeNull();
  });
});
