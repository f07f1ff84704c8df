/**
 * `startEmulator(scenario, options)`: AWS (ECS, EC2, STS, EKS, Organizations) on one loopback HTTP
 * port and the Kubernetes API of every EKS cluster on one loopback HTTPS port, both answering from
 * the scenario. The real AWS SDK clients and @kubernetes/client-node talk to it unchanged.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Server } from 'node:net';
import { CredentialStore } from './aws/credentials.js';
import { createAwsListener } from './aws/server.js';
import { type FaultHandle, FaultInjector, type FaultRule } from './faults.js';
import { createKubernetesListener, kubernetesPathPrefix } from './kubernetes/server.js';
import type { Scenario } from './scenario/types.js';
import { compileScenario } from './state/compile.js';
import type { EmulatorState } from './state/model.js';
import { type CallFilter, type EmulatorStats, StatsRecorder } from './stats.js';
import { type ThrottlingOptions, TokenBuckets } from './throttling.js';
import { createEmulatorTls } from './tls.js';

export interface EmulatorOptions {
  /** Token buckets at AWS's rates: `true` for the defaults, or tuned. Default off. */
  readonly throttling?: boolean | ThrottlingOptions;
  /** Fixed latency added to every call, in ms (one figure, or per side). Default 0. */
  readonly latencyMs?: number | { readonly aws?: number; readonly kubernetes?: number };
  /** Fault rules active from the start; more can be added with `faults.add`. */
  readonly faults?: readonly FaultRule[];
  /** Seed of the generator behind fault `probability`. */
  readonly faultSeed?: number;
  /**
   * `sigv4` (default): an EKS bearer token's presigned URL must carry a valid signature for the
   * cluster, as EKS demands. `shape`: check only its form (for token code under construction).
   */
  readonly kubernetesAuth?: 'sigv4' | 'shape';
  /**
   * An access key the emulator never issued: treat it as the scenario's base caller (default, so
   * tests may use any dummy keys) or `reject` it as AWS would.
   */
  readonly unknownAccessKeys?: 'caller-account' | 'reject';
  /** The clock token buckets, session expiry and EKS tokens are checked against. Default Date.now. */
  readonly clock?: () => number;
}

/** The environment that points SDK v3 clients at the emulator. */
export interface EmulatorEnvironment {
  readonly AWS_ENDPOINT_URL: string;
  readonly AWS_REGION: string;
  readonly AWS_ACCESS_KEY_ID: string;
  readonly AWS_SECRET_ACCESS_KEY: string;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:<port>` — every AWS service. */
  readonly awsEndpoint: string;
  /** `https://127.0.0.1:<port>` — prefix of every cluster's Kubernetes API. */
  readonly kubernetesBaseUrl: string;
  /** PEM of the throwaway CA behind the Kubernetes HTTPS server. */
  readonly caCertPem: string;
  readonly env: EmulatorEnvironment;
  /** The compiled scenario (ARNs, instance ids, pod names the emulator derived). */
  readonly state: EmulatorState;
  /** The HTTPS URL of one cluster's Kubernetes API (what DescribeCluster returns as `endpoint`). */
  kubernetesEndpoint(account: string, region: string, cluster: string): string;
  stats(): EmulatorStats;
  /** Calls received matching the filter. */
  count(filter?: CallFilter): number;
  resetStats(): void;
  readonly faults: {
    add(rule: FaultRule): FaultHandle;
    clear(): void;
    list(): readonly FaultRule[];
  };
  /** Refill every token bucket (between phases of a test). */
  resetThrottling(): void;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server & { closeAllConnections(): void }): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function latencyOf(option: EmulatorOptions['latencyMs'], side: 'aws' | 'kubernetes'): number {
  if (option === undefined) return 0;
  return typeof option === 'number' ? option : (option[side] ?? 0);
}

/** A listener wrapper that turns an unexpected rejection into a 500 rather than a hung request. */
function guarded(listener: (request: IncomingMessage, response: ServerResponse) => Promise<void>) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    listener(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(`emulator error: ${error instanceof Error ? error.message : String(error)}`);
      } else {
        response.destroy();
      }
    });
  };
}

/** Start the emulator on loopback, on free ports. */
export async function startEmulator(
  scenario: Scenario,
  options: EmulatorOptions = {},
): Promise<RunningEmulator> {
  const state = compileScenario(scenario);
  const nowMs = options.clock ?? Date.now;
  const credentials = new CredentialStore(scenario);
  const faults = new FaultInjector(options.faults ?? [], options.faultSeed);
  const stats = new StatsRecorder();
  const throttling = options.throttling === true ? {} : options.throttling || null;
  const buckets = throttling ? new TokenBuckets(throttling, nowMs) : null;
  const tls = createEmulatorTls();
  const unknownAccessKeys = options.unknownAccessKeys ?? 'caller-account';
  let awsHost = '';
  let kubernetesBaseUrl = '';
  const kubernetesEndpoint = (account: string, region: string, cluster: string): string =>
    `${kubernetesBaseUrl}${kubernetesPathPrefix(account, region, cluster)}`;

  const awsServer = createHttpServer(
    { keepAliveTimeout: 5_000 },
    guarded(
      createAwsListener({
        state,
        credentials,
        faults,
        buckets,
        stats,
        latencyMs: latencyOf(options.latencyMs, 'aws'),
        unknownAccessKeys,
        nowMs,
        kubernetesEndpoint,
        caCertPem: () => tls.caCertPem,
        control: (request, response, url) => {
          if (url.pathname !== '/_emulator/stats') return false;
          if (request.method === 'DELETE') {
            stats.reset();
            response.writeHead(204).end();
          } else {
            const body = JSON.stringify({ scenario: scenario.name, ...stats.snapshot() });
            response.writeHead(200, { 'content-type': 'application/json' }).end(body);
          }
          return true;
        },
      }),
    ),
  );
  const kubernetesServer = createHttpsServer(
    { key: tls.serverKeyPem, cert: tls.serverCertPem, keepAliveTimeout: 5_000 },
    guarded(
      createKubernetesListener({
        state,
        credentials,
        faults,
        buckets,
        stats,
        latencyMs: latencyOf(options.latencyMs, 'kubernetes'),
        nowMs,
        awsHost: () => awsHost,
        authMode: options.kubernetesAuth ?? 'sigv4',
        unknownAccessKeys,
      }),
    ),
  );
  const awsPort = await listen(awsServer);
  const kubernetesPort = await listen(kubernetesServer);
  awsHost = `127.0.0.1:${awsPort}`;
  kubernetesBaseUrl = `https://127.0.0.1:${kubernetesPort}`;
  const awsEndpoint = `http://${awsHost}`;
  const callerRegions = [...(state.accounts.get(scenario.callerAccount)?.regions.keys() ?? [])];
  return {
    awsEndpoint,
    kubernetesBaseUrl,
    caCertPem: tls.caCertPem,
    state,
    env: {
      AWS_ENDPOINT_URL: awsEndpoint,
      AWS_REGION: callerRegions[0] ?? 'us-east-1',
      AWS_ACCESS_KEY_ID: credentials.base.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.base.secretAccessKey,
    },
    kubernetesEndpoint,
    stats: () => stats.snapshot(),
    count: (filter) => stats.count(filter),
    resetStats: () => stats.reset(),
    faults: {
      add: (rule) => faults.add(rule),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    resetThrottling: () => buckets?.reset(),
    close: async () => {
      await Promise.all([closeServer(awsServer), closeServer(kubernetesServer)]);
    },
  };
}
