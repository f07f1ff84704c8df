import { type Command, Option } from 'commander';
import type { CostFunction } from '../findings/assemble.js';
import type { Gap } from '../findings/result.js';
import { estimateCost } from '../pricing/cost.js';
import { DEFAULT_PRICE_BOOK } from '../pricing/default-price-book.js';
import { loadPriceBook, type PriceBook } from '../pricing/price-book.js';
import {
  EC2_PROJECTION_MODES,
  IDLE_TREATMENTS,
  type PricingSettings,
  PricingSettingsError,
  parsePricingSettings,
} from '../pricing/settings.js';
import { ConfigError, type ConfigFile, loadConfigFile } from './config-file.js';

/** The pricing knobs a user can set per run (cost-model.md 5.5); the config file sets the rest. */
const KNOB_FLAGS: readonly [flag: string, description: string, choices?: readonly string[]][] = [
  ['--region <region>', 'price at this region instead of each workload’s own (check: default us-east-1)'],
  ['--architecture <arch>', 'price the Fargate side at this architecture (ECS only)', ['x86_64', 'arm64']],
  ['--hours-per-month <hours>', 'billed hours in a month (default 730)'],
  [
    '--fargate-spot-share <fraction>',
    'share of Fargate tasks on Fargate Spot, 0-1 (ECS Linux only; default 0)',
  ],
  ['--fargate-spot-discount <fraction>', 'Fargate Spot discount, 0-1 (default: the price book’s, else 0.68)'],
  [
    '--compute-savings-plan-discount <fraction>',
    'Compute Savings Plan discount applied to both sides (default 0)',
  ],
  [
    '--ec2-only-commitment-discount <fraction>',
    'RI / EC2 Instance Savings Plan discount a move would strand (default 0)',
  ],
  [
    '--cpu-memory-weight <weight>',
    'vCPU-hour to GB-hour weight when splitting an instance price (default 9)',
  ],
  ['--idle-treatment <mode>', 'how instance idle capacity counts (default allocated)', IDLE_TREATMENTS],
  [
    '--target-utilization <fraction>',
    'EC2 utilisation assumed when projecting Fargate onto EC2 (default 0.8)',
  ],
  [
    '--target-instance-type <type>',
    'EC2 type to project Fargate workloads onto (default: cheapest that fits)',
  ],
  [
    '--ec2-projection-mode <mode>',
    'marginal share of shared capacity or dedicated instances',
    EC2_PROJECTION_MODES,
  ],
];

/** Adds --config, --price-book and the pricing knobs to a command. */
export function addPricingOptions(command: Command): Command {
  command
    .option('--config <file>', 'YAML/JSON config file: pricing settings and suppressions')
    .option(
      '--price-book <file>',
      'price book JSON (from `fargate-fit prices refresh`) instead of the embedded one',
    );
  for (const [flags, description, choices] of KNOB_FLAGS) {
    const option = new Option(flags, description);
    command.addOption(choices ? option.choices(choices) : option);
  }
  return command;
}

/** Everything pricing needs for one run, validated before any work starts. */
export interface PricingRun {
  readonly config: ConfigFile;
  readonly settings: PricingSettings;
  readonly book: PriceBook;
  /** Collects the price gaps of the run; pass `cost` to judgeWorkloads. */
  readonly gaps: Gap[];
  readonly cost: CostFunction;
}

/**
 * Reads the config file and price book and validates the pricing flags (throws ConfigError,
 * PriceBookError or PricingSettingsError naming the file, field or flag).
 */
export async function preparePricing(options: Record<string, unknown>): Promise<PricingRun> {
  const config = await loadConfigFile(options.config as string | undefined);
  const flags = Object.fromEntries(
    KNOB_FLAGS.map(([flags]) => {
      const name = flags
        .split(' ')[0]!
        .slice(2)
        .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
      return [name, options[name]];
    }),
  );
  let settings: PricingSettings;
  try {
    settings = parsePricingSettings(config.pricing, flags);
  } catch (error) {
    // A setting from the config file is reported against that file; a flag names itself.
    if (error instanceof PricingSettingsError && error.origin === 'config' && options.config !== undefined) {
      throw new ConfigError(`config ${String(options.config)}: ${error.message}`, { cause: error });
    }
    throw error;
  }
  const book =
    options.priceBook === undefined ? DEFAULT_PRICE_BOOK : await loadPriceBook(String(options.priceBook));
  const gaps: Gap[] = [];
  const cost: CostFunction = (workload) => {
    const result = estimateCost(workload, settings, book);
    gaps.push(...result.gaps);
    return result.cost;
  };
  return { config, settings, book, gaps, cost };
}
