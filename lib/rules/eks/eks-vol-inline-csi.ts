import { defineRule, violationsFor } from '../rule.js';
import { EFS_DRIVER } from './shared/storage.js';

/** Inline (ephemeral) CSI volumes such as the Secrets Store CSI driver or cert-manager csi-driver. */
export const eksVolInlineCsi = defineRule({
  id: 'eks-vol-inline-csi',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'Inline CSI volumes are not supported on Fargate',
  rationale:
    "An inline CSI volume needs the driver's node plugin, a DaemonSet, which cannot run on Fargate; the " +
    'scheduler refuses the pod ("unsupported volume Type"). The Secrets Store CSI driver is the common case ' +
    '(containers-roadmap #1764).',
  fix: 'Deliver the data another way, e.g. Kubernetes Secrets synced by an operator that runs elsewhere.',
  docsUrl: 'https://kubernetes.io/docs/concepts/storage/ephemeral-volumes/#csi-ephemeral-volumes',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['volumes'],
  evaluate(workload) {
    // Inline EFS is owned by eks-pvc-efs-static: unlike other drivers it has a mechanical fix.
    return violationsFor(workload.volumes, (volume) =>
      volume.type === 'csi' && volume.driver !== EFS_DRIVER
        ? {
            message: `Volume "${volume.name}" is an inline CSI volume of driver ${volume.driver ?? '(unnamed)'}.`,
          }
        : null,
    );
  },
});
