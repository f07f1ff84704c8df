/**
 * The demo estate `fargate-fit demo` scans: account 111122223333 in us-east-1 with ECS clusters on
 * EC2 and on Fargate and an EKS cluster with node groups and a Fargate profile — a mix of workloads
 * that can move as they are, that need changes, that cannot move, and that already run on Fargate.
 *
 * Environment values that look like secrets ("canaries", {@link DEMO_CANARIES}) are planted in task
 * definitions, RunTask overrides, log options, pod specs and last-applied annotations, so tests can
 * prove no value ever reaches a finding, a log or a report.
 */
import {
  ecsContainer,
  ecsTaskDefinition,
  eksSystemAddons,
  kubeContainer,
  kubeCronJob,
  kubeDaemonSet,
  kubeDeployment,
  kubeEfsPersistentVolume,
  kubeJob,
  kubeNetworkPolicy,
  kubePersistentVolumeClaim,
  kubePod,
  kubeService,
  kubeServiceAccount,
  kubeStatefulSet,
  kubeStorageClass,
} from '../scenario/builders.js';
import type { Scenario } from '../scenario/types.js';

export const DEMO_ACCOUNT = '111122223333';
export const DEMO_SANDBOX_ACCOUNT = '444455556666';
export const DEMO_REGION = 'us-east-1';
/** Role every demo account carries for cross-account scans, and the ExternalId it demands. */
export const DEMO_ROLE = { name: 'FargateFitReadOnly', externalId: 'fargate-fit-demo' } as const;

/** Secret-looking values planted in the estate. None of them may ever appear in any output. */
export const DEMO_CANARIES = {
  webSessionSecret: 'c4nary-sess-9f2d7b1e6a4c8035d2e1f0a9b8c7d6e5',
  agentApiKey: 'c4nary-agent-key-AKV7Q2M9X4L1P8R6T3W5',
  splunkToken: 'c4nary-splunk-8d1e4b2a-7c9f-4e3d-a6b5-0f1e2d3c4b5a',
  stripeKey: 'sk_live_c4nary51HxQ2eZvKYlo2C9uT8rW3pA6sD',
  etlDatabaseUrl: 'postgres://etl:c4nary-Pa55w0rd-e7T1@orders-db.internal:5432/orders',
  etlOverridePassword: 'c4nary-override-N6x2Vb8Qm4Kc1Zr7',
  stagingSlackToken: 'xoxb-c4nary-1234567890-0987654321-AbCdEfGhIjKlMnOp',
  storefrontSecret: 'c4nary-storefront-jwt-b64ZXlKaGJHY2lPaUpJVXpJMU5pSjk',
  checkoutApiKey: 'c4nary-checkout-ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8',
  trainingAwsSecret: 'c4naryAWSsecret/K7MDENG/bPxRfiCYEXAMPLEKEY',
  lastAppliedSecret: 'c4nary-last-applied-4f5e6d7c8b9a0f1e2d3c',
} as const;

const ecr = (repository: string, tag: string): string =>
  `${DEMO_ACCOUNT}.dkr.ecr.${DEMO_REGION}.amazonaws.com/${repository}:${tag}`;
const instance = (n: number): string => `i-0dec0000000000${String(n).padStart(3, '0')}`;

/** Container instances of prod-ec2 (EC2 ids the demo refers to). */
export const DEMO_INSTANCES = {
  general1: instance(1),
  general2: instance(2),
  compute1: instance(3),
  gpu1: instance(4),
  analytics1: instance(5),
  analytics2: instance(6),
} as const;

const taskExecutionRole = `arn:aws:iam::${DEMO_ACCOUNT}:role/ecsTaskExecutionRole`;

const storefrontContainer = kubeContainer({
  name: 'storefront',
  image: ecr('storefront', '4.2.0'),
  requests: { cpu: '250m', memory: '512Mi' },
  limits: { cpu: '250m', memory: '512Mi' },
  env: { LOG_LEVEL: 'info', JWT_SIGNING_SECRET: DEMO_CANARIES.storefrontSecret },
  secretEnv: { DATABASE_PASSWORD: ['storefront-db', 'password'] },
  ports: [{ containerPort: 8080 }],
  securityContext: {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    runAsUser: 10001,
  },
});

/** Build the demo scenario (a fresh object each call). */
export function buildDemoScenario(): Scenario {
  return {
    name: 'fargate-fit demo estate',
    epoch: '2026-11-01T00:00:00Z',
    callerAccount: DEMO_ACCOUNT,
    callerUserName: 'demo-operator',
    organization: { managementAccount: DEMO_ACCOUNT, id: 'o-d3m0fargate' },
    accounts: [
      {
        id: DEMO_ACCOUNT,
        name: 'production',
        email: 'aws+production@example.com',
        roles: [DEMO_ROLE],
        regions: [
          {
            name: DEMO_REGION,
            ecs: {
              capacityProviders: [
                { name: 'prod-general-asg', autoScalingGroup: 'prod-ecs-general' },
                { name: 'prod-gpu-asg', autoScalingGroup: 'prod-ecs-gpu', managedScaling: false },
                { name: 'analytics-asg', autoScalingGroup: 'analytics-ecs' },
              ],
              taskDefinitions: [
                ...[1, 2].map((revision) =>
                  ecsTaskDefinition({
                    family: 'web-frontend',
                    revision,
                    status: 'INACTIVE',
                    networkMode: 'bridge',
                    containerDefinitions: [
                      ecsContainer({
                        name: 'web',
                        image: ecr('web-frontend', `2.${revision}.0`),
                        cpu: 256,
                        memory: 512,
                      }),
                    ],
                  }),
                ),
                ecsTaskDefinition({
                  family: 'web-frontend',
                  revision: 3,
                  networkMode: 'bridge',
                  requiresCompatibilities: ['EC2'],
                  executionRoleArn: taskExecutionRole,
                  containerDefinitions: [
                    ecsContainer({
                      name: 'web',
                      image: ecr('web-frontend', '2.14.1'),
                      cpu: 256,
                      memory: 512,
                      portMappings: [{ containerPort: 8080, hostPort: 0, protocol: 'tcp' }],
                      env: { NODE_ENV: 'production', SESSION_SECRET: DEMO_CANARIES.webSessionSecret },
                    }),
                  ],
                  tags: { team: 'web', service: 'web-frontend' },
                }),
                ecsTaskDefinition({
                  family: 'orders-api',
                  revision: 9,
                  networkMode: 'awsvpc',
                  requiresCompatibilities: ['EC2', 'FARGATE'],
                  cpu: '512',
                  memory: '1024',
                  executionRoleArn: taskExecutionRole,
                  taskRoleArn: `arn:aws:iam::${DEMO_ACCOUNT}:role/orders-api-task`,
                  containerDefinitions: [
                    ecsContainer({
                      name: 'orders',
                      image: ecr('orders-api', '9.0.3'),
                      portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
                      readonlyRootFilesystem: true,
                      user: '10001',
                      secrets: [
                        {
                          name: 'DB_PASSWORD',
                          valueFrom: `arn:aws:ssm:${DEMO_REGION}:${DEMO_ACCOUNT}:parameter/orders/db-password`,
                        },
                      ],
                    }),
                  ],
                  tags: { team: 'orders' },
                }),
                ecsTaskDefinition({
                  family: 'security-agent',
                  revision: 7,
                  networkMode: 'bridge',
                  containerDefinitions: [
                    ecsContainer({
                      name: 'agent',
                      image: 'public.ecr.aws/example/security-agent:6.3',
                      cpu: 128,
                      memory: 256,
                      privileged: true,
                      env: { AGENT_API_KEY: DEMO_CANARIES.agentApiKey },
                    }),
                  ],
                }),
                ecsTaskDefinition({
                  family: 'log-collector',
                  revision: 4,
                  networkMode: 'bridge',
                  volumes: [{ name: 'varlog', host: { sourcePath: '/var/log' } }],
                  containerDefinitions: [
                    ecsContainer({
                      name: 'fluent-bit',
                      image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4',
                      cpu: 128,
                      memory: 256,
                      mountPoints: [{ sourceVolume: 'varlog', containerPath: '/var/log', readOnly: true }],
                      logConfiguration: {
                        logDriver: 'splunk',
                        options: {
                          'splunk-url': 'https://splunk.example.com:8088',
                          'splunk-token': DEMO_CANARIES.splunkToken,
                        },
                      },
                    }),
                  ],
                }),
                ecsTaskDefinition({
                  family: 'gpu-inference',
                  revision: 2,
                  networkMode: 'bridge',
                  containerDefinitions: [
                    ecsContainer({
                      name: 'inference',
                      image: ecr('gpu-inference', '1.8.0'),
                      cpu: 2048,
                      memory: 8192,
                      resourceRequirements: [{ type: 'GPU', value: '1' }],
                    }),
                  ],
                }),
                ecsTaskDefinition({
                  family: 'payments-api',
                  revision: 12,
                  networkMode: 'awsvpc',
                  requiresCompatibilities: ['FARGATE'],
                  cpu: '512',
                  memory: '1024',
                  runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
                  executionRoleArn: taskExecutionRole,
                  taskRoleArn: `arn:aws:iam::${DEMO_ACCOUNT}:role/payments-api-task`,
                  containerDefinitions: [
                    ecsContainer({
                      name: 'payments',
                      image: ecr('payments-api', '12.4.1'),
                      portMappings: [{ containerPort: 8443, protocol: 'tcp' }],
                      env: { STRIPE_API_KEY: DEMO_CANARIES.stripeKey, PAYMENTS_MODE: 'live' },
                    }),
                  ],
                  tags: { team: 'payments', 'cost-center': 'cc-4410' },
                }),
                ecsTaskDefinition({
                  family: 'report-worker',
                  revision: 5,
                  networkMode: 'awsvpc',
                  requiresCompatibilities: ['FARGATE'],
                  cpu: '1024',
                  memory: '2048',
                  executionRoleArn: taskExecutionRole,
                  containerDefinitions: [
                    ecsContainer({ name: 'worker', image: ecr('report-worker', '5.0.0') }),
                  ],
                }),
                ecsTaskDefinition({
                  family: 'nightly-etl',
                  revision: 21,
                  networkMode: 'bridge',
                  containerDefinitions: [
                    ecsContainer({
                      name: 'etl',
                      image: ecr('nightly-etl', '2026.10.30'),
                      cpu: 1024,
                      memory: 2048,
                      env: { DATABASE_URL: DEMO_CANARIES.etlDatabaseUrl },
                    }),
                  ],
                }),
                ecsTaskDefinition({
                  family: 'staging-web',
                  revision: 2,
                  networkMode: 'awsvpc',
                  requiresCompatibilities: ['FARGATE'],
                  cpu: '256',
                  memory: '512',
                  executionRoleArn: taskExecutionRole,
                  containerDefinitions: [
                    ecsContainer({
                      name: 'web',
                      image: ecr('web-frontend', '2.15.0-rc1'),
                      portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
                      env: { SLACK_BOT_TOKEN: DEMO_CANARIES.stagingSlackToken },
                    }),
                  ],
                }),
                ecsTaskDefinition({
                  family: 'db-migrate',
                  revision: 3,
                  networkMode: 'awsvpc',
                  requiresCompatibilities: ['FARGATE'],
                  cpu: '256',
                  memory: '512',
                  executionRoleArn: taskExecutionRole,
                  containerDefinitions: [
                    ecsContainer({ name: 'migrate', image: ecr('db-migrate', '3.1.0') }),
                  ],
                }),
                ecsTaskDefinition({
                  family: 'spark-history',
                  revision: 6,
                  networkMode: 'host',
                  volumes: [
                    { name: 'events', host: { sourcePath: '/data/spark-events' } },
                    {
                      name: 'scratch',
                      dockerVolumeConfiguration: {
                        scope: 'shared',
                        autoprovision: true,
                        driver: 'rexray/ebs',
                      },
                    },
                  ],
                  containerDefinitions: [
                    ecsContainer({
                      name: 'history-server',
                      image: 'public.ecr.aws/example/spark:3.5.3',
                      cpu: 1024,
                      memory: 4096,
                      portMappings: [{ containerPort: 18080, hostPort: 18080, protocol: 'tcp' }],
                      mountPoints: [
                        { sourceVolume: 'events', containerPath: '/spark-events' },
                        { sourceVolume: 'scratch', containerPath: '/scratch' },
                      ],
                    }),
                  ],
                }),
                ecsTaskDefinition({
                  family: 'metrics-proxy',
                  revision: 2,
                  networkMode: 'awsvpc',
                  requiresCompatibilities: ['EC2'],
                  cpu: '256',
                  memory: '512',
                  containerDefinitions: [
                    ecsContainer({
                      name: 'proxy',
                      image: 'public.ecr.aws/example/metrics-proxy:0.9',
                      memoryReservation: 256,
                    }),
                  ],
                }),
              ],
              clusters: [
                {
                  name: 'prod-ec2',
                  containerInsights: 'enabled',
                  tags: { environment: 'production' },
                  capacityProviders: ['prod-general-asg', 'prod-gpu-asg', 'FARGATE', 'FARGATE_SPOT'],
                  defaultCapacityProviderStrategy: [{ capacityProvider: 'prod-general-asg', weight: 1 }],
                  containerInstances: [
                    {
                      ec2InstanceId: DEMO_INSTANCES.general1,
                      instanceType: 'm5.xlarge',
                      capacityProvider: 'prod-general-asg',
                    },
                    {
                      ec2InstanceId: DEMO_INSTANCES.general2,
                      instanceType: 'm5.xlarge',
                      capacityProvider: 'prod-general-asg',
                    },
                    {
                      ec2InstanceId: DEMO_INSTANCES.compute1,
                      instanceType: 'c5.2xlarge',
                      capacityProvider: 'prod-general-asg',
                    },
                    {
                      ec2InstanceId: DEMO_INSTANCES.gpu1,
                      instanceType: 'g4dn.xlarge',
                      capacityProvider: 'prod-gpu-asg',
                    },
                  ],
                  services: [
                    {
                      name: 'web-frontend',
                      taskDefinition: 'web-frontend:3',
                      desiredCount: 3,
                      capacityProviderStrategy: [{ capacityProvider: 'prod-general-asg', weight: 1 }],
                      loadBalancers: [
                        {
                          targetGroupArn: `arn:aws:elasticloadbalancing:${DEMO_REGION}:${DEMO_ACCOUNT}:targetgroup/web-frontend/6d0ecf831eec9f09`,
                          containerName: 'web',
                          containerPort: 8080,
                        },
                      ],
                      tags: { team: 'web' },
                    },
                    {
                      name: 'orders-api',
                      taskDefinition: 'orders-api:9',
                      desiredCount: 2,
                      launchType: 'EC2',
                      placement: [DEMO_INSTANCES.general1, DEMO_INSTANCES.general2],
                      tags: { team: 'orders' },
                    },
                    {
                      name: 'security-agent',
                      taskDefinition: 'security-agent:7',
                      desiredCount: 2,
                      capacityProviderStrategy: [{ capacityProvider: 'prod-general-asg', weight: 1 }],
                    },
                    {
                      name: 'log-collector',
                      taskDefinition: 'log-collector:4',
                      schedulingStrategy: 'DAEMON',
                      launchType: 'EC2',
                    },
                    {
                      name: 'gpu-inference',
                      taskDefinition: 'gpu-inference:2',
                      desiredCount: 1,
                      capacityProviderStrategy: [{ capacityProvider: 'prod-gpu-asg', weight: 1 }],
                    },
                    {
                      name: 'payments-api',
                      taskDefinition: 'payments-api:12',
                      desiredCount: 3,
                      launchType: 'FARGATE',
                      platformVersion: 'LATEST',
                      tags: { team: 'payments' },
                    },
                    {
                      name: 'report-worker',
                      taskDefinition: 'report-worker:5',
                      desiredCount: 4,
                      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
                    },
                  ],
                  standaloneTasks: [
                    {
                      taskDefinition: 'nightly-etl:21',
                      count: 2,
                      startedBy: 'events-rule/nightly-etl',
                      overrides: {
                        containerOverrides: [
                          {
                            name: 'etl',
                            environment: [
                              { name: 'ETL_DB_PASSWORD', value: DEMO_CANARIES.etlOverridePassword },
                            ],
                          },
                        ],
                      },
                    },
                    {
                      taskDefinition: 'nightly-etl:21',
                      startedBy: 'events-rule/nightly-etl',
                      lastStatus: 'STOPPED',
                    },
                  ],
                },
                {
                  name: 'staging-fargate',
                  containerInsights: 'disabled',
                  tags: { environment: 'staging' },
                  capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
                  defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 1 }],
                  services: [{ name: 'staging-web', taskDefinition: 'staging-web:2', desiredCount: 1 }],
                  standaloneTasks: [
                    { taskDefinition: 'db-migrate:3', launchType: 'FARGATE', startedBy: 'ci/pipeline-4821' },
                  ],
                },
                {
                  name: 'analytics-ec2',
                  tags: { environment: 'production', team: 'data' },
                  capacityProviders: ['analytics-asg'],
                  defaultCapacityProviderStrategy: [{ capacityProvider: 'analytics-asg', weight: 1 }],
                  containerInstances: [
                    {
                      ec2InstanceId: DEMO_INSTANCES.analytics1,
                      instanceType: 'r5.xlarge',
                      capacityProvider: 'analytics-asg',
                    },
                    {
                      ec2InstanceId: DEMO_INSTANCES.analytics2,
                      instanceType: 'r5.xlarge',
                      capacityProvider: 'analytics-asg',
                    },
                  ],
                  services: [
                    { name: 'spark-history', taskDefinition: 'spark-history:6', desiredCount: 1 },
                    { name: 'metrics-proxy', taskDefinition: 'metrics-proxy:2', desiredCount: 2 },
                  ],
                },
              ],
            },
            eks: {
              clusters: [
                {
                  name: 'platform',
                  version: '1.31',
                  endpointPublicAccess: true,
                  endpointPrivateAccess: true,
                  secretsEncryptionKeyArn: `arn:aws:kms:${DEMO_REGION}:${DEMO_ACCOUNT}:key/6f1c2b9e-3d4a-4e8b-9c7d-0a1b2c3d4e5f`,
                  logging: ['api', 'audit'],
                  tags: { environment: 'production' },
                  nodegroups: [
                    { name: 'general', instanceTypes: ['m5.large'], desiredSize: 3, minSize: 2, maxSize: 6 },
                    {
                      name: 'gpu',
                      instanceTypes: ['g4dn.xlarge'],
                      desiredSize: 1,
                      labels: { accelerator: 'nvidia' },
                      taints: [{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }],
                    },
                  ],
                  fargateProfiles: [{ name: 'serverless', selectors: [{ namespace: 'serverless' }] }],
                  objects: [
                    ...eksSystemAddons(),
                    kubeStorageClass(
                      'gp3',
                      'ebs.csi.aws.com',
                      { type: 'gp3', encrypted: 'true' },
                      { isDefault: true },
                    ),
                    kubeStorageClass(
                      'efs-sc',
                      'efs.csi.aws.com',
                      {
                        provisioningMode: 'efs-ap',
                        fileSystemId: 'fs-0dec0c0ffee000001',
                        directoryPerms: '700',
                      },
                      { volumeBindingMode: 'Immediate' },
                    ),
                    kubeServiceAccount('storefront', 'shop', {
                      'eks.amazonaws.com/role-arn': `arn:aws:iam::${DEMO_ACCOUNT}:role/storefront-irsa`,
                    }),
                    kubeDeployment({
                      name: 'storefront',
                      namespace: 'shop',
                      replicas: 3,
                      objectAnnotations: {
                        'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
                          apiVersion: 'apps/v1',
                          kind: 'Deployment',
                          metadata: { name: 'storefront', namespace: 'shop' },
                          spec: {
                            template: {
                              spec: {
                                containers: [
                                  {
                                    name: 'storefront',
                                    env: [{ name: 'API_TOKEN', value: DEMO_CANARIES.lastAppliedSecret }],
                                  },
                                ],
                              },
                            },
                          },
                        }),
                      },
                      labels: { tier: 'web' },
                      spec: { serviceAccountName: 'storefront', containers: [storefrontContainer] },
                    }),
                    kubeService({
                      name: 'storefront',
                      namespace: 'shop',
                      type: 'LoadBalancer',
                      port: 80,
                      targetPort: 8080,
                      annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' },
                    }),
                    kubeDeployment({
                      name: 'edge-proxy',
                      namespace: 'shop',
                      replicas: 2,
                      spec: {
                        hostNetwork: true,
                        dnsPolicy: 'ClusterFirstWithHostNet',
                        containers: [
                          kubeContainer({
                            name: 'envoy',
                            image: 'public.ecr.aws/envoyproxy/envoy:v1.32.3',
                            requests: { cpu: '500m', memory: '256Mi' },
                            limits: { cpu: '1', memory: '512Mi' },
                            ports: [{ containerPort: 443, hostPort: 443 }],
                          }),
                        ],
                      },
                    }),
                    kubeCronJob({
                      name: 'report-generator',
                      namespace: 'shop',
                      schedule: '15 3 * * *',
                      spec: {
                        containers: [
                          kubeContainer({
                            name: 'report',
                            image: ecr('report-generator', '1.4.0'),
                            requests: { cpu: '500m', memory: '1Gi' },
                            limits: { cpu: '500m', memory: '1Gi' },
                          }),
                        ],
                      },
                    }),
                    kubeEfsPersistentVolume('media-efs', 'fs-0dec0c0ffee000002'),
                    kubePersistentVolumeClaim({
                      name: 'media',
                      namespace: 'shop',
                      storage: '5Gi',
                      storageClassName: '',
                      volumeName: 'media-efs',
                      accessModes: ['ReadWriteMany'],
                    }),
                    kubeDeployment({
                      name: 'media-uploader',
                      namespace: 'shop',
                      replicas: 1,
                      spec: {
                        containers: [
                          kubeContainer({
                            name: 'uploader',
                            image: ecr('media-uploader', '0.7.2'),
                            requests: { cpu: '250m', memory: '256Mi' },
                            limits: { cpu: '250m', memory: '256Mi' },
                            volumeMounts: [{ name: 'media', mountPath: '/media' }],
                          }),
                        ],
                        volumes: [{ name: 'media', persistentVolumeClaim: { claimName: 'media' } }],
                      },
                    }),
                    kubeDaemonSet({
                      name: 'fluent-bit',
                      namespace: 'logging',
                      spec: {
                        serviceAccountName: 'fluent-bit',
                        containers: [
                          kubeContainer({
                            name: 'fluent-bit',
                            image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4',
                            requests: { cpu: '100m', memory: '128Mi' },
                            limits: { memory: '256Mi' },
                            volumeMounts: [{ name: 'varlog', mountPath: '/var/log', readOnly: true }],
                          }),
                        ],
                        volumes: [{ name: 'varlog', hostPath: { path: '/var/log' } }],
                      },
                    }),
                    kubeStatefulSet({
                      name: 'postgres',
                      namespace: 'data',
                      replicas: 1,
                      serviceName: 'postgres',
                      spec: {
                        containers: [
                          kubeContainer({
                            name: 'postgres',
                            image: 'public.ecr.aws/docker/library/postgres:16.4',
                            requests: { cpu: '1', memory: '2Gi' },
                            limits: { cpu: '1', memory: '2Gi' },
                            secretEnv: { POSTGRES_PASSWORD: ['postgres', 'password'] },
                            ports: [{ containerPort: 5432 }],
                            volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql/data' }],
                          }),
                        ],
                      },
                      volumeClaimTemplates: [{ name: 'data', storageClassName: 'gp3', storage: '20Gi' }],
                    }),
                    kubeService({ name: 'postgres', namespace: 'data', port: 5432 }),
                    kubeJob({
                      name: 'model-training',
                      namespace: 'ml',
                      spec: {
                        nodeSelector: { accelerator: 'nvidia' },
                        tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
                        containers: [
                          kubeContainer({
                            name: 'trainer',
                            image: ecr('model-training', '0.12.0'),
                            requests: { cpu: '2', memory: '8Gi', 'nvidia.com/gpu': '1' },
                            limits: { cpu: '2', memory: '8Gi', 'nvidia.com/gpu': '1' },
                            env: { AWS_SECRET_ACCESS_KEY: DEMO_CANARIES.trainingAwsSecret },
                          }),
                        ],
                      },
                    }),
                    kubeDeployment({
                      name: 'checkout-api',
                      namespace: 'serverless',
                      replicas: 2,
                      spec: {
                        containers: [
                          kubeContainer({
                            name: 'checkout',
                            image: ecr('checkout-api', '3.3.0'),
                            requests: { cpu: '500m', memory: '1Gi' },
                            limits: { cpu: '500m', memory: '1Gi' },
                            env: { PAYMENT_GATEWAY_KEY: DEMO_CANARIES.checkoutApiKey },
                            ports: [{ containerPort: 8080 }],
                          }),
                        ],
                      },
                    }),
                    kubeService({
                      name: 'checkout-api',
                      namespace: 'serverless',
                      port: 80,
                      targetPort: 8080,
                    }),
                    kubeNetworkPolicy('checkout-api-ingress', 'serverless', { app: 'checkout-api' }),
                    kubePod({
                      name: 'debug-toolbox',
                      namespace: 'ops',
                      spec: {
                        containers: [
                          kubeContainer({
                            name: 'toolbox',
                            image: 'public.ecr.aws/docker/library/busybox:1.37',
                            command: ['sleep', 'infinity'],
                            securityContext: { privileged: true },
                          }),
                        ],
                      },
                    }),
                  ],
                },
              ],
            },
          },
        ],
      },
      {
        id: DEMO_SANDBOX_ACCOUNT,
        name: 'sandbox',
        email: 'aws+sandbox@example.com',
        roles: [DEMO_ROLE],
        regions: [
          {
            name: DEMO_REGION,
            ecs: {
              taskDefinitions: [
                ecsTaskDefinition({
                  family: 'hello-world',
                  networkMode: 'awsvpc',
                  requiresCompatibilities: ['FARGATE'],
                  cpu: '256',
                  memory: '512',
                  containerDefinitions: [
                    ecsContainer({ name: 'hello', image: 'public.ecr.aws/docker/library/httpd:2.4' }),
                  ],
                }),
              ],
              clusters: [
                {
                  name: 'sandbox',
                  capacityProviders: ['FARGATE'],
                  services: [{ name: 'hello-world', taskDefinition: 'hello-world:1', launchType: 'FARGATE' }],
                },
              ],
            },
          },
        ],
      },
    ],
  };
}
