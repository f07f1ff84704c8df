import { describe, expect, it } from 'vitest';
import { eksEphemeralStorage } from '../../../../lib/rules/eks/eks-ephemeral-storage.js';
import { eksLimitsNeqRequests } from '../../../../lib/rules/eks/eks-limits-neq-requests.js';
import { eksSizeDefault } from '../../../../lib/rules/eks/eks-size-default.js';
import { eksSizeTooBig } from '../../../../lib/rules/eks/eks-size-too-big.js';
import { eksRules } from '../../../../lib/rules/eks/index.js';
import { evaluateWorkload } from '../../../../lib/rules/engine.js';
import { makeEksWorkload, makeK8sContainer } from '../../../support/builders.js';

const sized = (cpu: number, memory: number) =>
  makeK8sContainer({
    cpuRequestMillis: cpu,
    cpuLimitMillis: cpu,
    memoryRequestMiB: memory,
    memoryLimitMiB: memory,
  });

describe('rule eks-size-too-big', () => {
  it('accepts the largest pod that still fits with the 256 MiB overhead (16 vCPU, 122,624 MiB)', () => {
    expect(eksSizeTooBig.evaluate(makeEksWorkload({ containers: [sized(16000, 122_624)] }))).toEqual([]);
  });

  it('blocks one MiB more and reports the computed need', () => {
    const workload = makeEksWorkload({ containers: [sized(16000, 122_625)] });
    const [violation] = eksSizeTooBig.evaluate(workload);
    expect(violation?.message).toContain('122881 MiB');
    expect(violation?.message).toContain('16 vCPU / 120 GB');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('ineligible');
  });

  it('sums app containers and native sidecars but takes init containers one at a time', () => {
    const apps = makeEksWorkload({
      containers: [
        sized(9000, 1024),
        makeK8sContainer({ ...sized(8000, 1024), name: 'proxy', role: 'sidecar' }),
      ],
    });
    expect(eksSizeTooBig.evaluate(apps)).toHaveLength(1);
    const init = makeEksWorkload({
      containers: [sized(9000, 1024), { ...sized(8000, 1024), name: 'migrate', role: 'init' as const }],
    });
    expect(eksSizeTooBig.evaluate(init)).toEqual([]);
  });

  it('counts a limit as the request when no request is set', () => {
    const workload = makeEksWorkload({
      containers: [
        makeK8sContainer({ cpuRequestMillis: null, cpuLimitMillis: 20000, memoryRequestMiB: null }),
      ],
    });
    expect(eksSizeTooBig.evaluate(workload)[0]?.message).toContain('needs 20 vCPU');
  });
});

describe('rule eks-size-default', () => {
  it('warns that a pod with no requests runs at 0.25 vCPU / 0.5 GB, and stays eligible', () => {
    const workload = makeEksWorkload({
      containers: [
        makeK8sContainer({
          cpuRequestMillis: null,
          cpuLimitMillis: null,
          memoryRequestMiB: null,
          memoryLimitMiB: null,
        }),
      ],
    });
    expect(eksSizeDefault.evaluate(workload)[0]?.message).toContain('0.25 vCPU / 0.5 GB');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('eligible');
  });

  it('names the running container that has no memory request', () => {
    const workload = makeEksWorkload({
      containers: [
        sized(500, 1024),
        makeK8sContainer({ name: 'logger', memoryRequestMiB: null, memoryLimitMiB: null }),
      ],
    });
    expect(eksSizeDefault.evaluate(workload)[0]?.message).toContain(
      'no memory request on container "logger"',
    );
  });

  it('names a container with neither request once', () => {
    const workload = makeEksWorkload({
      containers: [
        sized(500, 1024),
        makeK8sContainer({
          name: 'agent',
          cpuRequestMillis: null,
          cpuLimitMillis: null,
          memoryRequestMiB: null,
          memoryLimitMiB: null,
        }),
      ],
    });
    expect(eksSizeDefault.evaluate(workload)[0]?.message).toBe(
      'Fargate sizes the pod from requests only, and there is no cpu or memory request on container "agent".',
    );
  });

  it('does not mind an init container without requests', () => {
    const workload = makeEksWorkload({
      containers: [
        sized(500, 1024),
        makeK8sContainer({
          name: 'wait',
          role: 'init',
          cpuRequestMillis: null,
          cpuLimitMillis: null,
          memoryRequestMiB: null,
          memoryLimitMiB: null,
        }),
      ],
    });
    expect(eksSizeDefault.evaluate(workload)).toEqual([]);
  });
});

describe('rule eks-limits-neq-requests', () => {
  it('explains a limit above the request per resource', () => {
    const workload = makeEksWorkload({
      containers: [
        makeK8sContainer({
          cpuRequestMillis: 250,
          cpuLimitMillis: 1000,
          memoryRequestMiB: 512,
          memoryLimitMiB: 1024,
        }),
      ],
    });
    const [violation] = eksLimitsNeqRequests.evaluate(workload);
    expect(violation?.message).toContain('cpu request 250m but limit 1000m');
    expect(violation?.message).toContain('memory request 512 MiB but limit 1024 MiB');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('eligible');
  });

  it('explains a request without a limit', () => {
    const workload = makeEksWorkload({ containers: [makeK8sContainer({ memoryLimitMiB: null })] });
    expect(eksLimitsNeqRequests.evaluate(workload)[0]?.message).toContain(
      'memory request 1024 MiB with no limit',
    );
  });

  it('accepts limits alone, which Kubernetes copies into the requests', () => {
    const workload = makeEksWorkload({
      containers: [makeK8sContainer({ cpuRequestMillis: null, memoryRequestMiB: null })],
    });
    expect(eksLimitsNeqRequests.evaluate(workload)).toEqual([]);
  });
});

describe('rule eks-ephemeral-storage', () => {
  const gib = 1024;

  it('blocks a pod whose containers together request more than 175 GiB', () => {
    const workload = makeEksWorkload({
      containers: [
        makeK8sContainer({}, { ephemeralStorageRequestMiB: 100 * gib }),
        makeK8sContainer({ name: 'worker' }, { ephemeralStorageRequestMiB: 76 * gib }),
      ],
    });
    expect(eksEphemeralStorage.evaluate(workload)[0]?.message).toContain('176 GiB');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('ineligible');
  });

  it('uses the limit when no request is set', () => {
    const workload = makeEksWorkload({
      containers: [makeK8sContainer({}, { ephemeralStorageLimitMiB: 200 * gib })],
    });
    expect(eksEphemeralStorage.evaluate(workload)).toHaveLength(1);
  });

  it('counts an init container on its own, not on top of the app containers', () => {
    const workload = makeEksWorkload({
      containers: [
        makeK8sContainer({}, { ephemeralStorageRequestMiB: 100 * gib }),
        makeK8sContainer({ name: 'fetch', role: 'init' }, { ephemeralStorageRequestMiB: 100 * gib }),
      ],
    });
    expect(eksEphemeralStorage.evaluate(workload)).toEqual([]);
  });
});
