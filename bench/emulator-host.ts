/**
 * The emulator a benchmark run scans, either in this process (the quick harness test) or in a
 * child process (`npm run bench`), so serving 25,000 requests does not compete with the scanner
 * for the same event loop and the scanner's peak RSS is its own.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type EmulatorEnvironment, type EmulatorStats, startEmulator } from '../test/emulator/index.js';
import { type AccountRegionCensus, censusOfState } from './census.js';
import { BENCH_SHAPES, type ShapeName } from './shapes.js';

/** How the emulator serves: AWS's buckets sped up by `timeScale`, latency already scaled to real ms. */
export interface EmulatorSettings {
  readonly shape: ShapeName;
  readonly timeScale: number;
  /** Real milliseconds added to each call (the emulated latency divided by the time scale). */
  readonly realLatencyMs: number;
}

/** What the runner needs from an emulator, wherever it runs. */
export interface BenchEmulator {
  readonly env: EmulatorEnvironment;
  readonly census: readonly AccountRegionCensus[];
  stats(): Promise<EmulatorStats>;
  resetStats(): Promise<void>;
  /** Refills every bucket, as a night's pause would before the next scan. */
  resetThrottling(): Promise<void>;
  close(): Promise<void>;
}

function emulatorOptions(settings: EmulatorSettings) {
  return {
    throttling: { timeScale: settings.timeScale },
    latencyMs: { aws: settings.realLatencyMs, kubernetes: settings.realLatencyMs },
  };
}

/** The emulator in this process. */
export async function startInProcess(settings: EmulatorSettings): Promise<BenchEmulator> {
  const emulator = await startEmulator(BENCH_SHAPES[settings.shape].scenario(), emulatorOptions(settings));
  return {
    env: emulator.env,
    census: censusOfState(emulator.state),
    stats: async () => emulator.stats(),
    resetStats: async () => emulator.resetStats(),
    resetThrottling: async () => emulator.resetThrottling(),
    close: () => emulator.close(),
  };
}

/** Messages between the runner and the child (bench/emulator-process.ts). */
export type ToChild = { readonly type: 'reset-throttling' } | { readonly type: 'close' };
export type FromChild =
  | {
      readonly type: 'ready';
      readonly env: EmulatorEnvironment;
      readonly awsEndpoint: string;
      readonly census: AccountRegionCensus[];
    }
  | { readonly type: 'throttling-reset' }
  | { readonly type: 'error'; readonly message: string };

/** Serves the child side; exported for bench/emulator-process.ts. */
export async function serveInChild(settings: EmulatorSettings): Promise<void> {
  const send = (message: FromChild) => process.send?.(message);
  try {
    const emulator = await startEmulator(BENCH_SHAPES[settings.shape].scenario(), emulatorOptions(settings));
    process.on('message', async (message: ToChild) => {
      if (message.type === 'reset-throttling') {
        emulator.resetThrottling();
        send({ type: 'throttling-reset' });
      } else if (message.type === 'close') {
        await emulator.close();
        process.exit(0);
      }
    });
    send({
      type: 'ready',
      env: emulator.env,
      awsEndpoint: emulator.awsEndpoint,
      census: censusOfState(emulator.state),
    });
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
}

function nextMessage(child: ChildProcess, type: FromChild['type']): Promise<FromChild> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromChild) => {
      if (message.type === type || message.type === 'error') {
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (message.type === 'error') reject(new Error(`emulator: ${message.message}`));
        else resolve(message);
      }
    };
    const onExit = (code: number | null) => reject(new Error(`emulator process exited (${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** The emulator in a child process, reached over loopback (stats) and IPC (control). */
export async function startChildProcess(settings: EmulatorSettings): Promise<BenchEmulator> {
  const entry = fileURLToPath(new URL('./emulator-process.ts', import.meta.url));
  const child = fork(entry, [JSON.stringify(settings)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await nextMessage(child, 'ready');
  if (ready.type !== 'ready') throw new Error('emulator did not start');
  const statsUrl = `${ready.awsEndpoint}/_emulator/stats`;
  return {
    env: ready.env,
    census: ready.census,
    stats: async () => (await (await fetch(statsUrl)).json()) as EmulatorStats,
    resetStats: async () => {
      await fetch(statsUrl, { method: 'DELETE' });
    },
    resetThrottling: async () => {
      const reset = nextMessage(child, 'throttling-reset');
      child.send({ type: 'reset-throttling' } satisfies ToChild);
      await reset;
    },
    close: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'close' } satisfies ToChild);
      await exited;
    },
  };
}
