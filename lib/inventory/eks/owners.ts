/**
 * Groups a cluster's pods into workloads by their top-level owner: a pod's controller reference is
 * followed up through the objects the scan listed (Pod → ReplicaSet → Deployment, Pod → Job →
 * CronJob) until an object has no controller. Controllers with no pod right now (a Deployment
 * scaled to zero, a CronJob between runs) are workloads too; a pod without a controller is a
 * workload of kind Pod.
 */

import { byText } from '../../model/text-order.js';
import type { KubernetesObject, KubernetesObjects } from '../snapshot.js';

/** Where an object sits: its kind, namespace and name. */
export interface ObjectRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** Pods sharing a top-level owner, and the object whose pod template describes them. */
export interface PodGroup {
  /** The top-level owner. Its kind may be one the scan does not list (an Argo Rollout, say). */
  readonly owner: ObjectRef;
  /**
   * The highest listed object in the ownership chain (the owner itself when listed): its pod
   * template is the one normalized. A pod's own spec when nothing above it was listed.
   */
  readonly templateObject: KubernetesObject;
  readonly pods: readonly KubernetesObject[];
}

interface OwnerReference {
  readonly kind: string;
  readonly name: string;
  readonly controller?: boolean;
}

/** The kinds listed by a scan that can own pods (directly or through another listed kind). */
const CONTROLLER_LISTS = [
  'deployments',
  'statefulSets',
  'daemonSets',
  'cronJobs',
  'jobs',
  'replicaSets',
] as const;

/** The controlling owner reference (`controller: true`), else the first one, else null. */
export function controllerOf(object: KubernetesObject): OwnerReference | null {
  const refs = (object.metadata as { ownerReferences?: unknown }).ownerReferences;
  if (!Array.isArray(refs)) return null;
  const valid = refs.filter(
    (r): r is OwnerReference =>
      typeof r === 'object' && r !== null && typeof r.kind === 'string' && typeof r.name === 'string',
  );
  return valid.find((r) => r.controller === true) ?? valid[0] ?? null;
}

function namespaceOf(object: KubernetesObject): string {
  return object.metadata.namespace ?? '';
}

function kindOf(object: KubernetesObject): string {
  return typeof object.kind === 'string' ? object.kind : '';
}

function refKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

/** Looks listed controllers up by kind, namespace and name. */
export class OwnerIndex {
  private readonly byKey = new Map<string, KubernetesObject>();

  constructor(objects: Pick<KubernetesObjects, (typeof CONTROLLER_LISTS)[number]>) {
    for (const list of CONTROLLER_LISTS) {
      for (const object of objects[list]) {
        this.byKey.set(refKey(kindOf(object), namespaceOf(object), object.metadata.name), object);
      }
    }
  }

  get(kind: string, namespace: string, name: string): KubernetesObject | undefined {
    return this.byKey.get(refKey(kind, namespace, name));
  }
}

/**
 * Follows controller references up from `object`. Returns the top-level owner and the highest
 * listed object met on the way. A mirror pod (owned by its Node) counts as a bare Pod.
 */
export function resolveTopOwner(
  object: KubernetesObject,
  index: OwnerIndex,
): { owner: ObjectRef; templateObject: KubernetesObject } {
  const namespace = namespaceOf(object);
  let current = object;
  let owner: ObjectRef = { kind: kindOf(object), namespace, name: object.metadata.name };
  // Ownership chains are short (two links at most for built-in kinds); the bound guards cycles.
  for (let depth = 0; depth < 8; depth += 1) {
    const controller = controllerOf(current);
    if (!controller || controller.kind === 'Node') break;
    owner = { kind: controller.kind, namespace, name: controller.name };
    const parent = index.get(controller.kind, namespace, controller.name);
    if (!parent) break;
    current = parent;
  }
  return { owner, templateObject: current };
}

/** Key of a group: `<Kind>/<namespace>/<name>` of its top-level owner. */
export function groupKey(owner: ObjectRef): string {
  return refKey(owner.kind, owner.namespace, owner.name);
}

/**
 * Every workload of a cluster: pods grouped by top-level owner, plus top-level controllers that
 * have no pod now. Sorted by namespace, kind and name.
 */
export function groupPodsByOwner(objects: KubernetesObjects): PodGroup[] {
  const index = new OwnerIndex(objects);
  const groups = new Map<
    string,
    { owner: ObjectRef; templateObject: KubernetesObject; pods: KubernetesObject[] }
  >();
  for (const pod of objects.pods) {
    const { owner, templateObject } = resolveTopOwner(pod, index);
    const key = groupKey(owner);
    const group = groups.get(key);
    if (group) {
      group.pods.push(pod);
      // Prefer a listed controller's template over a pod's own spec when pods disagree on what was listed.
      if (kindOf(group.templateObject) === 'Pod' && kindOf(templateObject) !== 'Pod') {
        group.templateObject = templateObject;
      }
    } else {
      groups.set(key, { owner, templateObject, pods: [pod] });
    }
  }
  for (const list of CONTROLLER_LISTS) {
    for (const controller of objects[list]) {
      if (controllerOf(controller)) continue;
      const owner = {
        kind: kindOf(controller),
        namespace: namespaceOf(controller),
        name: controller.metadata.name,
      };
      const key = groupKey(owner);
      if (!groups.has(key)) groups.set(key, { owner, templateObject: controller, pods: [] });
    }
  }
  return [...groups.values()].sort(
    (a, b) =>
      byText(a.owner.namespace, b.owner.namespace) ||
      byText(a.owner.kind, b.owner.kind) ||
      byText(a.owner.name, b.owner.name),
  );
}

/** Pod phase, e.g. `Running`, `Pending`, `Succeeded`. */
export function podPhase(pod: KubernetesObject): string | null {
  const phase = (pod.status as { phase?: unknown } | undefined)?.phase;
  return typeof phase === 'string' ? phase : null;
}

/** Node the pod is scheduled on, or null. */
export function podNodeName(pod: KubernetesObject): string | null {
  const nodeName = (pod.spec as { nodeName?: unknown } | undefined)?.nodeName;
  return typeof nodeName === 'string' ? nodeName : null;
}
