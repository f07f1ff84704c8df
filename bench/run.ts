/**
 * `npm run bench -- --shape large --json FILE [--markdown FILE] [--time-scale 1] [--latency-ms 100]
 * [--naive-time-scale 10]
 * [--no-naive] [--evaluate-workloads 100000] [--in-process]`
 *
 * One shape runs in this process, with the emulator in a child process. Several shapes (repeat
 * `--shape` or separate them with commas) each run in their own child of this script, so each
 * shape's peak RSS is its own rather than the largest so far.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BenchEmulator, startChildProcess, startInProcess } from './emulator-host.js';
import { DEFAULT_EVALUATE_PROCESSES } from './evaluate.js';
import { buildShippedCode } from './judge-code.js';
import {
  type BenchResult,
  type RunSettings,
  runFanOutShape,
  runSingleShape,
  useEmulatorEnvironment,
} from './measure.js';
import { type BenchDocument, checkTargets, currentMachine, toMarkdown } from './report.js';
import { BENCH_SHAPES, isShapeName, type ShapeName } from './shapes.js';

const { values } = parseArgs({
  options: {
    shape: { type: 'string', multiple: true, default: ['small'] },
    json: { type: 'string' },
    markdown: { type: 'string' },
    // Real time by default: the scanner's CPU is not scaled, so at 10× the large shape measures
    // this machine's CPU rather than the pacing (see docs/benchmark.md). The naive baseline makes
    // 25,000 calls and is call-bound, so it runs at 10×.
    'time-scale': { type: 'string', default: '1' },
    'latency-ms': { type: 'string', default: '100' },
    'no-naive': { type: 'boolean', default: false },
    'naive-time-scale': { type: 'string', default: '10' },
    'evaluate-workloads': { type: 'string', default: '100000' },
    'evaluate-runs': { type: 'string', default: String(DEFAULT_EVALUATE_PROCESSES) },
    'in-process': { type: 'boolean', default: false },
    // Set on the children of a multi-shape run: the parent has already built `dist/`.
    'shipped-code-built': { type: 'boolean', default: false },
  },
});

const shapes = values.shape.flatMap((s) => s.split(',')).map((s) => s.trim());
for (const shape of shapes) {
  if (!isShapeName(shape)) {
    process.stderr.write(`unknown shape "${shape}": small, large or org\n`);
    process.exit(2);
  }
}
const evaluateProcesses = Number(values['evaluate-runs']);
const settings: RunSettings = {
  timeScale: Number(values['time-scale']),
  latencyMs: Number(values['latency-ms']),
  naive: !values['no-naive'],
  ...(values['naive-time-scale'] ? { naiveTimeScale: Number(values['naive-time-scale']) } : {}),
  evaluateWorkloads: Number(values['evaluate-workloads']),
  evaluateCode: 'shipped',
  evaluateProcesses,
};
if (
  !(settings.timeScale > 0) ||
  !(settings.latencyMs >= 0) ||
  !(settings.evaluateWorkloads >= 0) ||
  !(Number.isInteger(evaluateProcesses) && evaluateProcesses >= 1)
) {
  process.stderr.write(
    '--time-scale must be > 0, --latency-ms and --evaluate-workloads ≥ 0, --evaluate-runs a whole number ≥ 1\n',
  );
  process.exit(2);
}

async function runOne(name: ShapeName): Promise<BenchResult> {
  const shape = BENCH_SHAPES[name];
  const start = (timeScale: number): Promise<BenchEmulator> => {
    const at = { shape: name, timeScale, realLatencyMs: settings.latencyMs / timeScale };
    return values['in-process'] ? startInProcess(at) : startChildProcess(at);
  };
  const emulator = await start(settings.timeScale);
  const restore = useEmulatorEnvironment(emulator);
  try {
    process.stderr.write(`bench: ${name} (${shape.description}), time scale ${settings.timeScale}×\n`);
    return shape.mode === 'single'
      ? await runSingleShape(shape, emulator, settings, start)
      : await runFanOutShape(shape, emulator, settings);
  } finally {
    restore();
    await emulator.close();
  }
}

/** Runs one shape in a child of this script and reads its JSON back. */
function runInChild(name: ShapeName): BenchResult {
  const folder = mkdtempSync(join(tmpdir(), 'fargate-fit-bench-'));
  try {
    const file = join(folder, `${name}.json`);
    const args = [
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--shape',
      name,
      '--json',
      file,
      '--time-scale',
      String(settings.timeScale),
      '--latency-ms',
      String(settings.latencyMs),
      '--evaluate-workloads',
      String(settings.evaluateWorkloads),
      '--evaluate-runs',
      String(settings.evaluateProcesses),
      ...(settings.naive ? [] : ['--no-naive']),
      ...(settings.naiveTimeScale ? ['--naive-time-scale', String(settings.naiveTimeScale)] : []),
      ...(values['in-process'] ? ['--in-process'] : []),
      '--shipped-code-built',
    ];
    execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    const document = JSON.parse(readFileSync(file, 'utf8')) as BenchDocument;
    const [result] = document.results;
    if (!result) throw new Error(`shape ${name} produced no result`);
    return result;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (settings.evaluateWorkloads > 0 && !values['shipped-code-built']) {
  process.stderr.write('bench: compiling dist/ (the evaluate figure judges the shipped build)\n');
  buildShippedCode();
}
const results: BenchResult[] = [];
if (shapes.length === 1) results.push(await runOne(shapes[0] as ShapeName));
else for (const name of shapes) results.push(runInChild(name as ShapeName));

const document: BenchDocument = { generatedAt: new Date().toISOString(), machine: currentMachine(), results };
if (values.json) writeFileSync(values.json, `${JSON.stringify(document, null, 2)}\n`);
const markdown = toMarkdown(document);
if (values.markdown) writeFileSync(values.markdown, markdown);
process.stdout.write(markdown);
const missed = results.flatMap(checkTargets).filter((check) => !check.met);
for (const check of missed) {
  process.stderr.write(`target missed: ${check.shape}: ${check.target} — measured ${check.measured}\n`);
}
