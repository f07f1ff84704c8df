/**
 * The emulator's compiled view of a scenario: every resource resolved, indexed and already in its
 * wire shape, so a request handler only filters, pages and serializes.
 */
import type {
  AccountSpec,
  InstanceTypeSpec,
  JsonObject,
  KubeObject,
  Scenario,
  SubnetSpec,
  Tags,
} from '../scenario/types.js';

export interface RouteTable {
  readonly id: string;
  readonly vpcId: string;
  readonly main: boolean;
  readonly subnetIds: readonly string[];
  readonly routes: readonly {
    readonly destinationCidrBlock: string;
    readonly gatewayId?: string;
    readonly natGatewayId?: string;
  }[];
}

export interface Ec2Instance {
  readonly instanceId: string;
  readonly instanceType: string;
  readonly availabilityZone: string;
  readonly subnetId: string;
  readonly vpcId: string;
  readonly privateIp: string;
  readonly privateDnsName: string;
  readonly state: 'pending' | 'running' | 'stopping' | 'stopped';
  readonly platform: 'linux' | 'windows';
  readonly architecture: 'x86_64' | 'arm64';
  readonly tags: Tags;
  readonly imageId: string;
  readonly launchTimeMs: number;
  readonly spot: boolean;
  readonly instanceProfileArn: string | null;
}

export interface TaskDefinitionState {
  readonly arn: string;
  readonly family: string;
  readonly revision: number;
  readonly status: string;
  /** DescribeTaskDefinition's `taskDefinition` member. */
  readonly wire: JsonObject;
  readonly tags: Tags;
  /** What one task reserves on a container instance. */
  readonly cpuReservation: number;
  readonly memoryReservation: number;
  /** GPUs one task reserves (Σ container `resourceRequirements` of type GPU). */
  readonly gpuReservation: number;
  /** Static host ports (bridge/host mode) a task occupies on its instance. */
  readonly hostPorts: readonly number[];
  readonly networkMode: string;
}

export interface CapacityProviderState {
  readonly name: string;
  readonly arn: string;
  readonly wire: JsonObject;
  readonly tags: Tags;
}

export interface ContainerInstanceState {
  readonly arn: string;
  readonly id: string;
  readonly ec2InstanceId: string;
  readonly capacityProvider: string | null;
  readonly status: string;
  readonly wire: JsonObject;
  readonly tags: Tags;
}

export interface ServiceState {
  readonly name: string;
  readonly arn: string;
  readonly launchType: string | null;
  readonly schedulingStrategy: string;
  readonly wire: JsonObject;
  readonly tags: Tags;
}

export interface TaskState {
  readonly arn: string;
  readonly id: string;
  readonly group: string;
  readonly startedBy: string | null;
  readonly family: string;
  readonly serviceName: string | null;
  readonly launchType: string;
  readonly containerInstanceArn: string | null;
  readonly desiredStatus: string;
  readonly wire: JsonObject;
  readonly tags: Tags;
}

export interface EcsClusterState {
  readonly name: string;
  readonly arn: string;
  readonly wire: JsonObject;
  readonly tags: Tags;
  readonly containerInstances: readonly ContainerInstanceState[];
  readonly services: readonly ServiceState[];
  readonly tasks: readonly TaskState[];
}

export interface EcsRegionState {
  readonly taskDefinitions: ReadonlyMap<string, TaskDefinitionState>;
  /** `family:revision` → revision. */
  readonly taskDefinitionsByName: ReadonlyMap<string, TaskDefinitionState>;
  /** family → latest ACTIVE revision. */
  readonly latestByFamily: ReadonlyMap<string, TaskDefinitionState>;
  /** FARGATE, FARGATE_SPOT and the ASG providers. */
  readonly capacityProviders: readonly CapacityProviderState[];
  readonly clusters: readonly EcsClusterState[];
  readonly clustersByName: ReadonlyMap<string, EcsClusterState>;
}

/** A Kubernetes API resource the emulator serves. */
export interface KubeResourceType {
  /** Plural path segment: pods, deployments... */
  readonly resource: string;
  readonly kind: string;
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly namespaced: boolean;
}

export interface KubeClusterState {
  /** resource plural → objects sorted by namespace then name, in full wire shape. */
  readonly objects: ReadonlyMap<string, readonly KubeObject[]>;
  readonly resourceVersion: string;
}

export interface EksClusterState {
  readonly name: string;
  readonly arn: string;
  /** DescribeCluster's `cluster` member without `endpoint` and `certificateAuthority` (known only once serving). */
  readonly wire: JsonObject;
  readonly nodegroups: readonly { readonly name: string; readonly wire: JsonObject }[];
  readonly fargateProfiles: readonly { readonly name: string; readonly wire: JsonObject }[];
  readonly podIdentityAssociations: readonly {
    readonly namespace: string;
    readonly serviceAccount: string;
  }[];
  readonly kubernetes: KubeClusterState;
}

export interface RegionState {
  readonly account: string;
  readonly region: string;
  readonly enabled: boolean;
  readonly vpcId: string;
  readonly subnets: readonly SubnetSpec[];
  readonly routeTables: readonly RouteTable[];
  /** Sorted by instance id. */
  readonly ec2Instances: readonly Ec2Instance[];
  readonly ec2ById: ReadonlyMap<string, Ec2Instance>;
  readonly ecs: EcsRegionState;
  readonly eksClusters: readonly EksClusterState[];
  readonly eksByName: ReadonlyMap<string, EksClusterState>;
}

export interface AccountState {
  readonly spec: AccountSpec;
  readonly regions: ReadonlyMap<string, RegionState>;
}

export interface EmulatorState {
  readonly scenario: Scenario;
  readonly epochMs: number;
  readonly instanceTypes: ReadonlyMap<string, InstanceTypeSpec>;
  readonly accounts: ReadonlyMap<string, AccountState>;
}
