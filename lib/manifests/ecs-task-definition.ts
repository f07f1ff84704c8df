/**
 * Pure normalizer from an ECS task definition (as registered, as `aws ecs describe-task-definition`
 * prints it, or as the SDK's DescribeTaskDefinition returns it) to the {@link Workload} model.
 *
 * Environment values, secret references and log option values are dropped here: only names reach
 * the model, so nothing downstream can leak them.
 */
import type {
  Container,
  EcsContainerDetail,
  EcsTaskDetail,
  PortMapping,
  Volume,
  VolumeMount,
  Workload,
} from '../model/workload.js';
import { isWindowsHostPath, isWindowsImage } from '../rules/ecs/shared/windows-signals.js';
import { type FieldPathSegment, ManifestError } from './errors.js';
import type { WorkloadIdentity } from './identity.js';
import {
  isRecord,
  optionalArray,
  optionalBoolean,
  optionalNumber,
  optionalRecord,
  optionalString,
  ownEntry,
  type RawRecord,
  recordsOf,
  requiredArray,
  stringList,
} from './raw-fields.js';

type Path = readonly FieldPathSegment[];

const SIZE_TEXT = /^(\d+(?:\.\d*)?|\.\d+)\s*([a-z]*)$/i;

function parseSize(
  value: unknown,
  path: Path,
  unitFactors: Readonly<Record<string, number>>,
  what: string,
): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return Math.ceil(value);
    throw new ManifestError(`${what} must be a non-negative number`, path);
  }
  if (typeof value !== 'string') throw new ManifestError(`${what} must be a number or a string`, path);
  const text = value.trim();
  if (text === '') return null;
  const match = SIZE_TEXT.exec(text);
  const factor = match ? ownEntry(unitFactors, (match[2] ?? '').toLowerCase()) : undefined;
  if (!match || factor === undefined) {
    throw new ManifestError(`${what} "${text.slice(0, 40)}" is not a size ECS accepts`, path);
  }
  // ECS stores whole units; rounding up never sizes a task below what was asked for.
  return Math.ceil(Number(match[1]) * factor);
}

/**
 * ECS CPU units (1024 = 1 vCPU) from a task or container `cpu` value: `512`, `"512"`,
 * `"1 vCPU"`, `".25 vcpu"`. Null when unset; throws {@link ManifestError} on anything else.
 */
export function parseEcsCpu(value: unknown, path: Path = ['cpu']): number | null {
  return parseSize(value, path, { '': 1, vcpu: 1024, vcpus: 1024 }, 'cpu');
}

/**
 * Memory in MiB from a task or container `memory` value: `2048`, `"2048"`, `"2 GB"`, `".5 GB"`.
 * A GB is 1024 MiB, the conversion ECS applies at registration. Null when unset.
 */
export function parseEcsMemory(value: unknown, path: Path = ['memory']): number | null {
  return parseSize(value, path, { '': 1, mb: 1, mib: 1, gb: 1024, gib: 1024 }, 'memory');
}

/**
 * The task definition inside the `{"taskDefinition": {...}}` wrapper that
 * `aws ecs describe-task-definition` prints, or the value itself when it is not wrapped.
 * Returns the path prefix to report errors under.
 */
export function unwrapTaskDefinition(raw: unknown): { taskDefinition: RawRecord; pathPrefix: Path } {
  if (!isRecord(raw)) throw new ManifestError('a task definition must be a JSON object');
  if (raw.containerDefinitions === undefined && isRecord(raw.taskDefinition)) {
    return { taskDefinition: raw.taskDefinition, pathPrefix: ['taskDefinition'] };
  }
  return { taskDefinition: raw, pathPrefix: [] };
}

/** True when a parsed document has the shape of an ECS task definition (wrapped or not). */
export function looksLikeTaskDefinition(raw: unknown): boolean {
  if (!isRecord(raw)) return false;
  if (raw.containerDefinitions !== undefined) return true;
  return isRecord(raw.taskDefinition) && raw.taskDefinition.containerDefinitions !== undefined;
}

function namesOf(entries: readonly RawRecord[], path: Path, key = 'name'): string[] {
  const names: string[] = [];
  entries.forEach((entry, index) => {
    const name = optionalString(entry[key], [...path, index, key]);
    if (name !== null) names.push(name);
  });
  return names;
}

/** `ulimits` as `name=soft:hard`, the form the ulimit rules read. */
function ulimitsOf(container: RawRecord, path: Path): string[] {
  return recordsOf(container.ulimits, [...path, 'ulimits']).flatMap((entry, index) => {
    const at = [...path, 'ulimits', index];
    const name = optionalString(entry.name, [...at, 'name']);
    if (name === null) return [];
    const soft = optionalNumber(entry.softLimit, [...at, 'softLimit']);
    const hard = optionalNumber(entry.hardLimit, [...at, 'hardLimit']);
    return [`${name}=${soft ?? ''}:${hard ?? ''}`];
  });
}

function ecsPorts(container: RawRecord, path: Path): PortMapping[] {
  return recordsOf(container.portMappings, [...path, 'portMappings']).map((mapping, index) => {
    const at = [...path, 'portMappings', index];
    return {
      containerPort: optionalNumber(mapping.containerPort, [...at, 'containerPort']),
      hostPort: optionalNumber(mapping.hostPort, [...at, 'hostPort']),
      hostIP: null,
      protocol: optionalString(mapping.protocol, [...at, 'protocol']) ?? 'tcp',
    };
  });
}

function ecsMounts(container: RawRecord, path: Path): VolumeMount[] {
  const mounts: VolumeMount[] = [];
  recordsOf(container.mountPoints, [...path, 'mountPoints']).forEach((mount, index) => {
    const at = [...path, 'mountPoints', index];
    const volume = optionalString(mount.sourceVolume, [...at, 'sourceVolume']);
    const mountPath = optionalString(mount.containerPath, [...at, 'containerPath']);
    if (volume === null && mountPath === null) return;
    mounts.push({
      volume: volume ?? '',
      path: mountPath ?? '',
      readOnly: optionalBoolean(mount.readOnly, [...at, 'readOnly']) ?? false,
    });
  });
  return mounts;
}

type CredentialSpecKind = 'credentialspec' | 'credentialspecdomainless';

function credentialSpecKindOf(option: string): CredentialSpecKind | null {
  const lower = option.toLowerCase();
  if (lower.startsWith('credentialspecdomainless:')) return 'credentialspecdomainless';
  if (lower.startsWith('credentialspec:')) return 'credentialspec';
  return null;
}

/**
 * Reduces a docker security option to what the rules need. Profiles of `apparmor:` and
 * `label:` options are short names and kept; a `credentialspec:` argument is an ARN or a file
 * path and is cut off; anything else keeps only its key, since its argument may be a path.
 */
function securityOptionKind(option: string): string {
  const credentialKind = credentialSpecKindOf(option);
  if (credentialKind !== null) return `${credentialKind}:`;
  const lower = option.toLowerCase();
  if (lower === 'no-new-privileges' || lower.startsWith('no-new-privileges')) return 'no-new-privileges';
  if (lower.startsWith('apparmor:') || lower.startsWith('label:')) return option;
  const separator = option.search(/[:=]/);
  return separator === -1 ? option : option.slice(0, separator);
}

function ecsContainerDetail(container: RawRecord, linux: RawRecord | null, path: Path): EcsContainerDetail {
  const log = optionalRecord(container.logConfiguration, [...path, 'logConfiguration']);
  const logOptions = log ? optionalRecord(log.options, [...path, 'logConfiguration', 'options']) : null;
  const firelens = optionalRecord(container.firelensConfiguration, [...path, 'firelensConfiguration']);
  const firelensOptions = firelens
    ? optionalRecord(firelens.options, [...path, 'firelensConfiguration', 'options'])
    : null;
  const securityOptions = stringList(container.dockerSecurityOptions, [...path, 'dockerSecurityOptions']);
  const credentialSpecKinds = new Set<CredentialSpecKind>();
  for (const option of [
    ...securityOptions,
    ...stringList(container.credentialSpecs, [...path, 'credentialSpecs']),
  ]) {
    const kind = credentialSpecKindOf(option);
    if (kind !== null) credentialSpecKinds.add(kind);
  }
  const linuxPath = [...path, 'linuxParameters'];
  const resourceRequirements = recordsOf(container.resourceRequirements, [
    ...path,
    'resourceRequirements',
  ]).flatMap((requirement, index) => {
    const at = [...path, 'resourceRequirements', index];
    const type = optionalString(requirement.type, [...at, 'type']);
    return type === null ? [] : [{ type, value: optionalString(requirement.value, [...at, 'value']) ?? '' }];
  });
  const restartPolicy = optionalRecord(container.restartPolicy, [...path, 'restartPolicy']);
  return {
    cpuUnits: parseEcsCpu(container.cpu, [...path, 'cpu']),
    memoryMiB: parseEcsMemory(container.memory, [...path, 'memory']),
    memoryReservationMiB: parseEcsMemory(container.memoryReservation, [...path, 'memoryReservation']),
    // ECS treats a container as essential unless it says otherwise.
    essential: optionalBoolean(container.essential, [...path, 'essential']) ?? true,
    links: stringList(container.links, [...path, 'links']),
    hostname: optionalString(container.hostname, [...path, 'hostname']) !== null,
    extraHosts: optionalArray(container.extraHosts, [...path, 'extraHosts']).length,
    dnsServers: optionalArray(container.dnsServers, [...path, 'dnsServers']).length,
    dnsSearchDomains: optionalArray(container.dnsSearchDomains, [...path, 'dnsSearchDomains']).length,
    disableNetworking: optionalBoolean(container.disableNetworking, [...path, 'disableNetworking']) ?? false,
    dockerSecurityOptions: securityOptions.map(securityOptionKind),
    sharedMemorySize: linux
      ? optionalNumber(linux.sharedMemorySize, [...linuxPath, 'sharedMemorySize'])
      : null,
    tmpfs: linux ? optionalArray(linux.tmpfs, [...linuxPath, 'tmpfs']).length : 0,
    maxSwap: linux ? optionalNumber(linux.maxSwap, [...linuxPath, 'maxSwap']) : null,
    swappiness: linux ? optionalNumber(linux.swappiness, [...linuxPath, 'swappiness']) : null,
    initProcessEnabled: linux
      ? (optionalBoolean(linux.initProcessEnabled, [...linuxPath, 'initProcessEnabled']) ?? false)
      : false,
    logDriver: log ? optionalString(log.logDriver, [...path, 'logConfiguration', 'logDriver']) : null,
    logOptionNames: logOptions ? Object.keys(logOptions) : [],
    logMode: logOptions
      ? optionalString(logOptions.mode, [...path, 'logConfiguration', 'options', 'mode'])
      : null,
    firelens: firelens
      ? {
          type: optionalString(firelens.type, [...path, 'firelensConfiguration', 'type']) ?? '',
          configFileType: firelensOptions
            ? optionalString(firelensOptions['config-file-type'], [
                ...path,
                'firelensConfiguration',
                'options',
                'config-file-type',
              ])
            : null,
        }
      : null,
    credentialSpecKinds: [...credentialSpecKinds],
    startTimeout: optionalNumber(container.startTimeout, [...path, 'startTimeout']),
    stopTimeout: optionalNumber(container.stopTimeout, [...path, 'stopTimeout']),
    ulimits: ulimitsOf(container, path),
    hasHealthCheck: optionalRecord(container.healthCheck, [...path, 'healthCheck']) !== null,
    hasDependsOn: optionalArray(container.dependsOn, [...path, 'dependsOn']).length > 0,
    hasEnvironmentFiles: optionalArray(container.environmentFiles, [...path, 'environmentFiles']).length > 0,
    hasRestartPolicy:
      restartPolicy !== null &&
      (optionalBoolean(restartPolicy.enabled, [...path, 'restartPolicy', 'enabled']) ?? true),
    resourceRequirements,
    systemControls: namesOf(
      recordsOf(container.systemControls, [...path, 'systemControls']),
      [...path, 'systemControls'],
      'namespace',
    ),
  };
}

function ecsContainer(container: RawRecord, index: number, path: Path): Container {
  const linux = optionalRecord(container.linuxParameters, [...path, 'linuxParameters']);
  const capabilities = linux
    ? optionalRecord(linux.capabilities, [...path, 'linuxParameters', 'capabilities'])
    : null;
  const capabilitiesPath = [...path, 'linuxParameters', 'capabilities'];
  const detail = ecsContainerDetail(container, linux, path);
  const noNewPrivileges = detail.dockerSecurityOptions.includes('no-new-privileges');
  return {
    // A nameless container is sloppy but still tells us what the task runs.
    name: optionalString(container.name, [...path, 'name']) ?? `container-${index}`,
    image: optionalString(container.image, [...path, 'image']),
    role: 'app',
    cpuRequestMillis: detail.cpuUnits === null ? null : (detail.cpuUnits * 1000) / 1024,
    cpuLimitMillis: null,
    memoryRequestMiB: detail.memoryReservationMiB ?? detail.memoryMiB,
    memoryLimitMiB: detail.memoryMiB,
    ports: ecsPorts(container, path),
    privileged: optionalBoolean(container.privileged, [...path, 'privileged']) ?? false,
    allowPrivilegeEscalation: noNewPrivileges ? false : null,
    readOnlyRootFilesystem: optionalBoolean(container.readonlyRootFilesystem, [
      ...path,
      'readonlyRootFilesystem',
    ]),
    user: optionalString(container.user, [...path, 'user']),
    runAsNonRoot: null,
    capabilitiesAdd: capabilities ? stringList(capabilities.add, [...capabilitiesPath, 'add']) : [],
    capabilitiesDrop: capabilities ? stringList(capabilities.drop, [...capabilitiesPath, 'drop']) : [],
    devices: linux
      ? namesOf(
          recordsOf(linux.devices, [...path, 'linuxParameters', 'devices']),
          [...path, 'linuxParameters', 'devices'],
          'hostPath',
        )
      : [],
    envNames: namesOf(recordsOf(container.environment, [...path, 'environment']), [...path, 'environment']),
    secretEnvNames: namesOf(recordsOf(container.secrets, [...path, 'secrets']), [...path, 'secrets']),
    volumeMounts: ecsMounts(container, path),
    ecs: detail,
    k8s: null,
  };
}

function ecsVolume(volume: RawRecord, index: number, path: Path): Volume {
  const name = optionalString(volume.name, [...path, 'name']) ?? `volume-${index}`;
  const base = { name, hostPath: null, driver: null, docker: null, efsTransitEncryption: null, claim: null };
  const efs = optionalRecord(volume.efsVolumeConfiguration, [...path, 'efsVolumeConfiguration']);
  if (efs) {
    return {
      ...base,
      type: 'ecsEfs',
      efsTransitEncryption: optionalString(efs.transitEncryption, [
        ...path,
        'efsVolumeConfiguration',
        'transitEncryption',
      ]),
    };
  }
  if (
    optionalRecord(volume.fsxWindowsFileServerVolumeConfiguration, [
      ...path,
      'fsxWindowsFileServerVolumeConfiguration',
    ])
  ) {
    return { ...base, type: 'ecsFsxWindows' };
  }
  if (optionalRecord(volume.s3filesVolumeConfiguration, [...path, 's3filesVolumeConfiguration'])) {
    return { ...base, type: 'ecsS3Files' };
  }
  const docker = optionalRecord(volume.dockerVolumeConfiguration, [...path, 'dockerVolumeConfiguration']);
  if (docker) {
    const at = [...path, 'dockerVolumeConfiguration'];
    return {
      ...base,
      type: 'ecsDocker',
      docker: {
        scope: optionalString(docker.scope, [...at, 'scope']),
        driver: optionalString(docker.driver, [...at, 'driver']),
        autoprovision: optionalBoolean(docker.autoprovision, [...at, 'autoprovision']) ?? false,
      },
    };
  }
  if (optionalBoolean(volume.configuredAtLaunch, [...path, 'configuredAtLaunch']) === true) {
    return { ...base, type: 'ecsEbsAtLaunch' };
  }
  const host = optionalRecord(volume.host, [...path, 'host']);
  const sourcePath = host ? optionalString(host.sourcePath, [...path, 'host', 'sourcePath']) : null;
  if (sourcePath !== null) return { ...base, type: 'ecsHost', hostPath: sourcePath };
  return { ...base, type: 'ecsBind' };
}

function ecsTaskDetail(td: RawRecord, path: Path, systemControls: readonly string[]): EcsTaskDetail {
  const runtime = optionalRecord(td.runtimePlatform, [...path, 'runtimePlatform']);
  const ephemeral = optionalRecord(td.ephemeralStorage, [...path, 'ephemeralStorage']);
  const proxy = optionalRecord(td.proxyConfiguration, [...path, 'proxyConfiguration']);
  const compatibilities =
    td.compatibilities === undefined || td.compatibilities === null
      ? null
      : stringList(td.compatibilities, [...path, 'compatibilities']);
  return {
    family: optionalString(td.family, [...path, 'family']) ?? '',
    revision: optionalNumber(td.revision, [...path, 'revision']),
    taskDefinitionArn: optionalString(td.taskDefinitionArn, [...path, 'taskDefinitionArn']),
    requiresCompatibilities: stringList(td.requiresCompatibilities, [...path, 'requiresCompatibilities']),
    compatibilities,
    networkMode: optionalString(td.networkMode, [...path, 'networkMode']),
    cpuUnits: parseEcsCpu(td.cpu, [...path, 'cpu']),
    memoryMiB: parseEcsMemory(td.memory, [...path, 'memory']),
    operatingSystemFamily: runtime
      ? optionalString(runtime.operatingSystemFamily, [...path, 'runtimePlatform', 'operatingSystemFamily'])
      : null,
    cpuArchitecture: runtime
      ? optionalString(runtime.cpuArchitecture, [...path, 'runtimePlatform', 'cpuArchitecture'])
      : null,
    pidMode: optionalString(td.pidMode, [...path, 'pidMode']),
    ipcMode: optionalString(td.ipcMode, [...path, 'ipcMode']),
    ephemeralStorageGiB: ephemeral
      ? optionalNumber(ephemeral.sizeInGiB, [...path, 'ephemeralStorage', 'sizeInGiB'])
      : null,
    placementConstraints: optionalArray(td.placementConstraints, [...path, 'placementConstraints']).length,
    // ECS documents APPMESH as the only (and default) proxy type.
    proxyConfigurationType: proxy
      ? (optionalString(proxy.type, [...path, 'proxyConfiguration', 'type']) ?? 'APPMESH')
      : null,
    inferenceAccelerators: optionalArray(td.inferenceAccelerators, [...path, 'inferenceAccelerators']).length,
    systemControls,
    hasTaskRole: optionalString(td.taskRoleArn, [...path, 'taskRoleArn']) !== null,
    hasExecutionRole: optionalString(td.executionRoleArn, [...path, 'executionRoleArn']) !== null,
    platformVersion: null,
    service: null,
  };
}

/**
 * Normalizes one ECS task definition into a {@link Workload} (kind `ecs-task-definition`,
 * scheduling `single`, owner `TaskDefinition`). Accepts the `{"taskDefinition": {...}}` wrapper.
 * Collectors that know the service spread their own kind, replicas and service detail over the
 * result.
 *
 * @throws ManifestError with the field path when the input is broken, e.g. `containerDefinitions`
 * is not a list or a size is not a value ECS accepts.
 */
export function taskDefinitionToWorkload(raw: unknown, identity: WorkloadIdentity): Workload {
  const { taskDefinition: td, pathPrefix } = unwrapTaskDefinition(raw);
  const containersPath = [...pathPrefix, 'containerDefinitions'];
  const containerRecords = requiredArray(td.containerDefinitions, containersPath).map((element, index) => {
    if (isRecord(element)) return element;
    throw new ManifestError('a container definition must be a mapping', [...containersPath, index]);
  });
  const containers = containerRecords.map((container, index) =>
    ecsContainer(container, index, [...containersPath, index]),
  );
  const volumes = recordsOf(td.volumes, [...pathPrefix, 'volumes']).map((volume, index) =>
    ecsVolume(volume, index, [...pathPrefix, 'volumes', index]),
  );
  const taskSystemControls = namesOf(
    recordsOf(td.systemControls, [...pathPrefix, 'systemControls']),
    [...pathPrefix, 'systemControls'],
    'namespace',
  );
  const ecs = ecsTaskDetail(td, pathPrefix, taskSystemControls);
  const osFamily = ecs.operatingSystemFamily?.toUpperCase() ?? '';
  // Without a runtimePlatform, Windows images or host paths still make it a Windows task: it can
  // only move to Fargate as one (after adding the runtimePlatform), so it is sized and priced so.
  const windowsSignals =
    containers.some((c) => c.image !== null && isWindowsImage(c.image)) ||
    volumes.some((v) => v.hostPath !== null && isWindowsHostPath(v.hostPath));
  const windows = osFamily === '' ? windowsSignals : osFamily.startsWith('WINDOWS');
  return {
    id: identity.id,
    scope: 'ecs',
    kind: 'ecs-task-definition',
    // ECS requires a family; a file without one is still worth judging, under a visible placeholder.
    name: ecs.family === '' ? '(no family)' : ecs.family,
    namespace: null,
    cluster: identity.cluster ?? null,
    account: identity.account ?? null,
    region: identity.region ?? null,
    launchType: identity.launchType ?? null,
    replicas: null,
    schedulingKind: 'single',
    ownerKind: 'TaskDefinition',
    os: windows ? 'windows' : 'linux',
    architecture: ecs.cpuArchitecture?.toUpperCase() === 'ARM64' ? 'arm64' : 'x86_64',
    hostNetwork: ecs.networkMode === 'host',
    hostPID: ecs.pidMode === 'host',
    hostIPC: ecs.ipcMode === 'host',
    labels: {},
    annotations: {},
    nodeSelector: {},
    nodeAffinity: [],
    containers,
    volumes,
    placements: [],
    ecs,
    eks: null,
    source: identity.source ?? null,
  };
}
