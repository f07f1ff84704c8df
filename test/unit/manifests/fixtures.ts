import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ReadResult, readText } from '../../../lib/manifests/read.js';
import type { Workload } from '../../../lib/model/workload.js';

/** Absolute directory of the manifest fixtures. */
export const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/manifests',
);

/** Text of a fixture, by its path under test/fixtures/manifests. */
export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** Reads a fixture through readText, naming it by its path under test/fixtures/manifests. */
export function readFixture(name: string): ReadResult {
  return readText(name, fixtureText(name));
}

/** The single workload of a fixture with this name; fails the test when absent. */
export function workloadNamed(result: ReadResult, name: string): Workload {
  const found = result.workloads.find((workload) => workload.name === name);
  if (found === undefined) {
    throw new Error(`no workload "${name}" among ${result.workloads.map((w) => w.name).join(', ')}`);
  }
  return found;
}
