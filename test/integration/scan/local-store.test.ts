/**
 * `scan --store FILE` twice over an estate that changes in between: the second run must tell what
 * is new, what changed and what was resolved since the first, with the right counts.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildDemoScenario,
  DEMO_ACCOUNT,
  DEMO_SANDBOX_ACCOUNT,
  ecsContainer,
  ecsTaskDefinition,
  type Scenario,
  startEmulator,
} from '../../emulator/index.js';
import { type CliRun, DEMO_SCAN_FLAGS, leakedCanaries, reportOf, runCli, withEcs } from './support.js';

/**
 * The demo estate a week later:
 * - new: two services in the sandbox cluster (hello-api, hello-worker);
 * - changed: the sandbox hello-world service moved to a task definition with a privileged container
 *   (eligible → ineligible);
 * - resolved: staging-web was deleted (gone) and metrics-proxy got a task role and Fargate
 *   compatibility (eligible-with-changes → eligible).
 */
function estateAWeekLater(): Scenario {
  const sandboxChanged = withEcs(buildDemoScenario(), DEMO_SANDBOX_ACCOUNT, (ecs) => ({
    ...ecs,
    taskDefinitions: [
      ...ecs.taskDefinitions,
      ecsTaskDefinition({
        family: 'hello-world',
        revision: 2,
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          ecsContainer({ name: 'hello', image: 'public.ecr.aws/docker/library/httpd:2.4', privileged: true }),
        ],
      }),
    ],
    clusters: ecs.clusters.map((cluster) =>
      cluster.name !== 'sandbox'
        ? cluster
        : {
            ...cluster,
            services: [
              { name: 'hello-world', taskDefinition: 'hello-world:2', launchType: 'FARGATE' as const },
              { name: 'hello-api', taskDefinition: 'hello-world:1', launchType: 'FARGATE' as const },
              { name: 'hello-worker', taskDefinition: 'hello-world:1', launchType: 'FARGATE' as const },
            ],
          },
    ),
  }));
  return withEcs(sandboxChanged, DEMO_ACCOUNT, (ecs) => ({
    ...ecs,
    taskDefinitions: ecs.taskDefinitions.map((definition) =>
      definition.family !== 'metrics-proxy'
        ? definition
        : {
            ...definition,
            requiresCompatibilities: ['EC2', 'FARGATE'],
            taskRoleArn: `arn:aws:iam::${DEMO_ACCOUNT}:role/metrics-proxy-task`,
          },
    ),
    clusters: ecs.clusters.map((cluster) =>
      cluster.name !== 'staging-fargate'
        ? cluster
        : { ...cluster, services: (cluster.services ?? []).filter((s) => s.name !== 'staging-web') },
    ),
  }));
}

async function scanInto(store: string, scenario: Scenario): Promise<CliRun> {
  const emulator = await startEmulator(scenario);
  try {
    return await runCli(['scan', ...DEMO_SCAN_FLAGS, '--format', 'json', '--store', store], emulator.env);
  } finally {
    await emulator.close();
  }
}

const SINCE = /since the previous scan: (\d+) new, (\d+) changed, (\d+) resolved/;

let dir: string;
let store: string;
let first: CliRun;
let second: CliRun;
let third: CliRun;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fargate-fit-store-'));
  store = join(dir, 'store.json');
  first = await scanInto(store, buildDemoScenario());
  second = await scanInto(store, estateAWeekLater());
  third = await scanInto(store, estateAWeekLater());
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('scan --store FILE over an estate that changes', () => {
  it('records the first scan with nothing to compare it with', () => {
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stderr).toContain('recorded scan cli-');
    expect(first.stderr).toContain('in the local store; first scan, nothing to compare with');
    expect(first.stderr).not.toMatch(SINCE);
  });

  it('the second estate really differs as intended', () => {
    const byName = (run: CliRun) =>
      new Map(reportOf(run).workloads.map((w) => [`${w.account}/${w.name}`, w]));
    const before = byName(first);
    const after = byName(second);
    expect(after.get(`${DEMO_SANDBOX_ACCOUNT}/hello-world`)?.verdict).toBe('ineligible');
    expect(before.get(`${DEMO_SANDBOX_ACCOUNT}/hello-world`)?.verdict).toBe('eligible');
    expect(after.get('111122223333/metrics-proxy')?.verdict).toBe('eligible');
    expect(before.get('111122223333/metrics-proxy')?.verdict).toBe('eligible-with-changes');
    expect(after.has('111122223333/staging-web')).toBe(false);
    expect(reportOf(second).workloads).toHaveLength(26);
  });

  it('tells on the second run: 2 new, 1 changed, 2 resolved', () => {
    expect(second.exitCode, second.stderr).toBe(0);
    expect(second.stderr.match(SINCE)?.slice(1)).toEqual(['2', '1', '2']);
  });

  it('tells on a third run of the unchanged estate that nothing moved', () => {
    expect(third.exitCode, third.stderr).toBe(0);
    expect(third.stderr.match(SINCE)?.slice(1)).toEqual(['0', '0', '0']);
  });

  it('keeps no planted secret in the store file', async () => {
    const text = await readFile(store, 'utf8');
    expect(text).toContain('hello-api');
    expect(leakedCanaries(text)).toEqual([]);
  });
});
