/** Which regions an account may call: AWS's default regions, and opt-in ones only when enabled. */
import type { CallContext } from './context.js';

/** Regions AWS enables for every account; every other region is opt-in (reference: AWS regions docs). */
export const DEFAULT_ENABLED_REGIONS: readonly string[] = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-north-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];

export const OPT_IN_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-east-1',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
];

/** Whether an account may call a region: declared regions say so; undeclared opt-in regions are off. */
export function regionEnabled(context: Pick<CallContext, 'state'>, account: string, region: string): boolean {
  const declared = context.state.accounts.get(account)?.regions.get(region);
  if (declared) return declared.enabled;
  return !OPT_IN_REGIONS.includes(region);
}
