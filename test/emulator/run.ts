/**
 * Start the emulator by hand: `npx tsx test/emulator/run.ts [scenario.json] [--throttle] [--latency=ms]`.
 * Serves the demo estate when no file is given, prints the environment to export, and runs until
 * interrupted.
 */
import { startEmulator } from './emulator.js';
import { loadScenarioFile } from './scenario/load.js';
import { buildDemoScenario } from './scenarios/demo.js';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const latency = Number(args.find((a) => a.startsWith('--latency='))?.split('=')[1] ?? 0);
const scenario = file ? await loadScenarioFile(file) : buildDemoScenario();
const emulator = await startEmulator(scenario, {
  throttling: args.includes('--throttle'),
  latencyMs: latency,
});
process.stdout.write(`# ${scenario.name}\n`);
for (const [key, value] of Object.entries(emulator.env)) process.stdout.write(`export ${key}=${value}\n`);
process.stdout.write(`# call counters: curl ${emulator.awsEndpoint}/_emulator/stats\n`);
const stop = async (): Promise<void> => {
  await emulator.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
