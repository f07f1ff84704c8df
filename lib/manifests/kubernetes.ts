/**
 * Pure normalizer from Kubernetes workload objects (Deployment, StatefulSet, DaemonSet, Job,
 * CronJob, ReplicaSet, ReplicationController, Pod, and unknown kinds that carry a pod template)
 * to the {@link Workload} model. Used on parsed manifests in `check` and on API objects in a scan.
 *
 * Environment values never enter the model: `env` and `envFrom` are reduced to names.
 */
import type {
  Container,
  K8sContainerDetail,
  NodeSelectorTerm,
  PortMapping,
  SchedulingKind,
  Volume,
  VolumeMount,
  VolumeType,
  Workload,
} from '../model/workload.js';
import { type FieldPathSegment, ManifestError } from './errors.js';
import type { WorkloadIdentity } from './identity.js';
import {
  claimRequestFromTemplate,
  EMPTY_KUBERNETES_CONTEXT,
  type KubernetesContext,
  networkPoliciesSelecting,
  resolveClaimRequest,
  resolvePersistentVolumeClaim,
  serviceAccountHasIrsa,
  servicesSelecting,
} from './kubernetes-context.js';
import { cpuMillisFromQuantity, mibFromQuantity } from './kubernetes-quantity.js';
import {
  isRecord,
  optionalBoolean,
  optionalCount,
  optionalNumber,
  optionalRecord,
  optionalString,
  ownEntry,
  type RawRecord,
  recordsOf,
  requiredArray,
  stringList,
  stringMap,
} from './raw-fields.js';

type Path = readonly FieldPathSegment[];

/** The controller around a pod template: what the workload is called and how it schedules pods. */
export interface PodTemplateOwner {
  /** Top-level kind (Deployment, CronJob, Pod, ...). */
  readonly kind: string;
  readonly apiVersion: string | null;
  readonly name: string;
  readonly namespace: string;
  /** The kind that directly owns the pods (a Deployment's pods belong to a ReplicaSet). */
  readonly ownerKind: string;
  readonly schedulingKind: SchedulingKind;
  readonly replicas: number | null;
  readonly ttlSecondsAfterFinished: number | null;
  /** StatefulSet `spec.volumeClaimTemplates`, raw. */
  readonly volumeClaimTemplates: readonly unknown[];
  /** Where the pod template sits in the owner object, so errors name the full field path. */
  readonly templatePath: Path;
  /** Where `volumeClaimTemplates` sits, for error paths. */
  readonly volumeClaimTemplatesPath: Path;
}

interface KindTraits {
  readonly ownerKind: string;
  readonly schedulingKind: SchedulingKind;
  /** Replicas the API server defaults to when `spec.replicas` is absent; null when not a replica count. */
  readonly defaultReplicas: number | null;
  readonly template: 'pod' | 'spec.template' | 'spec.jobTemplate';
}

/** Kinds that run pods, with how they run them. */
export const WORKLOAD_KINDS: Readonly<Record<string, KindTraits>> = {
  Deployment: {
    ownerKind: 'ReplicaSet',
    schedulingKind: 'replicated',
    defaultReplicas: 1,
    template: 'spec.template',
  },
  StatefulSet: {
    ownerKind: 'StatefulSet',
    schedulingKind: 'replicated',
    defaultReplicas: 1,
    template: 'spec.template',
  },
  ReplicaSet: {
    ownerKind: 'ReplicaSet',
    schedulingKind: 'replicated',
    defaultReplicas: 1,
    template: 'spec.template',
  },
  ReplicationController: {
    ownerKind: 'ReplicationController',
    schedulingKind: 'replicated',
    defaultReplicas: 1,
    template: 'spec.template',
  },
  DaemonSet: {
    ownerKind: 'DaemonSet',
    schedulingKind: 'daemon',
    defaultReplicas: null,
    template: 'spec.template',
  },
  Job: { ownerKind: 'Job', schedulingKind: 'batch', defaultReplicas: null, template: 'spec.template' },
  CronJob: { ownerKind: 'Job', schedulingKind: 'batch', defaultReplicas: null, template: 'spec.jobTemplate' },
  // A bare Pod is exactly one pod.
  Pod: { ownerKind: 'Pod', schedulingKind: 'single', defaultReplicas: 1, template: 'pod' },
};

/** Pre-1.8 way of declaring init containers, as a JSON list in a pod template annotation. */
const LEGACY_INIT_CONTAINER_ANNOTATIONS = [
  'pod.beta.kubernetes.io/init-containers',
  'pod.alpha.kubernetes.io/init-containers',
];
/** Annotations dropped from the model: they can hold whole object specs, env values included. */
const DROPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  ...LEGACY_INIT_CONTAINER_ANNOTATIONS,
]);
const COMPUTE_TYPE_ANNOTATION = 'eks.amazonaws.com/compute-type';
const OS_LABELS = ['kubernetes.io/os', 'beta.kubernetes.io/os'];
const ARCH_LABELS = ['kubernetes.io/arch', 'beta.kubernetes.io/arch'];
const CORE_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** Prefix of the marker names `envFrom` entries add to a container's env names. */
export const ENV_FROM_CONFIG_MAP_PREFIX = 'envFrom:configMap/';
/** Prefix of the marker names `envFrom` secret entries add to a container's secret env names. */
export const ENV_FROM_SECRET_PREFIX = 'envFrom:secret/';

function metadataName(metadata: RawRecord | null, path: Path): string {
  return (
    optionalString(metadata?.name, [...path, 'name']) ??
    optionalString(metadata?.generateName, [...path, 'generateName']) ??
    '(no name)'
  );
}

/**
 * Finds the pod template of a Kubernetes object and describes its controller. Null for kinds
 * that run no pods (Service, ConfigMap, CRDs, ...) — those are context or ignored, not errors.
 * Unknown kinds are read when they carry `spec.template.spec` or `spec.jobTemplate`.
 *
 * @throws ManifestError when a workload kind has no pod spec where its kind puts one.
 */
export function podTemplateOf(object: unknown): { owner: PodTemplateOwner; podTemplate: RawRecord } | null {
  if (!isRecord(object)) throw new ManifestError('a Kubernetes object must be a mapping');
  const kind = optionalString(object.kind, ['kind']);
  if (kind === null) return null;
  const metadata = optionalRecord(object.metadata, ['metadata']);
  const spec = isRecord(object.spec) ? object.spec : null;
  let traits = ownEntry(WORKLOAD_KINDS, kind);
  if (traits === undefined) {
    // Rollouts, Knative Services and the like wrap an ordinary pod template.
    const templateSpec = isRecord(spec?.template) ? spec.template.spec : undefined;
    if (isRecord(templateSpec)) {
      traits = {
        ownerKind: kind,
        schedulingKind: 'replicated',
        defaultReplicas: null,
        template: 'spec.template',
      };
    } else if (isRecord(spec?.jobTemplate)) {
      traits = {
        ownerKind: 'Job',
        schedulingKind: 'batch',
        defaultReplicas: null,
        template: 'spec.jobTemplate',
      };
    } else {
      return null;
    }
  }
  const name = metadataName(metadata, ['metadata']);
  let podTemplate: RawRecord;
  let templatePath: Path;
  let jobSpec: RawRecord | null = null;
  if (traits.template === 'pod') {
    if (spec === null) throw new ManifestError(`${kind} has no pod spec`, ['spec']);
    podTemplate = { metadata: object.metadata, spec };
    templatePath = [];
  } else if (traits.template === 'spec.template') {
    const template = isRecord(spec?.template) ? spec.template : null;
    if (template === null || !isRecord(template.spec)) {
      throw new ManifestError(`${kind} has no pod template`, ['spec', 'template', 'spec']);
    }
    podTemplate = template;
    templatePath = ['spec', 'template'];
    if (traits.schedulingKind === 'batch') jobSpec = spec;
  } else {
    const jobTemplate = isRecord(spec?.jobTemplate) ? spec.jobTemplate : null;
    jobSpec = jobTemplate !== null && isRecord(jobTemplate.spec) ? jobTemplate.spec : null;
    const template = jobSpec !== null && isRecord(jobSpec.template) ? jobSpec.template : null;
    if (template === null || !isRecord(template.spec)) {
      throw new ManifestError(`${kind} has no pod template`, [
        'spec',
        'jobTemplate',
        'spec',
        'template',
        'spec',
      ]);
    }
    podTemplate = template;
    templatePath = ['spec', 'jobTemplate', 'spec', 'template'];
  }
  const replicasPath = ['spec', 'replicas'];
  const replicas =
    traits.template === 'pod'
      ? traits.defaultReplicas
      : (optionalCount(spec?.replicas, replicasPath) ?? traits.defaultReplicas);
  const ttlPath = traits.template === 'spec.jobTemplate' ? ['spec', 'jobTemplate', 'spec'] : ['spec'];
  return {
    owner: {
      kind,
      apiVersion: optionalString(object.apiVersion, ['apiVersion']),
      name,
      namespace: optionalString(metadata?.namespace, ['metadata', 'namespace']) ?? 'default',
      ownerKind: traits.ownerKind,
      schedulingKind: traits.schedulingKind,
      replicas,
      ttlSecondsAfterFinished: jobSpec
        ? optionalNumber(jobSpec.ttlSecondsAfterFinished, [...ttlPath, 'ttlSecondsAfterFinished'])
        : null,
      volumeClaimTemplates:
        kind === 'StatefulSet' ? recordsOf(spec?.volumeClaimTemplates, ['spec', 'volumeClaimTemplates']) : [],
      templatePath,
      volumeClaimTemplatesPath: ['spec', 'volumeClaimTemplates'],
    },
    podTemplate,
  };
}

// ---------------------------------------------------------------------------------------------
// Containers

function envNamesOf(container: RawRecord, path: Path): { envNames: string[]; secretEnvNames: string[] } {
  const envNames: string[] = [];
  const secretEnvNames: string[] = [];
  recordsOf(container.env, [...path, 'env']).forEach((entry, index) => {
    const at = [...path, 'env', index];
    const name = optionalString(entry.name, [...at, 'name']);
    if (name === null) return;
    const valueFrom = optionalRecord(entry.valueFrom, [...at, 'valueFrom']);
    if (valueFrom !== null && isRecord(valueFrom.secretKeyRef)) secretEnvNames.push(name);
    else envNames.push(name);
  });
  // envFrom imports every key of a ConfigMap or Secret; the keys are not in the manifest, so a
  // marker naming the source stands in for them.
  recordsOf(container.envFrom, [...path, 'envFrom']).forEach((entry, index) => {
    const at = [...path, 'envFrom', index];
    const configMap = optionalRecord(entry.configMapRef, [...at, 'configMapRef']);
    const secret = optionalRecord(entry.secretRef, [...at, 'secretRef']);
    if (configMap !== null) {
      envNames.push(
        `${ENV_FROM_CONFIG_MAP_PREFIX}${optionalString(configMap.name, [...at, 'configMapRef', 'name']) ?? ''}`,
      );
    }
    if (secret !== null) {
      secretEnvNames.push(
        `${ENV_FROM_SECRET_PREFIX}${optionalString(secret.name, [...at, 'secretRef', 'name']) ?? ''}`,
      );
    }
  });
  return { envNames, secretEnvNames };
}

function k8sPorts(container: RawRecord, path: Path): PortMapping[] {
  return recordsOf(container.ports, [...path, 'ports']).map((port, index) => {
    const at = [...path, 'ports', index];
    return {
      containerPort: optionalNumber(port.containerPort, [...at, 'containerPort']),
      hostPort: optionalNumber(port.hostPort, [...at, 'hostPort']),
      hostIP: optionalString(port.hostIP, [...at, 'hostIP']),
      protocol: optionalString(port.protocol, [...at, 'protocol']) ?? 'TCP',
    };
  });
}

function k8sMounts(container: RawRecord, path: Path): VolumeMount[] {
  return recordsOf(container.volumeMounts, [...path, 'volumeMounts']).map((mount, index) => {
    const at = [...path, 'volumeMounts', index];
    return {
      volume: optionalString(mount.name, [...at, 'name']) ?? '',
      path: optionalString(mount.mountPath, [...at, 'mountPath']) ?? '',
      readOnly: optionalBoolean(mount.readOnly, [...at, 'readOnly']) ?? false,
    };
  });
}

interface PodSecurityDefaults {
  readonly runAsUser: string | null;
  readonly runAsNonRoot: boolean | null;
}

function k8sContainer(
  container: RawRecord,
  index: number,
  role: Container['role'],
  podSecurity: PodSecurityDefaults,
  path: Path,
): Container {
  const resources = optionalRecord(container.resources, [...path, 'resources']);
  const requests = optionalRecord(resources?.requests, [...path, 'resources', 'requests']) ?? {};
  const limits = optionalRecord(resources?.limits, [...path, 'resources', 'limits']) ?? {};
  const requestsPath = [...path, 'resources', 'requests'];
  const limitsPath = [...path, 'resources', 'limits'];
  const cpuLimit = cpuMillisFromQuantity(limits.cpu, [...limitsPath, 'cpu']);
  const memoryLimit = mibFromQuantity(limits.memory, [...limitsPath, 'memory']);
  const storageLimit = mibFromQuantity(limits['ephemeral-storage'], [...limitsPath, 'ephemeral-storage']);
  const extendedResources: Record<string, string> = {};
  for (const [source, values] of [
    [limitsPath, limits],
    [requestsPath, requests],
  ] as const) {
    for (const [resource, value] of Object.entries(values)) {
      if (CORE_RESOURCES.has(resource)) continue;
      const text = optionalString(value, [...source, resource]);
      if (text !== null) extendedResources[resource] = text;
    }
  }
  const security = optionalRecord(container.securityContext, [...path, 'securityContext']);
  const securityPath = [...path, 'securityContext'];
  const capabilities = optionalRecord(security?.capabilities, [...securityPath, 'capabilities']);
  const runAsUser = optionalNumber(security?.runAsUser, [...securityPath, 'runAsUser']);
  const detail: K8sContainerDetail = {
    extendedResources,
    // Kubernetes copies a limit into an unset request; the readers do the same, so a manifest
    // and the object the API server stores read alike.
    ephemeralStorageRequestMiB:
      mibFromQuantity(requests['ephemeral-storage'], [...requestsPath, 'ephemeral-storage']) ?? storageLimit,
    ephemeralStorageLimitMiB: storageLimit,
    restartPolicy: optionalString(container.restartPolicy, [...path, 'restartPolicy']),
  };
  return {
    name: optionalString(container.name, [...path, 'name']) ?? `container-${index}`,
    image: optionalString(container.image, [...path, 'image']),
    role,
    cpuRequestMillis: cpuMillisFromQuantity(requests.cpu, [...requestsPath, 'cpu']) ?? cpuLimit,
    cpuLimitMillis: cpuLimit,
    memoryRequestMiB: mibFromQuantity(requests.memory, [...requestsPath, 'memory']) ?? memoryLimit,
    memoryLimitMiB: memoryLimit,
    ports: k8sPorts(container, path),
    privileged: optionalBoolean(security?.privileged, [...securityPath, 'privileged']) ?? false,
    allowPrivilegeEscalation: optionalBoolean(security?.allowPrivilegeEscalation, [
      ...securityPath,
      'allowPrivilegeEscalation',
    ]),
    readOnlyRootFilesystem: optionalBoolean(security?.readOnlyRootFilesystem, [
      ...securityPath,
      'readOnlyRootFilesystem',
    ]),
    user: runAsUser === null ? podSecurity.runAsUser : String(runAsUser),
    runAsNonRoot:
      optionalBoolean(security?.runAsNonRoot, [...securityPath, 'runAsNonRoot']) ?? podSecurity.runAsNonRoot,
    capabilitiesAdd: stringList(capabilities?.add, [...securityPath, 'capabilities', 'add']),
    capabilitiesDrop: stringList(capabilities?.drop, [...securityPath, 'capabilities', 'drop']),
    devices: [],
    ...envNamesOf(container, path),
    volumeMounts: k8sMounts(container, path),
    ecs: null,
    k8s: detail,
  };
}

function containerRecords(value: unknown, path: Path, required: boolean): readonly RawRecord[] {
  if (!required && (value === undefined || value === null)) return [];
  return requiredArray(value, path).map((element, index) => {
    if (isRecord(element)) return element;
    throw new ManifestError('a container must be a mapping', [...path, index]);
  });
}

/**
 * Init containers from the pre-1.8 annotation, honoured only when `initContainers` is absent.
 * Current clusters ignore the annotation; reading it errs on the side of judging what the author
 * meant to run. An annotation that is not a JSON list is ignored, as Kubernetes ignores it.
 */
function legacyInitContainers(
  annotations: Record<string, string>,
  annotationsPath: Path,
): { containers: readonly RawRecord[]; path: Path } | null {
  for (const key of LEGACY_INIT_CONTAINER_ANNOTATIONS) {
    const text = annotations[key];
    if (text === undefined) continue;
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed))
        return { containers: parsed.filter(isRecord), path: [...annotationsPath, key] };
    } catch {
      return null;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Volumes

const DIRECT_VOLUME_TYPES: readonly VolumeType[] = [
  'emptyDir',
  'hostPath',
  'configMap',
  'secret',
  'downwardAPI',
  'projected',
  'persistentVolumeClaim',
  'ephemeral',
  'csi',
  'awsElasticBlockStore',
  'nfs',
  'iscsi',
];

function k8sVolume(
  volume: RawRecord,
  index: number,
  path: Path,
  owner: PodTemplateOwner,
  context: KubernetesContext,
): Volume {
  const name = optionalString(volume.name, [...path, 'name']) ?? `volume-${index}`;
  const base = { name, hostPath: null, driver: null, docker: null, efsTransitEncryption: null, claim: null };
  const type = DIRECT_VOLUME_TYPES.find((candidate) => isRecord(volume[candidate]));
  if (type === 'hostPath') {
    const source = volume.hostPath as RawRecord;
    return { ...base, type, hostPath: optionalString(source.path, [...path, 'hostPath', 'path']) };
  }
  if (type === 'csi') {
    const source = volume.csi as RawRecord;
    return { ...base, type, driver: optionalString(source.driver, [...path, 'csi', 'driver']) };
  }
  if (type === 'awsElasticBlockStore') return { ...base, type, driver: 'kubernetes.io/aws-ebs' };
  if (type === 'persistentVolumeClaim') {
    const source = volume.persistentVolumeClaim as RawRecord;
    const claimName = optionalString(source.claimName, [...path, 'persistentVolumeClaim', 'claimName']);
    if (claimName === null) {
      throw new ManifestError('a persistentVolumeClaim volume needs a claimName', [
        ...path,
        'persistentVolumeClaim',
        'claimName',
      ]);
    }
    return { ...base, type, claim: resolvePersistentVolumeClaim(context, owner.namespace, claimName) };
  }
  if (type === 'ephemeral') {
    const source = volume.ephemeral as RawRecord;
    const template = optionalRecord(source.volumeClaimTemplate, [
      ...path,
      'ephemeral',
      'volumeClaimTemplate',
    ]);
    // Kubernetes names the generated claim <pod>-<volume>; the template's owner stands in for the pod.
    const claimName = `${owner.name}-${name}`;
    const request = claimRequestFromTemplate(template ?? {}, claimName, owner.namespace);
    const resolved = resolveClaimRequest(context, request);
    // Generic ephemeral volumes are always provisioned per pod, never bound to a pre-created PV.
    return { ...base, type, claim: { ...resolved, dynamic: resolved.resolvedBy !== 'pv' } };
  }
  if (type !== undefined) return { ...base, type };
  const sourceKey = Object.keys(volume).find((key) => key !== 'name' && isRecord(volume[key]));
  // A volume with no source at all is an emptyDir: the API server defaults it so.
  if (sourceKey === undefined) return { ...base, type: 'emptyDir' };
  return { ...base, type: 'otherK8s', driver: sourceKey };
}

function volumeClaimTemplateVolumes(owner: PodTemplateOwner, context: KubernetesContext): Volume[] {
  return owner.volumeClaimTemplates.map((template, index) => {
    const at = [...owner.volumeClaimTemplatesPath, index];
    const metadata = isRecord(template) ? optionalRecord(template.metadata, [...at, 'metadata']) : null;
    const name = optionalString(metadata?.name, [...at, 'metadata', 'name']);
    if (name === null)
      throw new ManifestError('a volumeClaimTemplate needs a name', [...at, 'metadata', 'name']);
    const prefix = `${name}-${owner.name}-`;
    const request = claimRequestFromTemplate(
      template,
      name,
      owner.namespace,
      (claim) => claim.startsWith(prefix) && /^\d+$/.test(claim.slice(prefix.length)),
    );
    return {
      name,
      type: 'persistentVolumeClaim',
      hostPath: null,
      driver: null,
      docker: null,
      efsTransitEncryption: null,
      claim: resolveClaimRequest(context, request),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Scheduling constraints

function requiredNodeAffinity(spec: RawRecord, path: Path): NodeSelectorTerm[][] {
  const affinity = optionalRecord(spec.affinity, [...path, 'affinity']);
  const nodeAffinity = optionalRecord(affinity?.nodeAffinity, [...path, 'affinity', 'nodeAffinity']);
  const requiredPath = [
    ...path,
    'affinity',
    'nodeAffinity',
    'requiredDuringSchedulingIgnoredDuringExecution',
  ];
  const required = optionalRecord(nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, requiredPath);
  return recordsOf(required?.nodeSelectorTerms, [...requiredPath, 'nodeSelectorTerms']).map(
    (term, termIndex) => {
      const termPath = [...requiredPath, 'nodeSelectorTerms', termIndex, 'matchExpressions'];
      return recordsOf(term.matchExpressions, termPath).map((expression, index) => ({
        key: optionalString(expression.key, [...termPath, index, 'key']) ?? '',
        operator: optionalString(expression.operator, [...termPath, index, 'operator']) ?? '',
        values: stringList(expression.values, [...termPath, index, 'values']),
      }));
    },
  );
}

/**
 * True when every node-affinity term pins one of `labelKeys` to values within `allowed`: the pod
 * can then only land on such nodes (terms are ORed, expressions within a term ANDed).
 */
function affinityRestrictsTo(
  terms: readonly NodeSelectorTerm[][],
  labelKeys: readonly string[],
  allowed: string[],
) {
  return (
    terms.length > 0 &&
    terms.every((term) =>
      term.some(
        (expression) =>
          labelKeys.includes(expression.key) &&
          expression.operator === 'In' &&
          expression.values.length > 0 &&
          expression.values.every((value) => allowed.includes(value)),
      ),
    )
  );
}

function firstLabel(selector: Readonly<Record<string, string>>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = selector[key];
    if (value !== undefined) return value;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

/**
 * Normalizes a pod template (`{metadata, spec}`) and the controller around it into a
 * {@link Workload}. `context` supplies the claims, storage, Services, NetworkPolicies and
 * ServiceAccounts known beside it.
 *
 * @throws ManifestError with the field path when the pod spec is broken (e.g. `containers` is not
 * a list, a resource quantity is not a quantity). Sloppy but meaningful input is read: a
 * container without name or image, numbers written as strings.
 */
export function podTemplateToWorkload(
  podTemplate: unknown,
  identity: WorkloadIdentity,
  context: KubernetesContext,
  owner: PodTemplateOwner,
): Workload {
  const base = owner.templatePath;
  if (!isRecord(podTemplate)) throw new ManifestError('a pod template must be a mapping', [...base]);
  const metadata = optionalRecord(podTemplate.metadata, [...base, 'metadata']);
  const specPath = [...base, 'spec'];
  const spec = optionalRecord(podTemplate.spec, specPath);
  if (spec === null) throw new ManifestError('the pod template has no spec', specPath);

  const labels = stringMap(metadata?.labels, [...base, 'metadata', 'labels']);
  const allAnnotations = stringMap(metadata?.annotations, [...base, 'metadata', 'annotations']);
  const annotations = Object.fromEntries(
    Object.entries(allAnnotations).filter(([key]) => !DROPPED_ANNOTATIONS.has(key)),
  );

  const podSecurityPath = [...specPath, 'securityContext'];
  const podSecurity = optionalRecord(spec.securityContext, podSecurityPath);
  const podRunAsUser = optionalNumber(podSecurity?.runAsUser, [...podSecurityPath, 'runAsUser']);
  const securityDefaults: PodSecurityDefaults = {
    runAsUser: podRunAsUser === null ? null : String(podRunAsUser),
    runAsNonRoot: optionalBoolean(podSecurity?.runAsNonRoot, [...podSecurityPath, 'runAsNonRoot']),
  };

  const containersPath = [...specPath, 'containers'];
  const appContainers = containerRecords(spec.containers, containersPath, true).map((container, index) =>
    k8sContainer(container, index, 'app', securityDefaults, [...containersPath, index]),
  );
  const initPath = [...specPath, 'initContainers'];
  const declaredInit = containerRecords(spec.initContainers, initPath, false);
  const initSource =
    declaredInit.length > 0
      ? { containers: declaredInit, path: initPath }
      : (legacyInitContainers(allAnnotations, [...base, 'metadata', 'annotations']) ?? {
          containers: [],
          path: initPath,
        });
  const initContainers = initSource.containers.map((container, index) => {
    const at = [...initSource.path, index];
    // Native sidecars (K8s >= 1.29) are init containers that keep running beside the app.
    const role =
      optionalString(container.restartPolicy, [...at, 'restartPolicy']) === 'Always' ? 'sidecar' : 'init';
    return k8sContainer(container, index, role, securityDefaults, at);
  });

  const volumesPath = [...specPath, 'volumes'];
  const templateVolumes = volumeClaimTemplateVolumes(owner, context);
  const templateNames = new Set(templateVolumes.map((volume) => volume.name));
  const podVolumes = recordsOf(spec.volumes, volumesPath)
    .map((volume, index) => k8sVolume(volume, index, [...volumesPath, index], owner, context))
    // The StatefulSet controller replaces a pod volume named like a claim template with the claim.
    .filter((volume) => !templateNames.has(volume.name));

  const nodeSelector = stringMap(spec.nodeSelector, [...specPath, 'nodeSelector']);
  const affinityTerms = requiredNodeAffinity(spec, specPath);
  const osName = optionalString(optionalRecord(spec.os, [...specPath, 'os'])?.name, [
    ...specPath,
    'os',
    'name',
  ]);
  const hostProcess =
    optionalBoolean(
      optionalRecord(podSecurity?.windowsOptions, [...podSecurityPath, 'windowsOptions'])?.hostProcess,
      [...podSecurityPath, 'windowsOptions', 'hostProcess'],
    ) === true;
  const windows =
    osName?.toLowerCase() === 'windows' ||
    firstLabel(nodeSelector, OS_LABELS) === 'windows' ||
    affinityRestrictsTo(affinityTerms, OS_LABELS, ['windows']) ||
    hostProcess;
  const archLabel = firstLabel(nodeSelector, ARCH_LABELS);
  let architecture: Workload['architecture'] = null;
  if (
    archLabel === 'arm64' ||
    (archLabel === undefined && affinityRestrictsTo(affinityTerms, ARCH_LABELS, ['arm64']))
  ) {
    architecture = 'arm64';
  } else if (
    archLabel === 'amd64' ||
    (archLabel === undefined && affinityRestrictsTo(affinityTerms, ARCH_LABELS, ['amd64']))
  ) {
    architecture = 'x86_64';
  }

  const serviceAccountName =
    optionalString(spec.serviceAccountName, [...specPath, 'serviceAccountName']) ??
    optionalString(spec.serviceAccount, [...specPath, 'serviceAccount']);

  return {
    id: identity.id,
    scope: 'eks',
    kind: owner.kind,
    name: owner.name,
    namespace: owner.namespace,
    cluster: identity.cluster ?? null,
    account: identity.account ?? null,
    region: identity.region ?? null,
    launchType: identity.launchType ?? null,
    replicas: owner.replicas,
    schedulingKind: owner.schedulingKind,
    ownerKind: owner.ownerKind,
    os: windows ? 'windows' : 'linux',
    architecture,
    hostNetwork: optionalBoolean(spec.hostNetwork, [...specPath, 'hostNetwork']) ?? false,
    hostPID: optionalBoolean(spec.hostPID, [...specPath, 'hostPID']) ?? false,
    hostIPC: optionalBoolean(spec.hostIPC, [...specPath, 'hostIPC']) ?? false,
    labels,
    annotations,
    nodeSelector,
    nodeAffinity: affinityTerms.flat(),
    containers: [...initContainers, ...appContainers],
    volumes: [...podVolumes, ...templateVolumes],
    placements: [],
    ecs: null,
    eks: {
      apiVersion: owner.apiVersion,
      serviceAccountName,
      runtimeClassName: optionalString(spec.runtimeClassName, [...specPath, 'runtimeClassName']),
      sysctls: recordsOf(podSecurity?.sysctls, [...podSecurityPath, 'sysctls']).flatMap((sysctl, index) => {
        const name = optionalString(sysctl.name, [...podSecurityPath, 'sysctls', index, 'name']);
        return name === null ? [] : [name];
      }),
      ttlSecondsAfterFinished: owner.ttlSecondsAfterFinished,
      computeType: annotations[COMPUTE_TYPE_ANNOTATION] ?? null,
      schedulerName: optionalString(spec.schedulerName, [...specPath, 'schedulerName']),
      priorityClassName: optionalString(spec.priorityClassName, [...specPath, 'priorityClassName']),
      tolerations: recordsOf(spec.tolerations, [...specPath, 'tolerations']).map((toleration, index) => ({
        key: optionalString(toleration.key, [...specPath, 'tolerations', index, 'key']),
        value: optionalString(toleration.value, [...specPath, 'tolerations', index, 'value']),
      })),
      // Present (unset) from the start, so the scan's copy that sets it keeps this key order and
      // every pod detail shares one hidden class.
      fargateProfile: undefined,
      services: servicesSelecting(context, owner.namespace, labels),
      networkPolicies: networkPoliciesSelecting(context, owner.namespace, labels),
      // Pods without a serviceAccountName run as the namespace's `default` account.
      serviceAccountHasIrsa: serviceAccountHasIrsa(context, owner.namespace, serviceAccountName ?? 'default'),
      usesPodIdentity: null,
      clusterContext: null,
    },
    source: identity.source ?? null,
  };
}

/**
 * Normalizes any Kubernetes object: a {@link Workload} for kinds that run pods, null for the
 * rest (Services, ConfigMaps, CRDs, ...).
 *
 * @throws ManifestError when a workload kind lacks its pod spec or the pod spec is broken.
 */
export function kubernetesObjectToWorkload(
  object: unknown,
  identity: WorkloadIdentity,
  context: KubernetesContext = EMPTY_KUBERNETES_CONTEXT,
): Workload | null {
  const found = podTemplateOf(object);
  if (found === null) return null;
  return podTemplateToWorkload(found.podTemplate, identity, context, found.owner);
}
