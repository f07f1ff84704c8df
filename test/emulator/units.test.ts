import { X509Certificate } from 'node:crypto';
import { request } from 'node:https';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import type { Principal } from './aws/credentials.js';
import { paginate } from './aws/paging.js';
import { startEmulator } from './emulator.js';
import { FaultInjector } from './faults.js';
import { labelsMatch, parseLabelSelector } from './kubernetes/selectors.js';
import { verifyEksToken } from './kubernetes/token.js';
import { ecsContainer, ecsTaskDefinition, kubeContainer, kubeDeployment } from './scenario/builders.js';
import type { Scenario } from './scenario/types.js';
import { compileScenario } from './state/compile.js';
import { distributeOverProviders, parseTaskCpu, parseTaskMemory } from './state/ecs.js';
import { fargateCapacityOf, selectorSelects } from './state/kubernetes.js';
import { cpuMillis, memoryMiB } from './state/quantities.js';
import { ScenarioError } from './state/scenario-error.js';
import { busyScenario } from './support/scenarios.js';
import { TokenBuckets } from './throttling.js';
import { createEmulatorTls } from './tls.js';

describe('TokenBuckets', () => {
  it('starts full, refuses the call after the burst and refills at the rate', () => {
    let now = 0;
    const buckets = new TokenBuckets(
      { rates: { 'ecs:cluster-read': { burst: 2, refillPerSecond: 4 } } },
      () => now,
    );
    expect([1, 2, 3].map(() => buckets.tryTake('ecs:cluster-read', 'a'))).toEqual([true, true, false]);
    now += 250;
    expect(buckets.tryTake('ecs:cluster-read', 'a')).toBe(true);
    expect(buckets.tryTake('ecs:cluster-read', 'a')).toBe(false);
    expect(buckets.tryTake('ecs:cluster-read', 'b')).toBe(true);
  });

  it('never holds more than its burst however long it idles', () => {
    let now = 0;
    const buckets = new TokenBuckets({ rates: { eks: { burst: 2, refillPerSecond: 10 } } }, () => now);
    now += 60_000;
    expect([1, 2, 3].map(() => buckets.tryTake('eks', 'x'))).toEqual([true, true, false]);
  });

  it('throttles only the buckets listed in `only`', () => {
    const buckets = new TokenBuckets(
      { only: ['eks'], rates: { eks: { burst: 1, refillPerSecond: 0.001 } } },
      () => 0,
    );
    expect(Array.from({ length: 200 }, () => buckets.tryTake('ecs:cluster-read', 'x')).every(Boolean)).toBe(
      true,
    );
    expect([buckets.tryTake('eks', 'x'), buckets.tryTake('eks', 'x')]).toEqual([true, false]);
  });
});

describe('FaultInjector', () => {
  const facts = { service: 'ecs' as const, action: 'ListTasks', account: '1', region: 'r', cluster: 'c' };

  it('fires the first matching rule only, honouring skip and times', () => {
    const faults = new FaultInjector([
      { match: { action: ['ListTasks', 'DescribeTasks'] }, fault: { kind: 'throttle' }, skip: 1, times: 2 },
      { match: { service: 'ecs' }, fault: { kind: 'server-error' } },
    ]);
    expect([1, 2, 3, 4].map(() => faults.pick(facts)?.kind)).toEqual([
      'server-error',
      'throttle',
      'throttle',
      'server-error',
    ]);
  });

  it('never fires `gone` on a request without a continue token', () => {
    const faults = new FaultInjector([{ fault: { kind: 'gone' } }]);
    expect(faults.pick({ ...facts, service: 'kubernetes' })).toBeNull();
    expect(faults.pick({ ...facts, service: 'kubernetes', hasContinueToken: true })?.kind).toBe('gone');
  });

  it('draws probabilities from a seeded generator, so a storm repeats exactly', () => {
    const storm = (seed: number) => {
      const faults = new FaultInjector([{ fault: { kind: 'throttle' }, probability: 0.3 }], seed);
      return Array.from({ length: 200 }, () => faults.pick(facts) !== null);
    };
    expect(storm(7)).toEqual(storm(7));
    const hits = storm(7).filter(Boolean).length;
    expect(hits).toBeGreaterThan(30);
    expect(hits).toBeLessThan(90);
  });
});

describe('paginate', () => {
  const errors = {
    invalidToken: () => new Error('bad token'),
    invalidMaxResults: () => new Error('bad max'),
  };
  const request = {
    nextToken: undefined,
    maxResults: undefined,
    defaultSize: 2,
    min: 1,
    max: 3,
    scope: 'list-a',
  };

  it('walks a list page by page with tokens that only this list accepts', () => {
    const first = paginate([1, 2, 3, 4, 5], request, errors);
    expect(first.items).toEqual([1, 2]);
    const second = paginate(
      [1, 2, 3, 4, 5],
      { ...request, nextToken: first.nextToken, maxResults: 3 },
      errors,
    );
    expect(second).toEqual({ items: [3, 4, 5], nextToken: undefined });
    expect(() =>
      paginate([1, 2, 3], { ...request, scope: 'list-b', nextToken: first.nextToken }, errors),
    ).toThrow('bad token');
    expect(() => paginate([1], { ...request, nextToken: 'garbage' }, errors)).toThrow('bad token');
    expect(() => paginate([1], { ...request, maxResults: 4 }, errors)).toThrow('bad max');
  });
});

describe('Kubernetes selectors and Fargate profile matching', () => {
  it('parses equality, inequality, set and existence requirements', () => {
    const labels = { app: 'web', tier: 'front' };
    const check = (selector: string) => labelsMatch(parseLabelSelector(selector), labels);
    expect(check('app=web,tier in (front, back)')).toBe(true);
    expect(check('app!=web')).toBe(false);
    expect(check('tier notin (front)')).toBe(false);
    expect(check('app,!release')).toBe(true);
    expect(check('release')).toBe(false);
  });

  it('matches profile selectors with * and ? in namespaces, label keys and values, requiring every label', () => {
    expect(selectorSelects({ namespace: 'team-?' }, 'team-a', {})).toBe(true);
    expect(selectorSelects({ namespace: 'team-?' }, 'team-ab', {})).toBe(false);
    expect(
      selectorSelects({ namespace: '*', labels: { 'compute/*': 'far*' } }, 'x', {
        'compute/type': 'fargate',
      }),
    ).toBe(true);
    expect(selectorSelects({ namespace: 'apps', labels: { a: '1', b: '2' } }, 'apps', { a: '1' })).toBe(
      false,
    );
  });

  it('sizes Fargate pods as EKS does: max(Σ app, max init) + 256 MiB, rounded up to the grid', () => {
    const spec = (containers: object[], initContainers: object[] = []) =>
      JSON.parse(JSON.stringify({ containers, initContainers }));
    expect(fargateCapacityOf(spec([{ name: 'a' }]))).toEqual({ cpu: 256, memoryMiB: 512 });
    expect(fargateCapacityOf(spec([{ resources: { requests: { cpu: '1', memory: '8Gi' } } }]))).toEqual({
      cpu: 2048,
      memoryMiB: 9216,
    });
    expect(
      fargateCapacityOf(
        spec(
          [{ resources: { limits: { cpu: '250m', memory: '256Mi' } } }],
          [{ resources: { requests: { cpu: '2', memory: '1Gi' } } }],
        ),
      ),
    ).toEqual({ cpu: 2048, memoryMiB: 4096 });
    expect(fargateCapacityOf(spec([{ resources: { requests: { cpu: '32' } } }]))).toBeNull();
  });

  it('reads Kubernetes quantities', () => {
    expect([cpuMillis('250m'), cpuMillis('1.5'), cpuMillis(2)]).toEqual([250, 1500, 2000]);
    expect([memoryMiB('512Mi'), memoryMiB('1Gi'), memoryMiB('1G'), memoryMiB('128974848')]).toEqual([
      512,
      1024,
      1e9 / 2 ** 20,
      123,
    ]);
  });
});

describe('ECS derivations', () => {
  it('spreads tasks over a capacity provider strategy: base first, then in the ratio of the weights', () => {
    const strategy = [
      { capacityProvider: 'FARGATE', base: 1, weight: 1 },
      { capacityProvider: 'FARGATE_SPOT', weight: 3 },
    ];
    const placed = distributeOverProviders(strategy, 9);
    expect(placed[0]).toBe('FARGATE');
    expect(placed.filter((p) => p === 'FARGATE')).toHaveLength(3);
    expect(placed.filter((p) => p === 'FARGATE_SPOT')).toHaveLength(6);
  });

  it('reads task-level cpu and memory in any of the forms ECS accepts', () => {
    expect([
      parseTaskCpu('1 vCPU'),
      parseTaskCpu('.25 vcpu'),
      parseTaskCpu('512'),
      parseTaskCpu(undefined),
    ]).toEqual([1024, 256, 512, null]);
    expect([parseTaskMemory('2 GB'), parseTaskMemory('3072'), parseTaskMemory('')]).toEqual([
      2048,
      3072,
      null,
    ]);
  });
});

describe('scenario errors', () => {
  const base = (): Scenario => ({
    name: 't',
    callerAccount: '111111111111',
    accounts: [{ id: '111111111111', name: 'a', regions: [{ name: 'us-east-1' }] }],
  });
  const withRegion = (region: Scenario['accounts'][number]['regions'][number]): Scenario => ({
    ...base(),
    accounts: [{ id: '111111111111', name: 'a', regions: [region] }],
  });

  it.each([
    [
      'a service whose task definition does not exist',
      withRegion({
        name: 'us-east-1',
        ecs: {
          taskDefinitions: [],
          clusters: [{ name: 'c', services: [{ name: 's', taskDefinition: 'x:1' }] }],
        },
      }),
      /unknown task definition x:1/,
    ],
    [
      'an EC2 service in a cluster without container instances',
      withRegion({
        name: 'us-east-1',
        ecs: {
          taskDefinitions: [
            ecsTaskDefinition({
              family: 'x',
              containerDefinitions: [ecsContainer({ name: 'a', image: 'i' })],
            }),
          ],
          clusters: [{ name: 'c', services: [{ name: 's', taskDefinition: 'x:1', launchType: 'EC2' }] }],
        },
      }),
      /needs an ACTIVE container instance/,
    ],
    [
      'an instance type the catalogue lacks',
      withRegion({
        name: 'us-east-1',
        eks: {
          clusters: [{ name: 'k', nodegroups: [{ name: 'n', instanceTypes: ['z9.mega'], desiredSize: 1 }] }],
        },
      }),
      /unknown instance type z9.mega/,
    ],
    [
      'a Kubernetes kind the emulator does not serve',
      withRegion({
        name: 'us-east-1',
        eks: {
          clusters: [
            {
              name: 'k',
              objects: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'd' } }],
            },
          ],
        },
      }),
      /has kind Secret/,
    ],
    [
      'a caller account that is not in the scenario',
      { ...base(), callerAccount: '222222222222' },
      /callerAccount 222222222222/,
    ],
  ])('refuses %s', (_what, scenario, message) => {
    expect(() => compileScenario(scenario)).toThrow(ScenarioError);
    expect(() => compileScenario(scenario)).toThrow(message);
  });

  it('leaves a pod Pending when no node fits it, as the scheduler would', () => {
    const state = compileScenario(
      withRegion({
        name: 'us-east-1',
        eks: {
          clusters: [
            {
              name: 'k',
              nodegroups: [{ name: 'n', instanceTypes: ['m5.large'], desiredSize: 1 }],
              objects: [
                kubeDeployment({
                  name: 'gpu',
                  namespace: 'ml',
                  spec: {
                    containers: [kubeContainer({ name: 'g', image: 'i', limits: { 'nvidia.com/gpu': '1' } })],
                  },
                }),
              ],
            },
          ],
        },
      }),
    );
    const pods = state.accounts
      .get('111111111111')
      ?.regions.get('us-east-1')
      ?.eksClusters[0]?.kubernetes.objects.get('pods');
    expect(pods?.[0]?.status?.phase).toBe('Pending');
    expect(pods?.[0]?.spec?.nodeName).toBeUndefined();
  });
});

describe('EKS token verification', () => {
  const principal: Principal = {
    accessKeyId: 'AKIATEST000000000001',
    secretAccessKey: 'secret-for-tests',
    sessionToken: null,
    account: '111111111111',
    arn: 'arn:aws:iam::111111111111:user/t',
    userId: 'AIDATEST',
    expiresAtMs: null,
    assumedRole: false,
  };

  async function tokenFor(host: string, protocol: 'https:' | 'http:', cluster: string): Promise<string> {
    const signer = new SignatureV4({
      credentials: { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey },
      region: 'us-east-1',
      service: 'sts',
      sha256: Sha256,
    });
    const [hostname = '', port] = host.split(':');
    const signed = await signer.presign(
      new HttpRequest({
        method: 'GET',
        protocol,
        hostname,
        port: port ? Number(port) : undefined,
        path: '/',
        query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
        headers: { host, 'x-k8s-aws-id': cluster },
      }),
      { expiresIn: 60 },
    );
    const query = new URLSearchParams(
      Object.entries(signed.query ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
    );
    return `k8s-aws-v1.${Buffer.from(`${protocol}//${host}/?${query}`).toString('base64url')}`;
  }

  const options = (cluster: string) => ({
    clusterName: cluster,
    lookup: (key: string) => (key === principal.accessKeyId ? principal : undefined),
    unknownKeyPrincipal: null,
    nowMs: Date.now(),
    emulatorHost: '127.0.0.1:4566',
    mode: 'sigv4' as const,
  });

  it('accepts a URL presigned for the STS hostname or for the emulator’s own endpoint', async () => {
    expect(
      verifyEksToken(await tokenFor('sts.us-east-1.amazonaws.com', 'https:', 'k'), options('k')),
    ).toMatchObject({ ok: true });
    expect(verifyEksToken(await tokenFor('127.0.0.1:4566', 'http:', 'k'), options('k'))).toMatchObject({
      ok: true,
    });
  });

  it('refuses another host, another cluster, an unknown key and a non-token', async () => {
    expect(verifyEksToken(await tokenFor('evil.example.com', 'https:', 'k'), options('k'))).toMatchObject({
      ok: false,
    });
    expect(
      verifyEksToken(await tokenFor('sts.amazonaws.com', 'https:', 'k'), options('other')),
    ).toMatchObject({ ok: false });
    expect(
      verifyEksToken(await tokenFor('sts.amazonaws.com', 'https:', 'k'), {
        ...options('k'),
        lookup: () => undefined,
      }),
    ).toMatchObject({ ok: false, reason: 'unknown access key' });
    expect(verifyEksToken('Bearer something', options('k'))).toMatchObject({ ok: false });
  });
});

describe('throwaway TLS', () => {
  it('makes a CA and a loopback server certificate it signed', () => {
    const tls = createEmulatorTls();
    const ca = new X509Certificate(tls.caCertPem);
    const server = new X509Certificate(tls.serverCertPem);
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(server.subjectAltName).toContain('DNS:localhost');
  });

  it('encodes valid DER whatever the random serial numbers are', () => {
    for (let i = 0; i < 300; i += 1) {
      const tls = createEmulatorTls();
      expect(
        new X509Certificate(tls.serverCertPem).verify(new X509Certificate(tls.caCertPem).publicKey),
      ).toBe(true);
    }
  });

  it('is trusted with its CA and refused without it', async () => {
    const emulator = await startEmulator(busyScenario());
    const get = (ca?: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${emulator.kubernetesBaseUrl}/version`, { ca }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    await expect(get()).rejects.toThrow(/self[- ]signed|unable to verify/i);
    expect(await get(emulator.caCertPem)).toBe(404);
    await emulator.close();
  });
});
