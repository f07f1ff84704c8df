/**
 * Programmatic estates for scale tests and the benchmark: N clusters of M services and K clusters
 * of Deployments, with a deterministic mix of workloads that can move to Fargate, need changes, or
 * cannot move. `LARGE_ACCOUNT_REGION` is the "large" account-region of scan-limits §4.4.
 */
import { ecsContainer, ecsTaskDefinition, kubeContainer, kubeDeployment } from './builders.js';
import type {
  EcsServiceSpec,
  EcsTaskDefinitionSpec,
  EksClusterSpec,
  KubeObject,
  RegionSpec,
  Scenario,
} from './types.js';

/** A secret-looking value planted in every generated workload, for leak tests at scale. */
export const GENERATED_CANARY = 'c4nary-generated-7c1d9e3f5a2b4c6d8e0f';

export interface EcsShape {
  readonly clusters: number;
  readonly servicesPerCluster: number;
  readonly tasksPerService: number;
  /** Distinct task definition families in the region (services share them round-robin). Default: one per service. */
  readonly taskDefinitionFamilies?: number;
  readonly containerInstancesPerCluster: number;
  /** Default m5.4xlarge. */
  readonly instanceType?: string;
  /** Every n-th service runs on Fargate (0: none). Default 4. */
  readonly fargateEvery?: number;
  readonly standaloneTasksPerCluster?: number;
}

export interface EksShape {
  readonly clusters: number;
  readonly deploymentsPerCluster: number;
  readonly replicas: number;
  readonly nodesPerCluster: number;
  /** Default m5.4xlarge. */
  readonly instanceType?: string;
  /** Namespaces the deployments spread over; the first one is selected by a Fargate profile. Default 10. */
  readonly namespaces?: number;
}

export interface EstateShape {
  readonly name?: string;
  /** Accounts, all with the same content. Default 1. */
  readonly accounts?: number;
  readonly regions?: readonly string[];
  readonly ecs?: EcsShape;
  readonly eks?: EksShape;
  /** Cross-account role every account carries (with this ExternalId). */
  readonly role?: { readonly name: string; readonly externalId?: string };
}

/** scan-limits §4.4: C=20, S=2,000, D=1,500, T=10,000, I=400, K=10, P=20,000. */
export const LARGE_ACCOUNT_REGION: EstateShape = {
  name: 'large account-region (scan-limits 4.4)',
  ecs: {
    clusters: 20,
    servicesPerCluster: 100,
    tasksPerService: 5,
    taskDefinitionFamilies: 1500,
    containerInstancesPerCluster: 20,
  },
  eks: { clusters: 10, deploymentsPerCluster: 200, replicas: 10, nodesPerCluster: 10 },
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function familyDefinition(index: number): EcsTaskDefinitionSpec {
  const family = `svc-family-${pad(index, 4)}`;
  const privileged = index % 10 === 9;
  const bridge = index % 7 === 3;
  return ecsTaskDefinition({
    family,
    revision: 1 + (index % 3),
    networkMode: bridge ? 'bridge' : 'awsvpc',
    requiresCompatibilities: bridge || privileged ? ['EC2'] : ['EC2', 'FARGATE'],
    ...(bridge ? {} : { cpu: '256', memory: '512' }),
    containerDefinitions: [
      ecsContainer({
        name: 'app',
        image: `public.ecr.aws/example/${family}:1.0.${index % 50}`,
        ...(bridge ? { cpu: 256, memory: 512 } : {}),
        privileged,
        portMappings: [{ containerPort: 8080, ...(bridge ? { hostPort: 0 } : {}), protocol: 'tcp' }],
        env: { APP_INDEX: String(index), API_SECRET: GENERATED_CANARY },
      }),
    ],
  });
}

function ecsRegion(shape: EcsShape, region: string): NonNullable<RegionSpec['ecs']> {
  const totalServices = shape.clusters * shape.servicesPerCluster;
  const families = Math.max(1, Math.min(shape.taskDefinitionFamilies ?? totalServices, totalServices));
  const definitions = Array.from({ length: families }, (_, i) => familyDefinition(i));
  const fargateEvery = shape.fargateEvery ?? 4;
  const instanceType = shape.instanceType ?? 'm5.4xlarge';
  return {
    capacityProviders: Array.from({ length: shape.clusters }, (_, c) => ({
      name: `cluster-${pad(c, 3)}-asg`,
      autoScalingGroup: `ecs-cluster-${pad(c, 3)}`,
    })),
    taskDefinitions: definitions,
    clusters: Array.from({ length: shape.clusters }, (_, c) => {
      const instances = Array.from({ length: shape.containerInstancesPerCluster }, (_, i) => ({
        ec2InstanceId: `i-0${(c * 10000 + i).toString(16).padStart(16, '0')}`,
        instanceType,
        capacityProvider: `cluster-${pad(c, 3)}-asg`,
        availabilityZone: `${region}${i % 2 === 0 ? 'a' : 'b'}`,
      }));
      const services = Array.from({ length: shape.servicesPerCluster }, (_, s): EcsServiceSpec => {
        const index = c * shape.servicesPerCluster + s;
        const definition = definitions[index % families]!;
        const onFargate =
          fargateEvery > 0 &&
          index % fargateEvery === 0 &&
          definition.requiresCompatibilities?.includes('FARGATE');
        return {
          name: `service-${pad(s, 4)}`,
          taskDefinition: `${definition.family}:${definition.revision}`,
          desiredCount: shape.tasksPerService,
          ...(onFargate ? { launchType: 'FARGATE' as const } : {}),
        };
      });
      const hasInstances = instances.length > 0;
      return {
        name: `cluster-${pad(c, 3)}`,
        capacityProviders: [`cluster-${pad(c, 3)}-asg`, 'FARGATE', 'FARGATE_SPOT'],
        defaultCapacityProviderStrategy: [
          { capacityProvider: hasInstances ? `cluster-${pad(c, 3)}-asg` : 'FARGATE', weight: 1 },
        ],
        containerInstances: instances,
        services: hasInstances ? services : services.map((s) => ({ ...s, launchType: 'FARGATE' as const })),
        standaloneTasks: Array.from({ length: shape.standaloneTasksPerCluster ?? 0 }, (_, t) => ({
          taskDefinition: `${definitions[t % families]!.family}:${definitions[t % families]!.revision}`,
          startedBy: 'events-rule/generated',
          ...(hasInstances ? {} : { launchType: 'FARGATE' as const }),
        })),
      };
    }),
  };
}

function eksCluster(shape: EksShape, index: number): EksClusterSpec {
  const namespaces = shape.namespaces ?? 10;
  const objects: KubeObject[] = Array.from({ length: shape.deploymentsPerCluster }, (_, d) => {
    const hostNetwork = d % 10 === 7;
    const privileged = d % 11 === 5;
    return kubeDeployment({
      name: `app-${pad(d, 4)}`,
      namespace: `team-${pad(d % namespaces, 2)}`,
      replicas: shape.replicas,
      spec: {
        ...(hostNetwork ? { hostNetwork: true } : {}),
        containers: [
          kubeContainer({
            name: 'app',
            image: `public.ecr.aws/example/app-${pad(d, 4)}:1.0`,
            requests: { cpu: '100m', memory: '128Mi' },
            limits: { cpu: '100m', memory: '128Mi' },
            env: { API_SECRET: GENERATED_CANARY },
            ...(privileged ? { securityContext: { privileged: true } } : {}),
          }),
        ],
      },
    });
  });
  return {
    name: `eks-${pad(index, 3)}`,
    nodegroups: [
      {
        name: 'workers',
        instanceTypes: [shape.instanceType ?? 'm5.4xlarge'],
        desiredSize: shape.nodesPerCluster,
      },
    ],
    fargateProfiles: [{ name: 'fargate-team-00', selectors: [{ namespace: 'team-00' }] }],
    objects,
  };
}

/** Build a scenario of the given shape; identical shapes give identical scenarios. */
export function generateEstate(shape: EstateShape): Scenario {
  const accountCount = shape.accounts ?? 1;
  const regions = shape.regions ?? ['us-east-1'];
  const accounts = Array.from({ length: accountCount }, (_, a) => ({
    id: String(100000000000 + a * 1111),
    name: `account-${pad(a, 3)}`,
    ...(shape.role ? { roles: [shape.role] } : {}),
    regions: regions.map((region) => ({
      name: region,
      ...(shape.ecs ? { ecs: ecsRegion(shape.ecs, region) } : {}),
      ...(shape.eks
        ? {
            eks: {
              clusters: Array.from({ length: shape.eks.clusters }, (_, k) => eksCluster(shape.eks!, k)),
            },
          }
        : {}),
    })),
  }));
  const management = accounts[0]?.id ?? '100000000000';
  return {
    name: shape.name ?? 'generated estate',
    callerAccount: management,
    organization: { managementAccount: management },
    accounts,
  };
}
