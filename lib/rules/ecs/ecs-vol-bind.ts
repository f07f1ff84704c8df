import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isAlreadyOnFargate } from './shared/operating-system.js';
import { volumeNamesOfType } from './shared/volumes.js';
import { quotedList } from './shared/wording.js';

/** ecs-vol-bind: bind mounts run on Fargate inside the task's ephemeral storage. */
export const ecsVolBind = defineRule({
  id: 'ecs-vol-bind',
  scope: 'ecs',
  category: 'fargate',
  severity: 'advisory',
  title: 'Bind mounts share the 20 GiB ephemeral storage',
  rationale:
    "Bind mount volumes work on Fargate, but they live in the task's ephemeral storage (20 GiB by default, shared " +
    'with image layers and every container). On EC2 they used the instance disk, which may be much larger.',
  fix: 'Check how much the containers write there; if it can exceed the default, set ephemeralStorage.sizeInGiB (21–200).',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-storage.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['volumes'],
  evaluate(workload) {
    if (isAlreadyOnFargate(workload) || workload.ecs?.ephemeralStorageGiB != null) return NO_VIOLATIONS;
    const binds = volumeNamesOfType(workload, 'ecsBind');
    if (binds.length === 0) return NO_VIOLATIONS;
    return [
      {
        message: `bind mount volume ${quotedList(binds)} will share the default 20 GiB of task ephemeral storage; check the data fits`,
      },
    ];
  },
});
