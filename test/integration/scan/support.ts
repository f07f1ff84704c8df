/**
 * Helpers shared by the end-to-end scan tests: run the CLI in-process the way `bin/fargate-fit.js`
 * does, with process.env pointed at the emulator (and restored afterwards), and the demo-estate
 * flags a user would type.
 */
import type { CliIo } from '../../../lib/cli/context.js';
import { main } from '../../../lib/cli/main.js';
import type { ReportDocument } from '../../../lib/findings/result.js';
import {
  DEMO_ACCOUNT,
  DEMO_CANARIES,
  DEMO_REGION,
  DEMO_ROLE,
  DEMO_SANDBOX_ACCOUNT,
  type EcsRegionSpec,
  type EmulatorEnvironment,
  type Scenario,
} from '../../emulator/index.js';

/** What one CLI run printed and returned. */
export interface CliRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `fargate-fit <argv>` in-process. Every AWS_* variable of the machine is removed for the run
 * (a developer's profile or real endpoint must never leak in), `env` is applied on top, and the
 * original environment is restored afterwards.
 */
export async function runCli(
  argv: readonly string[],
  env: Partial<EmulatorEnvironment> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    isTTY: false,
    stderrIsTTY: false,
    colors: false,
  };
  const saved = { ...process.env };
  try {
    for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
    // The SDK's Node-version notice is not ours to check and would only add noise to stderr.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    Object.assign(process.env, env);
    const exitCode = await main([...argv], io);
    return { exitCode, stdout, stderr };
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

/** The flags that scan both demo accounts, as the README tells a user to type them. */
export const DEMO_SCAN_FLAGS: readonly string[] = [
  '--regions',
  DEMO_REGION,
  '--accounts',
  `${DEMO_ACCOUNT},${DEMO_SANDBOX_ACCOUNT}`,
  '--role-name',
  DEMO_ROLE.name,
  '--external-id',
  DEMO_ROLE.externalId,
];

/** `scan` of both demo accounts as JSON, keeping no local record. */
export const demoScanArgs = (...extra: string[]): string[] => [
  'scan',
  ...DEMO_SCAN_FLAGS,
  '--format',
  'json',
  '--no-store',
  ...extra,
];

/** The JSON report a run printed. */
export function reportOf(run: CliRun): ReportDocument {
  return JSON.parse(run.stdout) as ReportDocument;
}

/** Names of the demo canaries that occur in `text` (empty when none leaked). */
export function leakedCanaries(text: string): string[] {
  return Object.entries(DEMO_CANARIES)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}

/** The id of an ECS service of the demo estate. */
export const ecsServiceId = (account: string, cluster: string, service: string): string =>
  `arn:aws:ecs:${DEMO_REGION}:${account}:service/${cluster}/${service}`;

/** The id of the standalone tasks of one task-definition family in a demo ECS cluster. */
export const ecsStandaloneId = (cluster: string, family: string): string =>
  `arn:aws:ecs:${DEMO_REGION}:${DEMO_ACCOUNT}:cluster/${cluster}/standalone/${family}`;

/** The id of a Kubernetes workload of the demo EKS cluster `platform`. */
export const eksId = (namespace: string, kind: string, name: string): string =>
  `eks:platform/${namespace}/${kind}/${name}`;

/**
 * A copy of `scenario` whose ECS part in the first region of `account` is replaced by
 * `change(ecs)`: how tests derive a changed estate from the demo one without mutating it.
 */
export function withEcs(
  scenario: Scenario,
  account: string,
  change: (ecs: EcsRegionSpec) => EcsRegionSpec,
): Scenario {
  if (!scenario.accounts.some((a) => a.id === account && a.regions[0]?.ecs)) {
    throw new Error(`the scenario has no ECS in the first region of account ${account}`);
  }
  return {
    ...scenario,
    accounts: scenario.accounts.map((a) =>
      a.id !== account
        ? a
        : {
            ...a,
            regions: a.regions.map((region, index) =>
              index === 0 && region.ecs ? { ...region, ecs: change(region.ecs) } : region,
            ),
          },
    ),
  };
}
