/**
 * The code the evaluate figure runs. The bench itself runs under tsx, whose transform keeps every
 * function's name by wrapping each closure as it is created (esbuild's keepNames); the product
 * ships without it (`dist/`, compiled by tsc, for the CLI; an esbuild bundle without keepNames for
 * the Lambdas). So the figure is taken on `dist/`, built afresh when the bench starts, in the same
 * process as the scans. The harness test judges the source instead: it checks the loop, not speed.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as judgeModule from '../lib/findings/judge.js';
import * as serviceChecksModule from '../lib/inventory/service-checks/index.js';
import * as costModule from '../lib/pricing/cost.js';
import * as bookModule from '../lib/pricing/default-price-book.js';
import * as settingsModule from '../lib/pricing/settings.js';
import * as rulesModule from '../lib/rules/index.js';

/** Where the judged code comes from. */
export type JudgeCodeOrigin = 'source' | 'shipped';

/** The modules evaluate + size + price needs, from the source or from the shipped build. */
export interface JudgeCode {
  readonly origin: JudgeCodeOrigin;
  readonly judge: typeof judgeModule;
  readonly rules: typeof rulesModule;
  readonly serviceChecks: typeof serviceChecksModule;
  readonly cost: typeof costModule;
  readonly book: typeof bookModule;
  readonly settings: typeof settingsModule;
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

/** Imports one compiled module of `dist/lib`, typed as its source. */
async function shipped<T>(path: string): Promise<T> {
  return (await import(pathToFileURL(`${projectRoot}dist/lib/${path}`).href)) as T;
}

/** The judge's modules: this process's source ones, or the compiled ones of `dist/`. */
export async function loadJudgeCode(origin: JudgeCodeOrigin): Promise<JudgeCode> {
  if (origin === 'source') {
    return {
      origin,
      judge: judgeModule,
      rules: rulesModule,
      serviceChecks: serviceChecksModule,
      cost: costModule,
      book: bookModule,
      settings: settingsModule,
    };
  }
  const [judge, rules, serviceChecks, cost, book, settings] = await Promise.all([
    shipped<typeof judgeModule>('findings/judge.js'),
    shipped<typeof rulesModule>('rules/index.js'),
    shipped<typeof serviceChecksModule>('inventory/service-checks/index.js'),
    shipped<typeof costModule>('pricing/cost.js'),
    shipped<typeof bookModule>('pricing/default-price-book.js'),
    shipped<typeof settingsModule>('pricing/settings.js'),
  ]);
  return { origin, judge, rules, serviceChecks, cost, book, settings };
}
