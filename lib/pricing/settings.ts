import { z } from 'zod';

/**
 * The pricing knobs (cost-model.md 5.5), read from the config file and overridden by flags. Every
 * default is the one the reference gives; every number is validated once, here.
 */

/** How the current EC2 cost of a workload treats the unused part of its instances. */
export const IDLE_TREATMENTS = ['allocated', 'proportional-idle', 'whole-instances'] as const;
/** One of {@link IDLE_TREATMENTS}. */
export type IdleTreatment = (typeof IDLE_TREATMENTS)[number];

/** How a Fargate workload's cost on EC2 is projected (cost-model.md 5.2). */
export const EC2_PROJECTION_MODES = ['marginal-share', 'dedicated'] as const;
/** One of {@link EC2_PROJECTION_MODES}. */
export type Ec2ProjectionMode = (typeof EC2_PROJECTION_MODES)[number];

/** Numbers may arrive as flag strings ("0.8"); anything else is left for the schema to reject. */
const numeric = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    if (typeof value !== 'string' || value.trim() === '') return value;
    const parsed = Number(value);
    return Number.isNaN(parsed) ? value : parsed;
  }, schema);

const fraction = (max: 'inclusive' | 'exclusive') =>
  numeric(max === 'inclusive' ? z.number().min(0).max(1) : z.number().min(0).lt(1));

const settingsSchema = z.strictObject({
  /** Hours in a billed month. */
  hoursPerMonth: numeric(z.number().positive().max(744)).default(730),
  /** Prices every workload at this region's rates instead of its own (check mode: instead of us-east-1). */
  region: z
    .string()
    .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, { message: 'must be a region code such as us-east-1' })
    .nullable()
    .default(null),
  /** Prices the Fargate side at this architecture (ECS only; EKS on Fargate is x86 only). */
  architecture: z.enum(['x86_64', 'arm64']).nullable().default(null),
  /** Share of Fargate tasks on Fargate Spot (ECS Linux only). */
  fargateSpotShare: fraction('inclusive').default(0),
  /** Fargate Spot discount; null = the price book's regional snapshot, else 0.68 (cost-model.md 1.5). */
  fargateSpotDiscount: fraction('inclusive').nullable().default(null),
  /** Compute Savings Plan discount; it covers Fargate and EC2 alike, so it applies to both sides. */
  computeSavingsPlanDiscount: fraction('exclusive').default(0),
  /**
   * Blended discount of EC2-only commitments (Reserved Instances, EC2 Instance Savings Plans). It
   * lowers EC2 cost but does not follow a workload to Fargate: a move strands it.
   */
  ec2OnlyCommitmentDiscount: fraction('exclusive').default(0),
  /** Discount of EC2 Spot capacity off on-demand; null = unknown, so Spot instances price as unknown. */
  ec2SpotDiscount: fraction('exclusive').nullable().default(null),
  /** How many GB-hours one vCPU-hour is worth when an instance price is split (SCAD: 9). */
  cpuMemoryWeight: numeric(z.number().positive()).default(9),
  /** Whether a workload's current EC2 cost carries its share of the instances' unused capacity. */
  idleTreatment: z.enum(IDLE_TREATMENTS).default('allocated'),
  /** Expected weighted utilisation of EC2 capacity a Fargate workload would move onto. */
  targetUtilization: numeric(z.number().gt(0).max(1)).default(0.8),
  /** EC2 type a Fargate workload is projected onto; null = the cheapest fitting type in the book. */
  targetInstanceType: z.string().min(1).nullable().default(null),
  /** Marginal share of shared capacity (default) or dedicated instances bin-packed. */
  ec2ProjectionMode: z.enum(EC2_PROJECTION_MODES).default('marginal-share'),
  /**
   * Memory per instance that tasks cannot use (OS, agent), for dedicated bin-packing. An m4.large
   * registers about 7985 of 8192 MiB with ECS (cost-model.md 5); 256 MiB rounds that up.
   */
  ec2ReservedMemoryMiB: numeric(z.number().int().min(0)).default(256),
  /** CPU units each instance gives to daemon tasks or DaemonSet pods, for dedicated bin-packing. */
  daemonCpuUnitsPerInstance: numeric(z.number().min(0)).default(0),
  /** Memory (MiB) each instance gives to daemon tasks or DaemonSet pods, for dedicated bin-packing. */
  daemonMemoryMiBPerInstance: numeric(z.number().min(0)).default(0),
  /**
   * Show a public IPv4 line for every Fargate task. Tasks whose service already assigns a public
   * IP get the line regardless. Never part of fargateMonthlyUsd.
   */
  includePublicIPv4: z
    .preprocess((value) => (value === 'true' ? true : value === 'false' ? false : value), z.boolean())
    .default(false),
});

/** Validated pricing settings with every default filled in. */
export type PricingSettings = z.output<typeof settingsSchema>;

/** The name of each setting, for callers that wire flags and config keys. */
export type PricingSettingName = keyof PricingSettings;

/** A setting that does not validate. Names the setting and where its value came from. */
export class PricingSettingsError extends Error {
  override readonly name = 'PricingSettingsError';
  /** The setting (`targetUtilization`), or empty when the whole config is wrong. */
  readonly field: string;
  /** `config` or the flag (`--target-utilization`). */
  readonly origin: string;

  constructor(message: string, field: string, origin: string, options?: { cause?: unknown }) {
    super(
      `${origin === 'config' ? 'pricing config' : origin}${field ? ` (${field})` : ''}: ${message}`,
      options,
    );
    this.field = field;
    this.origin = origin;
  }
}

/** `targetUtilization` → `--target-utilization`, `includePublicIPv4` → `--include-public-ipv4`. */
export function flagOf(setting: string): string {
  return `--${setting.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
}

/** Every default, as {@link parsePricingSettings} fills them in. */
export const DEFAULT_PRICING_SETTINGS: PricingSettings = settingsSchema.parse({});

/**
 * Validates the pricing section of a config file, then applies flag overrides (undefined flags
 * are ignored, so a CLI can pass its whole options object). Flag values may be strings.
 * Throws {@link PricingSettingsError} naming the setting and whether the config or a flag set it.
 */
export function parsePricingSettings(
  config: unknown = {},
  flags: Readonly<Record<string, unknown>> = {},
): PricingSettings {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new PricingSettingsError('must be a mapping of setting names to values', '', 'config');
  }
  const fromConfig = settingsSchema.safeParse(config);
  if (!fromConfig.success) throw toSettingsError(fromConfig.error, new Set());
  const given = Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined));
  const merged = settingsSchema.safeParse({ ...config, ...given });
  if (!merged.success) throw toSettingsError(merged.error, new Set(Object.keys(given)));
  return merged.data;
}

function toSettingsError(error: z.ZodError, fromFlags: ReadonlySet<string>): PricingSettingsError {
  const issue = error.issues[0];
  const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const field = unknownKey ?? (issue?.path[0] === undefined ? '' : String(issue.path[0]));
  const origin = fromFlags.has(field) ? flagOf(field) : 'config';
  const message = unknownKey !== undefined ? 'is not a pricing setting' : (issue?.message ?? 'is invalid');
  return new PricingSettingsError(message, field, origin, { cause: error });
}
