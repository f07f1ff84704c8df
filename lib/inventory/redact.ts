/**
 * Strips values that may be secret from raw documents before they are kept anywhere: environment
 * values (names stay), command lines, exec hooks and probes, and every free-form key/value map a
 * credential can hide in — log driver and FireLens options, `secretOptions` references, Docker
 * labels, Docker volume driver options (CIFS/NFS `o=…,password=…`), Kubernetes annotations, CSI
 * volume attributes, FlexVolume options, StorageClass parameters, mount options and probe headers.
 * Keys stay and values become {@link REDACTED}, except the few values fargate-fit reads (listed
 * below with their reader): those are settings, never credentials.
 *
 * Live scans redact at collection, so the rules judge the redacted documents; `check` reads files
 * unredacted, and the model it builds keeps only names and the listed values (see workload.ts).
 * References to secrets (ARNs, secret and config map names) stay: they are names, not values, and
 * the rules need them.
 */
import type { Inventory, KubernetesObjects } from './snapshot.js';

/** What a stripped value is replaced with where the key must stay. */
export const REDACTED = '(redacted)';

/** Log options whose values are settings, never credentials; the Fargate rules read `mode`. */
const SAFE_LOG_OPTIONS = new Set([
  'mode',
  'max-buffer-size',
  'awslogs-group',
  'awslogs-region',
  'awslogs-stream-prefix',
  'awslogs-create-group',
  'awslogs-datetime-format',
  'awslogs-multiline-pattern',
]);

/** FireLens options (all AWS defines); the reader takes `config-file-type` into the model. */
const SAFE_FIRELENS_OPTIONS = new Set(['config-file-type', 'enable-ecs-log-metadata']);

/**
 * Annotations whose values the Kubernetes reader or a rule reads (kubernetes.ts,
 * kubernetes-context.ts, pricing's CapacityProvisioned). Every other annotation value goes:
 * annotations carry credentials in the wild (Datadog check `instances` with passwords, Vault
 * templates), and the rules that look at other annotations only test the key.
 */
const READ_ANNOTATIONS = new Set([
  'eks.amazonaws.com/compute-type',
  'eks.amazonaws.com/role-arn',
  'service.beta.kubernetes.io/aws-load-balancer-type',
  'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type',
  'alb.ingress.kubernetes.io/target-type',
  'volume.beta.kubernetes.io/storage-class',
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
  'CapacityProvisioned',
]);

/**
 * Annotations that copy whole object specs, env values included: kubectl's last applied manifest,
 * and the pre-1.8 init-container annotations (ignored by API servers since 1.8). Dropped, key and all.
 */
const SPEC_COPY_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'pod.beta.kubernetes.io/init-containers',
  'pod.alpha.kubernetes.io/init-containers',
];

/** StorageClass parameters kept: the reader takes `provisioningMode` (EFS access points). */
const SAFE_STORAGE_CLASS_PARAMETERS = new Set(['provisioningMode', 'type', 'fsType', 'encrypted']);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON-safe deep copy (Dates become ISO strings, undefined members vanish). */
export function toJsonSafe<T>(value: T): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** The map with every value replaced by {@link REDACTED}, except those of the keys in `keep`. */
function maskValues(map: Json, keep: ReadonlySet<string> = new Set()): Json {
  return Object.fromEntries(
    Object.entries(map).map(([key, value]) => [key, keep.has(key) ? value : REDACTED]),
  );
}

/** `{ name, value }` pairs (probe HTTP headers, secretOptions) keep the name, lose the value. */
function maskPairs(list: unknown[], valueKey: string): unknown[] {
  return list.map((entry) =>
    isObject(entry) && valueKey in entry ? { ...entry, [valueKey]: REDACTED } : entry,
  );
}

/** Mount options keep the option name: `password=x` becomes `password=(redacted)`. */
function maskMountOptions(options: unknown[]): unknown[] {
  return options.map((option) => {
    if (typeof option !== 'string') return option;
    const separator = option.indexOf('=');
    return separator === -1 ? option : `${option.slice(0, separator)}=${REDACTED}`;
  });
}

/** An ECS task definition with environment values, commands and credential-bearing options removed. */
export function redactTaskDefinition(taskDefinition: unknown): Json {
  const copy = toJsonSafe(taskDefinition);
  const containers = copy.containerDefinitions;
  if (Array.isArray(containers)) {
    copy.containerDefinitions = containers.map((container) =>
      isObject(container) ? redactEcsContainer(container) : container,
    );
  }
  if (Array.isArray(copy.volumes)) copy.volumes = copy.volumes.map(redactEcsVolume);
  return copy;
}

/** Docker volume driver options carry mount credentials (CIFS `o: …,password=…`); labels are free text. */
function redactEcsVolume(volume: unknown): unknown {
  if (!isObject(volume) || !isObject(volume.dockerVolumeConfiguration)) return volume;
  const docker: Json = { ...volume.dockerVolumeConfiguration };
  if (isObject(docker.driverOpts)) docker.driverOpts = maskValues(docker.driverOpts);
  if (isObject(docker.labels)) docker.labels = maskValues(docker.labels);
  return { ...volume, dockerVolumeConfiguration: docker };
}

function redactEcsContainer(container: Json): Json {
  const out: Json = { ...container };
  if (Array.isArray(out.environment)) out.environment = out.environment.map(nameOnly);
  delete out.command;
  delete out.entryPoint;
  if (isObject(out.healthCheck)) {
    const { command: _dropped, ...rest } = out.healthCheck;
    out.healthCheck = rest;
  }
  if (isObject(out.logConfiguration)) {
    const log: Json = { ...out.logConfiguration };
    if (isObject(log.options)) log.options = maskValues(log.options, SAFE_LOG_OPTIONS);
    // secretOptions name a secret by ARN; nothing reads it, and a careless value would be a secret.
    if (Array.isArray(log.secretOptions)) log.secretOptions = maskPairs(log.secretOptions, 'valueFrom');
    out.logConfiguration = log;
  }
  if (isObject(out.firelensConfiguration) && isObject(out.firelensConfiguration.options)) {
    out.firelensConfiguration = {
      ...out.firelensConfiguration,
      options: maskValues(out.firelensConfiguration.options, SAFE_FIRELENS_OPTIONS),
    };
  }
  if (isObject(out.dockerLabels)) out.dockerLabels = maskValues(out.dockerLabels);
  return out;
}

function nameOnly(entry: unknown): unknown {
  if (!isObject(entry)) return entry;
  return typeof entry.name === 'string' ? { name: entry.name } : {};
}

/**
 * A Kubernetes object without secret-bearing values: managed fields and spec-copying annotations go
 * and other annotation values are masked (on the object and on every template inside it); every
 * pod spec inside it (a Pod's, a controller's template, a CronJob's job template) keeps env names
 * and `valueFrom` references but loses literal values, commands, args, exec hooks and probe
 * headers; volume sources (inline or in a PersistentVolume) lose CSI attributes, FlexVolume
 * options, git repository URLs and mount option values; a StorageClass loses its parameters.
 */
export function redactKubernetesObject(object: unknown): Json {
  // The object is JSON already (a LIST page or a snapshot, as parsed) and redactNested copies every
  // level, so no JSON round trip first: on a large scan that cost as much CPU as the redaction.
  return redactStorageClass(redactNested(object, false) as Json);
}

/**
 * {@link redactKubernetesObject} done on the object itself instead of a copy, for an object just
 * parsed from an API answer that nothing else holds: copying every level of 20,000 pods was most of
 * a live scan's redaction CPU and garbage. The parts it masks are still replaced, never edited.
 */
export function redactParsedKubernetesObject(object: Json): Json {
  return redactStorageClass(redactNested(object, true) as Json);
}

function redactStorageClass(out: Json): Json {
  if ((out.kind === 'StorageClass' || typeof out.provisioner === 'string') && isObject(out.parameters)) {
    out.parameters = maskValues(out.parameters, SAFE_STORAGE_CLASS_PARAMETERS);
  }
  return out;
}

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/**
 * Walks the object: metadata is cleaned wherever it appears, pod-spec-shaped objects have their
 * containers redacted, and volume sources are masked wherever they appear (pod volumes, PV specs).
 */
function redactNested(value: unknown, inPlace: boolean): unknown {
  if (Array.isArray(value)) {
    if (!inPlace) return value.map((member) => redactNested(member, false));
    for (let i = 0; i < value.length; i += 1) value[i] = redactNested(value[i], true);
    return value;
  }
  if (!isObject(value)) return value;
  const out: Json = inPlace ? value : {};
  for (const key of Object.keys(value)) out[key] = redactNested(value[key], inPlace);
  if (isObject(out.metadata)) out.metadata = redactMetadata(out.metadata);
  if (Array.isArray(out.containers)) {
    for (const list of CONTAINER_LISTS) {
      const containers = out[list];
      if (Array.isArray(containers)) {
        out[list] = containers.map((c) => (isObject(c) ? redactK8sContainer(c) : c));
      }
    }
  }
  redactVolumeSources(out);
  return out;
}

/** Masks the free-form parts of whichever volume sources the object holds (in place, on a copy). */
function redactVolumeSources(out: Json): void {
  if (isObject(out.csi) && isObject(out.csi.volumeAttributes)) {
    out.csi = { ...out.csi, volumeAttributes: maskValues(out.csi.volumeAttributes) };
  }
  if (isObject(out.flexVolume) && isObject(out.flexVolume.options)) {
    out.flexVolume = { ...out.flexVolume, options: maskValues(out.flexVolume.options) };
  }
  // A repository URL may carry a token (https://user:token@host/...).
  if (isObject(out.gitRepo) && 'repository' in out.gitRepo) {
    out.gitRepo = { ...out.gitRepo, repository: REDACTED };
  }
  if (Array.isArray(out.mountOptions)) out.mountOptions = maskMountOptions(out.mountOptions);
}

function redactMetadata(metadata: Json): Json {
  const { managedFields: _dropped, ...rest } = metadata;
  if (isObject(rest.annotations)) {
    rest.annotations = Object.fromEntries(
      Object.entries(rest.annotations)
        .filter(([key]) => !SPEC_COPY_ANNOTATIONS.includes(key))
        .map(([key, value]) => [key, READ_ANNOTATIONS.has(key) ? value : REDACTED]),
    );
  }
  return rest;
}

function redactK8sContainer(container: Json): Json {
  const out: Json = { ...container };
  if (Array.isArray(out.env)) {
    out.env = out.env.map((entry) => {
      if (!isObject(entry)) return entry;
      const kept: Json = {};
      if (typeof entry.name === 'string') kept.name = entry.name;
      if (isObject(entry.valueFrom)) kept.valueFrom = entry.valueFrom;
      return kept;
    });
  }
  delete out.command;
  delete out.args;
  delete out.lifecycle;
  for (const probe of PROBES) {
    const p = out[probe];
    if (!isObject(p)) continue;
    const cleaned: Json = { ...p };
    if ('exec' in cleaned) cleaned.exec = {};
    // An HTTP probe may send `Authorization: Bearer …`.
    if (isObject(cleaned.httpGet) && Array.isArray(cleaned.httpGet.httpHeaders)) {
      cleaned.httpGet = { ...cleaned.httpGet, httpHeaders: maskPairs(cleaned.httpGet.httpHeaders, 'value') };
    }
    out[probe] = cleaned;
  }
  return out;
}

/** The inventory with every task definition and Kubernetes object redacted (idempotent). */
export function redactInventory(inventory: Inventory): Inventory {
  return {
    ...inventory,
    partitions: inventory.partitions.map((partition) => ({
      ...partition,
      ecs: partition.ecs && {
        ...partition.ecs,
        taskDefinitions: Object.fromEntries(
          Object.entries(partition.ecs.taskDefinitions).map(([arn, td]) => [arn, redactTaskDefinition(td)]),
        ),
      },
      eks: partition.eks && {
        ...partition.eks,
        clusters: partition.eks.clusters.map((cluster) => ({
          ...cluster,
          kubernetes: cluster.kubernetes && redactKubernetesObjects(cluster.kubernetes),
        })),
      },
    })),
  };
}

function redactKubernetesObjects(objects: KubernetesObjects): KubernetesObjects {
  return Object.fromEntries(
    Object.entries(objects).map(([kind, list]) => [kind, list.map(redactKubernetesObject)]),
  ) as KubernetesObjects;
}
