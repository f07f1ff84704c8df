import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { composeYamlStream, MAX_YAML_NESTING } from '../../lib/manifests/bounded-yaml.js';
import { awkwardValue, deeplyNested, nestedArray, nestedMapping } from './support/awkward-values.js';
import { fuzzRuns, fuzzTimeout } from './support/fuzz-settings.js';
import { CANARY_MARK, generatedFile, serialize } from './support/manifest-arbitraries.js';
import {
  documentMutation,
  mutateDocuments,
  mutateText,
  textMutation,
  valuePreservingTextMutation,
} from './support/mutations.js';
import {
  expectSoundJudgement,
  expectWellFormedRead,
  readWithinBudget,
  renderEveryFormat,
  reportOf,
} from './support/read-checks.js';

/** Reads, checks the read, judges, and renders: the whole `check` path after the file system. */
function readJudgeRender(file: string, text: string) {
  const read = readWithinBudget(file, text);
  expectWellFormedRead(file, read);
  const judgement = expectSoundJudgement(read.workloads);
  const rendered = renderEveryFormat(reportOf(read, judgement));
  return { read, judgement, rendered };
}

const fileName = fc.constantFrom('input.json', 'input.yaml', 'input.yml', 'input', 'dir/ünï code.YAML');

describe('readText on arbitrary text', () => {
  it('returns workloads and gaps naming the file for any unicode string, lone surrogates and NUL included', () => {
    fc.assert(
      fc.property(fileName, fc.string({ unit: 'binary', maxLength: 300 }), (file, text) => {
        expectWellFormedRead(file, readWithinBudget(file, text));
      }),
      fuzzRuns(400),
    );
  });

  it('returns workloads and gaps for byte garbage, decoded leniently or as Latin-1', () => {
    fc.assert(
      fc.property(fileName, fc.uint8Array({ maxLength: 400 }), fc.boolean(), (file, bytes, latin1) => {
        const text = new TextDecoder(latin1 ? 'latin1' : 'utf-8').decode(bytes);
        expectWellFormedRead(file, readWithinBudget(file, text));
      }),
      fuzzRuns(300),
    );
  });

  // Secret-looking tokens in every syntactic role: a syntax error must never quote one back.
  const SECRET_TOKENS = [
    `${CANARY_MARK}-plain`,
    `&${CANARY_MARK}-anchor `,
    `*${CANARY_MARK}-alias`,
    `!${CANARY_MARK}-tag `,
    `"${CANARY_MARK}-double`,
    `'${CANARY_MARK}-single`,
    `{{ .Values.${CANARY_MARK} }}`,
    `value: ${CANARY_MARK}-value\n`,
  ];
  const YAML_TOKENS = [
    ...SECRET_TOKENS,
    'kind: Pod\n',
    'kind: Deployment\n',
    'containerDefinitions:\n',
    'spec:\n',
    '  template:\n',
    '  containers:\n',
    '    - name: a\n',
    '      image: x\n',
    '      resources: {requests: {cpu: 1, memory: 1Gi}}\n',
    'metadata: {name: n}\n',
    '- ',
    ': ',
    '? ',
    '---\n',
    '...\n',
    '%YAML 1.2\n',
    '%TAG ! tag:x,2000:\n',
    '&a ',
    '*a',
    '<<: *a\n',
    '!!map ',
    '!!binary ',
    '!local ',
    '[',
    ']',
    '{',
    '}',
    ',',
    '"',
    "'",
    '|',
    '>-',
    '#',
    ' ',
    '  ',
    '\t',
    '\n',
    '\r\n',
    'key',
    '1e999',
    '-0',
    '0x1F',
    '~',
    '\u0085',
    '\u2028',
    '\uFEFF',
    'ü',
  ];

  it('returns workloads and gaps for YAML token soup, judges whatever it reads, and quotes no input in a syntax error', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('soup.yaml', 'soup', 'soup.json'),
        fc.array(fc.constantFrom(...YAML_TOKENS), { maxLength: 80 }),
        (file, tokens) => {
          const { read } = readJudgeRender(file, tokens.join(''));
          // Names and kinds may legitimately carry the token; a parser's complaint may not.
          for (const gap of read.gaps) {
            if (gap.errorName === 'ManifestSyntaxError' && gap.message.includes(CANARY_MARK)) {
              throw new Error(`a syntax error quotes the input: ${gap.message}`);
            }
          }
        },
      ),
      fuzzRuns(300),
    );
  });
});

describe('readText on generated manifests', () => {
  it(
    'judges every generated task definition and Kubernetes object soundly and lets no planted secret into any report',
    () => {
      // Counted so the property cannot pass by never reading a workload that carried a secret.
      let runs = 0;
      let workloadsWithSecrets = 0;
      const verdicts = new Set<string>();
      fc.assert(
        fc.property(
          generatedFile,
          fc.array(documentMutation, { maxLength: 2 }),
          fc.array(valuePreservingTextMutation, { maxLength: 2 }),
          fc.constantFrom('block' as const, 'flow' as const),
          ({ name, documents }, documentMutations, textMutations, style) => {
            const mutated = documentMutations.reduce(mutateDocuments, [...documents]);
            const text = textMutations.reduce(mutateText, serialize(name, mutated, style));
            const { read, judgement, rendered } = readJudgeRender(name, text);
            runs++;
            if (text.includes(CANARY_MARK) && read.workloads.length > 0) workloadsWithSecrets++;
            for (const result of judgement.results) verdicts.add(result.verdict);
            for (const output of [JSON.stringify(read), JSON.stringify(judgement), ...rendered]) {
              if (output.includes(CANARY_MARK)) {
                const at = output.indexOf(CANARY_MARK);
                throw new Error(
                  `a planted secret came out: …${output.slice(Math.max(0, at - 120), at + 40)}…`,
                );
              }
            }
          },
        ),
        fuzzRuns(150),
      );
      expect(workloadsWithSecrets / runs).toBeGreaterThan(0.3);
      expect([...verdicts].sort()).toEqual(['eligible', 'eligible-with-changes', 'ineligible']);
    },
    fuzzTimeout(60_000),
  );

  it('reads JSON values of every type wherever a manifest has a field, huge and negative-zero numbers included', () => {
    const slot = fc.constantFrom(
      (value: unknown) => value,
      (value: unknown) => ({ family: 'f', containerDefinitions: value }),
      (value: unknown) => ({
        family: 'f',
        containerDefinitions: [{ name: 'a', cpu: value, memory: value, portMappings: value }],
      }),
      (value: unknown) => ({ kind: 'Pod', metadata: { name: 'p' }, spec: value }),
      (value: unknown) => ({
        kind: 'Pod',
        metadata: value,
        spec: { containers: [{ name: 'a', resources: value }] },
      }),
      (value: unknown) => ({
        kind: 'Deployment',
        spec: {
          replicas: value,
          template: { spec: { containers: [{ name: 'a', env: value, ports: value }] } },
        },
      }),
      (value: unknown) => ({ kind: 'List', items: value }),
    );
    const value = fc.oneof(fc.jsonValue({ maxDepth: 5 }), awkwardValue, deeplyNested);
    fc.assert(
      fc.property(slot, value, fc.constantFrom('value.json', 'value.yaml'), (place, generated, file) => {
        readJudgeRender(file, serialize(file, [place(generated)]));
      }),
      fuzzRuns(200),
    );
  });
});

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/manifests');

function fixtureFiles(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((name) => {
      const full = path.join(directory, name);
      return statSync(full).isDirectory() ? fixtureFiles(full) : [full];
    });
}

/** The documents of a fixture, or null when the fixture itself does not parse (bad/ has several). */
function documentsOf(name: string, text: string): unknown[] | null {
  try {
    if (name.endsWith('.json')) {
      const value: unknown = JSON.parse(text);
      return Array.isArray(value) ? value : [value];
    }
    const documents = parseAllDocuments(text);
    if (!Array.isArray(documents) || documents.some((document) => document.errors.length > 0)) return null;
    return documents.map((document) => document.toJS({ maxAliasCount: 100 }) as unknown);
  } catch {
    return null;
  }
}

const fixtures = fixtureFiles(FIXTURES).map((full) => {
  const name = path.relative(FIXTURES, full).split(path.sep).join('/');
  const text = readFileSync(full, 'utf8');
  return { name, text, documents: documentsOf(name, text) };
});

describe('readText on mutated fixtures', () => {
  it('has real fixtures of both kinds to mutate', () => {
    expect(fixtures.filter((fixture) => fixture.name.startsWith('ecs/')).length).toBeGreaterThan(3);
    expect(fixtures.filter((fixture) => fixture.name.startsWith('k8s/')).length).toBeGreaterThan(5);
    expect(fixtures.filter((fixture) => fixture.documents !== null).length).toBeGreaterThan(15);
  });

  it(
    'reads, judges and renders every fixture after random edits to its fields and its text',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...fixtures),
          fc.array(documentMutation, { maxLength: 3 }),
          fc.array(textMutation, { maxLength: 3 }),
          (fixture, documentMutations, textMutations) => {
            const edited =
              fixture.documents === null || documentMutations.length === 0
                ? fixture.text
                : serialize(fixture.name, documentMutations.reduce(mutateDocuments, fixture.documents));
            readJudgeRender(fixture.name, textMutations.reduce(mutateText, edited));
          },
        ),
        fuzzRuns(250),
      );
    },
    fuzzTimeout(60_000),
  );
});

const POD_AFTER = 'apiVersion: v1\nkind: Pod\nmetadata: {name: after}\nspec: {containers: [{name: app}]}\n';

/** `levels` anchors, each a list of `width` aliases of the one before: width^levels nodes if expanded. */
function billionLaughs(levels: number, width: number): string {
  const lines = ['l0: &l0 [lol]'];
  for (let level = 1; level <= levels; level++) {
    lines.push(`l${level}: &l${level} [${Array.from({ length: width }, () => `*l${level - 1}`).join(', ')}]`);
  }
  return lines.join('\n');
}

describe('readText on YAML built to exhaust the reader', () => {
  it('refuses alias bombs quickly, whether alone or inside a manifest, and reads the next document', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 2, max: 12 }),
        fc.boolean(),
        (levels, width, insideManifest) => {
          const bomb = billionLaughs(levels, width);
          const document = insideManifest
            ? `kind: Pod\nmetadata:\n  name: bomb\n  annotations:\n${bomb.replace(/^/gm, '    ')}\nspec: {containers: [{name: a}]}\n`
            : bomb;
          const file = 'bomb.yaml';
          const { read } = readJudgeRender(file, `${document}\n---\n${POD_AFTER}`);
          expect(read.workloads.some((workload) => workload.name === 'after')).toBe(true);
          // Small bombs fit under the alias budget and are read; the rest must be refused.
          if (width ** levels > 10_000) {
            expect(read.gaps.map((gap) => gap.message).join('\n')).toMatch(/alias|resource exhaustion/i);
          }
        },
      ),
      fuzzRuns(60),
    );
  });

  it('lists a document nested past the bound as a gap, every time, and reads the documents around it', () => {
    const nesting = fc.record({
      depth: fc.integer({ min: 1, max: 1_500 }),
      shape: fc.constantFrom('flow-sequence', 'flow-mapping', 'block-sequence', 'block-mapping'),
      place: fc.constantFrom('top', 'pod-spec', 'task-definition'),
    });
    fc.assert(
      fc.property(nesting, fc.constantFrom('deep.yaml', 'deep.json'), ({ depth, shape, place }, file) => {
        const value = shape.endsWith('sequence') ? nestedArray(depth) : nestedMapping(depth);
        const document =
          place === 'top'
            ? value
            : place === 'pod-spec'
              ? { kind: 'Pod', metadata: { name: 'deep' }, spec: { containers: value } }
              : { family: 'deep', containerDefinitions: value };
        const flow = shape.startsWith('flow');
        // JSON.stringify and the yaml stringifier recurse; the text is built by hand instead.
        const text = file.endsWith('.json') || flow ? jsonText(document) : blockText(document);
        const stream = file.endsWith('.json') ? text : `${text}\n---\n${POD_AFTER}`;
        for (let attempt = 0; attempt < 2; attempt++) {
          const { read } = readJudgeRender(file, stream);
          if (file.endsWith('.yaml'))
            expect(read.workloads.map((workload) => workload.name)).toContain('after');
          if (file.endsWith('.yaml') && depth > MAX_YAML_NESTING + 3) {
            expect(read.gaps.map((gap) => gap.message)).toContain(
              `YAML document 0 nests deeper than ${MAX_YAML_NESTING} levels, not read`,
            );
          }
        }
      }),
      fuzzRuns(40),
    );
  });

  it('gets through long alias and merge-key chains within the time bound', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.boolean(), (length, merge) => {
        const lines = ['a0: &a0 {k: v}'];
        for (let index = 1; index < length; index++) {
          lines.push(
            merge
              ? `a${index}: &a${index} {<<: *a${index - 1}, k${index}: v}`
              : `a${index}: &a${index} {k: *a${index - 1}}`,
          );
        }
        readJudgeRender('chain.yaml', lines.join('\n'));
      }),
      fuzzRuns(15),
    );
  });

  it('finds repeated keys exactly where the yaml package would, in one pass', () => {
    const key = fc.constantFrom(
      'a',
      'b',
      '"a"',
      "'b'",
      '1',
      '"1"',
      '~',
      'null',
      '',
      '.nan',
      '<<',
      '[a]',
      '{k: v}',
      '*x',
      '&x a',
    );
    const line = fc.tuple(
      fc.constantFrom('', '  ', '- '),
      key,
      fc.constantFrom(': 1', ': {a: 1, a: 2}', ': [x]', ':'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.boolean(), (lines, split) => {
        const text = lines
          .map(([indent, name, value]) => `${indent}${name}${value}`)
          .join(split ? '\n---\n' : '\n');
        const expected = parseAllDocuments(text, { merge: true, uniqueKeys: true, prettyErrors: false }).map(
          (document) => document.errors.filter((error) => error.code === 'DUPLICATE_KEY').length > 0,
        );
        const actual = composeYamlStream(text, { merge: true }).documents.map(
          (document) => document.errors.filter((error) => error.code === 'DUPLICATE_KEY').length > 0,
        );
        expect(actual).toEqual(expected);
      }),
      fuzzRuns(400),
    );
  });
});

/** JSON text of a value, written with an explicit stack so any depth can be written. */
function jsonText(value: unknown): string {
  const out: string[] = [];
  const pending: unknown[] = [value];
  const CLOSE = Symbol('close');
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'object' && next !== null && CLOSE in next) {
      out.push((next as { [CLOSE]: string })[CLOSE]);
    } else if (Array.isArray(next)) {
      out.push('[');
      pending.push({ [CLOSE]: ']' });
      for (let index = next.length - 1; index >= 0; index--) {
        pending.push(next[index]);
        if (index > 0) pending.push({ [CLOSE]: ',' });
      }
    } else if (typeof next === 'object' && next !== null) {
      const entries = Object.entries(next);
      out.push('{');
      pending.push({ [CLOSE]: '}' });
      for (let index = entries.length - 1; index >= 0; index--) {
        const [entryKey, entryValue] = entries[index] as [string, unknown];
        pending.push(entryValue);
        pending.push({ [CLOSE]: `${JSON.stringify(entryKey)}:` });
        if (index > 0) pending.push({ [CLOSE]: ',' });
      }
    } else {
      out.push(JSON.stringify(next));
    }
  }
  return out.join('');
}

/** Block-style YAML of a value, one level of indentation per level of nesting, without recursion. */
function blockText(value: unknown): string {
  const lines: string[] = [];
  const pending: { value: unknown; indent: number; prefix: string }[] = [{ value, indent: 0, prefix: '' }];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === undefined) break;
    const pad = ' '.repeat(next.indent);
    if (Array.isArray(next.value) && next.value.length > 0) {
      if (next.prefix !== '') lines.push(`${pad}${next.prefix}`);
      const items = next.value.map((item) => ({ value: item, indent: next.indent + 1, prefix: '-' }));
      pending.push(...items.reverse());
    } else if (typeof next.value === 'object' && next.value !== null && Object.keys(next.value).length > 0) {
      if (next.prefix !== '') lines.push(`${pad}${next.prefix}`);
      const entries = Object.entries(next.value).map(([entryKey, item]) => ({
        value: item,
        indent: next.indent + 1,
        prefix: `${entryKey}:`,
      }));
      pending.push(...entries.reverse());
    } else {
      const scalar = JSON.stringify(next.value);
      lines.push(next.prefix === '' ? `${pad}${scalar}` : `${pad}${next.prefix} ${scalar}`);
    }
  }
  return lines.join('\n');
}
