/**
 * Prints, as JSON, the EC2 instance type the Fargate → EC2 projection names for a few Fargate
 * services (default price book, both projection modes). Run in a child process by
 * test/unit/pricing/locale.test.ts under different host locales.
 */
import { estimateCost } from '../../lib/pricing/cost.js';
import { DEFAULT_PRICE_BOOK } from '../../lib/pricing/default-price-book.js';
import { parsePricingSettings } from '../../lib/pricing/settings.js';
import { makeEcsWorkload } from './builders.js';

const named: string[] = [];
for (const architecture of ['x86_64', 'arm64'] as const) {
  for (const [cpuUnits, memoryMiB] of [
    [256, 512],
    [1024, 2048],
    [4096, 8192],
  ] as const) {
    const workload = makeEcsWorkload(
      { launchType: 'FARGATE', replicas: 10, region: 'us-east-1', architecture },
      { cpuUnits, memoryMiB },
    );
    for (const ec2ProjectionMode of ['marginal-share', 'dedicated']) {
      const settings = parsePricingSettings({ ec2ProjectionMode });
      named.push(
        String(estimateCost(workload, settings, DEFAULT_PRICE_BOOK).cost.assumptions.targetInstanceType),
      );
    }
  }
}
process.stdout.write(JSON.stringify(named));
