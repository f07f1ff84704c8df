import type { VolumeType } from '../../model/workload.js';
import type { Violation } from '../rule.js';
import { defineRule, violationsFor } from '../rule.js';

// Volume sources observed working on Fargate, and those another eks rule judges.
const JUDGED: ReadonlySet<VolumeType> = new Set<VolumeType>([
  'emptyDir',
  'configMap',
  'secret',
  'downwardAPI',
  'projected',
  'hostPath',
  'persistentVolumeClaim',
  'ephemeral',
  'csi',
  'awsElasticBlockStore',
  'nfs',
  'iscsi',
]);

/**
 * The allow-list side of the basic volume row: emptyDir, configMap, secret, downwardAPI and projected
 * pass; a source no eks rule knows (gitRepo, flexVolume, cephfs, ...) is never let through as eligible.
 */
export const eksVolBasic = defineRule({
  id: 'eks-vol-basic',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'Volume source outside the ones known to work on Fargate',
  rationale:
    'emptyDir, configMap, secret, downwardAPI and projected volumes work on Fargate. AWS publishes no ' +
    'allow-list, so any other in-tree source (gitRepo, flexVolume, cephfs, glusterfs, rbd, ...) is unverified ' +
    'and treated as a blocker until shown to work.',
  fix: 'Use emptyDir, configMap, secret, projected or a statically provisioned EFS volume instead.',
  docsUrl: 'https://kubernetes.io/docs/concepts/storage/volumes/',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['volumes'],
  evaluate(workload) {
    return violationsFor(workload.volumes, (volume): Violation | null => {
      if (JUDGED.has(volume.type)) return null;
      const source = volume.type === 'otherK8s' ? (volume.driver ?? 'unknown source') : volume.type;
      if (source === 'gitRepo') {
        return {
          severity: 'fixable',
          message: `Volume "${volume.name}" uses the deprecated gitRepo source; Fargate support is unverified.`,
          fix: 'Clone the repository in an init container into an emptyDir (the replacement Kubernetes recommends).',
        };
      }
      return {
        message: `Volume "${volume.name}" uses the ${source} source; Fargate support is unverified and treated as a blocker.`,
      };
    });
  },
});
