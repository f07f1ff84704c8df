import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** ecs-daemon-service: Fargate has no hosts to run one task per host on. */
export const ecsDaemonService = defineRule({
  id: 'ecs-daemon-service',
  scope: 'ecs',
  category: 'fargate',
  severity: 'blocker',
  title: 'DAEMON scheduling strategy',
  rationale:
    'Fargate tasks do not support the DAEMON scheduling strategy: there are no container instances to run one ' +
    'task on each of.',
  fix: 'Redesign the agent as a sidecar container in each task that needs it (not mechanical), or keep it on EC2.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Service.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['placement'],
  evaluate(workload) {
    if (workload.ecs?.service?.schedulingStrategy !== 'DAEMON') return NO_VIOLATIONS;
    return [{ message: 'the service uses schedulingStrategy DAEMON' }];
  },
});
