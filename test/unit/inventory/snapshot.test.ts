import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { redactKubernetesObject, redactTaskDefinition } from '../../../lib/inventory/redact.js';
import { type Inventory, loadInventory, saveInventory } from '../../../lib/inventory/snapshot.js';
import { mockRecordedEstate, recordedDeps, scanRecordedEstate, unredactedShopObjects } from './estate.js';
import { awsFixture } from './support.js';

let dir: string;
let inventory: Inventory;
let mocks: ReturnType<typeof mockRecordedEstate>;

beforeAll(async () => {
  mocks = mockRecordedEstate();
  inventory = await scanRecordedEstate();
});
afterAll(() => mocks.restore());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fargate-fit-snapshot-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The inventory with a leaky task definition planted in it, as a careless producer could write it. */
function withPlantedSecrets(source: Inventory): Inventory {
  const raw = awsFixture<{ taskDefinition: Record<string, unknown> }>(
    'ecs.DescribeTaskDefinition_1',
  ).taskDefinition;
  return {
    ...source,
    partitions: source.partitions.map((p) => ({
      ...p,
      ecs: p.ecs && {
        ...p.ecs,
        taskDefinitions: {
          ...p.ecs.taskDefinitions,
          [String(raw.taskDefinitionArn)]: JSON.parse(JSON.stringify(raw)),
        },
      },
    })),
  };
}

describe('saveInventory / loadInventory', () => {
  it('round-trips an inventory', async () => {
    const file = join(dir, 'inventory.json');
    await saveInventory(file, inventory);
    expect(await loadInventory(file)).toEqual(inventory);
  });

  it('writes atomically: no temporary file is left and an existing snapshot is replaced whole', async () => {
    const file = join(dir, 'inventory.json');
    await writeFile(file, 'old content');
    await saveInventory(file, inventory);
    expect(await readdir(dir)).toEqual(['inventory.json']);
    expect(JSON.parse(await readFile(file, 'utf8')).version).toBe(1);
  });

  it('names the file when it cannot write it', async () => {
    const file = join(dir, 'missing-dir', 'inventory.json');
    await expect(saveInventory(file, inventory)).rejects.toThrow(file);
  });

  it('never quotes the snapshot text in its errors, so a broken file cannot leak a value', async () => {
    const leaky = join(dir, 'leaky.json');
    await writeFile(leaky, '{"version": 1, "env": {"TOKEN": CANARY-7f3a}}');
    await expect(loadInventory(leaky)).rejects.toThrow(/leaky\.json is not valid JSON/);
    await expect(loadInventory(leaky)).rejects.not.toThrow(/CANARY/);
    const oddVersion = join(dir, 'odd-version.json');
    await writeFile(oddVersion, JSON.stringify({ version: 'CANARY-version' }));
    await expect(loadInventory(oddVersion)).rejects.not.toThrow(/CANARY/);
  });

  it('names the file and the problem when a snapshot is not JSON, of another version, or malformed', async () => {
    const notJson = join(dir, 'broken.json');
    await writeFile(notJson, '{"version": 1,');
    await expect(loadInventory(notJson)).rejects.toThrow(new RegExp(`${notJson}.*not valid JSON`));

    const future = join(dir, 'future.json');
    await writeFile(future, JSON.stringify({ ...inventory, version: 2 }));
    await expect(loadInventory(future)).rejects.toThrow(
      /future\.json has version 2; this fargate-fit reads version 1/,
    );

    const malformed = join(dir, 'malformed.json');
    await writeFile(malformed, JSON.stringify({ ...inventory, partitions: [{ account: 1 }] }));
    await expect(loadInventory(malformed)).rejects.toThrow(
      /malformed\.json is not a valid inventory: partitions\.0\.account/,
    );

    await expect(loadInventory(join(dir, 'absent.json'))).rejects.toThrow(
      /cannot read inventory snapshot .*absent\.json/,
    );
  });
});

describe('secrets never reach a snapshot (canary)', () => {
  it('strips env values, commands and log secrets on save even if the inventory carried them', async () => {
    const leaky = withPlantedSecrets(inventory);
    expect(JSON.stringify(leaky)).toContain('CANARY');
    const file = join(dir, 'inventory.json');
    await saveInventory(file, leaky);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('CANARY');
    expect(text).toContain('DATABASE_URL');
  });

  it('strips them on load from a snapshot written by something else', async () => {
    const file = join(dir, 'foreign.json');
    await writeFile(file, JSON.stringify(withPlantedSecrets(inventory)));
    const loaded = await loadInventory(file);
    expect(JSON.stringify(loaded)).not.toContain('CANARY');
  });

  it('strips them from Kubernetes objects even when a connector forgot to', async () => {
    const leakyScan = await scanRecordedEstate(recordedDeps(async () => unredactedShopObjects()));
    const file = join(dir, 'inventory.json');
    await saveInventory(file, leakyScan);
    expect(await readFile(file, 'utf8')).not.toContain('CANARY');
  });
});

describe('redaction', () => {
  it('keeps names and references, drops values', () => {
    const raw = awsFixture<{ taskDefinition: unknown }>('ecs.DescribeTaskDefinition_1').taskDefinition;
    const redacted = redactTaskDefinition(raw) as { containerDefinitions: Record<string, unknown>[] };
    const [web] = redacted.containerDefinitions;
    expect(web?.environment).toEqual([{ name: 'LOG_LEVEL' }, { name: 'DATABASE_URL' }]);
    expect(web?.secrets).toEqual([
      { name: 'API_KEY', valueFrom: 'arn:aws:ssm:eu-west-1:111122223333:parameter/web/api-key' },
    ]);
    expect(web).not.toHaveProperty('command');
    expect(web?.logConfiguration).toEqual({
      logDriver: 'awslogs',
      options: {
        'awslogs-group': '/ecs/web',
        'awslogs-region': 'eu-west-1',
        'awslogs-stream-prefix': 'web',
        mode: 'non-blocking',
      },
    });
    const splunk = redactTaskDefinition(
      awsFixture<{ taskDefinition: unknown }>('ecs.DescribeTaskDefinition_2').taskDefinition,
    ) as { containerDefinitions: { logConfiguration: { options: Record<string, string> } }[] };
    expect(splunk.containerDefinitions[0]?.logConfiguration.options['splunk-token']).toBe('(redacted)');
  });

  it('cleans pod specs at any depth, keeping secretKeyRef references', () => {
    const cron = redactKubernetesObject({
      kind: 'CronJob',
      metadata: {
        name: 'c',
        managedFields: [{ manager: 'kubectl' }],
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': '{"x":"secret"}',
          keep: 'secret',
          'eks.amazonaws.com/compute-type': 'fargate',
        },
      },
      spec: {
        jobTemplate: {
          spec: {
            template: {
              metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'secret' } },
              spec: {
                containers: [
                  {
                    name: 'c',
                    command: ['sh', '-c', 'echo secret'],
                    args: ['--password=secret'],
                    env: [
                      { name: 'A', value: 'secret' },
                      { name: 'B', valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } },
                    ],
                    livenessProbe: { exec: { command: ['check', 'secret'] }, periodSeconds: 10 },
                  },
                ],
                initContainers: [{ name: 'i', env: [{ name: 'C', value: 'secret' }] }],
              },
            },
          },
        },
      },
    });
    const text = JSON.stringify(cron);
    expect(text).not.toContain('secret"');
    expect(text).not.toContain('managedFields');
    // Annotation keys stay; only the values a reader needs survive.
    expect(text).toContain('"keep":"(redacted)"');
    expect(text).toContain('"eks.amazonaws.com/compute-type":"fargate"');
    expect(text).toContain('"secretKeyRef":{"name":"db","key":"pw"}');
    expect(text).toContain('"periodSeconds":10');
  });
});
