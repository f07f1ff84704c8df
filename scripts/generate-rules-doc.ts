// Regenerates docs/rules.md from the rule catalogue (`npm run docs:rules`).
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderRulesDoc } from '../lib/findings/rules-doc.js';
import { allRules } from '../lib/rules/index.js';

const target = fileURLToPath(new URL('../docs/rules.md', import.meta.url));
await writeFile(target, renderRulesDoc(allRules), 'utf8');
process.stdout.write(`wrote ${target} (${allRules.length} rules)\n`);
