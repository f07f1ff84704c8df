import { describe, expect, it } from 'vitest';
import { readText } from '../../../lib/manifests/read.js';

const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

describe('names that a plain object inherits', () => {
  // Found by the fuzz tests: `kind: constructor` made readText throw, losing every file of the run.
  it.each(PROTOTYPE_NAMES)('reads a kind named %s as an unknown kind and judges the rest', (kind) => {
    const text = [
      `kind: ${kind}`,
      'metadata: {name: odd}',
      'spec: {template: {spec: {containers: [{name: a}]}}}',
      '---',
      'kind: PersistentVolumeClaim',
      'metadata: {name: claim}',
      `spec: {storageClassName: ${kind}}`,
      '---',
      'kind: Pod',
      'metadata: {name: pod}',
      'spec: {containers: [{name: a}], volumes: [{name: v, persistentVolumeClaim: {claimName: claim}}]}',
    ].join('\n');
    const result = readText('odd.yaml', text);
    expect(result.gaps).toEqual([]);
    expect(result.workloads.map((workload) => [workload.kind, workload.name])).toEqual([
      [kind, 'odd'],
      ['Pod', 'pod'],
    ]);
    // An unknown storage class is judged by the EKS default, not by whatever Object.prototype holds.
    expect(result.workloads[1]?.volumes[0]?.claim?.resolvedBy).toBe('assumed-default');
  });

  // Found by the fuzz tests: "512 constructor" multiplied 512 by a function and read as NaN.
  it('refuses an ECS size whose unit is an inherited name', () => {
    const result = readText(
      'task.json',
      '{"family": "f", "cpu": "512 constructor", "containerDefinitions": [{"name": "a"}]}',
    );
    expect(result.workloads).toEqual([]);
    expect(result.gaps[0]?.message).toBe(
      'document 0: task definition: cpu: cpu "512 constructor" is not a size ECS accepts',
    );
  });
});
