import { describe, expect, it } from 'vitest';
import type { Volume } from '../../../../lib/model/workload.js';
import { eksHostpath } from '../../../../lib/rules/eks/eks-hostpath.js';
import { eksPvcEbs } from '../../../../lib/rules/eks/eks-pvc-ebs.js';
import { eksPvcEfsDynamic } from '../../../../lib/rules/eks/eks-pvc-efs-dynamic.js';
import { eksPvcOtherUnknown } from '../../../../lib/rules/eks/eks-pvc-other-unknown.js';
import { eksVolBasic } from '../../../../lib/rules/eks/eks-vol-basic.js';
import { eksRules } from '../../../../lib/rules/eks/index.js';
import { evaluateWorkload } from '../../../../lib/rules/engine.js';
import { makeEksWorkload, makeVolume } from '../../../support/builders.js';
import { claimVolume } from '../eks.cases.js';

const hostPath = (path: string) =>
  makeEksWorkload({ volumes: [makeVolume({ type: 'hostPath', name: 'host', hostPath: path })] });

function storageFindings(volume: Volume) {
  return evaluateWorkload(makeEksWorkload({ volumes: [volume] }), eksRules).findings.map((f) => [
    f.ruleId,
    f.severity,
  ]);
}

describe('rule eks-hostpath', () => {
  it.each([
    '/',
    '/var/run/docker.sock',
    '/run/containerd/containerd.sock',
    '/var/run/crio/crio.sock',
    '/proc',
    '/sys/fs/cgroup',
    '/dev',
    '/var/log/pods',
    '/var/lib/kubelet/pods',
    '/var/lib/docker/containers',
    '/etc/kubernetes',
    '/lib/modules',
    '/run/xtables.lock',
    '//var//log/',
  ])('blocks the host-coupled path %s', (path) => {
    const [violation] = eksHostpath.evaluate(hostPath(path));
    expect(violation?.severity ?? eksHostpath.severity).toBe('blocker');
    expect(evaluateWorkload(hostPath(path), eksRules).verdict).toBe('ineligible');
  });

  it.each(['/data/cache', '/tmp/scratch', '/mnt/models', '/procfs', '/opt/app/cache'])(
    'asks to swap the local path %s for an emptyDir',
    (path) => {
      const [violation] = eksHostpath.evaluate(hostPath(path));
      expect(violation?.severity).toBe('fixable');
      expect(violation?.fix).toContain('emptyDir');
      expect(evaluateWorkload(hostPath(path), eksRules).verdict).toBe('eligible-with-changes');
    },
  );

  it('treats the node time zone as a change to TZ, not a blocker', () => {
    const [violation] = eksHostpath.evaluate(hostPath('/etc/localtime'));
    expect(violation?.severity).toBe('fixable');
    expect(violation?.fix).toContain('TZ');
  });

  it.each(['C:\\var\\lib\\kubelet', '\\\\.\\pipe\\csi-proxy-disk-v1', 'C:\\ProgramData\\Docker\\containers'])(
    'blocks the Windows node path %s',
    (path) => {
      const violations = eksHostpath.evaluate(hostPath(path));
      expect(violations).toHaveLength(1);
      expect(violations[0]?.severity).toBeUndefined();
      expect(violations[0]?.message).toContain('depends on its node');
    },
  );

  it('treats the node CA bundle as a change to the image, not a blocker', () => {
    const [violation] = eksHostpath.evaluate(hostPath('/etc/ssl/certs/ca-bundle.crt'));
    expect(violation?.severity).toBe('fixable');
    expect(violation?.message).toContain('node CA certificates');
  });

  it('says why a socket mount blocks', () => {
    const [violation] = eksHostpath.evaluate(hostPath('/var/run/docker.sock'));
    expect(violation?.message).toContain('container runtime socket');
  });
});

describe('storage rules', () => {
  it('reports each persistent volume under exactly one storage rule', () => {
    expect(storageFindings(claimVolume({ driver: 'ebs.csi.aws.com', storageClass: 'gp3' }))).toEqual([
      ['eks-pvc-ebs', 'blocker'],
    ]);
    expect(
      storageFindings(claimVolume({ driver: 'ebs.csi.eks.amazonaws.com', storageClass: 'auto-ebs' })),
    ).toEqual([['eks-pvc-ebs', 'blocker']]);
    expect(
      storageFindings(
        claimVolume({ provisioningMode: 'efs-ap', dynamic: true, resolvedBy: 'storage-class' }),
      ),
    ).toEqual([['eks-pvc-efs-dynamic', 'fixable']]);
    expect(storageFindings(claimVolume({ driver: 'fsx.csi.aws.com', storageClass: 'fsx' }))).toEqual([
      ['eks-pvc-other', 'blocker'],
    ]);
    expect(
      storageFindings(claimVolume({ driver: 'rook-ceph.rbd.csi.ceph.com', storageClass: 'ceph' })),
    ).toEqual([['eks-pvc-other-unknown', 'blocker']]);
    expect(storageFindings(makeVolume({ type: 'iscsi', name: 'lun' }))).toEqual([
      ['eks-pvc-other-unknown', 'blocker'],
    ]);
    expect(storageFindings(claimVolume())).toEqual([]);
  });

  it('judges a claim with no known storage class by the EKS default gp2 and says so', () => {
    const volume = claimVolume({
      storageClass: null,
      driver: null,
      pvSourceType: null,
      resolvedBy: 'assumed-default',
    });
    const [violation] = eksPvcEbs.evaluate(makeEksWorkload({ volumes: [volume] }));
    expect(violation?.message).toContain('names no known storage class');
    expect(violation?.message).toContain('default class gp2 (EBS)');
  });

  it('names the EBS driver of an explicit claim without the default-class wording', () => {
    const volume = claimVolume({ claimName: 'pg-data', storageClass: 'gp3', driver: 'ebs.csi.aws.com' });
    const [violation] = eksPvcEbs.evaluate(makeEksWorkload({ volumes: [volume] }));
    expect(violation?.message).toContain('claim "pg-data" (storage class "gp3")');
    expect(violation?.message).not.toContain('gp2');
  });

  it('blocks an EBS PersistentVolume found through its volume source', () => {
    const volume = claimVolume({ driver: null, storageClass: '', pvSourceType: 'awsElasticBlockStore' });
    expect(eksPvcEbs.evaluate(makeEksWorkload({ volumes: [volume] }))).toHaveLength(1);
  });

  it('treats a generic ephemeral volume on EFS as dynamic provisioning', () => {
    const volume = claimVolume(
      { dynamic: true, resolvedBy: 'storage-class', pvSourceType: null },
      'ephemeral',
    );
    const [violation] = eksPvcEfsDynamic.evaluate(makeEksWorkload({ volumes: [volume] }));
    expect(violation?.message).toContain('generic ephemeral volume');
  });

  it('says why an EFS claim counts as dynamic', () => {
    const volume = claimVolume({ provisioningMode: 'efs-ap', dynamic: true, resolvedBy: 'storage-class' });
    expect(eksPvcEfsDynamic.evaluate(makeEksWorkload({ volumes: [volume] }))[0]?.message).toContain('efs-ap');
  });

  it('does not let an unresolved claim through as eligible and says it is unverified', () => {
    const volume = claimVolume({
      driver: null,
      storageClass: null,
      pvSourceType: null,
      resolvedBy: 'unresolved',
    });
    const workload = makeEksWorkload({ volumes: [volume] });
    const [violation] = eksPvcOtherUnknown.evaluate(workload);
    expect(violation?.message).toContain('could not be resolved');
    expect(violation?.message).toContain('unverified');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('ineligible');
  });

  it('does not let a claim volume the reader left without a resolution through', () => {
    const workload = makeEksWorkload({
      volumes: [makeVolume({ type: 'persistentVolumeClaim', name: 'orphan' })],
    });
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('ineligible');
  });

  it('converts an inline EFS CSI volume as a change, but blocks the Secrets Store CSI driver', () => {
    const efs = makeEksWorkload({
      volumes: [makeVolume({ type: 'csi', name: 'shared', driver: 'efs.csi.aws.com' })],
    });
    const secrets = makeEksWorkload({
      volumes: [makeVolume({ type: 'csi', name: 'secrets', driver: 'secrets-store.csi.k8s.io' })],
    });
    expect(evaluateWorkload(efs, eksRules).findings.map((f) => f.ruleId)).toEqual(['eks-pvc-efs-static']);
    expect(evaluateWorkload(efs, eksRules).verdict).toBe('eligible-with-changes');
    expect(evaluateWorkload(secrets, eksRules).findings.map((f) => f.ruleId)).toEqual(['eks-vol-inline-csi']);
    expect(evaluateWorkload(secrets, eksRules).verdict).toBe('ineligible');
  });
});

describe('rule eks-vol-basic', () => {
  it('blocks an unknown in-tree source and says Fargate support is unverified', () => {
    const workload = makeEksWorkload({
      volumes: [makeVolume({ type: 'otherK8s', name: 'plugin', driver: 'flexVolume' })],
    });
    const [violation] = eksVolBasic.evaluate(workload);
    expect(violation?.message).toContain('flexVolume');
    expect(violation?.message).toContain('unverified');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('ineligible');
  });

  it('offers the init-container replacement for gitRepo', () => {
    const workload = makeEksWorkload({
      volumes: [makeVolume({ type: 'otherK8s', name: 'src', driver: 'gitRepo' })],
    });
    const [violation] = eksVolBasic.evaluate(workload);
    expect(violation?.severity).toBe('fixable');
    expect(violation?.fix).toContain('init container');
  });
});
