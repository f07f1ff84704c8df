import { describe, expect, it } from 'vitest';
import { groupPodsByOwner } from '../../../lib/inventory/eks/owners.js';
import { cronJob, daemonSet, deployment, job, kubernetesObjects, pod, replicaSet } from './support.js';

const summary = (groups: ReturnType<typeof groupPodsByOwner>) =>
  groups.map((g) => ({
    owner: `${g.owner.kind}/${g.owner.namespace}/${g.owner.name}`,
    template: `${String(g.templateObject.kind)}/${g.templateObject.metadata.name}`,
    pods: g.pods.map((p) => p.metadata.name),
  }));

describe('groupPodsByOwner', () => {
  it('follows Pod → ReplicaSet → Deployment and Pod → Job → CronJob up to the top-level owner', () => {
    const groups = groupPodsByOwner(
      kubernetesObjects({
        deployments: [deployment('web', 'shop', { app: 'web' })],
        replicaSets: [replicaSet('web-5d8f', 'shop', { app: 'web' }, { kind: 'Deployment', name: 'web' })],
        cronJobs: [cronJob('report', 'batch', { app: 'report' })],
        jobs: [job('report-29000', 'batch', { app: 'report' }, { kind: 'CronJob', name: 'report' })],
        pods: [
          pod('web-5d8f-a', 'shop', { owner: { kind: 'ReplicaSet', name: 'web-5d8f' } }),
          pod('web-5d8f-b', 'shop', { owner: { kind: 'ReplicaSet', name: 'web-5d8f' } }),
          pod('report-29000-x', 'batch', {
            owner: { kind: 'Job', name: 'report-29000' },
            phase: 'Succeeded',
          }),
        ],
      }),
    );
    expect(summary(groups)).toEqual([
      { owner: 'CronJob/batch/report', template: 'CronJob/report', pods: ['report-29000-x'] },
      { owner: 'Deployment/shop/web', template: 'Deployment/web', pods: ['web-5d8f-a', 'web-5d8f-b'] },
    ]);
  });

  it('keeps controllers that run no pod now, and bare pods as kind Pod', () => {
    const groups = groupPodsByOwner(
      kubernetesObjects({
        deployments: [deployment('idle', 'shop', { app: 'idle' }, 0)],
        daemonSets: [daemonSet('agent', 'kube-system', { app: 'agent' })],
        jobs: [job('one-off', 'ops', { app: 'one-off' })],
        pods: [
          pod('debug', 'ops'),
          pod('static-proxy', 'kube-system', { owner: { kind: 'Node', name: 'ip-10-0-0-1' } }),
        ],
      }),
    );
    expect(summary(groups)).toEqual([
      { owner: 'DaemonSet/kube-system/agent', template: 'DaemonSet/agent', pods: [] },
      { owner: 'Pod/kube-system/static-proxy', template: 'Pod/static-proxy', pods: ['static-proxy'] },
      { owner: 'Job/ops/one-off', template: 'Job/one-off', pods: [] },
      { owner: 'Pod/ops/debug', template: 'Pod/debug', pods: ['debug'] },
      { owner: 'Deployment/shop/idle', template: 'Deployment/idle', pods: [] },
    ]);
  });

  it('names a workload after an owner kind the scan does not list, using the highest listed template', () => {
    const groups = groupPodsByOwner(
      kubernetesObjects({
        replicaSets: [
          replicaSet('canary-7c9', 'shop', { app: 'canary' }, { kind: 'Rollout', name: 'canary' }),
        ],
        pods: [pod('canary-7c9-a', 'shop', { owner: { kind: 'ReplicaSet', name: 'canary-7c9' } })],
      }),
    );
    expect(summary(groups)).toEqual([
      { owner: 'Rollout/shop/canary', template: 'ReplicaSet/canary-7c9', pods: ['canary-7c9-a'] },
    ]);
  });

  it('falls back to the pod spec when the owner was not listed', () => {
    const groups = groupPodsByOwner(
      kubernetesObjects({ pods: [pod('web-9-a', 'shop', { owner: { kind: 'ReplicaSet', name: 'web-9' } })] }),
    );
    expect(summary(groups)).toEqual([
      { owner: 'ReplicaSet/shop/web-9', template: 'Pod/web-9-a', pods: ['web-9-a'] },
    ]);
  });
});
