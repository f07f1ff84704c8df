import type { CliIo, RegisterCommand } from './context.js';
import { addScanOutputOptions, runScan, type ScanCommandOptions } from './scan.js';

/**
 * `fargate-fit demo`: the whole `scan` path — real AWS SDK clients and the real Kubernetes client —
 * against an emulated estate served on loopback (two accounts, ECS clusters on EC2 and Fargate, an
 * EKS cluster with a node group and a Fargate profile). No AWS account or credentials needed.
 */
export async function runDemo(options: ScanCommandOptions, io: CliIo): Promise<number> {
  // The emulator ships in the package's test/emulator folder; loaded only when the demo runs.
  const emulator = await import('../../test/emulator/index.js');
  const running = await emulator.startEmulator(emulator.buildDemoScenario(), {});
  const saved = { ...process.env };
  try {
    // Point the SDK's standard chain at the emulator, exactly as a user would with AWS_ENDPOINT_URL.
    // The user's credentials, profile and endpoints must not reach past it; the SDK's own settings
    // (AWS_SDK_JS_*, such as the silenced Node-version notice) name no account and stay.
    for (const key of Object.keys(process.env)) {
      if (key.startsWith('AWS_') && !key.startsWith('AWS_SDK_JS_')) delete process.env[key];
    }
    Object.assign(process.env, running.env);
    io.stderr.write(
      `demo: emulated AWS estate on ${running.awsEndpoint} (accounts ${emulator.DEMO_ACCOUNT} and ` +
        `${emulator.DEMO_SANDBOX_ACCOUNT}, region ${emulator.DEMO_REGION})\n`,
    );
    return await runScan(
      {
        ...options,
        regions: emulator.DEMO_REGION,
        accounts: `${emulator.DEMO_ACCOUNT},${emulator.DEMO_SANDBOX_ACCOUNT}`,
        roleName: emulator.DEMO_ROLE.name,
        externalId: emulator.DEMO_ROLE.externalId,
        // A demo keeps no state between runs.
        store: false,
      },
      io,
    );
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    await running.close();
  }
}

/** Registers `demo`. */
export const registerDemoCommand: RegisterCommand = (program, context) => {
  const command = program
    .command('demo')
    .description(
      'run the whole scan path against an emulated AWS account on loopback (no AWS account needed)',
    );
  addScanOutputOptions(command).action(async (options: ScanCommandOptions) => {
    context.exitCode = await runDemo(options, context.io);
  });
};
