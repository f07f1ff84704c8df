/** Small purpose-built scenarios for the emulator's own tests. */
import { ecsContainer, ecsTaskDefinition, kubeContainer, kubeDeployment } from '../scenario/builders.js';
import type { Scenario } from '../scenario/types.js';

export const HUB = '210987654321';
export const MEMBER = '123456789012';
export const REGION = 'eu-west-1';

/**
 * A hub account with a "busy" ECS cluster (25 services, 150 tasks, 3 container instances), a
 * member account reachable through a role with an ExternalId, a region switched off, and an EKS
 * cluster with three EC2 nodes, a Fargate profile and 27 pods.
 */
export function busyScenario(): Scenario {
  return {
    name: 'emulator test estate',
    callerAccount: HUB,
    organization: { managementAccount: HUB },
    accounts: [
      {
        id: HUB,
        name: 'hub',
        roles: [{ name: 'Scanner', externalId: 'hub-external-id' }],
        regions: [
          {
            name: REGION,
            ecs: {
              capacityProviders: [{ name: 'busy-asg', autoScalingGroup: 'busy' }],
              taskDefinitions: [
                ecsTaskDefinition({
                  family: 'api',
                  revision: 1,
                  status: 'INACTIVE',
                  containerDefinitions: [
                    ecsContainer({ name: 'api', image: 'example/api:1', cpu: 256, memory: 512 }),
                  ],
                }),
                ecsTaskDefinition({
                  family: 'api',
                  revision: 2,
                  networkMode: 'bridge',
                  containerDefinitions: [
                    ecsContainer({
                      name: 'api',
                      image: 'example/api:2',
                      cpu: 128,
                      memory: 256,
                      portMappings: [{ containerPort: 80, hostPort: 0 }],
                    }),
                  ],
                  tags: { owner: 'api-team' },
                }),
                ecsTaskDefinition({
                  family: 'worker',
                  networkMode: 'awsvpc',
                  requiresCompatibilities: ['FARGATE'],
                  cpu: '512',
                  memory: '1024',
                  containerDefinitions: [ecsContainer({ name: 'worker', image: 'example/worker:1' })],
                }),
              ],
              clusters: [
                {
                  name: 'busy',
                  containerInsights: 'enhanced',
                  tags: { env: 'test' },
                  capacityProviders: ['busy-asg', 'FARGATE'],
                  containerInstances: ['a', 'b', 'c'].map((suffix, i) => ({
                    ec2InstanceId: `i-0abc00000000000${i}${suffix === 'a' ? '1' : suffix === 'b' ? '2' : '3'}`,
                    instanceType: 'm5.2xlarge',
                    capacityProvider: 'busy-asg',
                  })),
                  services: Array.from({ length: 25 }, (_, i) => ({
                    name: `svc-${String(i).padStart(2, '0')}`,
                    taskDefinition: i % 5 === 0 ? 'worker:1' : 'api:2',
                    desiredCount: 6,
                    ...(i % 5 === 0 ? { launchType: 'FARGATE' as const } : { launchType: 'EC2' as const }),
                  })),
                  standaloneTasks: [
                    {
                      taskDefinition: 'worker:1',
                      launchType: 'FARGATE',
                      count: 2,
                      startedBy: 'cron/nightly',
                    },
                    {
                      taskDefinition: 'worker:1',
                      launchType: 'FARGATE',
                      startedBy: 'cron/nightly',
                      lastStatus: 'STOPPED',
                    },
                  ],
                },
                { name: 'empty', capacityProviders: ['FARGATE'] },
              ],
            },
            eks: {
              clusters: [
                {
                  name: 'kube',
                  nodegroups: [{ name: 'ng', instanceTypes: ['m5.xlarge'], desiredSize: 3 }],
                  fargateProfiles: [
                    { name: 'fp', selectors: [{ namespace: 'fargate-*', labels: { 'run-on': 'fargate' } }] },
                  ],
                  objects: [
                    kubeDeployment({
                      name: 'web',
                      namespace: 'apps',
                      replicas: 24,
                      spec: {
                        containers: [
                          kubeContainer({
                            name: 'web',
                            image: 'example/web:1',
                            requests: { cpu: '100m', memory: '64Mi' },
                          }),
                        ],
                      },
                    }),
                    kubeDeployment({
                      name: 'lambda-like',
                      namespace: 'fargate-jobs',
                      replicas: 2,
                      labels: { 'run-on': 'fargate' },
                      spec: {
                        containers: [
                          kubeContainer({
                            name: 'fn',
                            image: 'example/fn:1',
                            requests: { cpu: '1', memory: '8Gi' },
                          }),
                        ],
                      },
                    }),
                    kubeDeployment({
                      name: 'unlabelled',
                      namespace: 'fargate-jobs',
                      replicas: 1,
                      spec: { containers: [kubeContainer({ name: 'x', image: 'example/x:1' })] },
                    }),
                  ],
                },
              ],
            },
          },
          { name: 'eu-south-1', enabled: true },
          { name: 'eu-central-1', enabled: false },
        ],
      },
      {
        id: MEMBER,
        name: 'member',
        roles: [{ name: 'Scanner', externalId: 'member-external-id', trustedAccounts: [HUB] }],
        regions: [
          {
            name: REGION,
            ecs: {
              taskDefinitions: [
                ecsTaskDefinition({
                  family: 'member-app',
                  networkMode: 'awsvpc',
                  requiresCompatibilities: ['FARGATE'],
                  cpu: '256',
                  memory: '512',
                  containerDefinitions: [ecsContainer({ name: 'app', image: 'example/member:1' })],
                }),
              ],
              clusters: [
                {
                  name: 'member-cluster',
                  services: [{ name: 'member-app', taskDefinition: 'member-app:1', launchType: 'FARGATE' }],
                },
              ],
            },
          },
        ],
      },
    ],
  };
}
