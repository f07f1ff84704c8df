import { describe, expect, it } from 'vitest';
import { amount, rememberedPerKeys } from '../../../lib/pricing/money.js';

describe('rememberedPerKeys', () => {
  it('computes once per distinct tuple of values and tells every position apart', () => {
    const calls: string[] = [];
    const label = rememberedPerKeys((region: string, cpu: number, perReplica: boolean) => {
      calls.push(`${region}/${cpu}/${perReplica}`);
      return { text: `${region} ${cpu}${perReplica ? ' each' : ''}` };
    });
    const first = label('us-east-1', 256, false);
    expect(label('us-east-1', 256, false)).toBe(first);
    expect(label('us-east-1', 256, true).text).toBe('us-east-1 256 each');
    expect(label('us-east-1', 512, false).text).toBe('us-east-1 512');
    expect(label('eu-west-1', 256, false).text).toBe('eu-west-1 256');
    expect(calls).toEqual([
      'us-east-1/256/false',
      'us-east-1/256/true',
      'us-east-1/512/false',
      'eu-west-1/256/false',
    ]);
  });

  it('keys objects by identity: equal decimals built apart are different keys', () => {
    let computed = 0;
    const ordinal = rememberedPerKeys((_value: object) => {
      computed += 1;
      return computed;
    });
    const half = amount('0.5');
    expect(ordinal(half)).toBe(ordinal(half));
    // `amount` hands out one decimal per input string, so this is the same object...
    expect(ordinal(amount('0.5'))).toBe(1);
    // ...while a decimal made some other way is another key, even when equal in value.
    expect(ordinal(half.plus(0))).toBe(2);
  });

  it('remembers a null or undefined result as a result', () => {
    let computed = 0;
    const nothing = rememberedPerKeys((_key: string) => {
      computed += 1;
      return null;
    });
    expect(nothing('a')).toBeNull();
    expect(nothing('a')).toBeNull();
    expect(computed).toBe(1);
  });

  it('refuses a call whose keys the compute function does not all declare', () => {
    // `length` does not count a default parameter, so `unit` would be left out of the key.
    const withDefault = (value: number, unit = 'GB') => `${value} ${unit}`;
    const labelled = rememberedPerKeys(withDefault as (value: number, unit: string) => string);
    expect(() => labelled(1, 'vCPU')).toThrow(/got 2 keys but its compute function declares 1/);
    const pair = rememberedPerKeys((a: number, b: number) => a + b);
    expect(() => (pair as (...keys: unknown[]) => number)(1)).toThrow(/got 1 keys/);
    expect(pair(1, 2)).toBe(3);
  });

  it('starts over instead of growing without bound, and still answers right', () => {
    const square = rememberedPerKeys((n: number) => ({ n: n * n }));
    const early = square(3);
    for (let n = 0; n < 25_000; n += 1) expect(square(n).n).toBe(n * n);
    expect(square(3).n).toBe(9);
    // The first table was dropped along the way, so the result was computed again.
    expect(square(3)).not.toBe(early);
  });
});
