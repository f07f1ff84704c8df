import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  composeYamlStream,
  MAX_YAML_NESTING,
  yamlNestingExceeds,
} from '../../../lib/manifests/bounded-yaml.js';
import { readText } from '../../../lib/manifests/read.js';

const flowNest = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const blockStaircase = (depth: number): string =>
  `${Array.from({ length: depth }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n')} leaf\n`;
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: survivor}\nspec: {containers: [{name: app}]}\n';

describe('bounded YAML: nesting', () => {
  // Before the bound, the second of these parses aborted Node with "RegExpCompiler Allocation
  // failed" (a fatal error, not an exception), taking every other file of the run with it.
  it('lists a YAML file nested thousands of levels deep as a gap, every time, and the process lives on', () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      for (const text of [
        flowNest(5000),
        blockStaircase(3000),
        `kind: Pod\nspec: {containers: ${flowNest(2000)}}`,
      ]) {
        const result = readText('deep.yaml', text);
        expect(result.workloads).toEqual([]);
        expect(result.gaps).toEqual([
          {
            scope: 'file',
            file: 'deep.yaml',
            line: 1,
            errorName: 'ManifestSyntaxError',
            message: `YAML document 0 nests deeper than ${MAX_YAML_NESTING} levels, not read`,
          },
        ]);
      }
    }
    expect(readText('after.yaml', POD).workloads.map((workload) => workload.name)).toEqual(['survivor']);
  });

  it('reads the documents around a too-deep one and names the deep one by index and line', () => {
    const text = `${POD}---\n${flowNest(4000)}\n---\n${POD.replace('survivor', 'after')}`;
    const result = readText('stream.yaml', text);
    expect(result.workloads.map((workload) => workload.id)).toEqual(['stream.yaml#0', 'stream.yaml#2']);
    expect(result.gaps).toMatchObject([
      {
        file: 'stream.yaml',
        line: 5,
        message: `YAML document 1 nests deeper than ${MAX_YAML_NESTING} levels, not read`,
      },
    ]);
  });

  it('still reads deeply nested JSON (JSON.parse does not recurse); its errors just carry no line', () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const result = readText('deep.json', `{"family": "deep", "containerDefinitions": ${flowNest(5000)}}`);
      expect(result.workloads).toEqual([]);
      expect(result.gaps).toHaveLength(1);
      expect(result.gaps[0]).toMatchObject({ file: 'deep.json', errorName: 'ManifestError' });
      expect(result.gaps[0]?.line).toBeUndefined();
    }
  });

  it('accepts nesting up to the bound, far beyond what real manifests use', () => {
    expect(yamlNestingExceeds(flowNest(MAX_YAML_NESTING - 2))).toBe(false);
    expect(yamlNestingExceeds(flowNest(MAX_YAML_NESTING + 1))).toBe(true);
    expect(composeYamlStream(flowNest(100)).documents[0]?.errors).toEqual([]);
  });
});

describe('bounded YAML: duplicate keys', () => {
  const yamlErrors = (text: string) =>
    (
      parseAllDocuments(text, { merge: true, uniqueKeys: true, prettyErrors: false }) as {
        errors: { pos: number[]; message: string }[];
      }[]
    ).map((document) => document.errors.map((error) => [error.pos[0], error.message]));
  const boundedErrors = (text: string) =>
    composeYamlStream(text, { merge: true }).documents.map((document) =>
      document.errors.map((error) => [error.pos[0], error.message]),
    );

  it('reports the first repeated key where the yaml package does, and only where it does', () => {
    const cases = [
      'a: 1\nb: 2\na: 3\n',
      'kind: Pod\nmetadata: {name: x, name: y}\n',
      ': a\n: b\n',
      '~: a\nnull: b\n',
      '1: a\n"1": b\n',
      '.nan: 1\n.nan: 2\n',
      '<<: {a: 1}\n<<: {b: 2}\n',
      '? [a]\n: 1\n? [a]\n: 2\n',
      'a: 1\n---\nb: 1\nb: 2\n',
    ];
    for (const text of cases) {
      const expected = yamlErrors(text).map((errors) => errors.slice(0, 1));
      expect(
        boundedErrors(text).map((errors) => errors.slice(0, 1)),
        text,
      ).toEqual(expected);
    }
  });

  it('checks a mapping of 40,000 keys in about a second, not most of a minute', () => {
    const keys = Array.from({ length: 40_000 }, (_, index) => `k${index}: v`);
    const started = performance.now();
    const result = readText('huge.yaml', [...keys, 'k7: again'].join('\n'));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.gaps).toMatchObject([
      { line: 40_001, message: expect.stringContaining('Map keys must be unique') },
    ]);
  });
});
