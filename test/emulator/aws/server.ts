/**
 * The HTTP handler for every AWS API: parse the call, resolve the caller, count it, apply latency,
 * faults, region checks and token buckets, then answer in the service's protocol.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultInjector, FaultKind } from '../faults.js';
import type { EmulatorState } from '../state/model.js';
import type { CallOutcome, StatsRecorder } from '../stats.js';
import { type BucketId, ecsBucketOf, type TokenBuckets } from '../throttling.js';
import type { CallContext } from './context.js';
import type { CredentialStore, Principal } from './credentials.js';
import { handleEc2, isUnfilteredUnpaginated } from './ec2.js';
import { ecsClusterOfRequest, handleEcs } from './ecs.js';
import { eksRouteOf, handleEks } from './eks.js';
import { AwsError } from './errors.js';
import { handleOrganizations } from './organizations.js';
import {
  type AwsProtocol,
  type AwsRequest,
  type AwsServiceName,
  COMMON_ERRORS,
  PROTOCOL_OF,
  parseAuthorization,
  parseAwsRequest,
  renderError,
  renderSuccess,
  type WireResponse,
} from './protocol.js';
import { regionEnabled } from './regions.js';
import { assumeRoleTargetAccount, handleSts } from './sts.js';

export interface AwsServerDependencies {
  readonly state: EmulatorState;
  readonly credentials: CredentialStore;
  readonly faults: FaultInjector;
  readonly buckets: TokenBuckets | null;
  readonly stats: StatsRecorder;
  readonly latencyMs: number;
  readonly unknownAccessKeys: 'caller-account' | 'reject';
  readonly nowMs: () => number;
  readonly kubernetesEndpoint: (account: string, region: string, cluster: string) => string;
  readonly caCertPem: () => string;
  /** Extra routes under /_emulator/ (stats); answered without counting. */
  readonly control: (request: IncomingMessage, response: ServerResponse, url: URL) => boolean;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Send a response; `truncate` sends half the body and drops the connection (a fault). */
export function send(response: ServerResponse, wire: WireResponse, truncate = false): void {
  const body = Buffer.from(wire.body, 'utf8');
  response.writeHead(wire.status, { ...wire.headers, 'content-length': String(body.length) });
  if (truncate) {
    response.write(body.subarray(0, Math.floor(body.length / 2)), () => response.destroy());
    return;
  }
  response.end(body);
}

function bucketOf(request: AwsRequest, action: string): BucketId {
  switch (request.service) {
    case 'ecs':
      return ecsBucketOf(action);
    case 'ec2':
      return isUnfilteredUnpaginated(action, request.form)
        ? 'ec2:unfiltered-unpaginated'
        : 'ec2:non-mutating';
    default:
      return request.service;
  }
}

function protocolGuess(request: IncomingMessage): AwsProtocol {
  if (typeof request.headers['x-amz-target'] === 'string') return 'json';
  const scope = parseAuthorization(request.headers.authorization);
  if (scope && scope.service in PROTOCOL_OF) return PROTOCOL_OF[scope.service as AwsServiceName];
  return String(request.headers['content-type'] ?? '').includes('x-www-form-urlencoded')
    ? 'query'
    : 'rest-json';
}

function faultError(
  fault: FaultKind,
  service: AwsServiceName,
  action: string,
  principal: Principal,
  request: AwsRequest,
): AwsError | null {
  switch (fault.kind) {
    case 'throttle':
      return COMMON_ERRORS.throttled(service);
    case 'server-error':
      return COMMON_ERRORS.serverError(service, fault.status ?? 500);
    case 'access-denied':
      return service === 'sts' && action === 'AssumeRole'
        ? COMMON_ERRORS.accessDenied('sts', 'AssumeRole', principal.arn, request.form.get('RoleArn') ?? '*')
        : COMMON_ERRORS.accessDenied(service, action, principal.arn);
    case 'region-not-enabled':
      return service === 'sts' && action === 'AssumeRole'
        ? new AwsError(
            'RegionDisabledException',
            `STS is not activated in this region for account:${assumeRoleTargetAccount(request.form)}. Your account administrator can activate STS in this region using the IAM Console.`,
            403,
          )
        : COMMON_ERRORS.invalidToken(service);
    default:
      // Kubernetes-only kinds (gone, unauthorized, forbidden) and transport kinds are handled elsewhere.
      return null;
  }
}

/** Build the request listener of the AWS server. */
export function createAwsListener(deps: AwsServerDependencies) {
  return async (incoming: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/_emulator/') && deps.control(incoming, response, url)) return;
    const body = await readBody(incoming);
    let request: AwsRequest;
    try {
      request = parseAwsRequest(incoming.method ?? 'GET', url, incoming.headers, body);
    } catch (error) {
      const awsError =
        error instanceof AwsError ? error : new AwsError('SerializationException', String(error), 400);
      send(response, renderError(protocolGuess(incoming), awsError));
      return;
    }
    const eksRoute = request.service === 'eks' ? eksRouteOf(request.method, request.pathSegments) : null;
    const action = eksRoute?.action ?? request.action;
    const now = deps.nowMs();
    const known = deps.credentials.lookup(request.scope.accessKeyId);
    let identityError: AwsError | null = null;
    if (!known) {
      if (deps.unknownAccessKeys === 'reject') identityError = COMMON_ERRORS.invalidToken(request.service);
    } else if (known.expiresAtMs !== null && known.expiresAtMs < now) {
      identityError = COMMON_ERRORS.expiredToken(request.service);
    } else if (known.sessionToken !== null && request.sessionToken !== known.sessionToken) {
      identityError = COMMON_ERRORS.invalidToken(request.service);
    }
    // Unknown keys are the base caller unless told to reject them: tests may use any dummy keys.
    const principal = known ?? deps.credentials.base;
    const region = request.scope.region;
    const targetAccount =
      request.service === 'sts' && action === 'AssumeRole' ? assumeRoleTargetAccount(request.form) : null;
    const facts = {
      service: request.service,
      action,
      account: targetAccount ?? principal.account,
      region,
      cluster:
        request.service === 'ecs' ? ecsClusterOfRequest(action, request.json) : (eksRoute?.cluster ?? null),
    };
    if (deps.latencyMs > 0) await sleep(deps.latencyMs);
    let outcome: CallOutcome = 'ok';
    let truncate = false;
    let wire: WireResponse;
    try {
      if (identityError) throw identityError;
      const fault = deps.faults.pick(facts);
      if (fault?.kind === 'reset') {
        deps.stats.record(facts, 'faulted');
        incoming.socket.destroy();
        return;
      }
      if (fault?.kind === 'delay') await sleep(fault.ms);
      if (fault?.kind === 'truncate') truncate = true;
      const injected = fault ? faultError(fault, request.service, action, principal, request) : null;
      if (injected) {
        outcome = fault?.kind === 'throttle' ? 'throttled' : 'faulted';
        throw injected;
      }
      if (fault?.kind === 'truncate') outcome = 'faulted';
      if (request.service !== 'organizations' && !regionEnabled(deps, principal.account, region)) {
        throw COMMON_ERRORS.invalidToken(request.service);
      }
      if (deps.buckets) {
        const bucket = bucketOf(request, action);
        const perApi = request.service === 'ec2' ? `|${action}` : '';
        if (!deps.buckets.tryTake(bucket, `${principal.account}|${region}${perApi}`)) {
          outcome = 'throttled';
          throw COMMON_ERRORS.throttled(request.service);
        }
      }
      const context: CallContext = {
        state: deps.state,
        request,
        principal,
        account: principal.account,
        region,
        regionState: deps.state.accounts.get(principal.account)?.regions.get(region) ?? null,
        credentials: deps.credentials,
        nowMs: now,
        kubernetesEndpoint: deps.kubernetesEndpoint,
        caCertPem: deps.caCertPem(),
      };
      const result =
        request.service === 'ecs'
          ? handleEcs(context)
          : request.service === 'ec2'
            ? handleEc2(context)
            : request.service === 'sts'
              ? handleSts(context)
              : request.service === 'organizations'
                ? handleOrganizations(context)
                : handleEks(context, eksRoute!);
      wire = renderSuccess(request.protocol, action, result);
    } catch (error) {
      if (outcome === 'ok') outcome = 'error';
      wire =
        error instanceof AwsError
          ? renderError(request.protocol, error)
          : renderError(
              request.protocol,
              new AwsError(
                'InternalFailure',
                `emulator error: ${error instanceof Error ? error.message : String(error)}`,
                500,
              ),
            );
    }
    deps.stats.record(facts, outcome);
    send(response, wire, truncate);
  };
}
