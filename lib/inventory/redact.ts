/**
 * Strips values that may be secret from raw documents before they are kept anywhere: environment
 * values (names stay), command lines, exec hooks and probes, log-option and Docker-label values,
 * and the `kubectl.kubernetes.io/last-applied-configuration` annotation (a full copy of the
 * manifest, env values included). References to secrets (ARNs, secret and config map names) stay:
 * they are names, not values, and the rules need them.
 */
import type { Inventory, KubernetesObjects } from './snapshot.js';

/** What a stripped value is replaced with where the key must stay (log options, Docker labels). */
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

/**
 * Annotations that copy whole object specs, env values included: kubectl's last applied manifest,
 * and the pre-1.8 init-container annotations (ignored by API servers since 1.8).
 */
const SPEC_COPY_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'pod.beta.kubernetes.io/init-containers',
  'pod.alpha.kubernetes.io/init-containers',
];

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON-safe deep copy (Dates become ISO strings, undefined members vanish). */
export function toJsonSafe<T>(value: T): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** An ECS task definition with environment values, commands and sensitive log options removed. */
export function redactTaskDefinition(taskDefinition: unknown): Json {
  const copy = toJsonSafe(taskDefinition);
  const containers = copy.containerDefinitions;
  if (Array.isArray(containers)) {
    copy.containerDefinitions = containers.map((container) =>
      isObject(container) ? redactEcsContainer(container) : container,
    );
  }
  return copy;
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
  if (isObject(out.logConfiguration) && isObject(out.logConfiguration.options)) {
    out.logConfiguration = {
      ...out.logConfiguration,
      options: Object.fromEntries(
        Object.entries(out.logConfiguration.options).map(([key, value]) => [
          key,
          SAFE_LOG_OPTIONS.has(key) ? value : REDACTED,
        ]),
      ),
    };
  }
  if (isObject(out.dockerLabels)) {
    out.dockerLabels = Object.fromEntries(Object.keys(out.dockerLabels).map((key) => [key, REDACTED]));
  }
  return out;
}

function nameOnly(entry: unknown): unknown {
  if (!isObject(entry)) return entry;
  return typeof entry.name === 'string' ? { name: entry.name } : {};
}

/**
 * A Kubernetes object without secret-bearing values: managed fields and spec-copying annotations go
 * (on the object and on every template inside it); every pod spec inside it (a Pod's, a
 * controller's template, a CronJob's job template) keeps env names and `valueFrom` references but
 * loses literal values, commands, args and exec hooks.
 */
export function redactKubernetesObject(object: unknown): Json {
  return redactNested(toJsonSafe(object)) as Json;
}

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/** Walks the object: metadata is cleaned wherever it appears, pod-spec-shaped objects have their containers redacted. */
function redactNested(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactNested);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, member] of Object.entries(value)) out[key] = redactNested(member);
  if (isObject(out.metadata)) out.metadata = redactMetadata(out.metadata);
  if (Array.isArray(out.containers)) {
    for (const list of CONTAINER_LISTS) {
      const containers = out[list];
      if (Array.isArray(containers)) {
        out[list] = containers.map((c) => (isObject(c) ? redactK8sContainer(c) : c));
      }
    }
  }
  return out;
}

function redactMetadata(metadata: Json): Json {
  const { managedFields: _dropped, ...rest } = metadata;
  if (isObject(rest.annotations)) {
    rest.annotations = Object.fromEntries(
      Object.entries(rest.annotations).filter(([key]) => !SPEC_COPY_ANNOTATIONS.includes(key)),
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
    if (isObject(p) && 'exec' in p) out[probe] = { ...p, exec: {} };
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
