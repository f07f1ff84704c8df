/**
 * The code the evaluate figure runs. The bench itself runs under tsx, whose transform keeps every
 * function's name by wrapping each closure as it is created (esbuild's keepNames); the product
 * ships without it (`dist/`, compiled by tsc, for the CLI; an esbuild bundle without keepNames for
 * the Lambdas). So the figure is taken on `dist/`, built afresh when the bench starts, and judged in
 * fresh processes (bench/evaluate.ts). The harness test judges the source instead: it checks the
 * loop, not speed.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as judgeModule from '../lib/findings/judge.js';
import type * as normalizeModule from '../lib/inventory/normalize.js';
import type * as serviceChecksModule from '../lib/inventory/service-checks/index.js';
import type * as snapshotModule from '../lib/inventory/snapshot.js';
import type * as workloadOfModule from '../lib/model/workload-of.js';
import type * as costModule from '../lib/pricing/cost.js';
import type * as bookModule from '../lib/pricing/default-price-book.js';
import type * as settingsModule from '../lib/pricing/settings.js';
import type * as rulesModule from '../lib/rules/index.js';

/** Where the judged code comes from. */
export type JudgeCodeOrigin = 'source' | 'shipped';

export const isJudgeCodeOrigin = (value: unknown): value is JudgeCodeOrigin =>
  value === 'source' || value === 'shipped';

/**
 * The modules evaluate + size + price needs, from the source or from the shipped build, and the
 * three that turn a saved inventory into the workloads they judge.
 */
export interface JudgeCode {
  readonly origin: JudgeCodeOrigin;
  readonly judge: typeof judgeModule;
  readonly rules: typeof rulesModule;
  readonly serviceChecks: typeof serviceChecksModule;
  readonly cost: typeof costModule;
  readonly book: typeof bookModule;
  readonly settings: typeof settingsModule;
  readonly snapshot: typeof snapshotModule;
  readonly normalize: typeof normalizeModule;
  readonly workloadOf: typeof workloadOfModule;
}

const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** Compiles `dist/` as `npm run build` does, so the figure measures the code as it is now. */
export function buildShippedCode(): void {
  execFileSync(
    process.execPath,
    [`${projectRoot}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'],
    {
      cwd: projectRoot,
      // tsc prints its diagnostics on stdout: send them to stderr, beside the bench's progress.
      stdio: ['ignore', 2, 'inherit'],
    },
  );
}

/** Imports one module of the judge: compiled, from `dist/lib`, or its source, under tsx. */
async function judgeModuleOf<T>(origin: JudgeCodeOrigin, path: string): Promise<T> {
  const url =
    origin === 'shipped'
      ? pathToFileURL(`${projectRoot}dist/lib/${path}`).href
      : new URL(`../lib/${path}`, import.meta.url).href;
  return (await import(url)) as T;
}

/**
 * The judge's modules: the compiled ones of `dist/`, or the source ones (those of this process,
 * if it has loaded them). Imported only when asked for, so a process that judges the shipped build
 * holds no second copy of the judge.
 */
export async function loadJudgeCode(origin: JudgeCodeOrigin): Promise<JudgeCode> {
  const [judge, rules, serviceChecks, cost, book, settings, snapshot, normalize, workloadOf] =
    await Promise.all([
      judgeModuleOf<typeof judgeModule>(origin, 'findings/judge.js'),
      judgeModuleOf<typeof rulesModule>(origin, 'rules/index.js'),
      judgeModuleOf<typeof serviceChecksModule>(origin, 'inventory/service-checks/index.js'),
      judgeModuleOf<typeof costModule>(origin, 'pricing/cost.js'),
      judgeModuleOf<typeof bookModule>(origin, 'pricing/default-price-book.js'),
      judgeModuleOf<typeof settingsModule>(origin, 'pricing/settings.js'),
      judgeModuleOf<typeof snapshotModule>(origin, 'inventory/snapshot.js'),
      judgeModuleOf<typeof normalizeModule>(origin, 'inventory/normalize.js'),
      judgeModuleOf<typeof workloadOfModule>(origin, 'model/workload-of.js'),
    ]);
  return { origin, judge, rules, serviceChecks, cost, book, settings, snapshot, normalize, workloadOf };
}
