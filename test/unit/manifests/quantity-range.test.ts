import { describe, expect, it } from 'vitest';
import { ManifestError } from '../../../lib/manifests/errors.js';
import { cpuMillisFromQuantity, mibFromQuantity } from '../../../lib/manifests/kubernetes-quantity.js';
import { readText } from '../../../lib/manifests/read.js';

describe('quantities beyond the range of a number', () => {
  // Found by the fuzz tests: "1e309" became Infinity in the model, and null in the JSON report.
  it.each([
    ['cpu', '1e309', cpuMillisFromQuantity, '1e309'],
    ['cpu', 'a 400-digit number', cpuMillisFromQuantity, '9'.repeat(400)],
    ['memory', '1e315', mibFromQuantity, '1e315'],
    ['memory', 'a 400-digit number', mibFromQuantity, '9'.repeat(400)],
  ] as const)('refuses a %s of %s with the field named', (field, _label, convert, quantity) => {
    const path = ['resources', 'requests', field];
    expect(() => convert(quantity, path)).toThrow(ManifestError);
    expect(() => convert(quantity, path)).toThrow(
      new RegExp(`^resources\\.requests\\.${field}: ".*" is too large for a resource quantity$`),
    );
  });

  it('lists such a container as a gap instead of a workload asking for infinite cpu', () => {
    const text =
      'kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, resources: {requests: {cpu: "1e309"}}}]}';
    const result = readText('pod.yaml', text);
    expect(result.workloads).toEqual([]);
    expect(result.gaps[0]?.message).toBe(
      `document 0: Pod 'p': spec.containers[0].resources.requests.cpu: "1e309" is too large for a resource quantity`,
    );
  });

  it('still reads the largest quantities that fit', () => {
    expect(cpuMillisFromQuantity('1e300')).toBe(1e303);
    expect(mibFromQuantity('1Ei')).toBe(2 ** 40);
  });
});
