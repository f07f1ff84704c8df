import type { Scope } from '../model/workload.js';
import type { Rule, RuleCategory } from '../rules/rule.js';

/** The rule metadata the catalogue page shows. */
export type DocumentedRule = Omit<Rule, 'evaluate'>;

const SECTIONS: readonly { scope: Scope; category: RuleCategory; heading: string }[] = [
  { scope: 'ecs', category: 'fargate', heading: 'ECS — Fargate eligibility' },
  { scope: 'eks', category: 'fargate', heading: 'EKS — Fargate eligibility' },
  { scope: 'ecs', category: 'compliance', heading: 'ECS — compliance' },
  { scope: 'eks', category: 'compliance', heading: 'EKS — compliance' },
];

/** A Markdown table cell: pipes escaped, line breaks folded, so a rule's text cannot break the table. */
function cell(text: string): string {
  return text
    .replaceAll('\\', '\\\\')
    .replaceAll('|', '\\|')
    .replace(/\s*\r?\n\s*/g, ' ')
    .trim();
}

function table(rules: readonly DocumentedRule[], withControl: boolean): string[] {
  const header = withControl
    ? ['| id | severity | control | title | fix | docs |', '|---|---|---|---|---|---|']
    : ['| id | severity | title | fix | docs |', '|---|---|---|---|---|'];
  return [
    ...header,
    ...rules.map((rule) => {
      const cells = [
        `\`${rule.id}\``,
        rule.severity,
        ...(withControl ? [cell(rule.control ?? '—')] : []),
        cell(rule.title),
        cell(rule.fix),
        `[docs](${rule.docsUrl})`,
      ];
      return `| ${cells.join(' | ')} |`;
    }),
  ];
}

/**
 * Renders docs/rules.md from the catalogue: one table per scope and category, in catalogue order.
 * Pure, so a test can compare the committed page with a fresh rendering.
 */
export function renderRulesDoc(rules: readonly DocumentedRule[]): string {
  const counts = SECTIONS.map(({ scope, category }) => ({
    scope,
    category,
    count: rules.filter((r) => r.scope === scope && r.category === category).length,
  }));
  const lines = [
    '# fargate-fit rule catalogue',
    '',
    '<!-- Generated from lib/rules by `npm run docs:rules`. Do not edit by hand: a test fails when this page is stale. -->',
    '',
    `${rules.length} rules: ${counts.map((c) => `${c.count} ${c.scope.toUpperCase()} ${c.category}`).join(', ')}.`,
    '',
    'Severity: **blocker** — cannot run on Fargate as designed; **fixable** — runs on Fargate after the',
    'stated change; **advisory** — runs, with a warning. A workload with any fargate blocker is',
    '`ineligible`, else with any fixable `eligible-with-changes`, else `eligible`; a rule that fails to',
    'evaluate makes it `unknown`. Compliance findings are reported beside the verdict and never change it.',
  ];
  for (const section of SECTIONS) {
    const inSection = rules.filter((r) => r.scope === section.scope && r.category === section.category);
    if (inSection.length === 0) continue;
    lines.push('', `## ${section.heading} (${inSection.length})`, '');
    lines.push(...table(inSection, section.category === 'compliance'));
  }
  if (rules.length === 0) lines.push('', 'The catalogue is empty.');
  return `${lines.join('\n')}\n`;
}
