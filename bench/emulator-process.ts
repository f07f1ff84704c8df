/** Child-process entry of the benchmark's emulator: `fork(this, [JSON settings])`. */
import { type EmulatorSettings, serveInChild } from './emulator-host.js';

await serveInChild(JSON.parse(process.argv[2] ?? '{}') as EmulatorSettings);
