import { describe, expect, it } from 'vitest';
import { QUOTE_SETTING_NAMES, sameQuoteSettings } from '../../../lib/pricing/ec2-side.js';
import { type PricingSettings, parsePricingSettings } from '../../../lib/pricing/settings.js';

describe('quote settings', () => {
  it('are compared on every setting a quote reads, so a changed one is never taken for the last', () => {
    const settings = parsePricingSettings({});
    expect(sameQuoteSettings(settings, { ...settings })).toBe(true);
    for (const name of QUOTE_SETTING_NAMES) {
      const changed = { ...settings, [name]: `not ${String(settings[name])}` } as unknown as PricingSettings;
      expect(sameQuoteSettings(settings, changed), name).toBe(false);
    }
  });
});
