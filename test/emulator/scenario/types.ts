/**
 * The scenario an emulator serves: accounts → regions → ECS, EC2 and EKS resources, and the
 * Kubernetes objects inside each EKS cluster. Plain data, so a scenario can be written as a typed
 * TS object or loaded from JSON (see `load.ts`).
 *
 * Only the facts an author cares about are required; the emulator derives the rest the way AWS and
 * Kubernetes would (ARNs, ids, running tasks of a service, container-instance resources, EC2
 * instances behind container instances and node groups, Pods of a Deployment, PVs of a claim...).
 */
import type { TaskDefinition } from '@aws-sdk/client-ecs';

/** A JSON value as it travels on the wire. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type Tags = Readonly<Record<string, string>>;

export interface Scenario {
  /** Shown by `GET /_emulator/stats`. */
  readonly name: string;
  /**
   * The emulated world's "now" for creation and launch times (ISO 8601). Fixed so that two runs
   * of the same scenario return byte-identical resources. Default 2026-11-01T00:00:00Z.
   */
  readonly epoch?: string;
  /** The account the base credentials belong to (the one `env` hands out). */
  readonly callerAccount: string;
  /** IAM user of the base credentials: GetCallerIdentity returns `arn:aws:iam::<account>:user/<name>`. */
  readonly callerUserName?: string;
  /** The base access key pair. Default AKIAEMULATOR000BASE / a fixed dummy secret. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** AWS Organizations: ListAccounts answers only when called from the management account. */
  readonly organization?: { readonly managementAccount: string; readonly id?: string };
  readonly accounts: readonly AccountSpec[];
  /** Instance types added to (or replacing) the built-in catalogue, by name. */
  readonly instanceTypes?: readonly InstanceTypeSpec[];
}

export interface AccountSpec {
  /** 12 digits. */
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  readonly status?: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
  /** Roles AssumeRole may target in this account. */
  readonly roles?: readonly RoleSpec[];
  readonly regions: readonly RegionSpec[];
}

export interface RoleSpec {
  readonly name: string;
  /** When set, AssumeRole must pass exactly this ExternalId (else AccessDenied). */
  readonly externalId?: string;
  /** Accounts whose principals may assume the role; default: any account in the scenario. */
  readonly trustedAccounts?: readonly string[];
}

export interface RegionSpec {
  /** e.g. us-east-1 */
  readonly name: string;
  /**
   * False for an opt-in region the account has not enabled: every call there fails the way AWS
   * fails it (UnrecognizedClientException, AuthFailure, InvalidClientTokenId). Default true.
   */
  readonly enabled?: boolean;
  /** The VPC; default one VPC with two private subnets (NAT) and one public subnet (IGW). */
  readonly network?: NetworkSpec;
  /** EC2 instances outside ECS and EKS (those are derived from container instances and node groups). */
  readonly ec2Instances?: readonly Ec2InstanceSpec[];
  readonly ecs?: EcsRegionSpec;
  readonly eks?: EksRegionSpec;
}

export interface NetworkSpec {
  readonly vpcId: string;
  readonly subnets: readonly SubnetSpec[];
}

export interface SubnetSpec {
  readonly id: string;
  readonly availabilityZone: string;
  readonly cidrBlock: string;
  /** True: the subnet's route table sends 0.0.0.0/0 to an internet gateway. */
  readonly public: boolean;
}

export interface Ec2InstanceSpec {
  readonly instanceId: string;
  readonly instanceType: string;
  readonly availabilityZone?: string;
  readonly subnetId?: string;
  readonly state?: 'pending' | 'running' | 'stopping' | 'stopped';
  readonly platform?: 'linux' | 'windows';
  readonly tags?: Tags;
  readonly imageId?: string;
}

// ---------------------------------------------------------------------------------------------
// ECS

export interface EcsRegionSpec {
  /** Registered task definition revisions (account-region wide, as in ECS). */
  readonly taskDefinitions: readonly EcsTaskDefinitionSpec[];
  /** Auto Scaling group capacity providers (FARGATE and FARGATE_SPOT always exist). */
  readonly capacityProviders?: readonly EcsCapacityProviderSpec[];
  readonly clusters: readonly EcsClusterSpec[];
}

/**
 * A task definition revision in its DescribeTaskDefinition wire shape, minus what ECS computes
 * (ARN, registration times, `compatibilities` unless given). `family` and `revision` identify it.
 */
export type EcsTaskDefinitionSpec = Omit<
  TaskDefinition,
  'taskDefinitionArn' | 'registeredAt' | 'deregisteredAt' | 'family' | 'revision'
> & {
  readonly family: string;
  readonly revision: number;
  readonly tags?: Tags;
};

export interface EcsCapacityProviderSpec {
  readonly name: string;
  /** Name of the Auto Scaling group behind it. */
  readonly autoScalingGroup: string;
  readonly managedScaling?: boolean;
  readonly managedTerminationProtection?: boolean;
  readonly tags?: Tags;
}

export interface CapacityProviderStrategyItem {
  readonly capacityProvider: string;
  readonly weight?: number;
  readonly base?: number;
}

export interface EcsClusterSpec {
  readonly name: string;
  readonly tags?: Tags;
  readonly containerInsights?: 'enabled' | 'disabled' | 'enhanced';
  /** Capacity providers associated with the cluster (names: FARGATE, FARGATE_SPOT or an ASG provider). */
  readonly capacityProviders?: readonly string[];
  readonly defaultCapacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  readonly containerInstances?: readonly EcsContainerInstanceSpec[];
  readonly services?: readonly EcsServiceSpec[];
  /** Tasks not started by a service (RunTask / schedules / StartTask). */
  readonly standaloneTasks?: readonly EcsStandaloneTaskSpec[];
}

export interface EcsContainerInstanceSpec {
  /** The EC2 instance; created in DescribeInstances unless the region lists it already. */
  readonly ec2InstanceId: string;
  readonly instanceType: string;
  readonly availabilityZone?: string;
  readonly subnetId?: string;
  /** ASG capacity provider the instance belongs to. */
  readonly capacityProvider?: string;
  readonly status?: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  readonly agentConnected?: boolean;
  readonly osType?: 'linux' | 'windows';
  readonly tags?: Tags;
}

export interface EcsServiceSpec {
  readonly name: string;
  /** `family:revision`. */
  readonly taskDefinition: string;
  readonly desiredCount?: number;
  /** Tasks actually running; default desiredCount (DAEMON: one per ACTIVE container instance). */
  readonly runningCount?: number;
  readonly launchType?: 'EC2' | 'FARGATE' | 'EXTERNAL';
  readonly capacityProviderStrategy?: readonly CapacityProviderStrategyItem[];
  readonly schedulingStrategy?: 'REPLICA' | 'DAEMON';
  readonly platformVersion?: string;
  /** awsvpc configuration; default the region's private subnets when the task definition is awsvpc. */
  readonly networkConfiguration?: {
    readonly subnets: readonly string[];
    readonly securityGroups?: readonly string[];
    readonly assignPublicIp?: 'ENABLED' | 'DISABLED';
  };
  readonly loadBalancers?: readonly {
    readonly targetGroupArn?: string;
    readonly loadBalancerName?: string;
    readonly containerName: string;
    readonly containerPort: number;
  }[];
  readonly placementConstraints?: readonly { readonly type: string; readonly expression?: string }[];
  readonly placementStrategy?: readonly { readonly type: string; readonly field?: string }[];
  /** EC2 instance ids to place tasks on, round-robin; default all instances of the capacity. */
  readonly placement?: readonly string[];
  readonly enableExecuteCommand?: boolean;
  readonly tags?: Tags;
}

export interface EcsStandaloneTaskSpec {
  readonly taskDefinition: string;
  readonly count?: number;
  readonly launchType?: 'EC2' | 'FARGATE' | 'EXTERNAL';
  readonly capacityProvider?: string;
  /** EC2 instance id to run on (EC2 launch type); default round-robin over the cluster's instances. */
  readonly ec2InstanceId?: string;
  readonly startedBy?: string;
  /** Default `family:<family>`. */
  readonly group?: string;
  readonly lastStatus?: 'RUNNING' | 'PENDING' | 'STOPPED';
  /** containerOverrides as RunTask received them (names, command, environment). */
  readonly overrides?: {
    readonly containerOverrides?: readonly {
      readonly name: string;
      readonly command?: readonly string[];
      readonly environment?: readonly { readonly name: string; readonly value: string }[];
    }[];
  };
  readonly networkConfiguration?: EcsServiceSpec['networkConfiguration'];
  readonly tags?: Tags;
}

// ---------------------------------------------------------------------------------------------
// EKS and Kubernetes

export interface EksRegionSpec {
  readonly clusters: readonly EksClusterSpec[];
}

export interface EksClusterSpec {
  readonly name: string;
  /** Kubernetes minor version, default 1.31. */
  readonly version?: string;
  readonly status?: 'ACTIVE' | 'CREATING' | 'UPDATING' | 'FAILED';
  readonly endpointPublicAccess?: boolean;
  readonly endpointPrivateAccess?: boolean;
  readonly publicAccessCidrs?: readonly string[];
  /** KMS key ARN for envelope encryption of Secrets; null or absent = not encrypted. */
  readonly secretsEncryptionKeyArn?: string | null;
  /** Control-plane log types enabled (api, audit, authenticator, controllerManager, scheduler). */
  readonly logging?: readonly string[];
  readonly authenticationMode?: 'API' | 'API_AND_CONFIG_MAP' | 'CONFIG_MAP';
  readonly tags?: Tags;
  readonly nodegroups?: readonly EksNodegroupSpec[];
  readonly fargateProfiles?: readonly EksFargateProfileSpec[];
  /** EKS Pod Identity associations: which service accounts get an IAM role that way. */
  readonly podIdentityAssociations?: readonly {
    readonly namespace: string;
    readonly serviceAccount: string;
  }[];
  /**
   * Kubernetes objects in their API wire shape (apiVersion, kind, metadata, spec). Controllers
   * without dependents get them generated like the real controllers would: a Deployment its
   * ReplicaSet and Pods, a StatefulSet its Pods and claims, a DaemonSet a Pod per EC2 node, a Job
   * its Pods, a CronJob its last Job. Pods without a node are scheduled: onto a Fargate node when a
   * profile selects them, else round-robin onto the node groups' nodes.
   */
  readonly objects?: readonly KubeObject[];
}

export interface EksNodegroupSpec {
  readonly name: string;
  readonly instanceTypes: readonly string[];
  readonly capacityType?: 'ON_DEMAND' | 'SPOT';
  readonly amiType?: string;
  readonly desiredSize: number;
  readonly minSize?: number;
  readonly maxSize?: number;
  readonly labels?: Tags;
  readonly taints?: readonly { readonly key: string; readonly value?: string; readonly effect: string }[];
  readonly tags?: Tags;
}

export interface EksFargateProfileSpec {
  readonly name: string;
  /** Namespace and label values may use `*` and `?` wildcards, as EKS allows. */
  readonly selectors: readonly { readonly namespace: string; readonly labels?: Tags }[];
  readonly subnets?: readonly string[];
  readonly podExecutionRoleArn?: string;
  readonly tags?: Tags;
}

export interface KubeOwnerReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
  readonly controller?: boolean;
  readonly blockOwnerDeletion?: boolean;
}

export interface KubeMetadata {
  readonly name: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly labels?: Tags;
  readonly annotations?: Tags;
  readonly ownerReferences?: readonly KubeOwnerReference[];
  readonly creationTimestamp?: string;
  readonly resourceVersion?: string;
  readonly generation?: number;
}

/** Any Kubernetes object as JSON. Fields beyond metadata (spec, status, provisioner...) are free. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: KubeMetadata;
  readonly spec?: JsonObject;
  readonly status?: JsonObject;
  readonly [field: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// EC2 instance type catalogue

export interface InstanceTypeSpec {
  readonly name: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly architecture: 'x86_64' | 'arm64';
  /** Pods per node with the VPC CNI (ENIs × (IPs per ENI − 1) + 2). */
  readonly maxPods: number;
  readonly gpus?: {
    readonly count: number;
    readonly name: string;
    readonly manufacturer: string;
    readonly memoryMiB: number;
  };
  readonly burstable?: boolean;
  readonly networkPerformance?: string;
}
