// Runs the CLI from source (`node --import tsx scripts/run-cli.ts check ...`), as bin/fargate-fit.js
// runs the compiled one.
import { main } from '../lib/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
