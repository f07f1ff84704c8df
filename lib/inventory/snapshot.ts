/**
 * The raw inventory a live scan collects, as one serializable document: per (account, region) the
 * ECS clusters with their services, tasks and container instances, the task definitions they use,
 * the EC2 instances and instance types behind them, and the EKS clusters with node groups, Fargate
 * profiles and Kubernetes objects; plus coverage gaps and call statistics.
 *
 * A saved snapshot replays through normalize → evaluate → price offline. Environment values,
 * command lines, log-option values and `last-applied-configuration` annotations are stripped before
 * anything is stored (see redact.ts), and again on save and on load.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { SnapshotError } from './errors.js';
import { redactInventory } from './redact.js';

/** Version of the snapshot shape; bump it when a field changes meaning or disappears. */
export const INVENTORY_VERSION = 1;

const tags = z.record(z.string(), z.string());
const nullableString = z.string().nullable();

const strategyItem = z.object({ capacityProvider: z.string(), weight: z.number(), base: z.number() });

/** A raw object read from an API (task definition, Kubernetes object), redacted, JSON-safe. */
const rawDocument = z.record(z.string(), z.unknown());

const kubernetesObject = z.looseObject({
  metadata: z.looseObject({ name: z.string(), namespace: z.string().optional() }),
});

const ecsServiceSchema = z.object({
  arn: z.string(),
  name: z.string(),
  clusterArn: z.string(),
  status: nullableString,
  taskDefinition: nullableString,
  launchType: nullableString,
  capacityProviderStrategy: z.array(strategyItem),
  platformVersion: nullableString,
  platformFamily: nullableString,
  schedulingStrategy: z.enum(['REPLICA', 'DAEMON']),
  desiredCount: z.number(),
  runningCount: z.number(),
  pendingCount: z.number(),
  networkConfiguration: z
    .object({
      subnets: z.number(),
      securityGroups: z.number(),
      assignPublicIp: z.enum(['ENABLED', 'DISABLED']).nullable(),
    })
    .nullable(),
  loadBalancers: z.array(
    z.object({
      targetGroupArn: nullableString,
      loadBalancerName: nullableString,
      containerName: nullableString,
      containerPort: z.number().nullable(),
    }),
  ),
  placementConstraints: z.number(),
  placementStrategies: z.number(),
  deploymentController: nullableString,
  tags,
});

const ecsTaskSchema = z.object({
  arn: z.string(),
  clusterArn: z.string(),
  taskDefinitionArn: z.string(),
  /** `service:<name>` for a service's tasks, `family:<family>` (or custom) for standalone ones. */
  group: nullableString,
  startedBy: nullableString,
  launchType: nullableString,
  capacityProviderName: nullableString,
  platformVersion: nullableString,
  lastStatus: nullableString,
  desiredStatus: nullableString,
  containerInstanceArn: nullableString,
  cpu: nullableString,
  memory: nullableString,
  availabilityZone: nullableString,
  tags,
});

const ecsContainerInstanceSchema = z.object({
  arn: z.string(),
  /** EC2 instance id, or an `mi-` managed-instance id for ECS Anywhere. */
  ec2InstanceId: nullableString,
  status: nullableString,
  capacityProviderName: nullableString,
  registeredCpu: z.number().nullable(),
  registeredMemoryMiB: z.number().nullable(),
  remainingCpu: z.number().nullable(),
  remainingMemoryMiB: z.number().nullable(),
  runningTasksCount: z.number(),
});

const ecsClusterSchema = z.object({
  arn: z.string(),
  name: z.string(),
  status: nullableString,
  /** The `containerInsights` cluster setting (`enabled`, `enhanced`, `disabled`), null when unset. */
  containerInsights: nullableString,
  capacityProviders: z.array(z.string()),
  defaultCapacityProviderStrategy: z.array(strategyItem),
  tags,
  services: z.array(ecsServiceSchema),
  tasks: z.array(ecsTaskSchema),
  containerInstances: z.array(ecsContainerInstanceSchema),
});

const ecsCapacityProviderSchema = z.object({
  arn: nullableString,
  name: z.string(),
  status: nullableString,
  /** FARGATE, FARGATE_SPOT, EC2_AUTOSCALING, MANAGED_INSTANCES; null when ECS did not say. */
  type: nullableString,
  autoScalingGroupArn: nullableString,
  managedTerminationProtection: nullableString,
});

const ec2InstanceSchema = z.object({
  instanceId: z.string(),
  instanceType: z.string(),
  /** `on-demand` when EC2 reports no lifecycle, else its `InstanceLifecycle` (spot, scheduled, capacity-block). */
  lifecycle: z.string(),
  state: nullableString,
  architecture: nullableString,
  platform: nullableString,
  availabilityZone: nullableString,
});

const instanceTypeSchema = z.object({
  instanceType: z.string(),
  vCpus: z.number(),
  memoryMiB: z.number(),
  architectures: z.array(z.string()),
});

const eksNodegroupSchema = z.object({
  name: z.string(),
  status: nullableString,
  capacityType: nullableString,
  instanceTypes: z.array(z.string()),
  amiType: nullableString,
  desiredSize: z.number().nullable(),
  labels: tags,
});

const fargateSelectorSchema = z.object({ namespace: z.string(), labels: tags });

const eksFargateProfileSchema = z.object({
  name: z.string(),
  status: nullableString,
  selectors: z.array(fargateSelectorSchema),
  subnets: z.array(z.string()),
});

const kubernetesObjectsSchema = z.object({
  pods: z.array(kubernetesObject),
  replicaSets: z.array(kubernetesObject),
  deployments: z.array(kubernetesObject),
  statefulSets: z.array(kubernetesObject),
  daemonSets: z.array(kubernetesObject),
  jobs: z.array(kubernetesObject),
  cronJobs: z.array(kubernetesObject),
  persistentVolumeClaims: z.array(kubernetesObject),
  persistentVolumes: z.array(kubernetesObject),
  storageClasses: z.array(kubernetesObject),
  nodes: z.array(kubernetesObject),
  services: z.array(kubernetesObject),
  networkPolicies: z.array(kubernetesObject),
  serviceAccounts: z.array(kubernetesObject),
});

const eksClusterSchema = z.object({
  name: z.string(),
  arn: nullableString,
  version: nullableString,
  platformVersion: nullableString,
  status: nullableString,
  /** The API server URL exactly as DescribeCluster returned it. */
  endpoint: nullableString,
  /** Base64 PEM of the cluster CA, as DescribeCluster returned it. */
  certificateAuthorityData: nullableString,
  endpointPublicAccess: z.boolean().nullable(),
  endpointPrivateAccess: z.boolean().nullable(),
  publicAccessCidrs: z.array(z.string()),
  /** KMS key that envelope-encrypts Kubernetes secrets, null when secrets encryption is off. */
  secretsEncryptionKeyArn: nullableString,
  enabledLogTypes: z.array(z.string()),
  /** Control plane on AWS Outposts. */
  onOutposts: z.boolean(),
  tags,
  /** Null when the node groups could not be read (a gap says why). */
  nodegroups: z.array(eksNodegroupSchema).nullable(),
  /** Null when the Fargate profiles could not be read: no profile match is then claimed either way. */
  fargateProfiles: z.array(eksFargateProfileSchema).nullable(),
  /** Service accounts used through EKS Pod Identity, as `namespace/name`; null when not readable. */
  podIdentityServiceAccounts: z.array(z.string()).nullable(),
  /** Null when the cluster's Kubernetes API could not be read (a gap says why). */
  kubernetes: kubernetesObjectsSchema.nullable(),
});

const eksVersionSchema = z.object({
  version: z.string(),
  /** STANDARD_SUPPORT, EXTENDED_SUPPORT, UNSUPPORTED, as DescribeClusterVersions reports it. */
  status: nullableString,
  endOfStandardSupport: nullableString,
  endOfExtendedSupport: nullableString,
});

const gapSchema = z.object({
  scope: z.string(),
  file: z.string().optional(),
  line: z.number().optional(),
  account: z.string().optional(),
  region: z.string().optional(),
  cluster: z.string().optional(),
  errorName: z.string(),
  message: z.string(),
});

const ecsInventorySchema = z.object({
  clusters: z.array(ecsClusterSchema),
  capacityProviders: z.array(ecsCapacityProviderSchema),
  /** Task definitions by ARN (deduplicated across services and tasks), redacted. */
  taskDefinitions: z.record(z.string(), rawDocument),
});

const ec2InventorySchema = z.object({
  instances: z.array(ec2InstanceSchema),
  instanceTypes: z.array(instanceTypeSchema),
});

const eksInventorySchema = z.object({
  clusters: z.array(eksClusterSchema),
  versions: z.array(eksVersionSchema),
});

const partitionSchema = z.object({
  account: z.string(),
  region: z.string(),
  /** Null when ECS could not be read in this account and region (a gap says why). */
  ecs: ecsInventorySchema.nullable(),
  ec2: ec2InventorySchema,
  /** Null when EKS could not be read in this account and region (a gap says why). */
  eks: eksInventorySchema.nullable(),
});

const callStatsSchema = z.object({
  calls: z.record(z.string(), z.number()),
  totalCalls: z.number(),
  throttles: z.number(),
  limiterWaitMs: z.number(),
});

/** Schema of a whole {@link Inventory}, as saved and loaded. */
export const inventorySchema = z.object({
  version: z.literal(INVENTORY_VERSION),
  collectedAt: z.string(),
  caller: z.object({ account: z.string(), arn: z.string() }).nullable(),
  accounts: z.array(z.string()),
  regions: z.array(z.string()),
  partitions: z.array(partitionSchema),
  gaps: z.array(gapSchema),
  stats: callStatsSchema,
});

/** Everything a scan collected, per (account, region), with its gaps and call statistics. */
export type Inventory = z.infer<typeof inventorySchema>;
/** What one (account, region) holds: ECS, the EC2 behind it, and EKS. */
export type AccountRegionInventory = z.infer<typeof partitionSchema>;
/** ECS clusters (with services, tasks, container instances), capacity providers and task definitions of a region. */
export type EcsInventory = z.infer<typeof ecsInventorySchema>;
/** EC2 instances behind container instances, and the instance types seen (vCPU, memory). */
export type Ec2Inventory = z.infer<typeof ec2InventorySchema>;
/** EKS clusters of a region and the support status of the versions they run. */
export type EksInventory = z.infer<typeof eksInventorySchema>;
/** An ECS cluster as DescribeClusters saw it, with what runs in it. */
export type EcsClusterRecord = z.infer<typeof ecsClusterSchema>;
/** An ECS service, reduced to the fields launch-type resolution and the rules need. */
export type EcsServiceRecord = z.infer<typeof ecsServiceSchema>;
/** A running (or pending) ECS task. */
export type EcsTaskRecord = z.infer<typeof ecsTaskSchema>;
/** An ECS container instance with its registered and remaining CPU and memory. */
export type EcsContainerInstanceRecord = z.infer<typeof ecsContainerInstanceSchema>;
/** An ECS capacity provider (Auto Scaling group, Managed Instances, Fargate). */
export type EcsCapacityProviderRecord = z.infer<typeof ecsCapacityProviderSchema>;
/** One entry of a capacity provider strategy. */
export type CapacityProviderStrategyItem = z.infer<typeof strategyItem>;
/** An EC2 instance: type, lifecycle (spot or on-demand) and placement. */
export type Ec2InstanceRecord = z.infer<typeof ec2InstanceSchema>;
/** An EC2 instance type: default vCPUs, memory and architectures. */
export type InstanceTypeRecord = z.infer<typeof instanceTypeSchema>;
/** An EKS cluster as DescribeCluster saw it, with node groups, Fargate profiles and Kubernetes objects. */
export type EksClusterRecord = z.infer<typeof eksClusterSchema>;
/** A managed node group: instance types and capacity type. */
export type EksNodegroupRecord = z.infer<typeof eksNodegroupSchema>;
/** A Fargate profile and its selectors. */
export type EksFargateProfileRecord = z.infer<typeof eksFargateProfileSchema>;
/** A Fargate profile selector: namespace and labels, wildcards allowed. */
export type FargateSelector = z.infer<typeof fargateSelectorSchema>;
/** The Kubernetes objects of a cluster, by kind, redacted and slimmed. */
export type KubernetesObjects = z.infer<typeof kubernetesObjectsSchema>;
/** One Kubernetes object as the API returns it (kind stamped), redacted. */
export type KubernetesObject = z.infer<typeof kubernetesObject>;
/** Support status of a Kubernetes version on EKS. */
export type EksVersionRecord = z.infer<typeof eksVersionSchema>;
/** An ECS task definition as DescribeTaskDefinition returned it, redacted and JSON-safe. */
export type TaskDefinitionDocument = z.infer<typeof rawDocument>;

/** Kinds of Kubernetes objects a scan lists, in the order it lists them. */
export const KUBERNETES_KINDS = Object.keys(kubernetesObjectsSchema.shape) as (keyof KubernetesObjects)[];

/** An empty Kubernetes object set (a cluster with nothing in it). */
export function emptyKubernetesObjects(): KubernetesObjects {
  return Object.fromEntries(KUBERNETES_KINDS.map((kind) => [kind, []])) as unknown as KubernetesObjects;
}

/**
 * Writes the inventory as JSON, atomically: to a temporary file in the same directory, then
 * renamed over the target, so a reader never sees half a snapshot. Redacts again on the way out.
 */
export async function saveInventory(file: string, inventory: Inventory): Promise<void> {
  const body = JSON.stringify(redactInventory(inventory));
  const temporary = join(
    dirname(file),
    `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, body, { encoding: 'utf8', mode: 0o600 });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new SnapshotError(`cannot write inventory snapshot ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Reads and validates a snapshot. Throws {@link SnapshotError} naming the file and the first
 * problems found when it is missing, not JSON, of another version, or not an inventory.
 */
export async function loadInventory(file: string): Promise<Inventory> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SnapshotError(`cannot read inventory snapshot ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseInventory(text, file);
}

/** Validates snapshot text (see {@link loadInventory}); `source` names it in errors. */
export function parseInventory(text: string, source: string): Inventory {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // V8's message quotes the text around the fault; a snapshot must never echo its content.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new SnapshotError(
      `inventory snapshot ${source} is not valid JSON${position ? ` (fault at character ${position})` : ''}`,
    );
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (version !== INVENTORY_VERSION) {
    throw new SnapshotError(
      `inventory snapshot ${source} has ${typeof version === 'number' ? `version ${version}` : 'no numeric version'}; this fargate-fit reads version ${INVENTORY_VERSION}`,
    );
  }
  const parsed = inventorySchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new SnapshotError(`inventory snapshot ${source} is not a valid inventory: ${problems}`);
  }
  return redactInventory(parsed.data);
}
