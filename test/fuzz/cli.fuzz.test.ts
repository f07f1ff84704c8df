import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../lib/cli/main.js';
import { EMBEDDED_PRICE_BOOK_DATA } from '../../lib/pricing/default-price-book.js';
import { CSV_COLUMNS } from '../../lib/sinks/csv.js';
import { formatForFile, REPORT_FORMATS, type ReportFormat } from '../../lib/sinks/render.js';
import { fuzzRuns, fuzzTimeout } from './support/fuzz-settings.js';
import { CANARY_MARK, generatedFile, serialize } from './support/manifest-arbitraries.js';
import { mutateText, textMutation } from './support/mutations.js';
import { collectProcessWarnings } from './support/process-warnings.js';

/**
 * `fargate-fit check` in-process on generated command lines: random flags and values, real and
 * generated input files, config files and price books with random content, output paths that
 * work and paths that cannot. Whatever the command line, the exit status is 0, 1 or 2, nothing
 * escapes as an exception or unhandled rejection, a report file is whole or absent (or the file
 * that was there before, untouched), and no planted secret reaches stdout, stderr or the file.
 */

const CLI_FIXTURES = 'test/fixtures/cli';
const FIXTURE_INPUTS = [
  `${CLI_FIXTURES}/clean`,
  `${CLI_FIXTURES}/clean/web-task.json`,
  `${CLI_FIXTURES}/mixed`,
  `${CLI_FIXTURES}/mixed/agents.yaml`,
  `${CLI_FIXTURES}/mixed/privileged-task.json`,
  `${CLI_FIXTURES}/malformed/broken.yaml`,
  `${CLI_FIXTURES}/empty/only-config.yaml`,
];
const PREVIOUS_CONTENT = 'the report of an earlier run\n';

let root: string;
let runCounter = 0;
/** Runs that left a report file, counted so the file properties are known to have been exercised. */
let reportsWritten = 0;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'ff-fuzz-cli-'));
  process.on('unhandledRejection', onUnhandled);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await rm(root, { recursive: true, force: true });
});

// ---------------------------------------------------------------- what a command line is made of

/** An input path: a fixture, a generated manifest with planted secrets, garbage, or nothing at all. */
type InputSpec =
  | { readonly kind: 'fixture'; readonly path: string }
  | { readonly kind: 'generated'; readonly name: string; readonly text: string }
  | { readonly kind: 'garbage'; readonly text: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'directory'; readonly text: string };

// Mostly readable inputs: one unreadable input is enough to end a run with exit 2.
const inputSpec: fc.Arbitrary<InputSpec> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .constantFrom(...FIXTURE_INPUTS)
      .map((fixture) => ({ kind: 'fixture' as const, path: fixture })),
  },
  {
    weight: 3,
    arbitrary: generatedFile.map(({ name, documents }) => ({
      kind: 'generated' as const,
      name,
      text: serialize(name, documents),
    })),
  },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'binary', maxLength: 120 })
      .map((text) => ({ kind: 'garbage' as const, text })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const }) },
  {
    weight: 1,
    arbitrary: generatedFile.map(({ documents }) => ({
      kind: 'directory' as const,
      text: serialize('in.yaml', documents),
    })),
  },
);

/** Where --output points. */
type OutputSpec =
  | 'report.json'
  | 'report.sarif'
  | 'report.csv'
  | 'report.txt'
  | 'report.html'
  | 'report.md'
  | 'report'
  | 'existing.json'
  | 'no-such-dir/report.json'
  | 'the-run-directory';

/** Mostly valid values, now and then one the CLI must refuse: most runs get as far as writing. */
function mostly(valid: readonly string[], invalid: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom(...invalid) },
  );
}

const configText = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      'pricing:\n  hoursPerMonth: 720\nsuppressions: []\n',
      stringify({
        pricing: { targetUtilization: 0.7 },
        suppressions: [
          { workloadId: '*', ruleId: '*', owner: 'fuzz', reason: 'everything muted', expires: '2099-01-01' },
        ],
      }),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('pricing: {hoursPerMonth: 9999}\n', 'surprise: true\n') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
);

const bookText = fc.oneof(
  { weight: 4, arbitrary: fc.constant(JSON.stringify(EMBEDDED_PRICE_BOOK_DATA)) },
  {
    weight: 1,
    arbitrary: fc
      .array(textMutation, { minLength: 1, maxLength: 2 })
      .map((mutations) => mutations.reduce(mutateText, JSON.stringify(EMBEDDED_PRICE_BOOK_DATA))),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

/** One flag with its value (or, for the odd cases, without). */
type FlagSpec =
  | { readonly flag: '--format'; readonly value: string }
  | { readonly flag: '--output'; readonly value: OutputSpec }
  | { readonly flag: '--config'; readonly text: string }
  | { readonly flag: '--price-book'; readonly text: string }
  | { readonly flag: string; readonly value: string };

const OUTPUTS: readonly OutputSpec[] = [
  'report.json',
  'report.sarif',
  'report.csv',
  'report.txt',
  'report.html',
  'report.md',
  'report',
  'existing.json',
];

const flagSpec: fc.Arbitrary<FlagSpec> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      flag: fc.constant('--format' as const),
      value: mostly(REPORT_FORMATS, ['xml', '']),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      flag: fc.constant('--output' as const),
      value: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...OUTPUTS) },
        { weight: 1, arbitrary: fc.constantFrom<OutputSpec>('no-such-dir/report.json', 'the-run-directory') },
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      flag: fc.constant('--fail-on'),
      value: mostly(['ineligible', 'changes', 'never'], ['sometimes']),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      flag: fc.constant('--category'),
      value: mostly(['fargate', 'compliance', 'all'], ['none']),
    }),
  },
  { weight: 1, arbitrary: fc.record({ flag: fc.constant('--config' as const), text: configText }) },
  { weight: 1, arbitrary: fc.record({ flag: fc.constant('--price-book' as const), text: bookText }) },
  {
    weight: 1,
    arbitrary: fc.record({
      flag: fc.constant('--region'),
      value: mostly(['us-east-1', 'eu-west-1', 'ap-south-1'], ['mars-north-1', 'US', '']),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      flag: fc.constantFrom(
        '--hours-per-month',
        '--fargate-spot-share',
        '--target-utilization',
        '--cpu-memory-weight',
      ),
      value: mostly(['0.5', '1', ' 0.8 '], ['0', '730', '1e999', 'NaN', 'half', '-1']),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.record({ flag: fc.constant('--architecture'), value: mostly(['arm64', 'x86_64'], ['quantum']) }),
      fc.record({
        flag: fc.constant('--idle-treatment'),
        value: mostly(['allocated', 'whole-instances'], ['none']),
      }),
      fc.record({
        flag: fc.constant('--ec2-projection-mode'),
        value: mostly(['dedicated', 'marginal-share'], ['random']),
      }),
      fc.record({
        flag: fc.constant('--target-instance-type'),
        value: fc.constantFrom('m5.large', 'not-in-the-book', 'constructor', '__proto__'),
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({ flag: fc.constantFrom('--no-such-flag', '-x'), value: fc.constantFrom('1', 'x') }),
  },
);

interface CommandLine {
  readonly inputs: readonly InputSpec[];
  readonly flags: readonly FlagSpec[];
  /** Put `--` between flags and paths (else paths first). */
  readonly separator: boolean;
  /** End with a flag that lacks its value (only when paths come first). */
  readonly dangling: boolean;
}

const commandLine: fc.Arbitrary<CommandLine> = fc.record({
  inputs: fc.array(inputSpec, { minLength: 1, maxLength: 3 }),
  flags: fc.array(flagSpec, { maxLength: 4 }),
  separator: fc.boolean(),
  dangling: fc.oneof(
    { weight: 9, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) },
  ),
});

// ---------------------------------------------------------------- building and judging a run

interface PreparedRun {
  readonly argv: string[];
  readonly directory: string;
  /** The file --output names last (commander keeps the last value), or null. */
  readonly output: string | null;
  /** True when the output file existed before the run, holding PREVIOUS_CONTENT. */
  readonly outputExisted: boolean;
  /** The format the report is written in when it is written. */
  readonly format: ReportFormat | null;
  /** Files written before the run; anything else in the directory is the run's doing. */
  readonly inputs: ReadonlySet<string>;
}

async function prepare(line: CommandLine): Promise<PreparedRun> {
  runCounter++;
  const directory = path.join(root, `run-${runCounter}`);
  await mkdir(directory);
  const written = new Set<string>();
  const write = async (name: string, text: string) => {
    const file = path.join(directory, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    written.add(file);
    return file;
  };

  const paths: string[] = [];
  for (const [index, input] of line.inputs.entries()) {
    if (input.kind === 'fixture') paths.push(input.path);
    else if (input.kind === 'generated') paths.push(await write(`input-${index}-${input.name}`, input.text));
    else if (input.kind === 'garbage') paths.push(await write(`garbage-${index}.yaml`, input.text));
    else if (input.kind === 'missing') paths.push(path.join(directory, `missing-${index}.yaml`));
    else {
      await write(path.join(`tree-${index}`, 'nested', 'in.yaml'), input.text);
      paths.push(path.join(directory, `tree-${index}`));
    }
  }

  const flagTokens: string[] = [];
  let output: string | null = null;
  let outputExisted = false;
  let format: string | null = null;
  for (const [index, spec] of line.flags.entries()) {
    if ('text' in spec) {
      flagTokens.push(
        spec.flag,
        await write(
          `${spec.flag.slice(2)}-${index}.${spec.flag === '--config' ? 'yaml' : 'json'}`,
          spec.text,
        ),
      );
      continue;
    }
    if (spec.flag === '--output') {
      const target = spec.value === 'the-run-directory' ? directory : path.join(directory, spec.value);
      if (spec.value === 'existing.json' && !written.has(target))
        await write('existing.json', PREVIOUS_CONTENT);
      output = target;
      outputExisted = spec.value === 'existing.json';
      flagTokens.push('--output', target);
      continue;
    }
    if (spec.flag === '--format') format = spec.value;
    flagTokens.push(spec.flag, spec.value);
  }
  if (output !== null && path.basename(output) !== 'existing.json') outputExisted = false;

  const argv = line.separator
    ? ['check', ...flagTokens, '--', ...paths]
    : ['check', ...paths, ...flagTokens, ...(line.dangling ? ['--format'] : [])];
  const validFormat = format === null || (REPORT_FORMATS as readonly string[]).includes(format);
  const effectiveFormat: ReportFormat | null = !validFormat
    ? null
    : ((format as ReportFormat | null) ?? (output === null ? 'json' : (formatForFile(output) ?? 'json')));
  return { argv, directory, output, outputExisted, format: effectiveFormat, inputs: written };
}

/** Reasons the text is not a whole report in the format, or null when it is one. */
function incompleteness(text: string, format: ReportFormat): string | null {
  if (text === '') return 'empty';
  switch (format) {
    case 'json': {
      const document = JSON.parse(text) as {
        schemaVersion?: unknown;
        workloads?: unknown[];
        summary?: { workloads?: unknown };
      };
      if (typeof document.schemaVersion !== 'string') return 'no schemaVersion';
      if (document.summary?.workloads !== document.workloads?.length)
        return 'summary does not match the workloads';
      return null;
    }
    case 'sarif': {
      const log = JSON.parse(text) as { version?: unknown; runs?: unknown[] };
      return log.version === '2.1.0' && Array.isArray(log.runs) ? null : 'not a SARIF 2.1.0 log';
    }
    case 'csv':
      return text.startsWith(CSV_COLUMNS.join(',')) && text.endsWith('\r\n') ? null : 'not a whole CSV file';
    case 'html':
      return /^<!doctype html>/i.test(text) && text.endsWith('</html>\n') ? null : 'not a whole HTML page';
    case 'table':
    case 'markdown':
      return text.endsWith('\n') ? null : 'does not end where a report ends';
  }
}

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const { value: code, warnings } = await collectProcessWarnings(async () => {
    const exitCode = await main(argv, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      isTTY: false,
      now: () => new Date('2026-11-27T12:00:00Z'),
    });
    // Let any stray promise settle, so an unhandled rejection or late warning is seen by this run.
    await new Promise((resolve) => setImmediate(resolve));
    return exitCode;
  });
  return { code, stdout, stderr, warnings };
}

async function commandLineRun(line: CommandLine): Promise<number> {
  const prepared = await prepare(line);
  const { code, stdout, stderr, warnings } = await run(prepared.argv);
  const context = `argv: ${JSON.stringify(prepared.argv.map((arg) => arg.replace(root, '<tmp>')))}\nstderr: ${stderr.slice(0, 400)}`;

  expect([0, 1, 2], context).toContain(code);
  expect(unhandled, context).toEqual([]);
  // Everything the CLI says goes through its io; a process warning would go to stderr behind its back.
  expect(warnings, context).toEqual([]);
  for (const stream of [stdout, stderr]) expect(stream.includes(CANARY_MARK), context).toBe(false);

  if (prepared.output === null) {
    if (stdout !== '' && prepared.format !== null)
      expect(incompleteness(stdout, prepared.format), context).toBeNull();
  } else if (prepared.output !== prepared.directory && existsSync(prepared.output)) {
    const content = await readFile(prepared.output, 'utf8');
    expect(content.includes(CANARY_MARK), context).toBe(false);
    if (!(prepared.outputExisted && content === PREVIOUS_CONTENT)) {
      expect(prepared.format, context).not.toBeNull();
      expect(incompleteness(content, prepared.format as ReportFormat), context).toBeNull();
    }
    if (code === 0) expect(content, context).not.toBe(PREVIOUS_CONTENT);
    if (content !== PREVIOUS_CONTENT) reportsWritten++;
  } else if (code === 0 && prepared.output !== prepared.directory) {
    throw new Error(`exit 0 but no report at --output\n${context}`);
  }
  if (code === 0) expect(stderr.includes('error:'), context).toBe(false);

  // The run leaves nothing but its report: no temporary file of the atomic writer, whether the
  // write worked or not, and no other stray file.
  const entries = await readdir(prepared.directory, { recursive: true, withFileTypes: true });
  const strays = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !prepared.inputs.has(file) && file !== prepared.output);
  expect(strays, context).toEqual([]);
  await rm(prepared.directory, { recursive: true, force: true });
  return code;
}

describe('fargate-fit check on generated command lines', () => {
  it(
    'exits 0, 1 or 2, writes a whole report or none, and never prints a planted secret',
    async () => {
      const codes = new Set<number>();
      await fc.assert(
        fc.asyncProperty(commandLine, async (line) => {
          codes.add(await commandLineRun(line));
        }),
        fuzzRuns(200),
      );
      // Every exit status was reached, and many runs wrote a file: the properties were exercised.
      expect([...codes].sort()).toEqual([0, 1, 2]);
      expect(reportsWritten).toBeGreaterThan(runCounter / 10);
    },
    fuzzTimeout(60_000),
  );
});
