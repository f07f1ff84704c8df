import 'aws-sdk-client-mock-vitest/extend';
import { Readable } from 'node:stream';
import { ListClustersCommand } from '@aws-sdk/client-ecs';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { type HttpRequest, HttpResponse } from '@smithy/protocol-http';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallStats } from '../../../lib/inventory/call-stats.js';
import {
  assumeRoleProvider,
  ClientFactory,
  roleArnFor,
  stsEndpointFor,
} from '../../../lib/inventory/clients.js';
import { type LimiterKey, RateLimiter } from '../../../lib/inventory/limiter.js';
import { awsFixture } from './support.js';

const staticCredentials = async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' });

class CountingLimiter extends RateLimiter {
  readonly acquired: LimiterKey[] = [];
  override acquire(key: LimiterKey): Promise<number> {
    this.acquired.push(key);
    return super.acquire(key);
  }
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return {
    response: new HttpResponse({
      statusCode: status,
      headers: { 'content-type': 'application/x-amz-json-1.1', ...headers },
      body: Readable.from([Buffer.from(JSON.stringify(body))]),
    }),
  };
}

/** An HTTP handler that answers from a script and records every request it got. */
function scriptedHandler(answers: (() => ReturnType<typeof jsonResponse>)[]) {
  const requests: HttpRequest[] = [];
  return {
    requests,
    handler: {
      handle: async (request: HttpRequest) => {
        requests.push(request);
        const answer = answers.shift();
        if (!answer) throw new Error('unexpected request');
        return answer();
      },
      updateHttpClientConfig: () => {},
      httpHandlerConfigs: () => ({}),
    },
  };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('ClientFactory', () => {
  it('paces every attempt, retries included, and counts the throttles it absorbed', async () => {
    const limiter = new CountingLimiter();
    const stats = new CallStats();
    const factory = new ClientFactory({ limiter, stats, userAgent: [['fargate-fit', '9.9.9']] });
    const clients = factory.regional(
      { accountId: '111122223333', credentials: staticCredentials },
      'eu-west-1',
    );
    const { requests, handler } = scriptedHandler([
      () => jsonResponse(400, { __type: 'ThrottlingException', message: 'Rate exceeded' }),
      () => jsonResponse(200, { clusterArns: ['arn:aws:ecs:eu-west-1:111122223333:cluster/prod'] }),
    ]);
    clients.ecs.config.requestHandler = handler;

    const out = await clients.ecs.send(new ListClustersCommand({}));

    expect(out.clusterArns).toEqual(['arn:aws:ecs:eu-west-1:111122223333:cluster/prod']);
    expect(requests).toHaveLength(2);
    expect(limiter.acquired).toEqual([
      { account: '111122223333', region: 'eu-west-1', bucket: 'ecs:cluster-read' },
      { account: '111122223333', region: 'eu-west-1', bucket: 'ecs:cluster-read' },
    ]);
    expect(stats.snapshot()).toMatchObject({ calls: { 'ecs.ListClusters': 2 }, totalCalls: 2, throttles: 1 });
  });

  it('identifies itself in the user agent', async () => {
    const factory = new ClientFactory({
      limiter: new RateLimiter(),
      stats: new CallStats(),
      userAgent: [['fargate-fit', '9.9.9']],
    });
    const clients = factory.regional(
      { accountId: '111122223333', credentials: staticCredentials },
      'eu-west-1',
    );
    const { requests, handler } = scriptedHandler([() => jsonResponse(200, { clusterArns: [] })]);
    clients.ecs.config.requestHandler = handler;
    await clients.ecs.send(new ListClustersCommand({}));
    const agent = `${requests[0]!.headers['user-agent'] ?? ''} ${requests[0]!.headers['x-amz-user-agent'] ?? ''}`;
    expect(agent).toContain('fargate-fit/9.9.9');
  });

  it('sends to the endpoint AWS_ENDPOINT_URL_ECS names, without code changes', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_ECS', 'http://127.0.0.1:4599');
    const factory = new ClientFactory({ limiter: new RateLimiter(), stats: new CallStats() });
    const clients = factory.regional(
      { accountId: '111122223333', credentials: staticCredentials },
      'eu-west-1',
    );
    const { requests, handler } = scriptedHandler([() => jsonResponse(200, { clusterArns: [] })]);
    clients.ecs.config.requestHandler = handler;
    await clients.ecs.send(new ListClustersCommand({}));
    expect(requests[0]!.hostname).toBe('127.0.0.1');
    expect(requests[0]!.port).toBe(4599);
  });

  it('hands out the same clients for the same account and region', () => {
    const factory = new ClientFactory({ limiter: new RateLimiter(), stats: new CallStats() });
    const access = { accountId: '111122223333', credentials: staticCredentials };
    expect(factory.regional(access, 'eu-west-1')).toBe(factory.regional(access, 'eu-west-1'));
    expect(factory.regional(access, 'eu-west-1')).not.toBe(factory.regional(access, 'us-east-1'));
    expect(factory.regional(access, 'eu-west-1').ecs).toBe(factory.regional(access, 'eu-west-1').ecs);
  });

  it('reads the configured region from the standard chain', async () => {
    vi.stubEnv('AWS_REGION', 'ap-southeast-2');
    const factory = new ClientFactory({ limiter: new RateLimiter(), stats: new CallStats() });
    expect(await factory.configuredRegion()).toBe('ap-southeast-2');
  });
});

describe('assumeRoleProvider', () => {
  const sts = mockClient(STSClient);
  afterEach(() => sts.reset());

  it('assumes the role once, with the external id and session name, and reuses the session', async () => {
    sts.on(AssumeRoleCommand).resolves(awsFixture('sts.AssumeRole_1'));
    const provider = assumeRoleProvider(
      new STSClient({ region: 'eu-west-1' }),
      {
        roleArn: 'arn:aws:iam::444455556666:role/FargateFitReadOnly',
        externalId: 'ext-123',
        sessionName: 'fargate-fit-scan',
      },
      () => Date.parse('2026-11-27T15:00:00Z'),
    );
    const first = await provider();
    const second = await provider();
    expect(first).toEqual(second);
    expect(first.accessKeyId).toBe('ASIAEXAMPLEMEMBER01');
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 1);
    expect(sts).toHaveReceivedCommandWith(AssumeRoleCommand, {
      RoleArn: 'arn:aws:iam::444455556666:role/FargateFitReadOnly',
      ExternalId: 'ext-123',
      RoleSessionName: 'fargate-fit-scan',
    });
  });

  it('renews the session shortly before it expires', async () => {
    sts.on(AssumeRoleCommand).resolves(awsFixture('sts.AssumeRole_1')); // expires 16:00
    let now = Date.parse('2026-11-27T15:00:00Z');
    const provider = assumeRoleProvider(
      new STSClient({ region: 'eu-west-1' }),
      { roleArn: 'arn:aws:iam::444455556666:role/R', sessionName: 's' },
      () => now,
    );
    await provider();
    now = Date.parse('2026-11-27T15:56:00Z');
    await provider();
    expect(sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
  });

  it('does not cache a refusal', async () => {
    sts
      .on(AssumeRoleCommand)
      .rejectsOnce(
        Object.assign(new Error('not authorized to perform sts:AssumeRole'), { name: 'AccessDenied' }),
      )
      .resolves(awsFixture('sts.AssumeRole_1'));
    const provider = assumeRoleProvider(new STSClient({ region: 'eu-west-1' }), {
      roleArn: 'arn:aws:iam::444455556666:role/R',
      sessionName: 's',
    });
    await expect(provider()).rejects.toThrow(/not authorized/);
    await expect(provider()).resolves.toMatchObject({ accessKeyId: 'ASIAEXAMPLEMEMBER01' });
  });
});

describe('roleArnFor', () => {
  it('builds the role ARN in the caller partition, keeping a role path', () => {
    expect(roleArnFor('aws', '444455556666', 'FargateFitReadOnly')).toBe(
      'arn:aws:iam::444455556666:role/FargateFitReadOnly',
    );
    expect(roleArnFor('aws-cn', '444455556666', '/ops/Scanner')).toBe(
      'arn:aws-cn:iam::444455556666:role/ops/Scanner',
    );
  });
});

describe('stsEndpointFor', () => {
  it('uses the STS endpoint of the standard chain when one is configured', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_STS', 'https://127.0.0.1:4510');
    const url = await stsEndpointFor(new STSClient({ region: 'eu-west-1' }), 'eu-west-1');
    expect(url.href).toBe('https://127.0.0.1:4510/');
  });

  it('falls back to the regional public endpoint', async () => {
    const url = await stsEndpointFor(new STSClient({ region: 'eu-west-1' }), 'eu-west-1');
    expect(url.href).toBe('https://sts.eu-west-1.amazonaws.com/');
  });
});
