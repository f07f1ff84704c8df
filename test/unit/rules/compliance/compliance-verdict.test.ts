import { describe, expect, it } from 'vitest';
import { evaluateWorkload } from '../../../../lib/rules/engine.js';
import { allRules, complianceRules } from '../../../../lib/rules/index.js';
import {
  makeEcsContainer,
  makeEcsWorkload,
  makeEksWorkload,
  makeK8sContainer,
  makeVolume,
} from '../../../support/builders.js';

/**
 * A Fargate-ready task definition (awsvpc, FARGATE and EC2 compatible, valid size, encrypted-at-rest
 * EFS on Linux) that is poor on security hygiene: every problem below is a compliance finding only.
 */
const sloppyButFargateReadyTask = makeEcsWorkload(
  {
    containers: [
      makeEcsContainer(
        {
          user: null,
          readOnlyRootFilesystem: false,
          envNames: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
        },
        { memoryMiB: null, memoryReservationMiB: 256, logMode: 'blocking' },
      ),
      makeEcsContainer(
        { name: 'sidecar', user: '0', ports: [] },
        { logDriver: null, logOptionNames: [], logMode: null },
      ),
    ],
    volumes: [makeVolume({ type: 'ecsEfs', name: 'shared', efsTransitEncryption: 'DISABLED' })],
  },
  { requiresCompatibilities: ['EC2', 'FARGATE'], cpuUnits: 256, memoryMiB: 1024 },
);

/** A Deployment Fargate accepts as written whose security context is left at the defaults. */
const sloppyButFargateReadyDeployment = makeEksWorkload({
  containers: [
    makeK8sContainer({
      runAsNonRoot: null,
      user: null,
      readOnlyRootFilesystem: null,
      allowPrivilegeEscalation: null,
      capabilitiesDrop: [],
      envNames: ['DB_PASSWORD', 'API_TOKEN'],
    }),
  ],
});

describe('compliance findings and the Fargate verdict', () => {
  it('reports many compliance findings on an ECS task yet keeps it eligible', () => {
    const result = evaluateWorkload(sloppyButFargateReadyTask, complianceRules);
    expect(result.verdict).toBe('eligible');
    expect(result.errors).toEqual([]);
    expect(new Set(result.findings.map((f) => f.ruleId))).toEqual(
      new Set([
        'compliance-ecs-environment-credentials',
        'compliance-ecs-efs-transit-encryption',
        'compliance-ecs-linux-user-non-root',
        'compliance-ecs-log-configuration',
        'compliance-ecs-log-non-blocking',
        'compliance-ecs-memory-hard-limit',
        'compliance-ecs-nonroot-user',
        'compliance-ecs-readonly-root-filesystem',
      ]),
    );
    for (const finding of result.findings) {
      expect(finding.category).toBe('compliance');
      expect(finding.severity).toBe('advisory');
    }
  });

  it('reports many compliance findings on an EKS Deployment yet keeps it eligible', () => {
    const result = evaluateWorkload(sloppyButFargateReadyDeployment, complianceRules);
    expect(result.verdict).toBe('eligible');
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual([
      'compliance-eks-capabilities-restricted',
      'compliance-eks-environment-credentials',
      'compliance-eks-environment-credentials',
      'compliance-eks-privilege-escalation',
      'compliance-eks-readonly-root-filesystem',
      'compliance-eks-run-as-non-root',
    ]);
  });

  it('keeps the verdict eligible with the whole catalogue, compliance findings included', () => {
    for (const workload of [sloppyButFargateReadyTask, sloppyButFargateReadyDeployment]) {
      const result = evaluateWorkload(workload, allRules);
      const fargateChanges = result.findings.filter(
        (f) => f.category === 'fargate' && f.severity !== 'advisory',
      );
      expect(fargateChanges, JSON.stringify(fargateChanges)).toEqual([]);
      expect(result.verdict).toBe('eligible');
      expect(result.findings.filter((f) => f.category === 'compliance').length).toBeGreaterThanOrEqual(5);
    }
  });

  it('finds nothing on workloads that follow every control', () => {
    expect(evaluateWorkload(makeEcsWorkload(), complianceRules).findings).toEqual([]);
    expect(evaluateWorkload(makeEksWorkload(), complianceRules).findings).toEqual([]);
  });

  it('omits compliance findings when only fargate findings are asked for, without changing the verdict', () => {
    const result = evaluateWorkload(sloppyButFargateReadyTask, complianceRules, { categories: ['fargate'] });
    expect(result.findings).toEqual([]);
    expect(result.verdict).toBe('eligible');
  });
});
