import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile } from '../../../lib/cli/config-file.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ff-config-bounds-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadConfigFile on a deeply nested file', () => {
  // Composing it overflowed the stack; a second such parse aborted the whole process.
  it('refuses it with a ConfigError naming the file, as often as it is given', async () => {
    const file = join(dir, 'deep.yaml');
    await writeFile(file, `pricing: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    for (let attempt = 0; attempt < 3; attempt++) {
      const error = await loadConfigFile(file).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toBe(
        `config ${file}: nests deeper than 256 levels, not a config file`,
      );
    }
    const fine = join(dir, 'fine.yaml');
    await writeFile(fine, 'pricing: {hoursPerMonth: 720}\n');
    await expect(loadConfigFile(fine)).resolves.toEqual({
      pricing: { hoursPerMonth: 720 },
      suppressions: [],
    });
  });
});
