/**
 * Prints, as JSON, output that a locale-aware sort would change: the EC2 instance types the
 * Fargate → EC2 projection names for a few Fargate services (default price book, both projection
 * modes), and the selector an EKS finding proposes for a pod with several labels. Run in a child
 * process by test/unit/host-locale.test.ts under different host locales.
 */
import { estimateCost } from '../../lib/pricing/cost.js';
import { DEFAULT_PRICE_BOOK } from '../../lib/pricing/default-price-book.js';
import { parsePricingSettings } from '../../lib/pricing/settings.js';
import { eksProfileMatch } from '../../lib/rules/eks/eks-profile-match.js';
import { makeEcsWorkload, makeEksWorkload } from './builders.js';

const projectedTypes: string[] = [];
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
      projectedTypes.push(
        String(estimateCost(workload, settings, DEFAULT_PRICE_BOOK).cost.assumptions.targetInstanceType),
      );
    }
  }
}

// Czech collation puts `ch` after `h`, Danish puts `aa` after `z`.
const pod = makeEksWorkload(
  { namespace: 'shop', labels: { zone: 'a', hostname: 'b', chart: 'c', aardvark: 'd' } },
  { fargateProfile: null },
);
const profileFinding = eksProfileMatch.evaluate(pod)[0]?.message ?? null;

process.stdout.write(JSON.stringify({ projectedTypes, profileFinding }));
