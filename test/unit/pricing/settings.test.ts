import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRICING_SETTINGS,
  flagOf,
  PricingSettingsError,
  parsePricingSettings,
} from '../../../lib/pricing/settings.js';

function errorOf(action: () => unknown): PricingSettingsError {
  try {
    action();
  } catch (error) {
    if (error instanceof PricingSettingsError) return error;
    throw error;
  }
  throw new Error('expected a PricingSettingsError');
}

describe('pricing settings', () => {
  it('defaults to the reference: 730 h, 9:1, allocated share, 80 % target, no Spot, no discounts', () => {
    expect(DEFAULT_PRICING_SETTINGS).toMatchObject({
      hoursPerMonth: 730,
      region: null,
      architecture: null,
      fargateSpotShare: 0,
      fargateSpotDiscount: null,
      computeSavingsPlanDiscount: 0,
      ec2OnlyCommitmentDiscount: 0,
      cpuMemoryWeight: 9,
      idleTreatment: 'allocated',
      targetUtilization: 0.8,
      targetInstanceType: null,
      ec2ProjectionMode: 'marginal-share',
      includePublicIPv4: false,
    });
  });

  it('lets flags override the config file, and reads flag strings as numbers and booleans', () => {
    const settings = parsePricingSettings(
      { hoursPerMonth: 720, idleTreatment: 'whole-instances', targetUtilization: 0.7 },
      { targetUtilization: '0.65', includePublicIPv4: 'true', region: undefined },
    );
    expect(settings).toMatchObject({
      hoursPerMonth: 720,
      idleTreatment: 'whole-instances',
      targetUtilization: 0.65,
      includePublicIPv4: true,
      region: null,
    });
  });

  it('names the config setting that is out of range', () => {
    const error = errorOf(() => parsePricingSettings({ fargateSpotShare: 1.5 }));
    expect(error.field).toBe('fargateSpotShare');
    expect(error.origin).toBe('config');
    expect(error.message).toMatch(/^pricing config \(fargateSpotShare\): /);
  });

  it('names the flag when the bad value came from a flag', () => {
    const error = errorOf(() => parsePricingSettings({ targetUtilization: 0.7 }, { targetUtilization: '0' }));
    expect(error.origin).toBe('--target-utilization');
    expect(error.message).toMatch(/^--target-utilization \(targetUtilization\): /);
  });

  it('rejects a setting it does not know, by name', () => {
    const error = errorOf(() => parsePricingSettings({ hoursPerMonths: 730 }));
    expect(error.field).toBe('hoursPerMonths');
    expect(error.message).toContain('is not a pricing setting');
  });

  it('rejects a word where a number belongs', () => {
    expect(errorOf(() => parsePricingSettings({}, { hoursPerMonth: 'lots' })).field).toBe('hoursPerMonth');
  });

  it('rejects an idle treatment it does not offer', () => {
    expect(errorOf(() => parsePricingSettings({ idleTreatment: 'ignore' })).field).toBe('idleTreatment');
  });

  it('rejects a config that is not a mapping', () => {
    expect(() => parsePricingSettings(['730'])).toThrow(PricingSettingsError);
  });

  it('spells flags in kebab case', () => {
    expect(flagOf('computeSavingsPlanDiscount')).toBe('--compute-savings-plan-discount');
    expect(flagOf('includePublicIPv4')).toBe('--include-public-ipv4');
  });
});
