import { PricingClient } from '@aws-sdk/client-pricing';
import type { Command } from 'commander';
import { DEFAULT_PRICE_BOOK } from '../pricing/default-price-book.js';
import { refreshPriceBook, writePriceBook } from '../pricing/refresh.js';
import { type CliIo, EXIT, type RegisterCommand } from './context.js';

/** Options of `fargate-fit prices refresh`. */
export interface RefreshCommandOptions {
  readonly regions?: string;
  readonly instanceTypes?: string;
  readonly output?: string;
  /** The Price List API answers in us-east-1, eu-central-1 and ap-south-1 only. */
  readonly pricingRegion: string;
}

const list = (value: string | undefined, fallback: readonly string[]): string[] =>
  value === undefined
    ? [...fallback]
    : value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);

/**
 * Rebuilds a price book from the AWS Price List Query API with the caller's credentials and
 * writes it (atomically) to --output, or prints it. Use it with `--price-book FILE`.
 */
export async function runPricesRefresh(
  options: RefreshCommandOptions,
  io: CliIo,
  client: PricingClient = new PricingClient({ region: options.pricingRegion }),
): Promise<number> {
  const regions = list(options.regions, Object.keys(DEFAULT_PRICE_BOOK.fargate));
  const instanceTypes = list(options.instanceTypes, Object.keys(DEFAULT_PRICE_BOOK.ec2));
  try {
    const book = await refreshPriceBook(client, regions, instanceTypes);
    if (options.output === undefined) io.stdout.write(`${JSON.stringify(book, null, 2)}\n`);
    else {
      await writePriceBook(book, options.output);
      io.stderr.write(
        `wrote price book (${regions.length} regions, ${instanceTypes.length} instance types) to ${options.output}\n`,
      );
    }
    return EXIT.ok;
  } catch (error) {
    io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usageOrInput;
  }
}

/** Registers `prices refresh`. */
export const registerPricesCommand: RegisterCommand = (program, context) => {
  const prices: Command = program.command('prices').description('manage the price book');
  prices
    .command('refresh')
    .description('rebuild a price book from the AWS Price List Query API (needs pricing:GetProducts)')
    .option('--regions <list>', 'comma-separated regions (default: every region of the embedded book)')
    .option(
      '--instance-types <list>',
      'comma-separated EC2 instance types (default: those of the embedded book)',
    )
    .option('--output <file>', 'write the price book to FILE instead of stdout')
    .option('--pricing-region <region>', 'Price List API endpoint region', 'us-east-1')
    .action(async (options: RefreshCommandOptions) => {
      context.exitCode = await runPricesRefresh(options, context.io);
    });
};
