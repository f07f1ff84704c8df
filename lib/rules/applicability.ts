/**
 * Which rules a workload needs. Most rules look for one setting that most workloads do not have
 * (privileged, ulimits, a DaemonSet, ...). A rule that declares `firesOnlyWith` can find something
 * only in a workload that has one of those features; the engine reads a workload's features once
 * and does not call the rules it lacks. A wrong declaration would hide a finding and could report a
 * workload eligible, so: every feature is a superset of what its rules test (reading the same fields
 * more loosely), a workload of an unexpected shape has every feature (nothing is skipped), and a test
 * checks each declaration against every rule case, the fixtures and mixtures of them.
 */
import { BoundedCache } from '../model/bounded-cache.js';
import type { Container, Workload } from '../model/workload.js';
import { ecsRequirement, FITS_EVERY_OS, fargateSizeOf, isValidFargateSize } from '../sizing/fargate-size.js';
import { isEcsControlCredentialName } from './compliance/credential-env-names.js';
import { containersExceedTask } from './ecs/shared/container-reservations.js';
import { mayHintArchitecture, nameAndTag } from './ecs/shared/image-reference.js';
import { equalsLowerCase, equalsUpperCase } from './ecs/shared/letter-case.js';
import { isWindowsTask, osOf } from './ecs/shared/operating-system.js';
import { isImdsEnvName, NODE_IMDS_ROLE_ANNOTATION } from './eks/shared/imds.js';
import type { Rule } from './rule.js';

/**
 * Features of an ECS workload and their bits: at most 30 bits, so that a set of them is a small
 * integer. Each says "some container" or "the task or its service" has the setting. Written as one
 * literal so that reading a bit is a constant load (an object built key by key is a dictionary).
 */
const ECS = Object.freeze({
  /** privileged: true. */
  privileged: 1 << 0,
  /** linuxParameters.capabilities add or drop. */
  capabilities: 1 << 1,
  /** linuxParameters.devices. */
  devices: 1 << 2,
  /** linuxParameters maxSwap, swappiness, sharedMemorySize, tmpfs or initProcessEnabled. */
  linuxParameters: 1 << 3,
  /** links, hostname, extraHosts, dnsServers, dnsSearchDomains or disableNetworking. */
  containerNetworking: 1 << 4,
  /** dockerSecurityOptions or credential specs. */
  securityOptions: 1 << 5,
  /** resourceRequirements (GPU, InferenceAccelerator, NeuronDevice) or task inferenceAccelerators. */
  resourceRequirements: 1 << 6,
  /** ulimits. */
  ulimits: 1 << 7,
  /** healthCheck, dependsOn, environmentFiles, restartPolicy, startTimeout or stopTimeout. */
  containerLifecycle: 1 << 8,
  /** systemControls on the task or a container. */
  systemControls: 1 << 9,
  /** firelensConfiguration. */
  firelens: 1 << 10,
  /** No log driver, or one other than awslogs with a stream prefix (the only setting with nothing to check). */
  logDriver: 1 << 11,
  /** A port mapping with a hostPort. */
  hostPorts: 1 << 12,
  /** More than one container. */
  multipleContainers: 1 << 13,
  /** A plain environment variable with a Security Hub ECS.8 credential name. */
  controlCredentialNames: 1 << 14,
  /** A Windows task by any sign: the workload's os, operatingSystemFamily, images or host paths. */
  windows: 1 << 15,
  /** cpuArchitecture ARM64. */
  arm64: 1 << 16,
  /** ephemeralStorage. */
  ephemeralStorage: 1 << 17,
  /** pidMode or ipcMode. */
  pidIpc: 1 << 18,
  /** proxyConfiguration. */
  proxyConfiguration: 1 << 19,
  /** Placement constraints of the task or service, a placement strategy, or DAEMON scheduling. */
  placement: 1 << 20,
  /** A platform version pinned by the service or the run configuration. */
  platformPin: 1 << 21,
  /** Load balancers of the service: classic, target groups or their target types. */
  loadBalancers: 1 << 22,
  /** assignPublicIp. */
  publicIp: 1 << 23,
  /** FARGATE_SPOT as launch type or capacity provider. */
  spot: 1 << 24,
  /** A capacity provider strategy. */
  capacityProviders: 1 << 25,
  /** Any volume. */
  volumes: 1 << 26,
  /** networkMode host. */
  hostNetworkMode: 1 << 27,
  /**
   * Registered cpu and memory that are not a valid pair for the OS, a need above 4 vCPU or 30 GB, or
   * containers that reserve more than the task.
   */
  sizeConcern: 1 << 28,
  /** An image name and tag that may name a CPU architecture. */
  architectureHint: 1 << 29,
});

/** Features of an EKS workload and their bits (at most 30), as {@link ECS}. */
const EKS = Object.freeze({
  /** privileged: true. */
  privileged: 1 << 0,
  /** capabilities.add. */
  capabilities: 1 << 1,
  /** allowPrivilegeEscalation: true. */
  privilegeEscalation: 1 << 2,
  /** hostNetwork. */
  hostNetwork: 1 << 3,
  /** hostPID or hostIPC. */
  hostPidIpc: 1 << 4,
  /** A port with hostPort or hostIP. */
  hostPorts: 1 << 5,
  /** Any volume. */
  volumes: 1 << 6,
  /** A DaemonSet, by kind, owner or scheduling. */
  daemonSet: 1 << 7,
  /** A Job or CronJob, by kind or owner. */
  job: 1 << 8,
  /** Cluster facts that block: an alternate CNI, VPC DNS off, an edge location, public profile subnets. */
  clusterConcerns: 1 << 9,
  /** nodeSelector entries or required node affinity. */
  nodeSelection: 1 << 10,
  /** A Windows pod. */
  windows: 1 << 11,
  /** A placement on a Spot instance. */
  spotPlacement: 1 << 12,
  /** The compute-type annotation or node selector. */
  computeType: 1 << 13,
  /** Services that expose the pod. */
  services: 1 << 14,
  /** NetworkPolicies that select the pod. */
  networkPolicies: 1 << 15,
  /** An EKS Pod Identity association. */
  podIdentity: 1 << 16,
  /** sysctls. */
  sysctls: 1 << 17,
  /** Extended resources (nvidia.com/gpu, ...). */
  extendedResources: 1 << 18,
  /** An ephemeral-storage request or limit. */
  ephemeralStorage: 1 << 19,
  /** The eks.amazonaws.com/fargate-profile label. */
  profileLabel: 1 << 20,
  /** A GovCloud region. */
  govCloud: 1 << 21,
  /** Any annotation on the pod template. */
  annotations: 1 << 22,
  /** Environment variables or secrets (names). */
  environment: 1 << 23,
  /** A pod larger than any Fargate size. */
  sizeConcern: 1 << 24,
  /** A container whose cpu or memory limit is unset or differs from its request. */
  resourceGaps: 1 << 25,
  /** The kube2iam/kiam role annotation, or an environment variable that configures IMDS. */
  imdsSettings: 1 << 26,
});

export type EcsFeature = keyof typeof ECS;
export type EksFeature = keyof typeof EKS;
export type WorkloadFeature = EcsFeature | EksFeature;

/** Every feature at once: what a workload of an unexpected shape has, so that no rule is skipped. */
const EVERY_FEATURE = (1 << 30) - 1;

const STREAM_PREFIX = 'awslogs-stream-prefix';

/** A scope's features by name: their bits. */
const bitsOfScope = (scope: Workload['scope']): Readonly<Record<string, number>> =>
  scope === 'ecs' ? ECS : EKS;

/** The feature names of a scope, for the catalogue test. */
export function featureNames(scope: Workload['scope']): readonly string[] {
  return Object.keys(bitsOfScope(scope));
}

/**
 * The features of a workload, as bits of its scope's list. A workload whose shape the scan does not
 * produce (no task or pod detail, a container without its ECS or Kubernetes part) or whose reading
 * throws has every feature: every rule runs and reports what it makes of it.
 */
export function featuresOf(workload: Workload): number {
  try {
    return workload.scope === 'ecs' ? ecsFeaturesOf(workload) : eksFeaturesOf(workload);
  } catch {
    return EVERY_FEATURE;
  }
}

/** The container-level ECS features of one container. */
function ecsContainerFeatures(c: Container): number {
  const d = c.ecs;
  if (d === null || d === undefined) return EVERY_FEATURE;
  let bits = 0;
  if (c.privileged) bits |= ECS.privileged;
  if (c.capabilitiesAdd.length > 0 || c.capabilitiesDrop.length > 0) bits |= ECS.capabilities;
  if (c.devices.length > 0) bits |= ECS.devices;
  if (
    d.maxSwap != null ||
    d.swappiness != null ||
    d.sharedMemorySize != null ||
    (d.tmpfs != null && d.tmpfs !== 0) ||
    d.initProcessEnabled
  )
    bits |= ECS.linuxParameters;
  if (
    d.links.length > 0 ||
    d.hostname ||
    (d.extraHosts != null && d.extraHosts !== 0) ||
    (d.dnsServers != null && d.dnsServers !== 0) ||
    (d.dnsSearchDomains != null && d.dnsSearchDomains !== 0) ||
    d.disableNetworking
  )
    bits |= ECS.containerNetworking;
  if (d.dockerSecurityOptions.length > 0 || d.credentialSpecKinds.length > 0) bits |= ECS.securityOptions;
  if (d.resourceRequirements.length > 0) bits |= ECS.resourceRequirements;
  if (d.ulimits.length > 0) bits |= ECS.ulimits;
  if (
    d.hasHealthCheck ||
    d.hasDependsOn ||
    d.hasEnvironmentFiles ||
    d.hasRestartPolicy ||
    d.startTimeout != null ||
    d.stopTimeout != null
  )
    bits |= ECS.containerLifecycle;
  if (d.systemControls.length > 0) bits |= ECS.systemControls;
  if (d.firelens != null) bits |= ECS.firelens;
  if (!(d.logDriver && equalsLowerCase(d.logDriver, 'awslogs') && d.logOptionNames.includes(STREAM_PREFIX)))
    bits |= ECS.logDriver;
  for (const p of c.ports) {
    if (p.hostPort !== null) bits |= ECS.hostPorts;
  }
  for (const name of c.envNames) {
    if (isEcsControlCredentialName(name)) bits |= ECS.controlCredentialNames;
  }
  if (c.image && mayHintArchitecture(nameAndTag(c.image))) bits |= ECS.architectureHint;
  return bits;
}

function ecsFeaturesOf(workload: Workload): number {
  const task = workload.ecs;
  if (task === null || task === undefined) return EVERY_FEATURE;
  let bits = 0;
  for (const c of workload.containers) bits |= ecsContainerFeatures(c);
  if (workload.containers.length > 1) bits |= ECS.multipleContainers;
  if (task.inferenceAccelerators !== 0) bits |= ECS.resourceRequirements;
  if (task.systemControls.length > 0) bits |= ECS.systemControls;
  if (workload.os === 'windows' || isWindowsTask(workload)) bits |= ECS.windows;
  if (task.cpuArchitecture != null && equalsUpperCase(task.cpuArchitecture, 'ARM64')) bits |= ECS.arm64;
  if (task.ephemeralStorageGiB != null) bits |= ECS.ephemeralStorage;
  if (task.pidMode != null || task.ipcMode != null) bits |= ECS.pidIpc;
  if (task.proxyConfigurationType != null) bits |= ECS.proxyConfiguration;
  if (task.placementConstraints !== 0) bits |= ECS.placement;
  if (task.platformVersion != null) bits |= ECS.platformPin;
  if (workload.launchType === 'FARGATE_SPOT') bits |= ECS.spot;
  if (workload.volumes.length > 0) bits |= ECS.volumes;
  if (task.networkMode === 'host') bits |= ECS.hostNetworkMode;
  if (ecsSizeConcern(workload, task)) bits |= ECS.sizeConcern;
  const service = task.service;
  if (service !== null) bits |= ecsServiceFeatures(service);
  return bits;
}

/**
 * Sizing is already done when the rules run (it is remembered for the last workload), so these read
 * its figures: a registered pair that is not valid for the OS, or a need that might not fit the OS;
 * then the containers' own reservations against the task's.
 */
function ecsSizeConcern(workload: Workload, task: NonNullable<Workload['ecs']>): boolean {
  if (
    task.cpuUnits !== null &&
    task.memoryMiB !== null &&
    !isValidFargateSize(task.cpuUnits, task.memoryMiB, osOf(workload))
  )
    return true;
  const need = ecsRequirement(workload);
  if (!(need.cpuUnits <= FITS_EVERY_OS.cpu && need.memoryMiB <= FITS_EVERY_OS.memoryMiB)) return true;
  return containersExceedTask(workload.containers, task.cpuUnits, task.memoryMiB);
}

function ecsServiceFeatures(service: NonNullable<NonNullable<Workload['ecs']>['service']>): number {
  let bits = 0;
  if (service.placementConstraints !== 0 || service.placementStrategies !== 0) bits |= ECS.placement;
  if (service.platformVersion != null) bits |= ECS.platformPin;
  if (
    service.classicLoadBalancers !== 0 ||
    service.targetGroupArns.length > 0 ||
    service.targetTypes.length > 0
  )
    bits |= ECS.loadBalancers;
  if (service.schedulingStrategy === 'DAEMON') bits |= ECS.placement;
  if (service.assignPublicIp) bits |= ECS.publicIp;
  if (service.capacityProviders.length > 0) bits |= ECS.capacityProviders;
  if (service.launchType != null && equalsUpperCase(service.launchType, 'FARGATE_SPOT')) bits |= ECS.spot;
  for (const provider of service.capacityProviders) {
    if (equalsUpperCase(provider, 'FARGATE_SPOT')) bits |= ECS.spot;
  }
  return bits;
}

// Read by the compute-type and profile-pin rules as well.
const COMPUTE_TYPE = 'eks.amazonaws.com/compute-type';
const PROFILE_LABEL = 'eks.amazonaws.com/fargate-profile';

function hasOwnKey(record: Readonly<Record<string, unknown>>): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

/** The container-level EKS features of one container. */
function eksContainerFeatures(c: Container): number {
  const k = c.k8s;
  if (k === null || k === undefined) return EVERY_FEATURE;
  let bits = 0;
  if (c.privileged) bits |= EKS.privileged;
  if (c.capabilitiesAdd.length > 0) bits |= EKS.capabilities;
  if (c.allowPrivilegeEscalation === true) bits |= EKS.privilegeEscalation;
  for (const p of c.ports) {
    if (p.hostPort !== null || p.hostIP !== null) bits |= EKS.hostPorts;
  }
  if (hasOwnKey(k.extendedResources)) bits |= EKS.extendedResources;
  if (k.ephemeralStorageRequestMiB != null || k.ephemeralStorageLimitMiB != null)
    bits |= EKS.ephemeralStorage;
  if (c.envNames.length > 0 || c.secretEnvNames.length > 0) bits |= EKS.environment;
  if (
    c.cpuLimitMillis === null ||
    c.memoryLimitMiB === null ||
    c.cpuRequestMillis !== c.cpuLimitMillis ||
    c.memoryRequestMiB !== c.memoryLimitMiB
  )
    bits |= EKS.resourceGaps;
  if (hasImdsEnvName(c.envNames) || hasImdsEnvName(c.secretEnvNames)) bits |= EKS.imdsSettings;
  return bits;
}

function hasImdsEnvName(names: readonly string[]): boolean {
  for (const name of names) if (isImdsEnvName(name)) return true;
  return false;
}

function eksFeaturesOf(workload: Workload): number {
  const pod = workload.eks;
  if (pod === null || pod === undefined) return EVERY_FEATURE;
  let bits = 0;
  for (const c of workload.containers) bits |= eksContainerFeatures(c);
  if (workload.hostNetwork) bits |= EKS.hostNetwork;
  if (workload.hostPID || workload.hostIPC) bits |= EKS.hostPidIpc;
  if (workload.volumes.length > 0) bits |= EKS.volumes;
  if (
    workload.kind === 'DaemonSet' ||
    workload.ownerKind === 'DaemonSet' ||
    workload.schedulingKind === 'daemon'
  )
    bits |= EKS.daemonSet;
  if (workload.kind === 'Job' || workload.kind === 'CronJob' || workload.ownerKind === 'Job') bits |= EKS.job;
  const cluster = pod.clusterContext;
  if (
    cluster != null &&
    (cluster.alternateCni !== null ||
      cluster.vpcDnsEnabled === false ||
      cluster.location !== 'region' ||
      cluster.publicProfileSubnets.length > 0)
  )
    bits |= EKS.clusterConcerns;
  if (workload.nodeAffinity.length > 0 || hasOwnKey(workload.nodeSelector)) bits |= EKS.nodeSelection;
  if (workload.os === 'windows') bits |= EKS.windows;
  for (const p of workload.placements) {
    if (p.capacityType === 'spot') bits |= EKS.spotPlacement;
  }
  if (
    pod.computeType != null ||
    workload.annotations[COMPUTE_TYPE] !== undefined ||
    workload.nodeSelector[COMPUTE_TYPE] !== undefined
  )
    bits |= EKS.computeType;
  if (pod.services.length > 0) bits |= EKS.services;
  if (pod.networkPolicies.length > 0) bits |= EKS.networkPolicies;
  if (pod.usesPodIdentity === true) bits |= EKS.podIdentity;
  if (pod.sysctls.length > 0) bits |= EKS.sysctls;
  if (workload.labels[PROFILE_LABEL] !== undefined) bits |= EKS.profileLabel;
  if (workload.region?.startsWith('us-gov-')) bits |= EKS.govCloud;
  if (hasOwnKey(workload.annotations)) bits |= EKS.annotations;
  if (workload.annotations[NODE_IMDS_ROLE_ANNOTATION] !== undefined) bits |= EKS.imdsSettings;
  const sized = fargateSizeOf(workload);
  if (sized.size === null && sized.noSizeReason === undefined) bits |= EKS.sizeConcern;
  return bits;
}

/**
 * The features a rule needs, as bits of its scope's list; null when the rule runs for every
 * workload: it declares nothing, an empty list, or a name its scope does not know (a mistake the
 * catalogue test reports, answered on the safe side).
 */
export function featureMaskOf(rule: Rule): number | null {
  const wanted = rule.firesOnlyWith;
  if (wanted === undefined || wanted.length === 0) return null;
  const bits = bitsOfScope(rule.scope);
  let mask = 0;
  for (const name of wanted) {
    if (!Object.hasOwn(bits, name)) return null;
    mask |= bits[name]!;
  }
  return mask;
}

/** The rules of a catalogue, by the set of features of a workload (per scope): computed once each. */
const plansByCatalogue = new WeakMap<readonly Rule[], ScopePlans>();

/** One scope's plans of a catalogue, by feature set. */
type ScopePlans = { readonly ecs: BoundedCache<number, Rule[]>; readonly eks: BoundedCache<number, Rule[]> };

/** A workload rarely has an unusual mix; this many plans per scope are kept before starting over. */
const MAX_PLANS = 4096;

/**
 * The rules of `rules` that can find something in a workload of `scope` with `features`, in
 * catalogue order. Remembered per catalogue and feature set: most workloads share a few sets.
 */
export function rulesFor(
  rules: readonly Rule[],
  scope: Workload['scope'],
  features: number,
): readonly Rule[] {
  const plans = plansByCatalogue.get(rules) ?? newPlans(rules);
  return plans[scope].get(features) ?? plans[scope].set(features, newPlan(rules, scope, features));
}

/** The first workload of a catalogue: kept apart, like {@link newPlan}, from the look-up above. */
function newPlans(rules: readonly Rule[]): ScopePlans {
  const plans = {
    ecs: new BoundedCache<number, Rule[]>(MAX_PLANS),
    eks: new BoundedCache<number, Rule[]>(MAX_PLANS),
  };
  plansByCatalogue.set(rules, plans);
  return plans;
}

/** The rules for a feature set not seen before. */
function newPlan(rules: readonly Rule[], scope: Workload['scope'], features: number): Rule[] {
  const plan: Rule[] = [];
  for (const rule of rules) {
    if (rule.scope !== scope) continue;
    const mask = featureMaskOf(rule);
    if (mask === null || (mask & features) !== 0) plan.push(rule);
  }
  return plan;
}
