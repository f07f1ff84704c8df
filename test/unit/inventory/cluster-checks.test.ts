import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type ClusterCheck,
  type EcsClusterSubject,
  type EksClusterSubject,
  evaluateClusterChecks,
} from '../../../lib/inventory/cluster-checks/cluster-check.js';
import { ecsCapacityProviderTerminationProtection } from '../../../lib/inventory/cluster-checks/ecs-capacity-provider-termination-protection.js';
import { ecsClusterContainerInsights } from '../../../lib/inventory/cluster-checks/ecs-cluster-container-insights.js';
import { eksAuditLogging } from '../../../lib/inventory/cluster-checks/eks-audit-logging.js';
import { eksEndpointPublicAccess } from '../../../lib/inventory/cluster-checks/eks-endpoint-public-access.js';
import { eksSecretsEncryption } from '../../../lib/inventory/cluster-checks/eks-secrets-encryption.js';
import {
  calendarSupport,
  eksSupportedVersion,
} from '../../../lib/inventory/cluster-checks/eks-supported-version.js';
import { clusterChecks } from '../../../lib/inventory/cluster-checks/index.js';
import type { EcsClusterRecord, EksClusterRecord } from '../../../lib/inventory/snapshot.js';

const checksDir = fileURLToPath(new URL('../../../lib/inventory/cluster-checks/', import.meta.url));

function ecsSubject(
  overrides: Partial<EcsClusterRecord> = {},
  providers: EcsClusterSubject['capacityProviders'] = [],
): EcsClusterSubject {
  return {
    scope: 'ecs',
    capacityProviders: providers,
    cluster: {
      arn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/prod',
      name: 'prod',
      status: 'ACTIVE',
      containerInsights: 'enabled',
      capacityProviders: [],
      defaultCapacityProviderStrategy: [],
      tags: {},
      services: [],
      tasks: [],
      containerInstances: [],
      ...overrides,
    },
  };
}

function eksSubject(
  overrides: Partial<EksClusterRecord> = {},
  versions: EksClusterSubject['versions'] = [],
): EksClusterSubject {
  return {
    scope: 'eks',
    versions,
    at: new Date('2026-11-27T12:00:00Z'),
    cluster: {
      name: 'shop',
      arn: 'arn:aws:eks:eu-west-1:111122223333:cluster/shop',
      version: '1.34',
      platformVersion: 'eks.5',
      status: 'ACTIVE',
      endpoint: 'https://example.eks.amazonaws.com',
      certificateAuthorityData: 'Q0E=',
      endpointPublicAccess: false,
      endpointPrivateAccess: true,
      publicAccessCidrs: [],
      secretsEncryptionKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/1234',
      enabledLogTypes: ['api', 'audit'],
      onOutposts: false,
      tags: {},
      nodegroups: [],
      fargateProfiles: [],
      podIdentityServiceAccounts: [],
      kubernetes: null,
      ...overrides,
    },
  };
}

const messages = (check: ClusterCheck, subject: EcsClusterSubject | EksClusterSubject) =>
  evaluateClusterChecks(subject, [check]).findings.map((f) => `${f.severity}: ${f.message}`);

describe('cluster check catalogue', () => {
  it('has unique kebab-case ids equal to file names, docs URLs and a verification date', () => {
    const ids = clusterChecks.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of clusterChecks) {
      expect(existsSync(`${checksDir}${check.id}.ts`), check.id).toBe(true);
      expect(check.docsUrl).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(check.category).toBe('compliance');
      expect(check.control.length).toBeGreaterThan(3);
      expect(Date.parse(check.verifiedAt)).toBeGreaterThan(Date.parse('2025-01-01'));
    }
  });

  it('turns a throwing check into an error, not a pass', () => {
    const { findings, errors } = evaluateClusterChecks(eksSubject({ version: null }), [eksSupportedVersion]);
    expect(findings).toEqual([]);
    expect(errors).toEqual([
      { ruleId: 'eks-supported-version', message: 'cluster shop reported no Kubernetes version' },
    ]);
  });
});

describe('ECS cluster checks', () => {
  it('flags a cluster without Container Insights', () => {
    expect(messages(ecsClusterContainerInsights, ecsSubject({ containerInsights: 'disabled' }))).toEqual([
      'fixable: Cluster prod has containerInsights set to "disabled".',
    ]);
    expect(messages(ecsClusterContainerInsights, ecsSubject({ containerInsights: null }))).toHaveLength(1);
    expect(messages(ecsClusterContainerInsights, ecsSubject({ containerInsights: 'enhanced' }))).toEqual([]);
  });

  it('flags Auto Scaling group providers without managed termination protection, not Fargate ones', () => {
    const provider = (name: string, protection: string | null, type = 'EC2_AUTOSCALING') => ({
      arn: null,
      name,
      status: 'ACTIVE',
      type,
      autoScalingGroupArn: type === 'EC2_AUTOSCALING' ? `asg/${name}` : null,
      managedTerminationProtection: protection,
    });
    const subject = ecsSubject({ capacityProviders: ['FARGATE', 'asg-a', 'asg-b', 'mi'] }, [
      provider('asg-a', 'DISABLED'),
      provider('asg-b', 'ENABLED'),
      provider('mi', null, 'MANAGED_INSTANCES'),
    ]);
    expect(messages(ecsCapacityProviderTerminationProtection, subject)).toEqual([
      'fixable: Capacity provider asg-a of cluster prod has managed termination protection disabled.',
    ]);
  });
});

describe('EKS cluster checks', () => {
  it('flags a public API endpoint, noting CIDR limits', () => {
    expect(
      messages(
        eksEndpointPublicAccess,
        eksSubject({ endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] }),
      ),
    ).toEqual(['fixable: Cluster shop serves its API endpoint publicly to any address.']);
    expect(
      messages(
        eksEndpointPublicAccess,
        eksSubject({ endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24'] }),
      ),
    ).toEqual(['fixable: Cluster shop serves its API endpoint publicly, limited to 203.0.113.0/24.']);
    expect(messages(eksEndpointPublicAccess, eksSubject())).toEqual([]);
  });

  it('flags secrets without KMS envelope encryption', () => {
    expect(messages(eksSecretsEncryption, eksSubject({ secretsEncryptionKeyArn: null }))).toHaveLength(1);
    expect(messages(eksSecretsEncryption, eksSubject())).toEqual([]);
  });

  it('flags control-plane logging without audit', () => {
    expect(messages(eksAuditLogging, eksSubject({ enabledLogTypes: [] }))).toEqual([
      'fixable: Cluster shop has control-plane logging off.',
    ]);
    expect(messages(eksAuditLogging, eksSubject({ enabledLogTypes: ['api'] }))).toEqual([
      'fixable: Cluster shop logs api but not audit.',
    ]);
    expect(messages(eksAuditLogging, eksSubject())).toEqual([]);
  });

  it('judges version support from DescribeClusterVersions when it answered', () => {
    const versions = [
      {
        version: '1.31',
        status: 'EXTENDED_SUPPORT',
        endOfStandardSupport: '2025-11-26T00:00:00.000Z',
        endOfExtendedSupport: '2026-11-26T00:00:00.000Z',
      },
      { version: '1.28', status: 'UNSUPPORTED', endOfStandardSupport: null, endOfExtendedSupport: null },
      {
        version: '1.34',
        status: 'STANDARD_SUPPORT',
        endOfStandardSupport: '2026-12-02T00:00:00.000Z',
        endOfExtendedSupport: null,
      },
    ];
    expect(messages(eksSupportedVersion, eksSubject({ version: '1.31' }, versions))).toEqual([
      'advisory: Cluster shop runs Kubernetes 1.31 in extended support until 2026-11-26 (per DescribeClusterVersions): supported, at the extended-support price.',
    ]);
    expect(messages(eksSupportedVersion, eksSubject({ version: '1.28' }, versions))).toEqual([
      'fixable: Cluster shop runs Kubernetes 1.28, which EKS no longer supports (per DescribeClusterVersions).',
    ]);
    expect(messages(eksSupportedVersion, eksSubject({ version: '1.34' }, versions))).toEqual([]);
    expect(messages(eksSupportedVersion, eksSubject({ version: '1.19' }, versions))).toHaveLength(1);
  });

  it('falls back to the dated release calendar when version support is unknown', () => {
    const at = new Date('2026-11-27T12:00:00Z');
    expect(calendarSupport('1.31', at).status).toBe('UNSUPPORTED');
    expect(calendarSupport('1.32', at)).toEqual({ status: 'EXTENDED_SUPPORT', until: '2027-03-23' });
    expect(calendarSupport('1.34', at)).toEqual({ status: 'STANDARD_SUPPORT', until: '2026-12-02' });
    expect(calendarSupport('1.27', at).status).toBe('UNSUPPORTED');
    expect(calendarSupport('1.36', at).status).toBe('STANDARD_SUPPORT');
    expect(messages(eksSupportedVersion, eksSubject({ version: '1.31' }))).toEqual([
      'fixable: Cluster shop runs Kubernetes 1.31, which EKS no longer supports (per the EKS release calendar checked 2026-11-27).',
    ]);
  });
});
