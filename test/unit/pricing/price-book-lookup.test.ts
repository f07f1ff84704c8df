import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICE_BOOK } from '../../../lib/pricing/default-price-book.js';
import { ec2HourlyPrice, fargateRates, type PriceBook } from '../../../lib/pricing/price-book.js';

describe('price book look-ups by names from the input', () => {
  // Found by the fuzz tests: `--target-instance-type constructor` reached Object.prototype and threw.
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'finds no EC2 price for an instance type named %s',
    (name) => {
      expect(ec2HourlyPrice(DEFAULT_PRICE_BOOK, name, 'us-east-1')).toBeNull();
      expect(ec2HourlyPrice(DEFAULT_PRICE_BOOK, 'm5.large', name)).toBeNull();
    },
  );

  it.each(['constructor', '__proto__', 'valueOf'])(
    'finds no Fargate rates for a region named %s',
    (region) => {
      expect(fargateRates(DEFAULT_PRICE_BOOK, region, 'linux', 'x86_64')).toEqual({
        vcpuHour: null,
        gbHour: null,
        osLicenseVcpuHour: null,
        missing: ['vCPU-hour', 'GB-hour'],
      });
    },
  );

  it('still finds the prices the book has', () => {
    expect(fargateRates(DEFAULT_PRICE_BOOK, 'us-east-1', 'linux', 'x86_64').vcpuHour?.usd).toBe('0.04048');
    const [type, entry] = Object.entries(DEFAULT_PRICE_BOOK.ec2)[0] ?? [];
    const [region, figure] = Object.entries(entry?.hourlyUsd ?? {})[0] ?? [];
    expect(type && region && ec2HourlyPrice(DEFAULT_PRICE_BOOK, type, region)).toEqual(figure);
  });
});

describe('price book look-ups of a book that is not frozen', () => {
  it('see the book as it is now, not as it was at the first look-up', () => {
    const book = structuredClone(DEFAULT_PRICE_BOOK) as { -readonly [K in keyof PriceBook]: PriceBook[K] };
    expect(Object.isFrozen(book)).toBe(false);
    expect(ec2HourlyPrice(book, 'm5.large', 'us-east-1')?.usd).toBe(
      ec2HourlyPrice(DEFAULT_PRICE_BOOK, 'm5.large', 'us-east-1')?.usd,
    );
    book.ec2 = {};
    expect(ec2HourlyPrice(book, 'm5.large', 'us-east-1')).toBeNull();
    book.fargate = {};
    expect(fargateRates(book, 'us-east-1', 'linux', 'x86_64').vcpuHour).toBeNull();
  });
});
