import { defineClusterCheck } from './cluster-check.js';

/** EKS.3: Kubernetes secrets are envelope-encrypted with KMS. */
export const eksSecretsEncryption = defineClusterCheck({
  id: 'eks-secrets-encryption',
  scope: 'eks',
  category: 'compliance',
  severity: 'fixable',
  title: 'EKS cluster envelope-encrypts Kubernetes secrets with KMS',
  rationale:
    'Without envelope encryption, Kubernetes secrets in etcd are protected only by the default at-rest encryption; a KMS key adds a separately controlled, auditable layer.',
  fix: 'aws eks associate-encryption-config --cluster-name <name> --encryption-config resources=secrets,provider={keyArn=<KMS key ARN>}',
  docsUrl: 'https://docs.aws.amazon.com/config/latest/developerguide/eks-secrets-encrypted.html',
  verifiedAt: '2026-11-27',
  control: 'Security Hub EKS.3 / eks-secrets-encrypted / eks_cluster_kms_cmk_encryption_in_secrets_enabled',
  evaluate({ cluster }) {
    if (cluster.secretsEncryptionKeyArn !== null) return [];
    return [{ message: `Cluster ${cluster.name} has no KMS encryption configuration for secrets.` }];
  },
});
