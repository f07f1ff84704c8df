import { defineRule, violationsFor } from '../rule.js';

/** compliance-eks-host-path-volumes: Pod mounts a hostPath volume. */
export const complianceEksHostPathVolumes = defineRule({
  id: 'compliance-eks-host-path-volumes',
  scope: 'eks',
  category: 'compliance',
  severity: 'advisory',
  title: 'Pod mounts a hostPath volume',
  rationale:
    'hostPath volumes expose node files (container runtime sockets, kubelet credentials, logs of other pods) to the pod and are a common container escape route; the Pod Security Standards baseline profile forbids them.',
  fix: 'Replace the hostPath volume with emptyDir, a ConfigMap or Secret, or a persistent volume claim.',
  docsUrl: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['volumes'],
  control: 'Kubernetes Pod Security Standards, baseline: HostPath Volumes',
  evaluate(workload) {
    return violationsFor(workload.volumes, (volume) =>
      volume.type === 'hostPath'
        ? { message: `volume "${volume.name}" mounts host path ${volume.hostPath ?? '(path not given)'}` }
        : null,
    );
  },
});
