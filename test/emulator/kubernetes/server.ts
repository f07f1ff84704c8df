/**
 * The Kubernetes API of every emulated EKS cluster, one path prefix per cluster
 * (`/k8s/<account>/<region>/<cluster>`): GET and LIST of the resources a scanner reads, `limit` /
 * `continue` paging with opaque tokens, label and field selectors, EKS token authentication.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CredentialStore } from '../aws/credentials.js';
import { send, sleep } from '../aws/server.js';
import type { FaultInjector } from '../faults.js';
import type { KubeObject } from '../scenario/types.js';
import { KUBE_RESOURCES } from '../state/kubernetes.js';
import type { EksClusterState, EmulatorState, KubeResourceType } from '../state/model.js';
import type { CallOutcome, StatsRecorder } from '../stats.js';
import type { TokenBuckets } from '../throttling.js';
import { labelsMatch, parseFieldSelector, parseLabelSelector, SelectorError } from './selectors.js';
import { verifyEksToken } from './token.js';

export interface KubernetesServerDependencies {
  readonly state: EmulatorState;
  readonly credentials: CredentialStore;
  readonly faults: FaultInjector;
  readonly buckets: TokenBuckets | null;
  readonly stats: StatsRecorder;
  readonly latencyMs: number;
  readonly nowMs: () => number;
  /** `host:port` of the AWS endpoint, accepted as an STS host inside tokens. */
  readonly awsHost: () => string;
  readonly authMode: 'sigv4' | 'shape';
  readonly unknownAccessKeys: 'caller-account' | 'reject';
}

/** The path prefix of a cluster's API on the emulator. */
export function kubernetesPathPrefix(account: string, region: string, cluster: string): string {
  return `/k8s/${account}/${region}/${encodeURIComponent(cluster)}`;
}

interface StatusBody {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Record<string, string>;
  readonly status: 'Failure';
  readonly message: string;
  readonly reason: string;
  readonly details?: Record<string, unknown>;
  readonly code: number;
}

class KubeStatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly metadata: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): StatusBody {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: this.metadata,
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

interface ResourceRoute {
  readonly kind: 'resource';
  readonly type: KubeResourceType;
  readonly namespace: string | null;
  readonly name: string | null;
}

type Route =
  | ResourceRoute
  | { readonly kind: 'discovery'; readonly body: (cluster: EksClusterState) => unknown };

const notFound = (what: string): KubeStatusError =>
  new KubeStatusError(404, 'NotFound', `the server could not find the requested resource (${what})`);

const groupVersion = (type: KubeResourceType): string =>
  type.group ? `${type.group}/${type.version}` : type.version;

function resourceList(group: string, version: string): unknown {
  const types = KUBE_RESOURCES.filter((t) => t.group === group && t.version === version);
  if (types.length === 0) throw notFound(`${group}/${version}`);
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: types.map((t) => ({
      name: t.resource,
      singularName: t.kind.toLowerCase(),
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: ['get', 'list'],
    })),
  };
}

function routeOf(segments: readonly string[]): Route {
  const [root] = segments;
  if (root === 'version' && segments.length === 1) {
    return {
      kind: 'discovery',
      body: (cluster) => {
        const version = String(cluster.wire.version ?? '1.31');
        const [major = '1', minor = '31'] = version.split('.');
        return {
          major,
          minor: `${minor}+`,
          gitVersion: `v${version}.4-eks-${createHash('sha1').update(version).digest('hex').slice(0, 7)}`,
          gitTreeState: 'clean',
          goVersion: 'go1.22.9',
          compiler: 'gc',
          platform: 'linux/amd64',
        };
      },
    };
  }
  if (root === 'api' && segments.length === 1) {
    return {
      kind: 'discovery',
      body: () => ({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] }),
    };
  }
  if (root === 'apis' && segments.length === 1) {
    const groups = [...new Set(KUBE_RESOURCES.filter((t) => t.group).map((t) => `${t.group}/${t.version}`))];
    return {
      kind: 'discovery',
      body: () => ({
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: groups.map((gv) => {
          const [name = '', version = ''] = gv.split('/');
          const preferred = { groupVersion: gv, version };
          return { name, versions: [preferred], preferredVersion: preferred };
        }),
      }),
    };
  }
  let group: string;
  let version: string;
  let rest: readonly string[];
  if (root === 'api') {
    group = '';
    version = segments[1] ?? '';
    rest = segments.slice(2);
  } else if (root === 'apis') {
    group = segments[1] ?? '';
    version = segments[2] ?? '';
    rest = segments.slice(3);
  } else {
    throw notFound(`/${segments.join('/')}`);
  }
  if (rest.length === 0) {
    const body = resourceList(group, version);
    return { kind: 'discovery', body: () => body };
  }
  let namespace: string | null = null;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1] ?? null;
    rest = rest.slice(2);
  }
  const [resource = '', name, subresource] = rest;
  if (subresource !== undefined) throw notFound(`${resource}/${subresource}`);
  const type = KUBE_RESOURCES.find(
    (t) => t.resource === resource && t.group === group && t.version === version,
  );
  if (!type || (namespace !== null && !type.namespaced))
    throw notFound(`${group ? `${group}/` : ''}${resource}`);
  return { kind: 'resource', type, namespace, name: name ?? null };
}

interface ContinueToken {
  readonly rv: string;
  readonly start: number;
  readonly k: string;
}

function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', ...token })).toString('base64url');
}

function decodeContinue(text: string): ContinueToken | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'rv' in parsed &&
      'start' in parsed &&
      'k' in parsed &&
      typeof parsed.rv === 'string' &&
      typeof parsed.start === 'number' &&
      typeof parsed.k === 'string'
    ) {
      return { rv: parsed.rv, start: parsed.start, k: parsed.k };
    }
  } catch {
    // Falls through: not a token of ours.
  }
  return null;
}

/** List items leave out kind and apiVersion, as the API server's JSON does. */
function listItem(object: KubeObject): Record<string, unknown> {
  const { kind: _kind, apiVersion: _apiVersion, ...rest } = object;
  return rest;
}

const GONE_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

function listObjects(
  cluster: EksClusterState,
  route: ResourceRoute,
  query: URLSearchParams,
  forceGone: boolean,
): unknown {
  const all = cluster.kubernetes.objects.get(route.type.resource) ?? [];
  const labelSelector = query.get('labelSelector') ?? '';
  const fieldSelector = query.get('fieldSelector') ?? '';
  let matches: (o: KubeObject) => boolean;
  try {
    const labels = labelSelector ? parseLabelSelector(labelSelector) : [];
    const fields = fieldSelector ? parseFieldSelector(fieldSelector, route.type.kind) : () => true;
    matches = (o) =>
      (route.namespace === null || o.metadata.namespace === route.namespace) &&
      labelsMatch(labels, o.metadata.labels) &&
      fields(o);
  } catch (error) {
    if (error instanceof SelectorError) throw new KubeStatusError(400, 'BadRequest', error.message);
    throw error;
  }
  const selected = all.filter(matches);
  const listKey = createHash('sha256')
    .update([route.type.resource, route.namespace, labelSelector, fieldSelector].join('\u0000'))
    .digest('base64url')
    .slice(0, 16);
  const rv = cluster.kubernetes.resourceVersion;
  let start = 0;
  const continueText = query.get('continue');
  if (continueText) {
    const token = decodeContinue(continueText);
    if (!token || token.k !== listKey || token.start < 0 || token.start > selected.length) {
      throw new KubeStatusError(
        400,
        'BadRequest',
        'continue key is not valid: the token does not belong to this list',
      );
    }
    if (forceGone || token.rv !== rv) {
      throw new KubeStatusError(410, 'Expired', GONE_MESSAGE, undefined, {
        continue: encodeContinue({ rv, start: token.start, k: listKey }),
      });
    }
    start = token.start;
  }
  const limitText = query.get('limit');
  let limit = limitText === null ? 0 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 0)
    throw new KubeStatusError(400, 'BadRequest', `invalid limit: ${limitText}`);
  // Before KEP-4988 (beta in 1.34) resourceVersion=0 is served from the watch cache and ignores limit.
  const [major = 1, minor = 31] = String(cluster.wire.version ?? '1.31')
    .split('.')
    .map(Number);
  if (query.get('resourceVersion') === '0' && !continueText && major === 1 && minor < 34) limit = 0;
  const end = limit > 0 ? Math.min(selected.length, start + limit) : selected.length;
  const more = end < selected.length;
  return {
    kind: `${route.type.kind}List`,
    apiVersion: groupVersion(route.type),
    metadata: {
      resourceVersion: rv,
      ...(more ? { continue: encodeContinue({ rv, start: end, k: listKey }) } : {}),
      ...(more && !labelSelector && !fieldSelector ? { remainingItemCount: selected.length - end } : {}),
    },
    items: selected.slice(start, end).map(listItem),
  };
}

function getObject(cluster: EksClusterState, route: ResourceRoute): unknown {
  const all = cluster.kubernetes.objects.get(route.type.resource) ?? [];
  const found = all.find(
    (o) =>
      o.metadata.name === route.name &&
      (route.namespace === null || o.metadata.namespace === route.namespace),
  );
  if (!found) {
    throw new KubeStatusError(404, 'NotFound', `${route.type.resource} "${route.name}" not found`, {
      name: route.name,
      kind: route.type.resource,
      ...(route.type.group ? { group: route.type.group } : {}),
    });
  }
  return found;
}

function jsonResponse(status: number, body: unknown, extraHeaders: Record<string, string> = {}) {
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'audit-id': createHash('sha1').update(String(Math.random())).digest('hex'),
      ...extraHeaders,
    },
    body: JSON.stringify(body),
  };
}

/** Build the request listener of the HTTPS server. */
export function createKubernetesListener(deps: KubernetesServerDependencies) {
  return async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(incoming.url ?? '/', 'https://127.0.0.1');
    const segments = url.pathname
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
    // Drain the body so keep-alive connections stay usable; the API is read-only here.
    for await (const _chunk of incoming) {
      // discard
    }
    const [prefix, account = '', region = '', clusterName = '', ...rest] = segments;
    const cluster =
      prefix === 'k8s'
        ? deps.state.accounts.get(account)?.regions.get(region)?.eksByName.get(clusterName)
        : undefined;
    if (!cluster) {
      send(
        response,
        jsonResponse(
          404,
          new KubeStatusError(404, 'NotFound', `no emulated cluster at ${url.pathname}`).body(),
        ),
      );
      return;
    }
    let route: Route | null = null;
    let routeError: KubeStatusError | null = null;
    try {
      route = routeOf(rest);
    } catch (error) {
      routeError =
        error instanceof KubeStatusError ? error : new KubeStatusError(500, 'InternalError', String(error));
    }
    const verb = route?.kind === 'resource' ? (route.name === null ? 'list' : 'get') : 'get';
    const action =
      route?.kind === 'resource'
        ? `${verb} ${route.type.resource}`
        : route?.kind === 'discovery'
          ? 'discovery'
          : 'unknown';
    const facts = {
      service: 'kubernetes' as const,
      action,
      account,
      region,
      cluster: clusterName,
      hasContinueToken: url.searchParams.has('continue'),
    };
    if (deps.latencyMs > 0) await sleep(deps.latencyMs);
    let outcome: CallOutcome = 'ok';
    let truncate = false;
    let wire: ReturnType<typeof jsonResponse>;
    try {
      const authorization = incoming.headers.authorization ?? '';
      if (!authorization.startsWith('Bearer '))
        throw new KubeStatusError(401, 'Unauthorized', 'Unauthorized');
      const check = verifyEksToken(authorization.slice('Bearer '.length).trim(), {
        clusterName,
        lookup: (key) => deps.credentials.lookup(key),
        unknownKeyPrincipal: deps.unknownAccessKeys === 'reject' ? null : deps.credentials.base,
        nowMs: deps.nowMs(),
        emulatorHost: deps.awsHost(),
        mode: deps.authMode,
      });
      if (!check.ok) throw new KubeStatusError(401, 'Unauthorized', 'Unauthorized');
      if (incoming.method !== 'GET') {
        throw new KubeStatusError(
          405,
          'MethodNotAllowed',
          `the emulator serves reads only, not ${incoming.method}`,
        );
      }
      if (url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1') {
        throw new KubeStatusError(400, 'BadRequest', 'watch is not supported by the emulator');
      }
      const fault = deps.faults.pick(facts);
      const resource = route?.kind === 'resource' ? route.type : null;
      const scopeText =
        route?.kind === 'resource' && route.namespace
          ? `in the namespace "${route.namespace}"`
          : 'at the cluster scope';
      if (fault) {
        outcome = fault.kind === 'throttle' ? 'throttled' : 'faulted';
        switch (fault.kind) {
          case 'reset':
            deps.stats.record(facts, 'faulted');
            incoming.socket.destroy();
            return;
          case 'delay':
            outcome = 'ok';
            await sleep(fault.ms);
            break;
          case 'truncate':
            truncate = true;
            break;
          case 'throttle':
            throw new KubeStatusError(429, 'TooManyRequests', 'Too many requests, please try again later.', {
              retryAfterSeconds: 1,
            });
          case 'server-error':
            throw new KubeStatusError(
              fault.status ?? 500,
              fault.status === 503 ? 'ServiceUnavailable' : 'InternalError',
              fault.status === 503
                ? 'the server is currently unable to handle the request'
                : 'an error on the server has prevented the request from succeeding',
            );
          case 'gone':
            break;
          case 'unauthorized':
          case 'region-not-enabled':
            throw new KubeStatusError(401, 'Unauthorized', 'Unauthorized');
          case 'access-denied':
          case 'forbidden':
            throw new KubeStatusError(
              403,
              'Forbidden',
              `${resource?.resource ?? 'resource'} is forbidden: User "${check.principal.arn}" cannot ${verb} resource "${resource?.resource ?? ''}" in API group "${resource?.group ?? ''}" ${scopeText}`,
              { kind: resource?.resource ?? '' },
            );
        }
      }
      if (routeError) throw routeError;
      if (deps.buckets && !deps.buckets.tryTake('kubernetes', `${account}|${region}|${clusterName}`)) {
        outcome = 'throttled';
        throw new KubeStatusError(429, 'TooManyRequests', 'Too many requests, please try again later.', {
          retryAfterSeconds: 1,
        });
      }
      const body =
        route?.kind === 'discovery'
          ? route.body(cluster)
          : route?.kind === 'resource'
            ? route.name === null
              ? listObjects(cluster, route, url.searchParams, fault?.kind === 'gone')
              : getObject(cluster, route)
            : null;
      wire = jsonResponse(200, body);
    } catch (error) {
      const status =
        error instanceof KubeStatusError ? error : new KubeStatusError(500, 'InternalError', String(error));
      if (outcome === 'ok') outcome = 'error';
      wire = jsonResponse(status.code, status.body(), status.code === 429 ? { 'retry-after': '1' } : {});
    }
    deps.stats.record(facts, outcome);
    send(response, wire, truncate);
  };
}
