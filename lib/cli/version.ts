import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The fargate-fit version from the package's own package.json, found by walking up from this
 * module: the same code runs from `lib/cli` under tsx and from `dist/lib/cli` once built.
 */
export function toolVersion(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === 'fargate-fit' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // No readable package.json at this level: keep walking up.
    }
    const parent = dirname(directory);
    if (parent === directory) return '0.0.0-unknown';
    directory = parent;
  }
}
