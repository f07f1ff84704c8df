import { type PriceBook, type PriceFigure, parsePriceBook } from './price-book.js';

/*
 * The embedded price book. Every figure comes from /work/shared/reference/cost-model.md (sections
 * 1.2-1.8 and 3.1) with the source and date given there; where that document marks a figure
 * unverified, undated or conflicting, it is left out (so it prices as unknown) or, for the one
 * conflict kept (Windows), the higher, primary-source figure is used and the conflict noted.
 * `fargate-fit prices refresh` replaces all of this with live Price List figures.
 */

const SOURCES = {
  'fgcalc-2026-09-29':
    'theuves/fgcalc regional Fargate Linux/x86 rates, checked against the AmazonECS Price List bulk offer of 2026-09-11 on 2026-09-29 (cost-model.md 1.2)',
  'research-note-2026-09-28':
    'Research note of 2026-09-28 quoting the AWS Price List published 2026-09-11 and the Fargate Spot price feed (cost-model.md 1.3, 1.5, 1.6, 1.8)',
  'pricing-api-2026-08-21':
    'AWS Price List Query API answer of 2026-08-21, usage type APS1-Fargate-ARM-* (cost-model.md 1.3)',
  'ecs-bulk-2026-07-07':
    'AmazonECS Price List bulk file published 2026-07-07, ARM vCPU in ap-northeast-1 (cost-model.md 1.3)',
  'price-list-2022-11-21':
    'AWS Price List GetProducts capture, AmazonECS, publicationDate 2022-11-21; agrees with the Fargate pricing page example (cost-model.md 1.4)',
  'karpenter-2026-07-20':
    'aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go, generated 2026-07-20 from the Price List API for us-east-1 (cost-model.md 3.1)',
  'karpenter-2026-01-19':
    'aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go, generated 2026-01-19 from the Price List API for us-east-1 (read 2026-11-27)',
  'infracanvas-2026-08-10':
    'SKU FP7Z96TTU3VFSX2H, usage type EU-BoxUsage:m5.large, checked against the AWS Pricing Calculator on 2026-08-10 (cost-model.md 3.1)',
  'aws-public-ipv4-2024-02-01':
    'AWS public IPv4 address charge of $0.005 per address-hour in every commercial region from 2024-02-01 (AWS networking blog, 2023-07-28)',
} as const;

type SourceKey = keyof typeof SOURCES;

const SOURCE_DATES: Record<SourceKey, string> = {
  'fgcalc-2026-09-29': '2026-09-29',
  'research-note-2026-09-28': '2026-09-28',
  'pricing-api-2026-08-21': '2026-08-21',
  'ecs-bulk-2026-07-07': '2026-07-07',
  'price-list-2022-11-21': '2022-11-21',
  'karpenter-2026-07-20': '2026-07-20',
  'karpenter-2026-01-19': '2026-01-19',
  'infracanvas-2026-08-10': '2026-08-10',
  'aws-public-ipv4-2024-02-01': '2024-02-01',
};

function figure(usd: string, source: SourceKey, note?: string): PriceFigure {
  return { usd, source, sourceDate: SOURCE_DATES[source], ...(note === undefined ? {} : { note }) };
}

/** Linux/x86 vCPU-hour and GB-hour by region (cost-model.md 1.2). */
const LINUX_X86: Record<string, readonly [string, string]> = {
  'us-east-1': ['0.04048', '0.004445'],
  'us-east-2': ['0.04048', '0.004445'],
  'us-west-1': ['0.04656', '0.00511'],
  'us-west-2': ['0.04048', '0.004445'],
  'ca-central-1': ['0.04456', '0.004865'],
  'eu-west-1': ['0.04048', '0.004445'],
  'eu-west-2': ['0.04656', '0.00511'],
  'eu-west-3': ['0.0486', '0.0053'],
  'eu-central-1': ['0.04656', '0.00511'],
  'eu-north-1': ['0.0445', '0.0049'],
  'eu-south-1': ['0.0486', '0.0053'],
  'ap-south-1': ['0.04256', '0.004655'],
  'ap-southeast-1': ['0.05056', '0.00553'],
  'ap-southeast-2': ['0.04856', '0.00532'],
  'ap-northeast-1': ['0.05056', '0.00553'],
  'ap-northeast-2': ['0.04656', '0.00511'],
  'ap-east-1': ['0.0556', '0.0061'],
  'sa-east-1': ['0.0696', '0.0076'],
  'me-south-1': ['0.0526', '0.0058'],
  'af-south-1': ['0.0546', '0.006'],
  'us-gov-east-1': ['0.0486', '0.0053'],
  'us-gov-west-1': ['0.0486', '0.0053'],
};

/**
 * Linux/ARM rates with a dated source (cost-model.md 1.3). Regions without one are left out: ARM
 * is not a fixed fraction of x86 (0.8x in us-east-1, 0.56x in ap-south-1), so nothing is derived.
 */
const LINUX_ARM: Record<string, { vcpuHour?: PriceFigure; gbHour?: PriceFigure }> = {
  'us-east-1': {
    vcpuHour: figure('0.03238', 'research-note-2026-09-28'),
    gbHour: figure('0.00356', 'research-note-2026-09-28'),
  },
  'eu-west-1': {
    vcpuHour: figure('0.03238', 'research-note-2026-09-28'),
    gbHour: figure('0.00356', 'research-note-2026-09-28'),
  },
  'ap-south-1': {
    vcpuHour: figure('0.02383', 'research-note-2026-09-28'),
    gbHour: figure('0.00261', 'research-note-2026-09-28'),
  },
  'ap-southeast-1': {
    vcpuHour: figure('0.04045', 'pricing-api-2026-08-21'),
    gbHour: figure('0.00442', 'pricing-api-2026-08-21'),
  },
  // The GB-hour rate of ap-northeast-1 ARM is unverified in cost-model.md 1.3: left unknown.
  'ap-northeast-1': { vcpuHour: figure('0.04045', 'ecs-bulk-2026-07-07') },
};

const WINDOWS_CONFLICT =
  '2026 third-party reports give 0.046552 vCPU-h / 0.00511175 GB-h (cost-model.md 1.4, unverified); the higher Price List figure is kept so a move to Fargate is never made to look cheaper than it may be';

const GOVCLOUD = new Set(['us-gov-east-1', 'us-gov-west-1']);

/** The JSON-shaped book before validation; exported for the test that checks it against its sources. */
export const EMBEDDED_PRICE_BOOK_DATA = {
  schemaVersion: 1,
  date: '2026-09-29',
  currency: 'USD',
  sources: SOURCES,
  notes: [
    'Embedded snapshot: Fargate Linux/x86 for 22 regions; Linux/ARM, Windows, ephemeral storage and EC2 only where cost-model.md gives a dated source. Everything else is unknown until `fargate-fit prices refresh`.',
  ],
  fargate: Object.fromEntries(
    Object.entries(LINUX_X86).map(([region, [vcpu, gb]]) => {
      const arm = LINUX_ARM[region];
      return [
        region,
        {
          linux: {
            x86_64: { vcpuHour: figure(vcpu, 'fgcalc-2026-09-29'), gbHour: figure(gb, 'fgcalc-2026-09-29') },
            ...(arm === undefined ? {} : { arm64: arm }),
          },
          ...(region === 'us-east-1'
            ? {
                windows: {
                  x86_64: {
                    vcpuHour: figure('0.09148', 'price-list-2022-11-21', WINDOWS_CONFLICT),
                    gbHour: figure('0.01005', 'price-list-2022-11-21', WINDOWS_CONFLICT),
                    osLicenseVcpuHour: figure('0.046', 'price-list-2022-11-21'),
                  },
                },
                ephemeralStorageGbHour: figure('0.000111', 'research-note-2026-09-28'),
                publicIpv4Hour: figure('0.005', 'research-note-2026-09-28'),
                spotDiscount: {
                  ratio: '0.68',
                  sourceDate: SOURCE_DATES['research-note-2026-09-28'],
                  source: 'research-note-2026-09-28',
                },
              }
            : {}),
          ...(region !== 'us-east-1' && !GOVCLOUD.has(region)
            ? { publicIpv4Hour: figure('0.005', 'aws-public-ipv4-2024-02-01') }
            : {}),
          ...(region === 'eu-west-1'
            ? {
                spotDiscount: {
                  ratio: '0.70',
                  sourceDate: SOURCE_DATES['research-note-2026-09-28'],
                  source: 'research-note-2026-09-28',
                },
              }
            : {}),
        },
      ];
    }),
  ),
  ec2: {
    ...usEast1('t3.medium', 'x86_64', 2, 4, '0.0416', true),
    ...usEast1('t3.large', 'x86_64', 2, 8, '0.0832', true),
    ...usEast1('t3.xlarge', 'x86_64', 4, 16, '0.1664', true),
    ...usEast1('t4g.large', 'arm64', 2, 8, '0.0672', true),
    ...usEast1('m5.large', 'x86_64', 2, 8, '0.096', false, {
      'eu-west-1': figure('0.107', 'infracanvas-2026-08-10'),
    }),
    ...usEast1('m5.xlarge', 'x86_64', 4, 16, '0.192', false),
    ...usEast1('m5.2xlarge', 'x86_64', 8, 32, '0.384', false),
    ...usEast1('m6i.large', 'x86_64', 2, 8, '0.096', false),
    ...usEast1('m6i.xlarge', 'x86_64', 4, 16, '0.192', false),
    ...usEast1('m6i.2xlarge', 'x86_64', 8, 32, '0.384', false),
    ...usEast1('m6a.xlarge', 'x86_64', 4, 16, '0.1728', false),
    ...usEast1('m7i.xlarge', 'x86_64', 4, 16, '0.2016', false),
    ...usEast1('m6g.large', 'arm64', 2, 8, '0.077', false),
    ...usEast1('m6g.xlarge', 'arm64', 4, 16, '0.154', false),
    ...usEast1('m7g.large', 'arm64', 2, 8, '0.0816', false),
    ...usEast1('m7g.xlarge', 'arm64', 4, 16, '0.1632', false),
    ...usEast1('m7g.2xlarge', 'arm64', 8, 32, '0.3264', false),
    ...usEast1('c5.large', 'x86_64', 2, 4, '0.085', false),
    ...usEast1('c5.xlarge', 'x86_64', 4, 8, '0.17', false),
    ...usEast1('c6i.large', 'x86_64', 2, 4, '0.085', false),
    ...usEast1('c6i.xlarge', 'x86_64', 4, 8, '0.17', false),
    ...usEast1('c6g.xlarge', 'arm64', 4, 8, '0.136', false),
    ...usEast1('c7g.xlarge', 'arm64', 4, 8, '0.145', false),
    ...usEast1('r5.large', 'x86_64', 2, 16, '0.126', false),
    ...usEast1('r5.xlarge', 'x86_64', 4, 32, '0.252', false),
    ...usEast1('r6i.large', 'x86_64', 2, 16, '0.126', false),
    ...usEast1('r6i.xlarge', 'x86_64', 4, 32, '0.252', false),
    ...usEast1('r6g.xlarge', 'arm64', 4, 32, '0.2016', false),
    ...usEast1('r7g.xlarge', 'arm64', 4, 32, '0.2142', false),
    // Larger sizes and GPU types common under ECS and EKS node groups.
    ...usEast1('m5.4xlarge', 'x86_64', 16, 64, '0.768', false, {}, 'karpenter-2026-01-19'),
    ...usEast1('m5a.large', 'x86_64', 2, 8, '0.086', false, {}, 'karpenter-2026-01-19'),
    ...usEast1('m5a.xlarge', 'x86_64', 4, 16, '0.172', false, {}, 'karpenter-2026-01-19'),
    ...usEast1('m6a.large', 'x86_64', 2, 8, '0.0864', false, {}, 'karpenter-2026-01-19'),
    ...usEast1('c5.2xlarge', 'x86_64', 8, 16, '0.34', false, {}, 'karpenter-2026-01-19'),
    ...usEast1('c5.4xlarge', 'x86_64', 16, 32, '0.68', false, {}, 'karpenter-2026-01-19'),
    ...usEast1('c6i.2xlarge', 'x86_64', 8, 16, '0.34', false, {}, 'karpenter-2026-01-19'),
    ...usEast1('c6a.xlarge', 'x86_64', 4, 8, '0.153', false, {}, 'karpenter-2026-01-19'),
    ...usEast1('c6g.large', 'arm64', 2, 4, '0.068', false, {}, 'karpenter-2026-01-19'),
    ...usEast1('c7g.large', 'arm64', 2, 4, '0.0725', false, {}, 'karpenter-2026-01-19'),
    ...usEast1('g4dn.xlarge', 'x86_64', 4, 16, '0.526', false, {}, 'karpenter-2026-01-19'),
    ...usEast1('g4dn.2xlarge', 'x86_64', 8, 32, '0.752', false, {}, 'karpenter-2026-01-19'),
    ...usEast1('g5.xlarge', 'x86_64', 4, 16, '1.006', false, {}, 'karpenter-2026-01-19'),
  },
};

/** One instance type priced in us-east-1 (cost-model.md 3.1), plus any other dated regions. */
function usEast1(
  type: string,
  architecture: 'x86_64' | 'arm64',
  vcpu: number,
  memoryGiB: number,
  usd: string,
  burstable: boolean,
  otherRegions: Record<string, PriceFigure> = {},
  source: SourceKey = 'karpenter-2026-07-20',
) {
  return {
    [type]: {
      vcpu,
      memoryGiB,
      architecture,
      burstable,
      hourlyUsd: { 'us-east-1': figure(usd, source), ...otherRegions },
    },
  };
}

/**
 * The price book used when no `--price-book` is given: a dated snapshot, validated when this
 * module loads (a malformed embedded book is a build defect, so failing loudly is right).
 */
export const DEFAULT_PRICE_BOOK: PriceBook = parsePriceBook(EMBEDDED_PRICE_BOOK_DATA, 'embedded price book');
