import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { readPaths, readText } from '../../lib/manifests/read.js';

/**
 * The public corpus beside the project (../shared/corpus): real task definitions and manifests.
 * The project's own tests never depend on it; this suite runs where it is present.
 */
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(projectRoot, '../shared/corpus');
const corpusPresent = existsSync(corpus);

let corpusRead: ReturnType<typeof readPaths> | undefined;
/** The whole corpus read once for the tests that look at all of it. */
function readCorpus(): ReturnType<typeof readPaths> {
  corpusRead ??= readPaths([corpus]);
  return corpusRead;
}

function corpusIt(name: string, test: () => Promise<void> | void): void {
  it.skipIf(!corpusPresent)(corpusPresent ? name : `${name}: ../shared/corpus not found — skipped`, test);
}

type Expected = { file: string; kind: string; name: string };

// Counted here without the reader's code: any object with a pod template or pod spec, and any
// object of a pod-running kind even where a strict YAML parse loses its spec.
const POD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicaSet',
  'ReplicationController',
  'Pod',
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) current = isObject(current) ? current[key] : undefined;
  return current;
}

function podBearers(file: string, text: string): Expected[] {
  if (file.endsWith('.json')) {
    const parsed: unknown = JSON.parse(text);
    return (Array.isArray(parsed) ? parsed : [parsed]).flatMap((element) => {
      const definition = isObject(at(element, 'taskDefinition')) ? at(element, 'taskDefinition') : element;
      return Array.isArray(at(definition, 'containerDefinitions'))
        ? [{ file, kind: 'ecs-task-definition', name: String(at(definition, 'family')) }]
        : [];
    });
  }
  const objects = parseAllDocuments(text).flatMap((document) => {
    const value: unknown = document.toJS();
    const items = at(value, 'items');
    return typeof at(value, 'kind') === 'string' &&
      String(at(value, 'kind')).endsWith('List') &&
      Array.isArray(items)
      ? items
      : [value];
  });
  return objects.flatMap((object) => {
    const kind = at(object, 'kind');
    if (typeof kind !== 'string') return [];
    const bearsPods =
      POD_KINDS.has(kind) ||
      isObject(at(object, 'spec', 'template', 'spec')) ||
      isObject(at(object, 'spec', 'jobTemplate', 'spec', 'template', 'spec'));
    return bearsPods ? [{ file, kind, name: String(at(object, 'metadata', 'name')) }] : [];
  });
}

function corpusFiles(): string[] {
  return ['ecs', 'k8s'].flatMap((folder) =>
    readdirSync(path.join(corpus, folder))
      .filter((name) => /\.(json|ya?ml)$/.test(name))
      .map((name) => path.join(corpus, folder, name)),
  );
}

function byFileKindName(a: Expected, b: Expected): number {
  return `${a.file}\u0000${a.kind}\u0000${a.name}`.localeCompare(`${b.file}\u0000${b.kind}\u0000${b.name}`);
}

describe('reading the public corpus', () => {
  corpusIt('reads every corpus file with no gap', async () => {
    const result = await readCorpus();
    expect(result.gaps).toEqual([]);
  });

  corpusIt('turns every Pod-bearing object and task definition into exactly one workload', async () => {
    const expected = corpusFiles().flatMap((file) => podBearers(file, readFileSync(file, 'utf8')));
    const result = await readCorpus();
    const actual = result.workloads.map((workload) => ({
      file: workload.source?.file ?? '',
      kind: workload.kind,
      name: workload.name,
    }));
    expect(expected.length).toBeGreaterThan(100);
    expect(actual.sort(byFileKindName)).toEqual(expected.sort(byFileKindName));
    expect(new Set(result.workloads.map((workload) => workload.id)).size).toBe(result.workloads.length);
  });

  corpusIt('gives every workload at least one container', async () => {
    const result = await readCorpus();
    const empty = result.workloads.filter((workload) => workload.containers.length === 0).map((w) => w.id);
    expect(empty).toEqual([]);
  });

  corpusIt('keeps the pod spec of a StatefulSet behind a quoted annotation kubectl tolerates', async () => {
    const file = path.join(corpus, 'k8s', '073-es-data-legacy-initcontainer-annotation.yaml');
    const [esData] = (await readPaths([file])).workloads;
    expect(
      esData?.containers.map((container) => [container.name, container.role, container.privileged]),
    ).toEqual([
      ['sysctl', 'init', true],
      ['es-data', 'app', true],
    ]);
    expect(esData?.containers[1]?.capabilitiesAdd).toEqual(['IPC_LOCK']);
    expect(esData?.volumes.map((volume) => [volume.name, volume.claim?.storageClass])).toEqual([
      ['storage', 'standard'],
    ]);
  });

  corpusIt('lets no environment value through: every value replaced by a canary stays out', () => {
    let planted = 0;
    const plant = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(plant);
      if (!isObject(value)) return;
      for (const key of ['environment', 'env', 'secrets']) {
        const entries = value[key];
        if (!Array.isArray(entries)) continue;
        for (const entry of entries) {
          if (!isObject(entry)) continue;
          if ('value' in entry) entry.value = `CANARY-${planted++}`;
          if (typeof entry.valueFrom === 'string') entry.valueFrom = `CANARY-${planted++}`;
        }
      }
      Object.values(value).forEach(plant);
    };
    for (const file of corpusFiles()) {
      const text = readFileSync(file, 'utf8');
      let plantedText: string;
      if (file.endsWith('.json')) {
        const parsed: unknown = JSON.parse(text);
        plant(parsed);
        plantedText = JSON.stringify(parsed);
      } else {
        // Documents a strict parse rejects are left out here; the reading tests above cover them.
        plantedText = parseAllDocuments(text)
          .filter((document) => document.errors.length === 0)
          .map((document) => {
            const value: unknown = document.toJS();
            plant(value);
            return stringify(value);
          })
          .join('---\n');
      }
      if (plantedText.trim() === '') continue;
      const result = readText(file, plantedText);
      expect(result.gaps).toEqual([]);
      expect(JSON.stringify(result.workloads)).not.toMatch(/CANARY-\d/);
    }
    expect(planted).toBeGreaterThan(100);
  });
});
