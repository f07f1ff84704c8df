/**
 * Reads a cluster's Kubernetes API with @kubernetes/client-node: the endpoint exactly as
 * DescribeCluster returned it, TLS verified against the cluster's CA, an EKS token as bearer.
 * Every kind is listed across all namespaces with `limit`/`continue` paging (restarting on 410),
 * paced per cluster, each page retried on 429, 5xx and dropped connections and abandoned when it
 * outlasts its deadline (kubernetes-retry.ts), then stamped with its kind, slimmed to what
 * normalization reads and redacted.
 *
 * Requests go through client-node's own pieces — its KubeConfig (bearer token, CA), server
 * configuration, request context, fetch library and ApiException — but the list bodies are read
 * as plain JSON, the library's raw path (its examples/raw-example.js): its generated typed APIs
 * would turn every object into model instances with Date fields that must be turned back into
 * JSON before redaction, which was most of a large scan's CPU.
 */
import { type AgentOptions, Agent as HttpsAgent, type RequestOptions } from 'node:https';
import { createSecureContext } from 'node:tls';
import {
  ApiException,
  HttpMethod,
  IsomorphicFetchHttpLibrary,
  KubeConfig,
  ServerConfiguration,
} from '@kubernetes/client-node';
import pLimit, { type LimitFunction } from 'p-limit';
import type { CallStats } from '../call-stats.js';
import { isThrottling, KubernetesApiError } from '../errors.js';
import type { RateLimiter } from '../limiter.js';
import { redactKubernetesObject, redactParsedKubernetesObject } from '../redact.js';
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
  /** LIST answers read, parsed and slimmed at once, across every cluster the connector reads. */
  readonly pagesInFlight?: number;
}

/** Default LIST page size (scan-limits §6). */
export const KUBERNETES_PAGE_SIZE = 500;
/**
 * Default pages read at once per connector (one account and region). A page of 500 pods is a few
 * MB of JSON and several times that once parsed, so with clusters read side by side this, not the
 * number of clusters, bounds the memory the Kubernetes reads take. Only reading, parsing and
 * slimming hold a slot (tens of milliseconds); the requests themselves are not held back.
 */
export const KUBERNETES_PAGES_IN_FLIGHT = 4;
/** EKS accepts a token for 15 minutes; renewing at 10 leaves room for a slow page. */
const TOKEN_RENEW_MS = 10 * 60_000;

/** One token's configuration: client-node applies its bearer token and CA to each request. */
interface Session {
  readonly config: KubeConfig;
  readonly server: ServerConfiguration<Record<string, string>>;
}

interface ListResult {
  readonly items: readonly unknown[];
  readonly continueToken: string | undefined;
}

interface Lister {
  readonly kind: string;
  readonly apiVersion: string;
  readonly namespaced: boolean;
  /** The action name counted in call statistics. */
  readonly action: string;
  /** Path of the all-namespaces collection, e.g. `/apis/apps/v1/replicasets`. */
  readonly path: string;
}

const LISTERS: Readonly<Record<keyof KubernetesObjects, Lister>> = {
  pods: lister('Pod', 'v1', true, 'pods'),
  replicaSets: lister('ReplicaSet', 'apps/v1', true, 'replicasets'),
  deployments: lister('Deployment', 'apps/v1', true, 'deployments'),
  statefulSets: lister('StatefulSet', 'apps/v1', true, 'statefulsets'),
  daemonSets: lister('DaemonSet', 'apps/v1', true, 'daemonsets'),
  jobs: lister('Job', 'batch/v1', true, 'jobs'),
  cronJobs: lister('CronJob', 'batch/v1', true, 'cronjobs'),
  persistentVolumeClaims: lister('PersistentVolumeClaim', 'v1', true, 'persistentvolumeclaims'),
  persistentVolumes: lister('PersistentVolume', 'v1', false, 'persistentvolumes'),
  storageClasses: lister('StorageClass', 'storage.k8s.io/v1', false, 'storageclasses'),
  nodes: lister('Node', 'v1', false, 'nodes'),
  services: lister('Service', 'v1', true, 'services'),
  networkPolicies: lister('NetworkPolicy', 'networking.k8s.io/v1', true, 'networkpolicies'),
  serviceAccounts: lister('ServiceAccount', 'v1', true, 'serviceaccounts'),
};

function lister(kind: string, apiVersion: string, namespaced: boolean, resource: string): Lister {
  // The core group lives under /api, every named group under /apis.
  const group = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  return { kind, apiVersion, namespaced, action: `List${kind}`, path: `${group}/${resource}` };
}

const httpLibrary = new IsomorphicFetchHttpLibrary();

/** The production connector: @kubernetes/client-node against the real (or emulated) API server. */
export class ClientNodeConnector implements KubernetesConnector {
  private readonly pagesInFlight: LimitFunction;

  constructor(private readonly options: ClientNodeConnectorOptions) {
    this.pagesInFlight = pLimit(options.pagesInFlight ?? KUBERNETES_PAGES_IN_FLIGHT);
  }

  /** Waits for one of the connector's page slots; resolves with the function that frees it. */
  private pageSlot(): Promise<() => void> {
    return new Promise((granted) => {
      void this.pagesInFlight(() => new Promise<void>((done) => granted(done)));
    });
  }

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

    // One session (and token) at a time: every list waits on the same promise, and a new one is
    // made once the token is ten minutes old.
    let session: Promise<Session> | undefined;
    let builtAt = 0;
    const currentSession = (): Promise<Session> => {
      if (!session || now() - builtAt > TOKEN_RENEW_MS) {
        builtAt = now();
        const building = this.options.token(target).then((token) => sessionFor(target, token));
        building.catch(() => {
          if (session === building) session = undefined;
        });
        session = building;
      }
      return session;
    };
    // One agent for the cluster: its connections share a parsed CA and resume TLS sessions,
    // where client-node would build a fresh agent, and pay a full handshake, per request.
    const agent = clusterAgent(target);
    // Awaited by every page; marked handled now so a failure is never an unhandled rejection.
    agent.catch(() => undefined);

    // Once one kind cannot be read the cluster is a gap: the other kinds stop asking, so the
    // cluster spends no more calls, and no page slots other clusters are waiting for.
    const stop = new AbortController();
    const stopped = stop.signal;

    try {
      const entries = await Promise.all(
        KUBERNETES_KINDS.map(async (kindKey) => {
          const spec = LISTERS[kindKey];
          const what = `${spec.action} on ${target.clusterName}`;
          // Each page is slimmed as it arrives, so a cluster's raw pages never pile up in memory.
          const keep = (items: readonly unknown[]): KubernetesObject[] => {
            const kept: KubernetesObject[] = [];
            for (const item of items) {
              if (!isRecord(item)) continue;
              if (spec.namespaced && excluded.has(namespaceOf(item))) continue;
              kept.push(slim(kindKey, stamp(item, spec), { parsed: true }));
            }
            return kept;
          };
          const objects = await listAll<KubernetesObject>(async (continueToken) => {
            if (stopped.aborted) throw stopped.reason;
            // A slot is taken once the answer's headers are in, before its body is read: requests
            // and the server's work overlap freely, while the bodies being read, parsed and
            // slimmed at once stay few. It is held until the page is slimmed, and given back while
            // a failed attempt backs off.
            let release: (() => void) | undefined;
            const giveBack = () => {
              release?.();
              release = undefined;
            };
            const takeSlot = async () => {
              release = await this.pageSlot();
            };
            try {
              const page = await withKubernetesRetries(
                what,
                async () => {
                  stats.recordWait(await limiter.acquire(key));
                  if (stopped.aborted) throw stopped.reason;
                },
                async (signal) => {
                  stats.recordCall('kubernetes', spec.action);
                  try {
                    return await listPage(
                      await currentSession(),
                      await agent,
                      spec,
                      what,
                      { limit: pageSize, continueToken, signal },
                      takeSlot,
                    );
                  } catch (error) {
                    giveBack();
                    const mapped = kubernetesError(error, what);
                    if (isThrottling(mapped)) {
                      stats.recordThrottle();
                      limiter.noteThrottle(key);
                    }
                    throw mapped;
                  }
                },
                this.options.retry,
              );
              return { items: keep(page.items), continueToken: page.continueToken };
            } finally {
              giveBack();
            }
          }).catch((error: unknown) => {
            if (!stopped.aborted) stop.abort(error);
            throw error;
          });
          return [kindKey, objects] as const;
        }),
      );
      return Object.fromEntries(entries) as unknown as KubernetesObjects;
    } finally {
      (await agent.catch(() => undefined))?.destroy();
    }
  }
}

function sessionFor(target: KubernetesTarget, token: string): Session {
  const config = kubeConfigFor(target, token);
  return { config, server: new ServerConfiguration(target.endpoint, {}) };
}

function kubeConfigFor(target: KubernetesTarget, token: string): KubeConfig {
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
  return config;
}

/**
 * An HTTPS agent with the TLS settings client-node derives from the configuration (the cluster
 * CA), built once for a cluster; undefined for a non-HTTPS endpoint, which client-node then
 * refuses on its own. Connections are not kept alive: a server drops idle ones on its own clock,
 * which starts when it has written an answer, possibly well before this side has read it, and a
 * request sent on a connection just dropped fails with ECONNRESET and costs a retry and its
 * backoff. A resumed TLS session over a shared context costs little more.
 */
async function clusterAgent(target: KubernetesTarget): Promise<HttpsAgent | undefined> {
  if (!target.endpoint.toLowerCase().startsWith('https:')) return undefined;
  const tls: RequestOptions = {};
  // The TLS options do not depend on the token; none is needed to read them.
  await kubeConfigFor(target, '').applyToHTTPSOptions(tls);
  const options: AgentOptions = {
    secureContext: createSecureContext({
      ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
      ...(tls.cert !== undefined ? { cert: tls.cert } : {}),
      ...(tls.key !== undefined ? { key: tls.key } : {}),
    }),
  };
  if (tls.rejectUnauthorized !== undefined) options.rejectUnauthorized = tls.rejectUnauthorized;
  if (tls.servername !== undefined) options.servername = tls.servername;
  return new HttpsAgent(options);
}

/** One LIST page as plain JSON; a non-2xx answer throws client-node's ApiException. */
async function listPage(
  session: Session,
  agent: HttpsAgent | undefined,
  spec: Lister,
  what: string,
  page: { limit: number; continueToken: string | undefined; signal: AbortSignal },
  /** Waits for a page slot; called once the answer is known to be a list, before its body is read. */
  takeSlot: () => Promise<void>,
): Promise<ListResult> {
  const request = session.server.makeRequestContext(spec.path, HttpMethod.GET);
  request.setHeaderParam('Accept', 'application/json');
  request.setQueryParam('limit', String(page.limit));
  if (page.continueToken) request.setQueryParam('continue', page.continueToken);
  await session.config.applySecurityAuthentication(request);
  if (agent) request.setAgent(agent);
  request.setSignal(page.signal);
  const response = await httpLibrary.send(request).toPromise();
  if (response.httpStatusCode < 200 || response.httpStatusCode > 299) {
    throw new ApiException(
      response.httpStatusCode,
      'Unsuccessful HTTP request',
      await response.getBodyAsAny(),
      response.headers,
    );
  }
  await takeSlot();
  const text = await response.body.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // V8's message quotes the text around the fault; an object's values must never reach a gap.
    throw new Error(`${what}: the answer is not JSON`);
  }
  if (!isRecord(body) || !Array.isArray(body.items)) {
    throw new Error(`${what}: the answer is not a Kubernetes list (no items array)`);
  }
  const metadata = isRecord(body.metadata) ? body.metadata : {};
  const next = metadata.continue;
  return { items: body.items, continueToken: typeof next === 'string' && next !== '' ? next : undefined };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function namespaceOf(item: Record<string, unknown>): string {
  const metadata = item.metadata;
  return isRecord(metadata) && typeof metadata.namespace === 'string' ? metadata.namespace : '';
}

/** Items of a LIST carry no kind; stamping it makes each one read like a manifest. */
function stamp(item: Record<string, unknown>, spec: Lister): Record<string, unknown> {
  return { apiVersion: spec.apiVersion, kind: spec.kind, ...item };
}

/**
 * Drops what normalization never reads and what makes snapshots heavy — pod status beyond phase,
 * node images and conditions, managed fields — then redacts what is left. Trimming first leaves
 * less for the redaction to copy; what is dropped is never kept, so the result is the same.
 */
export function slim(
  kind: keyof KubernetesObjects,
  object: Record<string, unknown>,
  /** `parsed`: the object was just parsed from an answer and nothing else holds it (see redact.ts). */
  options: { readonly parsed?: boolean } = {},
): KubernetesObject {
  const trimmed: Record<string, unknown> = { ...object };
  if (isRecord(trimmed.metadata) && 'managedFields' in trimmed.metadata) {
    const { managedFields: _neverRead, ...metadata } = trimmed.metadata;
    trimmed.metadata = metadata;
  }
  const status = isRecord(trimmed.status) ? trimmed.status : undefined;
  if (kind === 'pods' && status) {
    trimmed.status = { phase: status.phase };
  }
  if (kind === 'nodes' && status) {
    const nodeInfo = isRecord(status.nodeInfo) ? status.nodeInfo : undefined;
    trimmed.status = {
      allocatable: status.allocatable,
      capacity: status.capacity,
      nodeInfo: { architecture: nodeInfo?.architecture, operatingSystem: nodeInfo?.operatingSystem },
    };
  }
  return (
    options.parsed ? redactParsedKubernetesObject(trimmed) : redactKubernetesObject(trimmed)
  ) as KubernetesObject;
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
