import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRulesDoc } from '../../../lib/findings/rules-doc.js';
import { allRules } from '../../../lib/rules/index.js';
import { sampleRules } from '../sinks/report-sample.js';

describe('docs/rules.md', () => {
  it('matches the catalogue (run `npm run docs:rules` after changing a rule)', () => {
    const committed = readFileSync(new URL('../../../docs/rules.md', import.meta.url), 'utf8');
    expect(committed === renderRulesDoc(allRules), 'docs/rules.md is stale: run `npm run docs:rules`').toBe(
      true,
    );
  });

  it('lists every rule of the catalogue with its docs link', () => {
    const page = renderRulesDoc(allRules);
    for (const rule of allRules) {
      expect(page).toContain(`| \`${rule.id}\` | ${rule.severity} |`);
      expect(page).toContain(`[docs](${rule.docsUrl})`);
    }
  });
});

describe('renderRulesDoc', () => {
  const page = renderRulesDoc(sampleRules);

  it('groups rules by scope and category, counting each group', () => {
    expect(page).toContain('4 rules: 0 ECS fargate, 3 EKS fargate, 1 ECS compliance, 0 EKS compliance.');
    const eks = page.indexOf('## EKS — Fargate eligibility (3)');
    const ecsCompliance = page.indexOf('## ECS — compliance (1)');
    expect(eks).toBeGreaterThan(0);
    expect(ecsCompliance).toBeGreaterThan(eks);
    expect(page).not.toContain('## ECS — Fargate eligibility');
    expect(page.slice(ecsCompliance)).toContain(
      '| `ecs-readonly-root` | advisory | ECS.5 | Root filesystem is writable |',
    );
  });

  it('keeps a rule text with pipes and line breaks inside its table cell', () => {
    const tricky = { ...sampleRules[0]!, title: 'a | b', fix: 'first line\nsecond line' };
    const row = renderRulesDoc([tricky])
      .split('\n')
      .find((l) => l.startsWith('| `eks-host-network`'));
    expect(row).toBe(
      '| `eks-host-network` | blocker | a \\| b | first line second line | [docs](https://docs.aws.amazon.com/eks/latest/userguide/fargate.html) |',
    );
  });

  it('says so when the catalogue is empty', () => {
    expect(renderRulesDoc([])).toContain('The catalogue is empty.');
  });
});
