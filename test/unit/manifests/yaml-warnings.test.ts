import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfigFile } from '../../../lib/cli/config-file.js';
import { readText } from '../../../lib/manifests/read.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('YAML warnings', () => {
  // Found by the fuzz tests: the yaml package printed a key holding a secret to stderr through
  // process.emitWarning, outside every report and log the tool controls.
  it('never reach process warnings when a manifest uses a collection as a key', () => {
    const warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const text =
      'kind: Pod\nmetadata:\n  name: p\n  labels:\n    ? {password: CANARY-KEY-1}\n    : x\nspec: {containers: [{name: a}]}\n';
    const result = readText('pod.yaml', text);
    expect(warnings).not.toHaveBeenCalled();
    expect(result.workloads.map((workload) => workload.name)).toEqual(['p']);
  });

  it('never reach process warnings from a config file with an unknown tag', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'ff-yaml-warnings-'));
    try {
      const file = path.join(directory, 'config.yaml');
      await writeFile(
        file,
        'suppressions:\n  - workloadId: "*"\n    ruleId: !custom ecs-privileged\n    owner: me\n    reason: r\n    expires: 2099-01-01\n',
      );
      const warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
      const config = await loadConfigFile(file);
      expect(warnings).not.toHaveBeenCalled();
      expect(config.suppressions[0]?.ruleId).toBe('ecs-privileged');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
