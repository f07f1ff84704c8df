/**
 * The Kubernetes objects around a workload that decide some rules: claims and the storage behind
 * them, Services and NetworkPolicies that select its pods, and its ServiceAccount. In `check` they
 * come from the same input; in a scan, from the cluster's API.
 */
import type { ClaimResolution, ExposingService } from '../model/workload.js';
import { mibFromQuantity } from './kubernetes-quantity.js';
import { isRecord, ownEntry, type RawRecord } from './raw-fields.js';

/**
 * Raw Kubernetes objects known beside the workloads. Entries are parsed manifests or API objects
 * (`@kubernetes/client-node` models have the same field names); they are read defensively.
 */
export interface KubernetesContext {
  readonly persistentVolumeClaims: readonly unknown[];
  readonly persistentVolumes: readonly unknown[];
  readonly storageClasses: readonly unknown[];
  readonly services: readonly unknown[];
  readonly networkPolicies: readonly unknown[];
  readonly serviceAccounts: readonly unknown[];
  /**
   * Ingresses, which decide whether an ALB reaches a Service's pods by IP. Optional: a source that
   * does not list them leaves every NodePort Service judged as reached through node ports.
   */
  readonly ingresses?: readonly unknown[];
}

/** A context with nothing known. */
export const EMPTY_KUBERNETES_CONTEXT: KubernetesContext = {
  persistentVolumeClaims: [],
  persistentVolumes: [],
  storageClasses: [],
  services: [],
  networkPolicies: [],
  serviceAccounts: [],
  ingresses: [],
};

const CONTEXT_KINDS: Readonly<Record<string, keyof KubernetesContext>> = {
  PersistentVolumeClaim: 'persistentVolumeClaims',
  PersistentVolume: 'persistentVolumes',
  StorageClass: 'storageClasses',
  Service: 'services',
  NetworkPolicy: 'networkPolicies',
  ServiceAccount: 'serviceAccounts',
  Ingress: 'ingresses',
};

/** Sorts Kubernetes objects of any kind into a context; kinds it does not need are skipped. */
export function kubernetesContextFrom(objects: readonly unknown[]): KubernetesContext {
  const buckets: Record<keyof KubernetesContext, unknown[]> = {
    persistentVolumeClaims: [],
    persistentVolumes: [],
    storageClasses: [],
    services: [],
    networkPolicies: [],
    serviceAccounts: [],
    ingresses: [],
  };
  for (const object of objects) {
    if (!isRecord(object) || typeof object.kind !== 'string') continue;
    const bucket = ownEntry(CONTEXT_KINDS, object.kind);
    if (bucket) buckets[bucket].push(object);
  }
  return buckets;
}

// ---------------------------------------------------------------------------------------------
// Defensive accessors: context objects are not validated up front, and a malformed neighbour must
// not stop the workload that merely references it from being read.

function recordField(object: unknown, key: string): RawRecord | null {
  if (!isRecord(object)) return null;
  const value = object[key];
  return isRecord(value) ? value : null;
}

function textField(object: unknown, key: string): string | null {
  if (!isRecord(object)) return null;
  const value = object[key];
  return typeof value === 'string' ? value : null;
}

function stringRecord(value: unknown): Record<string, string> {
  const map: Record<string, string> = {};
  if (!isRecord(value)) return map;
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean') {
      map[key] = String(entry);
    }
  }
  return map;
}

function nameOf(object: unknown): string | null {
  return textField(recordField(object, 'metadata'), 'name');
}

function namespaceOf(object: unknown): string {
  return textField(recordField(object, 'metadata'), 'namespace') ?? 'default';
}

function annotationsOf(object: unknown): Record<string, string> {
  return stringRecord(recordField(object, 'metadata')?.annotations);
}

function safeMiB(value: unknown): number | null {
  try {
    return mibFromQuantity(value);
  } catch {
    // A neighbour's malformed size only costs us the size, not the claim.
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Label selectors

/**
 * Whether a Kubernetes LabelSelector (`matchLabels` + `matchExpressions`) selects these labels.
 * An empty selector selects everything, as in NetworkPolicy `podSelector: {}`.
 */
export function labelSelectorMatches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (!isRecord(selector)) return true;
  for (const [key, value] of Object.entries(stringRecord(selector.matchLabels))) {
    if (labels[key] !== value) return false;
  }
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const expression of expressions) {
    const key = textField(expression, 'key');
    const operator = textField(expression, 'operator');
    if (key === null || operator === null) return false;
    const values =
      isRecord(expression) && Array.isArray(expression.values) ? expression.values.map(String) : [];
    const present = Object.hasOwn(labels, key);
    const label = labels[key];
    switch (operator) {
      case 'In':
        if (!present || label === undefined || !values.includes(label)) return false;
        break;
      case 'NotIn':
        if (present && label !== undefined && values.includes(label)) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        // An operator Kubernetes does not know selects nothing rather than everything.
        return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Services, NetworkPolicies, ServiceAccounts

const NLB_TARGET_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type';
const LB_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-type';
/** Read by the AWS Load Balancer Controller on an Ingress, and on a Service to override it. */
const ALB_TARGET_TYPE = 'alb.ingress.kubernetes.io/target-type';

/** Names of the Services an Ingress routes to: its rules' backends and its default backend. */
function ingressBackendServices(ingress: unknown): string[] {
  const spec = recordField(ingress, 'spec');
  // networking.k8s.io/v1 names `backend.service.name`; the older APIs `backend.serviceName`.
  const serviceOf = (backend: RawRecord | null): string | null =>
    textField(recordField(backend, 'service'), 'name') ?? textField(backend, 'serviceName');
  const names = [serviceOf(recordField(spec, 'defaultBackend')), serviceOf(recordField(spec, 'backend'))];
  const rules = Array.isArray(spec?.rules) ? spec.rules : [];
  for (const rule of rules) {
    const paths = recordField(rule, 'http')?.paths;
    for (const entry of Array.isArray(paths) ? paths : [])
      names.push(serviceOf(recordField(entry, 'backend')));
  }
  return names.filter((name): name is string => name !== null);
}

/**
 * True when at least one Ingress of the namespace routes to the Service and every one that does
 * uses ALB IP targets (the Service's own target-type annotation overriding the Ingress's): then the
 * ALB reaches the pods by IP and never through a node port. ALB's default target type is instance.
 */
function reachedByAlbIpTargets(context: KubernetesContext, namespace: string, service: unknown): boolean {
  const name = nameOf(service);
  if (name === null) return false;
  const routing = (context.ingresses ?? []).filter(
    (ingress) => namespaceOf(ingress) === namespace && ingressBackendServices(ingress).includes(name),
  );
  const override = annotationsOf(service)[ALB_TARGET_TYPE];
  return (
    routing.length > 0 &&
    routing.every(
      (ingress) => (override ?? annotationsOf(ingress)[ALB_TARGET_TYPE] ?? 'instance').toLowerCase() === 'ip',
    )
  );
}

/**
 * Services in the pod's namespace whose selector matches its labels. A Service without a
 * selector (manually managed endpoints) selects no pod. `ipTargets` says the AWS Load Balancer
 * Controller reaches the pods by IP: for a LoadBalancer, the `aws-load-balancer-nlb-target-type:
 * ip` annotation (alone or with `aws-load-balancer-type: external`) or the legacy
 * `aws-load-balancer-type: nlb-ip`; for any other type, ALB Ingresses with target-type ip that
 * route to it.
 */
export function servicesSelecting(
  context: KubernetesContext,
  namespace: string,
  podLabels: Readonly<Record<string, string>>,
): ExposingService[] {
  const matches: ExposingService[] = [];
  for (const service of context.services) {
    if (namespaceOf(service) !== namespace) continue;
    const spec = recordField(service, 'spec');
    const selector = stringRecord(spec?.selector);
    const selectorKeys = Object.keys(selector);
    if (selectorKeys.length === 0) continue;
    if (!selectorKeys.every((key) => podLabels[key] === selector[key])) continue;
    const type = textField(spec, 'type') ?? 'ClusterIP';
    const annotations = annotationsOf(service);
    const ipTargets =
      type === 'LoadBalancer'
        ? annotations[NLB_TARGET_TYPE]?.toLowerCase() === 'ip' ||
          annotations[LB_TYPE]?.toLowerCase() === 'nlb-ip'
        : reachedByAlbIpTargets(context, namespace, service);
    matches.push({ name: nameOf(service) ?? '', type, ipTargets });
  }
  return matches;
}

/** Names of the NetworkPolicies in the pod's namespace whose `podSelector` selects it. */
export function networkPoliciesSelecting(
  context: KubernetesContext,
  namespace: string,
  podLabels: Readonly<Record<string, string>>,
): string[] {
  return context.networkPolicies
    .filter((policy) => namespaceOf(policy) === namespace)
    .filter((policy) => labelSelectorMatches(recordField(policy, 'spec')?.podSelector, podLabels))
    .map((policy) => nameOf(policy) ?? '');
}

const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';

/**
 * Whether the pod's ServiceAccount carries an IRSA role annotation; null when the account is
 * not among the known objects (nothing can be said about it).
 */
export function serviceAccountHasIrsa(
  context: KubernetesContext,
  namespace: string,
  serviceAccountName: string,
): boolean | null {
  const account = context.serviceAccounts.find(
    (candidate) => namespaceOf(candidate) === namespace && nameOf(candidate) === serviceAccountName,
  );
  if (account === undefined) return null;
  return (annotationsOf(account)[IRSA_ANNOTATION] ?? '').trim() !== '';
}

// ---------------------------------------------------------------------------------------------
// Claims

/** The class EKS clusters mark as default; a claim that names no class is judged by it. */
export const EKS_DEFAULT_STORAGE_CLASS = 'gp2';
/** The in-tree provisioner behind the EKS default class. */
export const EKS_DEFAULT_PROVISIONER = 'kubernetes.io/aws-ebs';

/**
 * Storage classes whose driver can be told from the name alone when the class itself is not in
 * the input: the names the EKS documentation and the AWS CSI drivers' examples use.
 */
const WELL_KNOWN_CLASS_DRIVERS: Readonly<Record<string, string>> = {
  gp2: 'ebs.csi.aws.com',
  gp3: 'ebs.csi.aws.com',
  'ebs-sc': 'ebs.csi.aws.com',
  'efs-sc': 'efs.csi.aws.com',
};

const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

/** PersistentVolume sources, in the order Kubernetes documents them; the first present names the PV type. */
const PV_SOURCE_TYPES = [
  'csi',
  'awsElasticBlockStore',
  'nfs',
  'iscsi',
  'hostPath',
  'local',
  'fc',
  'rbd',
  'cephfs',
  'cinder',
  'glusterfs',
  'azureDisk',
  'azureFile',
  'gcePersistentDisk',
  'flexVolume',
  'flocker',
  'portworxVolume',
  'quobyte',
  'scaleIO',
  'storageos',
  'vsphereVolume',
  'photonPersistentDisk',
];

/** What a claim asks for, whether it comes from a PVC, a volumeClaimTemplate or an ephemeral volume. */
export interface ClaimRequest {
  readonly claimName: string;
  readonly namespace: string;
  /** `undefined` when the claim names no class; `''` when it explicitly asks for none. */
  readonly storageClassName: string | undefined;
  readonly volumeName: string | null;
  readonly requestMiB: number | null;
  readonly accessModes: readonly string[];
  /** Matches the names of PVCs the controller creates (StatefulSet: `<template>-<set>-<ordinal>`). */
  readonly boundClaimName: (name: string) => boolean;
}

function storageClassOfClaimSpec(
  spec: RawRecord | null,
  annotations: Record<string, string>,
): string | undefined {
  const named = spec?.storageClassName;
  if (typeof named === 'string') return named;
  // The beta annotation predates storageClassName and Kubernetes still honours it.
  return annotations[BETA_CLASS_ANNOTATION];
}

/**
 * The request behind a claim template (`volumeClaimTemplates[]` or `ephemeral.volumeClaimTemplate`):
 * its `metadata` and `spec`.
 */
export function claimRequestFromTemplate(
  template: unknown,
  claimName: string,
  namespace: string,
  boundClaimName: (name: string) => boolean = (name) => name === claimName,
): ClaimRequest {
  const spec = recordField(template, 'spec');
  const accessModes = Array.isArray(spec?.accessModes) ? spec.accessModes.map(String) : [];
  return {
    claimName,
    namespace,
    storageClassName: storageClassOfClaimSpec(spec, annotationsOf(template)),
    volumeName: textField(spec, 'volumeName'),
    requestMiB: safeMiB(recordField(recordField(spec, 'resources'), 'requests')?.storage),
    accessModes,
    boundClaimName,
  };
}

function pvStorageClass(pv: unknown): string {
  const spec = recordField(pv, 'spec');
  return textField(spec, 'storageClassName') ?? annotationsOf(pv)[BETA_CLASS_ANNOTATION] ?? '';
}

function claimRefOf(pv: unknown): { name: string | null; namespace: string } | null {
  const ref = recordField(recordField(pv, 'spec'), 'claimRef');
  if (ref === null) return null;
  return { name: textField(ref, 'name'), namespace: textField(ref, 'namespace') ?? 'default' };
}

function defaultStorageClass(context: KubernetesContext): unknown {
  return context.storageClasses.find((storageClass) => {
    const annotations = annotationsOf(storageClass);
    return DEFAULT_CLASS_ANNOTATIONS.some((key) => annotations[key]?.toLowerCase() === 'true');
  });
}

function fromPersistentVolume(pv: unknown, request: ClaimRequest): ClaimResolution {
  const spec = recordField(pv, 'spec');
  const sourceType = PV_SOURCE_TYPES.find((type) => spec !== null && isRecord(spec[type])) ?? null;
  let driver: string | null = null;
  if (sourceType === 'csi') driver = textField(recordField(spec, 'csi'), 'driver');
  else if (sourceType === 'awsElasticBlockStore') driver = EKS_DEFAULT_PROVISIONER;
  const storageClass = pvStorageClass(pv);
  return {
    claimName: request.claimName,
    storageClass: storageClass || request.storageClassName || null,
    driver,
    pvSourceType: sourceType,
    provisioningMode: null,
    resolvedBy: 'pv',
    dynamic: false,
    requestMiB: request.requestMiB ?? safeMiB(recordField(spec, 'capacity')?.storage),
  };
}

function fromStorageClass(storageClass: unknown, request: ClaimRequest): ClaimResolution {
  const parameters = stringRecord(isRecord(storageClass) ? storageClass.parameters : undefined);
  return {
    claimName: request.claimName,
    storageClass: nameOf(storageClass),
    driver: textField(storageClass, 'provisioner'),
    pvSourceType: null,
    provisioningMode: parameters.provisioningMode ?? null,
    resolvedBy: 'storage-class',
    dynamic: true,
    requestMiB: request.requestMiB,
  };
}

/**
 * A pre-created PV the claim binds to: named by `volumeName`, or whose `claimRef` names the
 * claim, or — as the Kubernetes binder does for static provisioning — an unclaimed PV of the same
 * class with enough capacity and the requested access modes (the smallest such PV).
 */
function boundPersistentVolume(
  context: KubernetesContext,
  request: ClaimRequest,
  effectiveClass: string,
): unknown {
  if (request.volumeName !== null) {
    const named = context.persistentVolumes.find((pv) => nameOf(pv) === request.volumeName);
    if (named !== undefined) return named;
  }
  const claimed = context.persistentVolumes.find((pv) => {
    const ref = claimRefOf(pv);
    return (
      ref !== null &&
      ref.name !== null &&
      ref.namespace === request.namespace &&
      request.boundClaimName(ref.name)
    );
  });
  if (claimed !== undefined) return claimed;
  const candidates = context.persistentVolumes
    .filter((pv) => {
      const ref = claimRefOf(pv);
      if (ref !== null && ref.name !== null) return false;
      if (pvStorageClass(pv) !== effectiveClass) return false;
      const spec = recordField(pv, 'spec');
      const capacity = safeMiB(recordField(spec, 'capacity')?.storage);
      if (request.requestMiB !== null && capacity !== null && capacity < request.requestMiB) return false;
      const modes = Array.isArray(spec?.accessModes) ? spec.accessModes.map(String) : [];
      return request.accessModes.every((mode) => modes.includes(mode));
    })
    .map((pv) => ({ pv, capacity: safeMiB(recordField(recordField(pv, 'spec'), 'capacity')?.storage) }))
    .sort((a, b) => (a.capacity ?? Number.POSITIVE_INFINITY) - (b.capacity ?? Number.POSITIVE_INFINITY));
  return candidates[0]?.pv;
}

/**
 * Resolves what backs a claim request against the known PVs and StorageClasses:
 * a bound PV (`pv`); else the named StorageClass (`storage-class`, dynamic); else a class name not
 * in the input but well known (gp2/gp3/ebs-sc → EBS CSI, efs-sc → EFS CSI; reported as
 * `storage-class` with the inferred driver); else the EKS default is assumed. A claim that names no class goes
 * to the default StorageClass when one is known, otherwise the EKS default (gp2, in-tree EBS) is
 * assumed (`assumed-default`), which rules must say in their finding.
 */
export function resolveClaimRequest(context: KubernetesContext, request: ClaimRequest): ClaimResolution {
  const defaultClass = request.storageClassName === undefined ? defaultStorageClass(context) : undefined;
  const effectiveClass =
    request.storageClassName ?? (defaultClass === undefined ? '' : (nameOf(defaultClass) ?? ''));
  const pv = boundPersistentVolume(context, request, effectiveClass);
  if (pv !== undefined) return fromPersistentVolume(pv, request);

  const unresolved: ClaimResolution = {
    claimName: request.claimName,
    storageClass: request.storageClassName || null,
    driver: null,
    pvSourceType: null,
    provisioningMode: null,
    resolvedBy: 'unresolved',
    dynamic: request.storageClassName !== '',
    requestMiB: request.requestMiB,
  };
  // An explicit empty class disables dynamic provisioning: only a pre-created PV could serve it.
  if (request.storageClassName === '') return unresolved;
  if (request.storageClassName === undefined) {
    if (defaultClass !== undefined) return fromStorageClass(defaultClass, request);
    return {
      ...unresolved,
      storageClass: EKS_DEFAULT_STORAGE_CLASS,
      driver: EKS_DEFAULT_PROVISIONER,
      resolvedBy: 'assumed-default',
    };
  }
  const named = context.storageClasses.find(
    (storageClass) => nameOf(storageClass) === request.storageClassName,
  );
  if (named !== undefined) return fromStorageClass(named, request);
  const inferredDriver = ownEntry(WELL_KNOWN_CLASS_DRIVERS, request.storageClassName);
  if (inferredDriver !== undefined)
    return { ...unresolved, driver: inferredDriver, resolvedBy: 'storage-class' };
  // Issue A: a class that is neither in the input nor well known is judged by the EKS default (gp2, EBS).
  return { ...unresolved, driver: EKS_DEFAULT_PROVISIONER, resolvedBy: 'assumed-default' };
}

/**
 * Resolves a `persistentVolumeClaim` volume by claim name. A claim that is not among the known
 * objects and no PV names it: its class is unknown, so the EKS default (gp2, EBS) is assumed.
 */
export function resolvePersistentVolumeClaim(
  context: KubernetesContext,
  namespace: string,
  claimName: string,
): ClaimResolution {
  const claim = context.persistentVolumeClaims.find(
    (candidate) => namespaceOf(candidate) === namespace && nameOf(candidate) === claimName,
  );
  if (claim === undefined) {
    const request: ClaimRequest = {
      claimName,
      namespace,
      storageClassName: undefined,
      volumeName: null,
      requestMiB: null,
      accessModes: [],
      boundClaimName: (name) => name === claimName,
    };
    const claimedPv = context.persistentVolumes.find((pv) => {
      const ref = claimRefOf(pv);
      return ref !== null && ref.name === claimName && ref.namespace === namespace;
    });
    if (claimedPv !== undefined) return fromPersistentVolume(claimedPv, request);
    return {
      claimName,
      storageClass: EKS_DEFAULT_STORAGE_CLASS,
      driver: EKS_DEFAULT_PROVISIONER,
      pvSourceType: null,
      provisioningMode: null,
      resolvedBy: 'assumed-default',
      dynamic: true,
      requestMiB: null,
    };
  }
  return resolveClaimRequest(context, claimRequestFromTemplate(claim, claimName, namespace));
}
