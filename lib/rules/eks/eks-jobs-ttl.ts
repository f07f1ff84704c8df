import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** Jobs without ttlSecondsAfterFinished: finished Fargate pods keep costing until deleted. */
export const eksJobsTtl = defineRule({
  id: 'eks-jobs-ttl',
  scope: 'eks',
  category: 'fargate',
  severity: 'advisory',
  title: 'Job without ttlSecondsAfterFinished',
  rationale:
    'Pods of a finished Job stay until the Job is deleted; on Fargate they keep incurring cost. The TTL ' +
    'controller deletes them after ttlSecondsAfterFinished.',
  fix: 'Set spec.ttlSecondsAfterFinished on the Job (on the jobTemplate for a CronJob).',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['job'],
  evaluate(workload) {
    const isJob = workload.kind === 'Job' || workload.kind === 'CronJob' || workload.ownerKind === 'Job';
    if (!isJob || workload.eks?.ttlSecondsAfterFinished != null) return NO_VIOLATIONS;
    return [
      {
        message: `${workload.kind} "${workload.name}" sets no ttlSecondsAfterFinished: its finished pods keep billing on Fargate until deleted.`,
      },
    ];
  },
});
