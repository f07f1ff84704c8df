import { describe, expect, it } from 'vitest';
import { ManifestError } from '../../../lib/manifests/errors.js';
import {
  cpuMillisFromQuantity,
  mibFromQuantity,
  parseQuantity,
} from '../../../lib/manifests/kubernetes-quantity.js';

describe('cpuMillisFromQuantity', () => {
  it.each([
    ['100m', 100],
    ['0.5', 500],
    ['2', 2000],
    [2, 2000],
    [0.25, 250],
    ['1.5', 1500],
    ['250000u', 250],
    ['+1', 1000],
  ])('reads %j as %d millicores', (value, millis) => {
    expect(cpuMillisFromQuantity(value)).toBe(millis);
  });

  it('rounds below a millicore up, as the API server does', () => {
    expect(cpuMillisFromQuantity('0.1m')).toBe(1);
    expect(cpuMillisFromQuantity('1n')).toBe(1);
  });

  it.each([undefined, null, ''])('treats %j as unset', (value) => {
    expect(cpuMillisFromQuantity(value)).toBeNull();
  });
});

describe('mibFromQuantity', () => {
  it.each([
    ['128Mi', 128],
    ['1Gi', 1024],
    ['1.5Gi', 1536],
    ['1G', 953.67431640625],
    ['1e9', 953.67431640625],
    [1e9, 953.67431640625],
    ['512M', 488.28125],
    ['134217728', 128],
    [134217728, 128],
    ['1024Ki', 1],
    ['1k', 1000 / 1048576],
    ['1Ti', 1048576],
    ['120G', 114440.91796875],
  ])('reads %j as %d MiB', (value, mib) => {
    expect(mibFromQuantity(value)).toBe(mib);
  });

  it('is exact where binary floating point would drift (0.1G = 100,000,000 bytes)', () => {
    expect(mibFromQuantity('0.1G')).toBe(100_000_000 / 1_048_576);
  });

  it('rounds a fraction of a byte up, as the API server does (0.3Gi = 322122547.2 bytes)', () => {
    expect(mibFromQuantity('0.3Gi')).toBe(322_122_548 / 1_048_576);
  });
});

describe('parseQuantity', () => {
  it('tells exa ("1E") from an exponent ("1E3")', () => {
    expect(parseQuantity('1E').toString()).toBe('1000000000000000000');
    expect(parseQuantity('1E3').toString()).toBe('1000');
  });

  it.each(['100 Mi', 'two cores', '1.2.3', 'Mi', '1mi', '1KB', '-1', '1e', '1e3m', ''])(
    'rejects %j the way the API server would',
    (value) => {
      expect(() => parseQuantity(value, ['resources', 'limits', 'memory'])).toThrow(ManifestError);
    },
  );

  it('names the field in the error', () => {
    expect(() => parseQuantity('lots', ['spec', 'containers', 0, 'resources', 'requests', 'cpu'])).toThrow(
      'spec.containers[0].resources.requests.cpu: "lots" is not a Kubernetes quantity',
    );
  });

  it('rejects values that are not text or numbers', () => {
    expect(() => parseQuantity({ cpu: 1 })).toThrow(ManifestError);
    expect(() => parseQuantity(Number.POSITIVE_INFINITY)).toThrow(ManifestError);
  });
});
