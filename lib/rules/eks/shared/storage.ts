import { memoizeLastWorkload } from '../../../model/memo.js';
import type { ClaimResolution, Volume, Workload } from '../../../model/workload.js';

/** CSI drivers and in-tree provisioners that put a volume on Amazon EBS. */
export const EBS_DRIVERS: readonly string[] = [
  'ebs.csi.aws.com',
  // EKS Auto Mode's built-in EBS driver.
  'ebs.csi.eks.amazonaws.com',
  'kubernetes.io/aws-ebs',
];

export const EFS_DRIVER = 'efs.csi.aws.com';

/** Drivers the EKS storage pages say Fargate cannot use (FSx for Lustre, Mountpoint for S3). */
export const DOCUMENTED_UNSUPPORTED_DRIVERS: Readonly<Record<string, string>> = {
  'fsx.csi.aws.com': 'Amazon FSx for Lustre',
  's3.csi.aws.com': 'Mountpoint for Amazon S3',
};

/**
 * Which storage rule owns a volume. Every persistent or network volume gets exactly one kind, so
 * exactly one of eks-pvc-ebs, eks-pvc-efs-dynamic, eks-pvc-other and eks-pvc-other-unknown speaks
 * about it (a static EFS volume gets `efs-static` and no finding).
 */
export type StorageKind = 'ebs' | 'efs-static' | 'efs-dynamic' | 'documented-unsupported' | 'unknown';

export interface StorageClassification {
  readonly kind: StorageKind;
  /** What the volume is, in words a user can match to the manifest. */
  readonly description: string;
  /** Set for claims judged by the EKS default storage class because the claim names no known class. */
  readonly assumedDefault: boolean;
}

function describeClaim(volume: Volume, claim: ClaimResolution): string {
  const what = volume.type === 'ephemeral' ? 'generic ephemeral volume' : 'claim';
  const name = volume.type === 'ephemeral' ? volume.name : claim.claimName;
  const cls = claim.storageClass ? ` (storage class "${claim.storageClass}")` : '';
  return `${what} "${name}"${cls}`;
}

function classifyClaim(volume: Volume, claim: ClaimResolution): StorageClassification {
  const description = describeClaim(volume, claim);
  const driver = claim.driver;
  if (claim.resolvedBy === 'assumed-default') {
    return { kind: 'ebs', description, assumedDefault: true };
  }
  if ((driver !== null && EBS_DRIVERS.includes(driver)) || claim.pvSourceType === 'awsElasticBlockStore') {
    return { kind: 'ebs', description, assumedDefault: false };
  }
  if (driver === EFS_DRIVER) {
    const dynamic =
      claim.dynamic ||
      claim.provisioningMode === 'efs-ap' ||
      claim.resolvedBy !== 'pv' ||
      volume.type === 'ephemeral';
    return { kind: dynamic ? 'efs-dynamic' : 'efs-static', description, assumedDefault: false };
  }
  if (driver !== null && driver in DOCUMENTED_UNSUPPORTED_DRIVERS) {
    return { kind: 'documented-unsupported', description, assumedDefault: false };
  }
  return { kind: 'unknown', description, assumedDefault: false };
}

/**
 * The storage kind of a pod volume, or null for volumes no storage rule looks at (emptyDir,
 * configMap, secret, hostPath, inline CSI, ...). PVCs, generic ephemeral volumes and StatefulSet
 * claim templates are judged by their claim; a claim the reader could not attach counts as unknown.
 */
export function classifyStorage(volume: Volume): StorageClassification | null {
  switch (volume.type) {
    case 'awsElasticBlockStore':
      return {
        kind: 'ebs',
        description: `in-tree awsElasticBlockStore volume "${volume.name}"`,
        assumedDefault: false,
      };
    case 'nfs':
    case 'iscsi':
      return {
        kind: 'unknown',
        description: `${volume.type} volume "${volume.name}"`,
        assumedDefault: false,
      };
    case 'persistentVolumeClaim':
    case 'ephemeral':
      if (volume.claim === null) {
        return {
          kind: 'unknown',
          description: `${volume.type === 'ephemeral' ? 'generic ephemeral volume' : 'claim volume'} "${volume.name}" (claim not resolved)`,
          assumedDefault: false,
        };
      }
      return classifyClaim(volume, volume.claim);
    default:
      return null;
  }
}

/** A pod volume that one of the storage rules judges, with its classification. */
export interface ClassifiedVolume {
  readonly volume: Volume;
  readonly storage: StorageClassification;
}

const NO_CLASSIFIED_VOLUMES: readonly ClassifiedVolume[] = Object.freeze([]);

/**
 * The workload's volumes that {@link classifyStorage} classifies, in volume order. Four rules read
 * them, so they are classified once per workload (remembered for the last workload).
 */
export const classifiedVolumes: (workload: Workload) => readonly ClassifiedVolume[] = memoizeLastWorkload(
  (workload) => {
    let found: ClassifiedVolume[] | null = null;
    for (const volume of workload.volumes) {
      const storage = classifyStorage(volume);
      if (storage !== null) {
        if (found === null) found = [];
        found.push({ volume, storage });
      }
    }
    return found ?? NO_CLASSIFIED_VOLUMES;
  },
);
