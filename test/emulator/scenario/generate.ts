/**
 * Programmatic estates for scale tests and the benchmark: N clusters of M services and K clusters
 * of Deployments, with a deterministic mix of workloads that can move to Fargate, need changes, or
 * cannot move. `LARGE_ACCOUNT_REGION` is the "large" account-region of scan-limits §4.4.
 *
 * Sizes and counts vary as in a real estate (task sizes across the Fargate grid, pod requests,
 * replica counts), so that what judges and prices them meets as many distinct inputs as a real
 * account gives it. The totals the minimal-call model counts stay those of the shape: counts vary
 * in pairs around the shape's figure, and the sizes' means fit the instances the tasks and pods
 * are placed on.
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

/**
 * The count of the index-th of a run of `runLength` workloads whose mean is `mean`: in pairs
 * (mean − d, mean + d), d cycling 0 … mean − 1, so every pair sums to exactly its share of the
 * total (an odd run's last member gets the mean). Counts range 1 … 2·mean − 1.
 */
function spreadCount(mean: number, index: number, runLength: number): number {
  const unpaired = index === runLength - 1 && runLength % 2 === 1;
  if (unpaired || mean <= 1) return mean;
  const pair = Math.floor(index / 2);
  const spread = pair % mean;
  // Which of the pair gets more alternates every `mean` pairs, so that every n-th workload (those on
  // Fargate, say) is not always the smaller one.
  const below = (index + Math.floor(pair / mean)) % 2 === 0;
  return below ? mean - spread : mean + spread;
}

/**
 * Task sizes (CPU units / MiB) of the Fargate-compatible families, in rotation: valid Fargate sizes,
 * mostly small, as in most estates. Mean 486 CPU units and 1,382 MiB, so 25 tasks fit in an
 * m5.4xlarge's 16,384 registered units and 62,914 MiB.
 */
const TASK_SIZES: readonly (readonly [number, number])[] = [
  [256, 512],
  [256, 1024],
  [512, 1024],
  [256, 512],
  [512, 2048],
  [1024, 2048],
  [256, 512],
  [512, 1024],
  [1024, 3072],
  [256, 2048],
];

/**
 * Pod requests (millicores / MiB) of the generated Deployments, in rotation. Mean 75m and 192Mi, so
 * the 200 pods a node of the large shape runs request 15 vCPU of an m5.4xlarge's 15.89 allocatable.
 */
const POD_REQUESTS: readonly (readonly [number, number])[] = [
  [50, 64],
  [100, 128],
  [200, 256],
  [25, 64],
  [50, 512],
  [25, 128],
];

function familyDefinition(index: number): EcsTaskDefinitionSpec {
  const family = `svc-family-${pad(index, 4)}`;
  const privileged = index % 10 === 9;
  const bridge = index % 7 === 3;
  const [cpu, memory] = TASK_SIZES[index % TASK_SIZES.length]!;
  return ecsTaskDefinition({
    family,
    revision: 1 + (index % 3),
    networkMode: bridge ? 'bridge' : 'awsvpc',
    requiresCompatibilities: bridge || privileged ? ['EC2'] : ['EC2', 'FARGATE'],
    ...(bridge ? {} : { cpu: String(cpu), memory: String(memory) }),
    containerDefinitions: [
      ecsContainer({
        name: 'app',
        image: `public.ecr.aws/example/${family}:1.0.${index % 50}`,
        ...(bridge ? { cpu, memory } : {}),
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
          desiredCount: spreadCount(shape.tasksPerService, s, shape.servicesPerCluster),
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
    const [millicores, mebibytes] = POD_REQUESTS[d % POD_REQUESTS.length]!;
    const requests = { cpu: `${millicores}m`, memory: `${mebibytes}Mi` };
    // Every third Deployment sets no CPU limit and a memory limit above its request, as many do.
    const limits = d % 3 === 1 ? { memory: `${mebibytes * 2}Mi` } : requests;
    return kubeDeployment({
      name: `app-${pad(d, 4)}`,
      namespace: `team-${pad(d % namespaces, 2)}`,
      replicas: spreadCount(shape.replicas, d, shape.deploymentsPerCluster),
      spec: {
        ...(hostNetwork ? { hostNetwork: true } : {}),
        containers: [
          kubeContainer({
            name: 'app',
            image: `public.ecr.aws/example/app-${pad(d, 4)}:1.0`,
            requests,
            limits,
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
