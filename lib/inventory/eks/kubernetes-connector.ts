/**
 * Reads a cluster's Kubernetes API with @kubernetes/client-node: the endpoint exactly as
 * DescribeCluster returned it, TLS verified against the cluster's CA, an EKS token as bearer.
 * Every kind is listed across all namespaces with `limit`/`continue` paging (restarting on 410),
 * paced per cluster, each page retried on 429, 5xx and dropped connections and abandoned when it
 * outlasts its deadline (kubernetes-retry.ts), then stamped with its kind, redacted and slimmed to
 * what normalization reads.
 */
import {
  ApiException,
  AppsV1Api,
  BatchV1Api,
  type ConfigurationOptions,
  CoreV1Api,
  IsomorphicFetchHttpLibrary,
  KubeConfig,
  NetworkingV1Api,
  StorageV1Api,
} from '@kubernetes/client-node';
import type { CallStats } from '../call-stats.js';
import { isThrottling, KubernetesApiError } from '../errors.js';
import type { RateLimiter } from '../limiter.js';
import { redactKubernetesObject } from '../redact.js';
import { KUBERNETES_KINDS, type KubernetesObject, type KubernetesObjects } from '../snapshot.js';
import { type KubernetesRetryOptions, withKubernetesRetries } from './kubernetes-retry.js';
import { listAll } from './list-all.js';

/** The cluster to read, as DescribeCluster described it. */
export interface KubernetesTarget {
  readonly account: string;
  readonly region: string;
  readonly clusterName: string;
  /** API server URL, used as returned (scheme, host, port and any path). */
  readonly endpoint: string;
  /** Base64 PEM bundle of the cluster CA. */
  readonly certificateAuthorityData: string;
}

/** Reads the Kubernetes objects of one cluster; injectable so collectors are testable without a server. */
export interface KubernetesConnector {
  collect(target: KubernetesTarget): Promise<KubernetesObjects>;
}

/** Inputs of the @kubernetes/client-node connector. */
export interface ClientNodeConnectorOptions {
  /** A bearer token for the cluster (an EKS token); asked again when the previous one is ten minutes old. */
  readonly token: (target: KubernetesTarget) => Promise<string>;
  readonly limiter: RateLimiter;
  readonly stats: CallStats;
  /** Items per LIST page; the API server may return fewer. */
  readonly pageSize?: number;
  /** Namespaces left out of the scan (kube-system is scanned unless named here). */
  readonly excludeNamespaces?: readonly string[];
  /** Clock for token age; injectable for tests. */
  readonly now?: () => number;
  /** Retries of throttled, failed or stalled pages, and the deadline of each attempt. */
  readonly retry?: KubernetesRetryOptions;
}

/** Default LIST page size (scan-limits §6). */
export const KUBERNETES_PAGE_SIZE = 500;
/** EKS accepts a token for 15 minutes; renewing at 10 leaves room for a slow page. */
const TOKEN_RENEW_MS = 10 * 60_000;

interface Apis {
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly batch: BatchV1Api;
  readonly storage: StorageV1Api;
  readonly networking: NetworkingV1Api;
}

interface ListParams {
  limit: number;
  _continue?: string;
}

/**
 * Per-request options that attach `signal` to the request, so a stalled answer can be abandoned.
 * Only the HTTP library is swapped: the configuration's middleware (authentication) stays.
 */
function abortableBy(signal: AbortSignal): ConfigurationOptions {
  const fetch = new IsomorphicFetchHttpLibrary();
  return {
    httpApi: {
      send: (request) => {
        request.setSignal(signal);
        return fetch.send(request);
      },
    },
  };
}

interface ListResult {
  readonly items: readonly unknown[];
  readonly metadata?: { readonly _continue?: string } | undefined;
}

interface Lister {
  readonly kind: string;
  readonly apiVersion: string;
  readonly namespaced: boolean;
  /** The action name counted in call statistics. */
  readonly action: string;
  readonly list: (apis: Apis, params: ListParams, options: ConfigurationOptions) => Promise<ListResult>;
}

const LISTERS: Readonly<Record<keyof KubernetesObjects, Lister>> = {
  pods: lister('Pod', 'v1', true, (a, p, o) => a.core.listPodForAllNamespaces(p, o)),
  replicaSets: lister('ReplicaSet', 'apps/v1', true, (a, p, o) =>
    a.apps.listReplicaSetForAllNamespaces(p, o),
  ),
  deployments: lister('Deployment', 'apps/v1', true, (a, p, o) =>
    a.apps.listDeploymentForAllNamespaces(p, o),
  ),
  statefulSets: lister('StatefulSet', 'apps/v1', true, (a, p, o) =>
    a.apps.listStatefulSetForAllNamespaces(p, o),
  ),
  daemonSets: lister('DaemonSet', 'apps/v1', true, (a, p, o) => a.apps.listDaemonSetForAllNamespaces(p, o)),
  jobs: lister('Job', 'batch/v1', true, (a, p, o) => a.batch.listJobForAllNamespaces(p, o)),
  cronJobs: lister('CronJob', 'batch/v1', true, (a, p, o) => a.batch.listCronJobForAllNamespaces(p, o)),
  persistentVolumeClaims: lister('PersistentVolumeClaim', 'v1', true, (a, p, o) =>
    a.core.listPersistentVolumeClaimForAllNamespaces(p, o),
  ),
  persistentVolumes: lister('PersistentVolume', 'v1', false, (a, p, o) => a.core.listPersistentVolume(p, o)),
  storageClasses: lister('StorageClass', 'storage.k8s.io/v1', false, (a, p, o) =>
    a.storage.listStorageClass(p, o),
  ),
  nodes: lister('Node', 'v1', false, (a, p, o) => a.core.listNode(p, o)),
  services: lister('Service', 'v1', true, (a, p, o) => a.core.listServiceForAllNamespaces(p, o)),
  networkPolicies: lister('NetworkPolicy', 'networking.k8s.io/v1', true, (a, p, o) =>
    a.networking.listNetworkPolicyForAllNamespaces(p, o),
  ),
  serviceAccounts: lister('ServiceAccount', 'v1', true, (a, p, o) =>
    a.core.listServiceAccountForAllNamespaces(p, o),
  ),
};

function lister(
  kind: string,
  apiVersion: string,
  namespaced: boolean,
  list: (apis: Apis, params: ListParams, options: ConfigurationOptions) => Promise<ListResult>,
): Lister {
  return { kind, apiVersion, namespaced, action: `List${kind}`, list };
}

/** The production connector: @kubernetes/client-node against the real (or emulated) API server. */
export class ClientNodeConnector implements KubernetesConnector {
  constructor(private readonly options: ClientNodeConnectorOptions) {}

  async collect(target: KubernetesTarget): Promise<KubernetesObjects> {
    const { limiter, stats } = this.options;
    const now = this.options.now ?? Date.now;
    const pageSize = this.options.pageSize ?? KUBERNETES_PAGE_SIZE;
    const excluded = new Set(this.options.excludeNamespaces ?? []);
    const key = {
      account: target.account,
      region: target.region,
      bucket: 'kubernetes',
      resource: target.clusterName,
    };

    // One API client set (and token) at a time: every list waits on the same promise, and a new
    // one is made once the token is ten minutes old.
    let apis: Promise<Apis> | undefined;
    let builtAt = 0;
    const currentApis = (): Promise<Apis> => {
      if (!apis || now() - builtAt > TOKEN_RENEW_MS) {
        builtAt = now();
        const building = this.options.token(target).then((token) => apisFor(target, token));
        building.catch(() => {
          if (apis === building) apis = undefined;
        });
        apis = building;
      }
      return apis;
    };

    const entries = await Promise.all(
      KUBERNETES_KINDS.map(async (kindKey) => {
        const spec = LISTERS[kindKey];
        const raw = await listAll<unknown>((continueToken) =>
          withKubernetesRetries(
            `${spec.action} on ${target.clusterName}`,
            async () => stats.recordWait(await limiter.acquire(key)),
            async (signal) => {
              stats.recordCall('kubernetes', spec.action);
              try {
                const params: ListParams = {
                  limit: pageSize,
                  ...(continueToken ? { _continue: continueToken } : {}),
                };
                const result = await spec.list(await currentApis(), params, abortableBy(signal));
                return { items: result.items, continueToken: result.metadata?._continue };
              } catch (error) {
                const mapped = kubernetesError(error, `${spec.action} on ${target.clusterName}`);
                if (isThrottling(mapped)) {
                  stats.recordThrottle();
                  limiter.noteThrottle(key);
                }
                throw mapped;
              }
            },
            this.options.retry,
          ),
        );
        const objects = raw
          .map((item) => slim(kindKey, stamp(item, spec)))
          .filter((o) => !spec.namespaced || !excluded.has(o.metadata.namespace ?? ''));
        return [kindKey, objects] as const;
      }),
    );
    return Object.fromEntries(entries) as unknown as KubernetesObjects;
  }
}

function apisFor(target: KubernetesTarget, token: string): Apis {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [
      {
        name: target.clusterName,
        server: target.endpoint,
        caData: target.certificateAuthorityData,
        skipTLSVerify: false,
      },
    ],
    users: [{ name: 'fargate-fit', token }],
    contexts: [{ name: 'fargate-fit-scan', cluster: target.clusterName, user: 'fargate-fit' }],
    currentContext: 'fargate-fit-scan',
  });
  return {
    core: config.makeApiClient(CoreV1Api),
    apps: config.makeApiClient(AppsV1Api),
    batch: config.makeApiClient(BatchV1Api),
    storage: config.makeApiClient(StorageV1Api),
    networking: config.makeApiClient(NetworkingV1Api),
  };
}

/** Items of a LIST carry no kind; stamping it makes each one read like a manifest. */
function stamp(item: unknown, spec: Lister): Record<string, unknown> {
  const object = JSON.parse(JSON.stringify(item)) as Record<string, unknown>;
  return { apiVersion: spec.apiVersion, kind: spec.kind, ...object };
}

/**
 * Redacts, then drops what normalization never reads and what makes snapshots heavy: pod status
 * beyond phase, node images and conditions.
 */
export function slim(kind: keyof KubernetesObjects, object: Record<string, unknown>): KubernetesObject {
  const redacted = redactKubernetesObject(object) as KubernetesObject & {
    status?: Record<string, unknown>;
  };
  if (kind === 'pods' && redacted.status) {
    redacted.status = { phase: redacted.status.phase };
  }
  if (kind === 'nodes' && redacted.status) {
    const { allocatable, capacity, nodeInfo } = redacted.status as {
      allocatable?: unknown;
      capacity?: unknown;
      nodeInfo?: { architecture?: unknown; operatingSystem?: unknown };
    };
    redacted.status = {
      allocatable,
      capacity,
      nodeInfo: { architecture: nodeInfo?.architecture, operatingSystem: nodeInfo?.operatingSystem },
    };
  }
  return redacted;
}

/** An `ApiException` (status code, Status body) as a {@link KubernetesApiError} with a readable message. */
export function kubernetesError(error: unknown, what: string): unknown {
  if (error instanceof ApiException) {
    const body = (error as ApiException<unknown>).body;
    const reason = parseStatusMessage(body) ?? `HTTP ${error.code}`;
    return new KubernetesApiError(error.code, `${what}: ${reason}`, { cause: error });
  }
  return error;
}

function parseStatusMessage(body: unknown): string | null {
  const parsed = typeof body === 'string' ? safeJson(body) : body;
  if (
    typeof parsed === 'object' &&
    parsed !== null &&
    typeof (parsed as { message?: unknown }).message === 'string'
  ) {
    return (parsed as { message: string }).message;
  }
  return typeof body === 'string' && body.length > 0 ? body.slice(0, 200) : null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
