/**
 * Which rules a workload needs. Most rules look for one setting that most workloads do not have
 * (privileged, ulimits, a DaemonSet, ...). A rule that declares `firesOnlyWith` can find something
 * only in a workload that has one of those features; the engine reads a workload's features once
 * and does not call the rules it lacks. A wrong declaration would hide a finding and could report a
 * workload eligible, so: every feature is a superset of what its rules test (reading the same fields
 * more loosely), a workload of an unexpected shape has every feature (nothing is skipped), and a test
 * checks each declaration against every rule case, the fixtures and mixtures of them.
 */
import type { Container, Workload } from '../model/workload.js';
import { ecsRequirement, FITS_EVERY_OS, fargateSizeOf, isValidFargateSize } from '../sizing/fargate-size.js';
import { equalsLowerCase, equalsUpperCase } from './ecs/shared/letter-case.js';
import { isWindowsTask, osOf } from './ecs/shared/operating-system.js';
import type { Rule } from './rule.js';

/**
 * Features of an ECS workload, one bit each in this order (at most 30, so a set of them is a small
 * integer). Each says "some container" or "the task or its service" has the setting.
 */
const ECS_FEATURES = [
  /** privileged: true. */
  'privileged',
  /** linuxParameters.capabilities add or drop. */
  'capabilities',
  /** linuxParameters.devices. */
  'devices',
  /** linuxParameters maxSwap, swappiness, sharedMemorySize, tmpfs or initProcessEnabled. */
  'linuxParameters',
  /** links, hostname, extraHosts, dnsServers, dnsSearchDomains or disableNetworking. */
  'containerNetworking',
  /** dockerSecurityOptions or credential specs. */
  'securityOptions',
  /** resourceRequirements (GPU, InferenceAccelerator, NeuronDevice) or task inferenceAccelerators. */
  'resourceRequirements',
  /** ulimits. */
  'ulimits',
  /** healthCheck, dependsOn, environmentFiles, restartPolicy, startTimeout or stopTimeout. */
  'containerLifecycle',
  /** systemControls on the task or a container. */
  'systemControls',
  /** firelensConfiguration. */
  'firelens',
  /** A log driver other than awslogs with a stream prefix (the only setting with nothing to check). */
  'logDriver',
  /** A port mapping with a hostPort. */
  'hostPorts',
  /** More than one container. */
  'multipleContainers',
  /** Environment variables or secrets (names). */
  'environment',
  /** A Windows task by any sign: the workload's os, operatingSystemFamily, images or host paths. */
  'windows',
  /** cpuArchitecture ARM64. */
  'arm64',
  /** ephemeralStorage. */
  'ephemeralStorage',
  /** pidMode or ipcMode. */
  'pidIpc',
  /** proxyConfiguration. */
  'proxyConfiguration',
  /** Placement constraints of the task or service, a placement strategy, or DAEMON scheduling. */
  'placement',
  /** A platform version pinned by the service or the run configuration. */
  'platformPin',
  /** Load balancers of the service: classic, target groups or their target types. */
  'loadBalancers',
  /** assignPublicIp. */
  'publicIp',
  /** FARGATE_SPOT as launch type or capacity provider. */
  'spot',
  /** A capacity provider strategy. */
  'capacityProviders',
  /** Any volume. */
  'volumes',
  /** networkMode host. */
  'hostNetworkMode',
  /** Registered cpu and memory that are not a valid pair for the OS, or a need above 4 vCPU or 30 GB. */
  'sizeConcern',
] as const;

/** Features of an EKS workload, one bit each in this order (at most 30). */
const EKS_FEATURES = [
  /** privileged: true. */
  'privileged',
  /** capabilities.add. */
  'capabilities',
  /** allowPrivilegeEscalation: true. */
  'privilegeEscalation',
  /** hostNetwork. */
  'hostNetwork',
  /** hostPID or hostIPC. */
  'hostPidIpc',
  /** A port with hostPort or hostIP. */
  'hostPorts',
  /** Any volume. */
  'volumes',
  /** A DaemonSet, by kind, owner or scheduling. */
  'daemonSet',
  /** A Job or CronJob, by kind or owner. */
  'job',
  /** Cluster facts that block: an alternate CNI, VPC DNS off, an edge location, public profile subnets. */
  'clusterConcerns',
  /** nodeSelector entries or required node affinity. */
  'nodeSelection',
  /** A Windows pod. */
  'windows',
  /** A placement on a Spot instance. */
  'spotPlacement',
  /** The compute-type annotation or node selector. */
  'computeType',
  /** Services that expose the pod. */
  'services',
  /** NetworkPolicies that select the pod. */
  'networkPolicies',
  /** An EKS Pod Identity association. */
  'podIdentity',
  /** sysctls. */
  'sysctls',
  /** Extended resources (nvidia.com/gpu, ...). */
  'extendedResources',
  /** An ephemeral-storage request or limit. */
  'ephemeralStorage',
  /** The eks.amazonaws.com/fargate-profile label. */
  'profileLabel',
  /** A GovCloud region. */
  'govCloud',
  /** Any annotation on the pod template. */
  'annotations',
  /** Environment variables or secrets (names). */
  'environment',
  /** A pod larger than any Fargate size. */
  'sizeConcern',
] as const;

export type EcsFeature = (typeof ECS_FEATURES)[number];
export type EksFeature = (typeof EKS_FEATURES)[number];
export type WorkloadFeature = EcsFeature | EksFeature;

/** Every feature at once: what a workload of an unexpected shape has, so that no rule is skipped. */
const EVERY_FEATURE = (1 << 30) - 1;

const bitOf = (names: readonly string[], name: string): number => {
  const index = names.indexOf(name);
  return index < 0 ? 0 : 1 << index;
};

/** Each feature's bit, looked up by name once. */
function bitsOf<F extends string>(names: readonly F[]): Readonly<Record<F, number>> {
  const bits = {} as Record<F, number>;
  for (const name of names) bits[name] = bitOf(names, name);
  return Object.freeze(bits);
}
const ECS = bitsOf(ECS_FEATURES);
const STREAM_PREFIX = 'awslogs-stream-prefix';
const EKS = bitsOf(EKS_FEATURES);

/** The feature names of a scope, for the catalogue test. */
export function featureNames(scope: Workload['scope']): readonly string[] {
  return scope === 'ecs' ? ECS_FEATURES : EKS_FEATURES;
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
  if (d.logDriver && !(equalsLowerCase(d.logDriver, 'awslogs') && d.logOptionNames.includes(STREAM_PREFIX)))
    bits |= ECS.logDriver;
  for (const p of c.ports) {
    if (p.hostPort !== null) bits |= ECS.hostPorts;
  }
  if (c.envNames.length > 0 || c.secretEnvNames.length > 0) bits |= ECS.environment;
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
 * its figures: a registered pair that is not valid for the OS, or a need that might not fit the OS.
 */
function ecsSizeConcern(workload: Workload, task: NonNullable<Workload['ecs']>): boolean {
  if (
    task.cpuUnits !== null &&
    task.memoryMiB !== null &&
    !isValidFargateSize(task.cpuUnits, task.memoryMiB, osOf(workload))
  )
    return true;
  const need = ecsRequirement(workload);
  return !(need.cpuUnits <= FITS_EVERY_OS.cpu && need.memoryMiB <= FITS_EVERY_OS.memoryMiB);
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
  return bits;
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
  const names = featureNames(rule.scope);
  let mask = 0;
  for (const name of wanted) {
    const bit = bitOf(names, name);
    if (bit === 0) return null;
    mask |= bit;
  }
  return mask;
}

/** The rules of a catalogue, by the set of features of a workload (per scope): computed once each. */
const plansByCatalogue = new WeakMap<
  readonly Rule[],
  { ecs: Map<number, Rule[]>; eks: Map<number, Rule[]> }
>();

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
  let plans = plansByCatalogue.get(rules);
  if (plans === undefined) {
    plans = { ecs: new Map(), eks: new Map() };
    plansByCatalogue.set(rules, plans);
  }
  const byFeatures = plans[scope];
  const known = byFeatures.get(features);
  if (known !== undefined) return known;
  const plan: Rule[] = [];
  for (const rule of rules) {
    if (rule.scope !== scope) continue;
    const mask = featureMaskOf(rule);
    if (mask === null || (mask & features) !== 0) plan.push(rule);
  }
  if (byFeatures.size >= MAX_PLANS) byFeatures.clear();
  byFeatures.set(features, plan);
  return plan;
}
