/**
 * Child-process entry of the evaluate figure: `evaluate-process.ts INVENTORY_JSON COUNT ORIGIN`.
 * Loads the judge (`shipped` or `source`) and the saved inventory, normalizes it as
 * `fargate-fit scan --snapshot` would, judges COUNT workloads cycled from it twice, and prints the
 * CPU seconds of each pass as JSON. Nothing else runs in this process, so its first pass pays
 * exactly a fresh judge's warm-up.
 */
import { type EvaluateProcessOutput, evaluateCpuSeconds } from './evaluate.js';
import { isJudgeCodeOrigin, loadJudgeCode } from './judge-code.js';

const [inventoryFile, countText, origin] = process.argv.slice(2);
const count = Number(countText);
if (!inventoryFile || !(count > 0) || !isJudgeCodeOrigin(origin)) {
  process.stderr.write('usage: evaluate-process.ts INVENTORY_JSON COUNT shipped|source\n');
  process.exit(2);
}
const code = await loadJudgeCode(origin);
// The workloads are built by the product's own normalize code, as in a scan: their objects have
// the shapes the judge meets in production (a JSON copy of them would not).
const sample = code.normalize.normalizeInventory(await code.snapshot.loadInventory(inventoryFile)).workloads;
if (sample.length === 0) {
  process.stderr.write(`${inventoryFile}: the inventory holds no workload to judge\n`);
  process.exit(1);
}
const output: EvaluateProcessOutput = {
  firstPassSeconds: evaluateCpuSeconds(sample, count, code),
  secondPassSeconds: evaluateCpuSeconds(sample, count, code),
};
process.stdout.write(JSON.stringify(output));
