import { Command, CommanderError } from 'commander';
import { registerCheckCommand } from './check.js';
import { type CliContext, type CliIo, EXIT, type RegisterCommand } from './context.js';
import { registerDemoCommand } from './demo.js';
import { registerPricesCommand } from './prices.js';
import { registerScanCommand } from './scan.js';
import { toolVersion } from './version.js';

/** Every command of the CLI; `scan`, `demo` and `prices` register themselves here. */
const COMMANDS: readonly RegisterCommand[] = [
  registerCheckCommand,
  registerScanCommand,
  registerDemoCommand,
  registerPricesCommand,
];

/** The real process streams; colours only on a terminal and never when NO_COLOR is set. */
function processIo(): CliIo {
  const isTTY = process.stdout.isTTY === true;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY,
    stderrIsTTY: process.stderr.isTTY === true,
    colors: isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
  };
}

/**
 * Runs the CLI with `argv` (arguments after the program name) and returns the exit code (`EXIT`:
 * 0 ok, 1 `--fail-on` tripped, 2 usage or input error, 3 partial coverage). Never calls `process.exit`, so it
 * runs in-process in tests; `bin/fargate-fit.js` sets `process.exitCode` from the result.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const context: CliContext = { io, exitCode: EXIT.ok };
  // Settings made before `.command()` are inherited by every subcommand.
  const program = new Command('fargate-fit')
    .description(
      'Which ECS services and EKS workloads could run on AWS Fargate, what stops the others, and what the move would save.',
    )
    .version(toolVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(run with --help for usage)');
  for (const register of COMMANDS) register(program, context);

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    // Commander has already printed its message; --help and --version end with exit code 0.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usageOrInput;
    io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.usageOrInput;
  }
  return context.exitCode;
}
