import { describe, expect, it } from 'vitest';
import { escapeMarkdown, GITHUB_COMMENT_MAX_CHARS, renderMarkdown } from '../../../lib/sinks/markdown.js';
import { checkReport, estateReport, HOSTILE_NAME } from '../../fixtures/reports/estate.js';
import { makeCost, makeFinding, makeResult, reportOf } from '../../fixtures/reports/results.js';
import { PUBLIC_ENDPOINT_MESSAGE, sampleClusters } from './cluster-sample.js';

/** The cells of a Markdown table row, split on the pipes that are not escaped. */
function cells(row: string): string[] {
  return row
    .slice(2, -2)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

function tableRows(markdown: string): string[] {
  return markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Workload |'));
}

describe('renderMarkdown', () => {
  it('summarizes the counts, the saving and the gaps', () => {
    const text = renderMarkdown(checkReport());
    expect(text).toContain('### Fargate fit: 3 workloads');
    expect(text).toContain('✅ 1 eligible · 🛠️ 1 eligible with changes · ⛔ 1 ineligible');
    expect(text).toContain(
      '**Projected monthly savings:** unknown (workloads read from files have no current cost to compare with) · **Gaps:** 0',
    );
  });

  it('shows the saving of moving Fargate workloads to EC2 apart from the Fargate headline', () => {
    const onFargate = makeResult({
      name: 'on-fargate',
      launchType: 'FARGATE',
      cost: makeCost(60, 60, 8.5, { assumptions: { direction: 'fargate-to-ec2' } }),
    });
    const text = renderMarkdown(reportOf([makeResult({ cost: makeCost(100, 60, 40) }), onFargate]));
    expect(text).toContain(
      '**Projected monthly savings:** $40.00 · **Fargate → EC2 savings:** $8.50 · **Gaps:** 0',
    );
  });

  it('lists the ineligible, unknown and eligible-with-changes workloads, worst first, and not the eligible ones', () => {
    const report = estateReport();
    const rows = tableRows(renderMarkdown(report));
    const attention = report.workloads.filter((w) => w.verdict !== 'eligible');
    expect(rows).toHaveLength(attention.length);
    const verdicts = rows.map((row) => cells(row)[1]);
    expect(verdicts).toEqual([
      ...attention.filter((w) => w.verdict === 'ineligible').map(() => '⛔ Ineligible'),
      ...attention.filter((w) => w.verdict === 'unknown').map(() => '❔ Unknown'),
      ...attention.filter((w) => w.verdict === 'eligible-with-changes').map(() => '🛠️ Eligible with changes'),
    ]);
    for (const eligible of report.workloads.filter((w) => w.verdict === 'eligible')) {
      expect(rows.some((row) => row.includes(`**${escapeMarkdown(eligible.name)}**`))).toBe(false);
    }
  });

  it('gives each listed workload its main reasons, its size, where it is and its saving', () => {
    const text = renderMarkdown(
      reportOf([
        makeResult({
          name: 'reports',
          verdict: 'ineligible',
          findings: [
            makeFinding({ ruleId: 'ecs-privileged', message: 'container "app" sets privileged: true' }),
            makeFinding({
              ruleId: 'ecs-network-mode',
              severity: 'fixable',
              message: 'networkMode is "bridge"',
            }),
          ],
          cost: makeCost(59.3, 72.08, -12.78),
        }),
      ]),
    );
    const [row] = tableRows(text);
    expect(cells(row ?? '')).toEqual([
      '**reports** ECS service<br>111122223333/us-east-1/prod',
      '⛔ Ineligible',
      '0.5 vCPU / 1 GB',
      'would cost $12.78 more',
      'blocker: `ecs-privileged` container "app" sets privileged: true<br>fixable: `ecs-network-mode` networkMode is "bridge"',
    ]);
  });

  it('shows an unpriced saving as unknown and drops the savings column when nothing has one', () => {
    const mixed = renderMarkdown(
      reportOf([
        makeResult({
          name: 'a',
          verdict: 'ineligible',
          findings: [makeFinding()],
          cost: makeCost(null, 10, null),
        }),
        makeResult({ name: 'b', verdict: 'ineligible', findings: [makeFinding()] }),
      ]),
    );
    expect(cells(tableRows(mixed)[0] ?? '')[3]).toBe('unknown');
    const check = renderMarkdown(checkReport());
    expect(check).toContain('| Workload | Verdict | Fargate size | Main reasons |');
    expect(check).toContain('**kube-system/node-agent** DaemonSet<br>deploy/k8s/agent.yaml:12');
  });

  it('escapes pipes and backticks so a name cannot break the table or open code', () => {
    const text = renderMarkdown(
      reportOf([
        makeResult({
          name: 'a|b`c',
          verdict: 'ineligible',
          findings: [makeFinding({ message: 'uses `host` | mode' })],
        }),
      ]),
    );
    const [row] = tableRows(text);
    expect(cells(row ?? '')).toHaveLength(5);
    expect(row).toContain('**a\\|b\\`c**');
    expect(row).toContain('uses \\`host\\` \\| mode');
  });

  it('escapes HTML and Markdown syntax and cannot mention anyone', () => {
    const text = renderMarkdown(
      reportOf([
        makeResult({
          name: HOSTILE_NAME,
          verdict: 'ineligible',
          findings: [makeFinding({ message: 'owned by @platform-team, see [docs](https://x) *now*' })],
        }),
      ]),
    );
    expect(text).not.toMatch(/(?<!\\)<img/);
    expect(text).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(text).toContain('\\[docs\\](https://x) \\*now\\*');
    expect(text).not.toMatch(/@platform/);
    expect(text).toContain('@\u200dplatform-team');
  });

  it('keeps every listed cell on one line', () => {
    const text = renderMarkdown(
      reportOf([
        makeResult({ name: 'multi\nline\r\nname', verdict: 'ineligible', findings: [makeFinding()] }),
      ]),
    );
    expect(tableRows(text)[0]).toContain('**multi line name**');
  });

  it('lists every gap', () => {
    const report = estateReport();
    const text = renderMarkdown(report);
    expect(text).toContain(`#### Gaps (${report.gaps.length})`);
    expect(text).toContain('- 777788889999/ap-southeast-2: ecs:ListClusters was denied in ap-southeast-2');
    expect(text.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(report.gaps.length);
  });

  it('links the full report only when the URL is http(s)', () => {
    const report = reportOf([makeResult()]);
    expect(renderMarkdown(report, { reportUrl: 'https://ci.example.com/run/1/report.html' })).toContain(
      '[Full report](https://ci.example.com/run/1/report.html)',
    );
    expect(renderMarkdown(report, { reportUrl: 'javascript:alert(1)' })).not.toContain('Full report');
  });

  it('says so when every workload can move as it is', () => {
    expect(renderMarkdown(reportOf([makeResult()]))).toContain(
      'Every workload can move to Fargate as it is.',
    );
  });
});

/** The lines of the cluster compliance section, from its heading to the next heading. */
function clusterLines(markdown: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith('#### Cluster compliance'));
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && line.startsWith('#### '));
  const section = lines.slice(start, end < 0 ? undefined : end);
  while (section.at(-1) === '') section.pop();
  return section;
}

describe('renderMarkdown: cluster compliance', () => {
  const report = { ...reportOf([makeResult()]), clusters: sampleClusters() };
  const text = renderMarkdown(report);
  const section = clusterLines(text);
  const rows = section.filter((line) => line.startsWith('| **'));

  it('tabulates each open finding and failed check with its cluster, account/region, severity and rule', () => {
    expect(section[0]).toBe('#### Cluster compliance (5 clusters)');
    expect(section).toContain('| Cluster | Account / region | Severity | Rule | Message |');
    expect(rows.map(cells)).toEqual([
      [
        '**ml-training** EKS',
        '111122223333/eu-west-1',
        '❔ not evaluated',
        '`eks-supported-version`',
        'check failed: DescribeClusterVersions was denied',
      ],
      [
        '**platform** EKS',
        '111122223333/us-east-1',
        'fixable',
        '`eks-endpoint-public-access`',
        PUBLIC_ENDPOINT_MESSAGE,
      ],
      [
        '**\\<script\\>alert("c")\\</script\\>** ECS',
        '444455556666/us-east-1',
        'fixable',
        '`ecs-cluster-container-insights`',
        'Cluster \\<script\\>alert("c")\\</script\\> has containerInsights set to "disabled".',
      ],
    ]);
  });

  it('counts the clusters with no finding and the suppressed findings instead of listing them', () => {
    expect(section.at(-1)).toBe('2 clusters with no finding. 1 suppressed finding not listed.');
    expect(text).not.toContain('control-plane logging off');
    expect(text).not.toContain('prod-ec2');
  });

  it('comes after the workloads and before the gaps', () => {
    const withGap = renderMarkdown({
      ...reportOf(
        [makeResult({ verdict: 'ineligible', findings: [makeFinding()] })],
        [
          {
            scope: 'region',
            account: '111122223333',
            region: 'r-1',
            errorName: 'AccessDenied',
            message: 'denied',
          },
        ],
      ),
      clusters: sampleClusters(),
    });
    const needs = withGap.indexOf('#### Needs attention');
    const clusters = withGap.indexOf('#### Cluster compliance');
    expect(needs).toBeGreaterThan(0);
    expect(clusters).toBeGreaterThan(needs);
    expect(withGap.indexOf('#### Gaps (1)')).toBeGreaterThan(clusters);
  });

  it('has no cluster section without a cluster list, and one line when a scan read none', () => {
    expect(renderMarkdown(checkReport())).not.toContain('Cluster compliance');
    expect(renderMarkdown(reportOf([makeResult()]))).not.toContain('Cluster compliance');
    expect(clusterLines(renderMarkdown({ ...reportOf([makeResult()]), clusters: [] }))).toEqual([
      '#### Cluster compliance (0 clusters)',
      '',
      'No cluster was read, so no cluster check ran.',
    ]);
  });
});

describe('renderMarkdown: size limit', () => {
  const longMessage = 'x'.repeat(300);
  const big = reportOf(
    Array.from({ length: 1500 }, (_, i) =>
      makeResult({
        name: `service-${i}`,
        verdict: 'ineligible',
        findings: [
          makeFinding({ message: `${i} ${longMessage}` }),
          makeFinding({ ruleId: 'ecs-daemon-service', message: longMessage }),
        ],
      }),
    ),
    Array.from({ length: 50 }, (_, i) => ({
      scope: 'region',
      account: '111122223333',
      region: `r-${i}`,
      errorName: 'AccessDenied',
      message: 'denied',
    })),
  );

  it("stays under GitHub's comment limit and says how many workloads and gaps were left out", () => {
    const text = renderMarkdown(big);
    expect(GITHUB_COMMENT_MAX_CHARS).toBe(65_536);
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_MAX_CHARS);
    const shown = tableRows(text).length;
    expect(shown).toBeGreaterThan(50);
    const note = /_(\d+) more workloads not shown, to stay within the comment size limit\._/.exec(text);
    expect(Number(note?.[1])).toBe(1500 - shown);
    // Gaps are kept in full: the long workload list does not crowd them out.
    expect(text).toContain('- 111122223333/r-49: denied (AccessDenied)');
  });

  it('honours a smaller limit, keeping the counts and the table intact', () => {
    const text = renderMarkdown(big, { maxLength: 3000 });
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text).toContain('### Fargate fit: 1500 workloads');
    for (const row of tableRows(text)) expect(cells(row)).toHaveLength(5);
    expect(text).toMatch(/_\d+ more workloads not shown/);
    // A fifth of 3,000 characters holds some of the 50 gaps; the rest are counted.
    const gapsShown = text.split('\n').filter((line) => line.startsWith('- ')).length;
    expect(gapsShown).toBeGreaterThan(0);
    expect(text).toContain(`_${50 - gapsShown} more gaps not shown._`);
  });

  it('keeps cluster findings within a fifth of the room, counting the rest, beside a long workload list', () => {
    const [template] = sampleClusters().filter((c) => c.name === 'platform');
    const clusters = Array.from({ length: 2000 }, (_, i) => ({
      ...template!,
      id: `eks:cluster-${i}`,
      name: `cluster-${i}`,
    }));
    const withClusters = { ...big, clusters };
    for (const maxLength of [GITHUB_COMMENT_MAX_CHARS, 5000]) {
      const text = renderMarkdown(withClusters, { maxLength });
      expect(text.length).toBeLessThanOrEqual(maxLength);
      const section = clusterLines(text);
      const shown = section.filter((line) => line.startsWith('| **')).length;
      expect(shown).toBeGreaterThan(0);
      expect(section.join('\n').length).toBeLessThanOrEqual(maxLength / 5);
      const note = /_(\d+) more cluster findings not shown, to stay within the comment size limit\._/.exec(
        section.join('\n'),
      );
      expect(Number(note?.[1])).toBe(2000 - shown);
      expect(section.at(-1)).toBe('2000 suppressed findings not listed.');
      // The workloads and the gaps are still there.
      expect(tableRows(text).filter((row) => row.startsWith('| **service-')).length).toBeGreaterThan(0);
      expect(text).toMatch(/#### Gaps \(50\)/);
    }
  });

  it('clips one very long message instead of letting it take the whole comment', () => {
    const text = renderMarkdown(
      reportOf([
        makeResult({ verdict: 'ineligible', findings: [makeFinding({ message: 'y'.repeat(100_000) })] }),
      ]),
    );
    expect(text.length).toBeLessThan(2_000);
    expect(text).toContain('…');
  });
});
