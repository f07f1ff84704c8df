import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../../lib/findings/result.js';
import { escapeHtml, jsonForScript, safeHttpUrl } from '../../../lib/sinks/html/escape.js';
import { REPORT_CSP, renderHtml } from '../../../lib/sinks/html.js';
import { checkReport, estateReport, HOSTILE_NAME } from '../../fixtures/reports/estate.js';
import { makeCost, makeFinding, makeResult, reportOf } from '../../fixtures/reports/results.js';
import { HOSTILE_CLUSTER, PUBLIC_ENDPOINT_MESSAGE, sampleClusters } from './cluster-sample.js';

/** The JSON the page embeds, read back as the page script reads it. */
function embeddedData(html: string): { report: ReportDocument; search: string[] } {
  const match = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (match?.[1] === undefined) throw new Error('no report-data element');
  return JSON.parse(match[1]);
}

/** The markup of one section, by its id. */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  if (start < 0) throw new Error(`no section ${id}`);
  return html.slice(start, html.indexOf('</section>', start));
}

/** The markup of one figure (chart), by its id. */
function figure(html: string, id: string): string {
  const start = html.indexOf(`<figure class="chart" id="${id}"`);
  if (start < 0) throw new Error(`no figure ${id}`);
  return html.slice(start, html.indexOf('</figure>', start));
}

function barWidths(markup: string): number[] {
  return [...markup.matchAll(/<rect class="bar [^"]*" x="[^"]*" y="\d+" width="([\d.]+)%"/g)].map((m) =>
    Number(m[1]),
  );
}

describe('renderHtml: a self-contained page', () => {
  const html = renderHtml(estateReport(), { toolVersion: '1.2.3' });

  it('declares a Content Security Policy that forbids every fetch, before any style or script', () => {
    const csp = html.indexOf('http-equiv="Content-Security-Policy"');
    expect(csp).toBeGreaterThan(0);
    expect(html).toContain(`content="${REPORT_CSP.replaceAll("'", '&#39;')}"`);
    expect(REPORT_CSP).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:",
    );
    expect(csp).toBeLessThan(html.indexOf('<style>'));
    expect(csp).toBeLessThan(html.indexOf('<script'));
  });

  it('references nothing outside the file: no src, no stylesheet link, no CSS url() or @import', () => {
    expect(html).not.toMatch(/<[a-z][^>]*\ssrc=/i);
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    // The one <link> is the empty data-URL icon; every other href is a link a reader follows on
    // click (an in-page anchor or documentation), which loads nothing by itself.
    const hrefs = [...html.matchAll(/<(\w+)\s[^>]*href="([^"]*)"/g)].map((m) => [m[1], m[2]]);
    expect(hrefs.filter(([tag]) => tag === 'link')).toEqual([['link', 'data:,']]);
    for (const [tag, href] of hrefs.filter(([tag]) => tag !== 'link')) {
      expect(tag).toBe('a');
      expect(href).toMatch(/^(#[\w-]+|https:\/\/)/);
    }
  });

  it('embeds the whole report as JSON that reads back unchanged', () => {
    const data = embeddedData(html);
    expect(data.report).toEqual(JSON.parse(JSON.stringify(estateReport())));
    expect(data.search).toHaveLength(estateReport().workloads.length);
  });

  it('names the tool version, the schema and the generation time', () => {
    expect(html).toContain('fargate-fit 1.2.3 · report schema 1.0 · generated 2026-11-27 06:00 UTC');
  });

  it('is deterministic: the same report gives the same bytes', () => {
    expect(renderHtml(estateReport(), { toolVersion: '1.2.3' })).toBe(html);
  });
});

describe('renderHtml: escaping', () => {
  const scriptClose = '</script><script>alert("x")</script>';
  const report = reportOf(
    [
      makeResult({
        name: HOSTILE_NAME,
        verdict: 'ineligible',
        findings: [
          makeFinding({
            message: `container "${scriptClose}" sets privileged: true`,
            fix: '<b>bold</b> & "quoted"',
            docsUrl: 'javascript:alert(1)',
          }),
        ],
      }),
    ],
    [
      {
        scope: 'file',
        file: `manifests/${HOSTILE_NAME}.yaml`,
        errorName: 'YAMLParseError',
        message: scriptClose,
      },
    ],
  );
  const html = renderHtml(report);
  const markup = html.slice(0, html.indexOf('<script type="application/json"'));

  it('prints a workload named <img src=x onerror=alert(1)> as text, never as an element', () => {
    expect(html).not.toContain('<img');
    expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('cannot be broken out of by a message that closes the script element', () => {
    // One JSON script and one page script: nothing from the report opened another.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(markup).toContain('&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(markup).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;');
  });

  it('escapes < in the embedded JSON, which still reads back to the original strings', () => {
    const json = html.slice(html.indexOf('id="report-data">'), html.indexOf('</script>'));
    expect(json).not.toContain('<img');
    expect(json).toContain('\\u003cimg src=x onerror=alert(1)\\u003e');
    expect(embeddedData(html).report.workloads[0]?.name).toBe(HOSTILE_NAME);
  });

  it('does not link a documentation URL that is not http(s)', () => {
    expect(html).not.toContain('href="javascript:');
    expect(markup).toContain('<span class="docs">javascript:alert(1)</span>');
  });

  it('escapes every HTML-special character and replaces control characters', () => {
    expect(escapeHtml(`<a href='x'>&"\u0000`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&quot;\uFFFD');
    expect(jsonForScript({ s: '</script>&\u2028' })).toBe('{"s":"\\u003c/script\\u003e\\u0026\\u2028"}');
    expect(safeHttpUrl('https://docs.aws.amazon.com/x')).toBe('https://docs.aws.amazon.com/x');
    expect(safeHttpUrl('data:text/html,hi')).toBeNull();
    expect(safeHttpUrl('not a url')).toBeNull();
  });
});

describe('renderHtml: money', () => {
  it('shows an unpriced figure as "unknown", never as $0', () => {
    const html = renderHtml(reportOf([makeResult({ cost: makeCost(null, 36.04, null) })]));
    const row = html.slice(
      html.indexOf('<tbody class="workload"'),
      html.indexOf('</tr>', html.indexOf('<tbody class="workload"')),
    );
    expect(row).toContain(
      '<span class="money unknown" title="Not priced: see the cost breakdown in the details">unknown</span>',
    );
    expect(row).toContain('$36.04');
    expect(row).not.toContain('$0.00');
    expect(row.match(/>unknown</g)).toHaveLength(2);
  });

  it('words a negative saving as a cost', () => {
    const html = renderHtml(reportOf([makeResult({ cost: makeCost(59.3, 72.08, -12.78) })]));
    expect(html).toContain('would cost $12.78 more');
    expect(html).not.toContain('-$12.78');
  });

  it('headlines the report total when it is known', () => {
    const html = renderHtml(
      reportOf([
        makeResult({ name: 'a', cost: makeCost(1000, 500, 500) }),
        makeResult({ name: 'b', cost: makeCost(1000, 265.44, 734.56) }),
      ]),
    );
    expect(html).toMatch(/<dt>Projected monthly savings<\/dt><dd class="card-value">\$1,234\.56<\/dd>/);
  });

  it('headlines an unknown total as unknown, with the reason and the priced part kept apart', () => {
    const html = renderHtml(
      reportOf([
        makeResult({ name: 'a', cost: makeCost(100, 60, 40) }),
        makeResult({ name: 'b', cost: makeCost(null, 60, null) }),
      ]),
    );
    expect(html).toMatch(/<dt>Projected monthly savings<\/dt><dd class="card-value">unknown<\/dd>/);
    expect(html).toContain(
      'Not totalled: 1 movable workload has no price. Priced part: $40.00 from 1 of 2 movable workloads.',
    );
  });

  it('puts the saving of moving Fargate workloads to EC2 on a card of its own', () => {
    const onFargate = makeResult({
      name: 'b',
      launchType: 'FARGATE',
      cost: makeCost(54.06, 54.06, -4.5, { assumptions: { direction: 'fargate-to-ec2' } }),
    });
    const html = renderHtml(reportOf([makeResult({ name: 'a', cost: makeCost(1000, 500, 500) }), onFargate]));
    expect(html).toMatch(/<dt>Projected monthly savings<\/dt><dd class="card-value">\$500\.00<\/dd>/);
    expect(html).toMatch(
      /<dt>Fargate → EC2 savings<\/dt><dd class="card-value">would cost \$4\.50 more<\/dd><dd class="card-sub">net, if the 1 workload now on Fargate ran on EC2 instead<\/dd>/,
    );
    // Without a workload on Fargate there is no such card.
    expect(renderHtml(reportOf([makeResult()]))).not.toContain('Fargate → EC2 savings');
    // With only Fargate workloads, the charts of the move to Fargate say why they are empty.
    expect(renderHtml(reportOf([onFargate]))).toContain(
      'Every workload in this report already runs on Fargate: see the Fargate → EC2 card above.',
    );
  });

  it('marks the saving of a workload that cannot move yet as one in prospect', () => {
    const html = renderHtml(
      reportOf([
        makeResult({ verdict: 'ineligible', findings: [makeFinding()], cost: makeCost(100, 40, 60) }),
      ]),
    );
    expect(html).toContain('<span class="money">$60.00</span><span class="cell-sub">once it can move</span>');
  });

  it('says which way a workload already on Fargate is priced', () => {
    const html = renderHtml(
      reportOf([
        makeResult({
          launchType: 'FARGATE',
          cost: makeCost(54.06, 54.06, 4.03, {
            assumptions: {
              direction: 'fargate-to-ec2',
              projectedEc2MonthlyUsd: 50.03,
              priceBookDate: '2026-09-29',
            },
          }),
        }),
      ]),
    );
    expect(html).toContain('$4.03</span><span class="cell-sub">moving to EC2</span>');
    expect(html).toContain('<dt>On EC2</dt><dd>$50.03</dd>');
    expect(html).toContain('<dt>Savings moving to EC2</dt><dd>$4.03</dd>');
  });
});

describe('renderHtml: charts', () => {
  it('draws savings by account on one scale: the largest full width, the others in proportion', () => {
    const html = renderHtml(
      reportOf([
        makeResult({ name: 'a', account: '111111111111', cost: makeCost(300, 100, 200) }),
        makeResult({ name: 'b', account: '222222222222', cost: makeCost(150, 100, 50) }),
      ]),
    );
    const chart = figure(html, 'chart-accounts');
    expect(barWidths(chart)).toEqual([100, 25]);
    expect(chart.indexOf('111111111111')).toBeLessThan(chart.indexOf('222222222222'));
    expect(chart).toContain('$200.00');
    expect(chart).not.toContain('bar-axis');
  });

  it('draws a move that costs more left of a zero line', () => {
    const html = renderHtml(
      reportOf([
        makeResult({ name: 'a', account: '111111111111', cost: makeCost(130, 100, 30) }),
        makeResult({ name: 'b', account: '222222222222', cost: makeCost(90, 100, -10) }),
      ]),
    );
    const chart = figure(html, 'chart-accounts');
    // Span 40: zero at 25 %, the saving 75 % wide to its right, the loss 25 % wide to its left.
    expect(chart).toContain('<rect class="bar bar-positive" x="25%" y="2" width="75%"');
    expect(chart).toContain('<rect class="bar bar-negative" x="0%" y="2" width="25%"');
    expect(chart).toContain('<line class="bar-axis" x1="25%"');
    expect(chart).toContain('would cost $10.00 more');
  });

  it('keeps clusters of the same name in different accounts as separate bars', () => {
    const html = renderHtml(
      reportOf([
        makeResult({ name: 'a', account: '111111111111', cluster: 'prod' }),
        makeResult({ name: 'b', account: '222222222222', cluster: 'prod' }),
      ]),
    );
    expect(barWidths(figure(html, 'chart-clusters'))).toHaveLength(2);
  });

  it('shows a group with nothing to move as a dash, not as an unknown or $0', () => {
    const html = renderHtml(reportOf([makeResult({ verdict: 'ineligible', findings: [makeFinding()] })]));
    const chart = figure(html, 'chart-accounts');
    expect(chart).toContain('<span class="money none">—</span>');
    expect(chart).toContain('no workload can move yet');
    expect(barWidths(chart)).toEqual([]);
  });

  it('folds accounts beyond the limit into one bar', () => {
    const workloads = Array.from({ length: 14 }, (_, i) =>
      makeResult({ name: `w${i}`, account: String(100000000000 + i), cost: makeCost(100, 50, i + 1) }),
    );
    const chart = figure(renderHtml(reportOf(workloads), { chartGroupLimit: 5 }), 'chart-accounts');
    expect(barWidths(chart)).toHaveLength(5);
    expect(chart).toContain('10 other accounts');
    // 1 + 2 + ... + 10: the folded bar keeps the money of the accounts it stands for.
    expect(chart).toContain('$55.00');
  });

  it('splits the verdict bar in proportion to the counts', () => {
    const html = renderHtml(
      reportOf([
        makeResult({ name: 'a' }),
        makeResult({ name: 'b', verdict: 'ineligible', findings: [makeFinding()] }),
        makeResult({ name: 'c', verdict: 'ineligible', findings: [makeFinding()] }),
        makeResult({
          name: 'd',
          verdict: 'eligible-with-changes',
          findings: [makeFinding({ severity: 'fixable' })],
        }),
      ]),
    );
    const chart = figure(html, 'chart-verdicts');
    expect(barWidths(chart)).toEqual([25, 25, 50]);
    expect(chart).toMatch(
      /Ineligible<\/span><span class="legend-count">2<\/span><span class="legend-share">50%/,
    );
  });

  it('replaces the savings charts with one explanation for workloads read from files', () => {
    const html = renderHtml(checkReport());
    expect(html).not.toContain('id="chart-accounts"');
    expect(figure(html, 'chart-savings')).toContain(
      'Workloads read from files have no account, cluster or current cost: run a scan for this chart.',
    );
  });
});

describe('renderHtml: top blockers', () => {
  it('lists each blocking rule with the workloads it blocks and the savings behind it', () => {
    const privileged = makeFinding();
    const html = renderHtml(
      reportOf([
        makeResult({ name: 'a', verdict: 'ineligible', findings: [privileged], cost: makeCost(100, 40, 60) }),
        makeResult({
          name: 'b',
          verdict: 'ineligible',
          findings: [privileged],
          cost: makeCost(null, 40, null),
        }),
      ]),
    );
    const blockers = section(html, 'blockers');
    expect(blockers).toContain('Privileged container');
    expect(blockers).toContain('<code>ecs-privileged</code>');
    expect(blockers).toContain('<span class="count">2</span>');
    expect(blockers).toContain('$60.00</span><span class="cell-sub">1 not priced</span>');
  });

  it('says when nothing blocks', () => {
    expect(section(renderHtml(reportOf([makeResult()])), 'blockers')).toContain(
      'No rule blocks any workload.',
    );
  });
});

describe('renderHtml: workload table and details', () => {
  const report = estateReport();
  const html = renderHtml(report);

  it('has one row group and one <details> per workload, in report order', () => {
    const indexes = [
      ...html.matchAll(/<tbody class="workload" data-index="(\d+)" data-verdict="([a-z-]+)">/g),
    ];
    expect(indexes.map((m) => Number(m[1]))).toEqual(report.workloads.map((_, i) => i));
    expect(indexes.map((m) => m[2])).toEqual(report.workloads.map((w) => w.verdict));
    expect(html.match(/<details id="workload-\d+">/g)).toHaveLength(report.workloads.length);
  });

  it('offers a sort button in every sortable column header and a verdict and text filter', () => {
    const keys = [
      ...html.matchAll(
        /<th scope="col" class="[^"]*" data-sort-key="(\w+)"[^>]*><button type="button" class="sort">/g,
      ),
    ];
    expect(keys.map((m) => m[1])).toEqual([
      'name',
      'verdict',
      'launchType',
      'replicas',
      'current',
      'fargate',
      'savings',
    ]);
    const thead = html.slice(
      html.indexOf('<thead>', html.indexOf('id="workload-table"')),
      html.indexOf('</thead>', html.indexOf('id="workload-table"')),
    );
    expect(thead).not.toContain('aria-sort');
    expect(html).toContain('<select id="filter-verdict">');
    expect(html).toContain('<input id="filter-text" type="search"');
  });

  it('shows every finding with its fix and documentation link, the Fargate size and the cost breakdown', () => {
    for (const workload of report.workloads) {
      for (const finding of workload.findings) {
        expect(html).toContain(escapeHtml(finding.message));
        expect(html).toContain(escapeHtml(finding.fix));
        expect(html).toContain(`href="${escapeHtml(finding.docsUrl)}"`);
      }
      for (const line of workload.cost?.breakdown ?? []) expect(html).toContain(escapeHtml(line));
    }
    expect(html).toContain('<p class="size"><strong>0.5 vCPU / 1 GB</strong></p>');
  });

  it('explains a workload whose rule failed instead of calling it eligible', () => {
    const unknown = report.workloads.findIndex((w) => w.verdict === 'unknown');
    const group = html.slice(
      html.indexOf(`data-index="${unknown}"`),
      html.indexOf('</tbody>', html.indexOf(`data-index="${unknown}"`)),
    );
    expect(group).toContain('<span class="badge verdict-unknown">Unknown</span>');
    expect(group).toContain('Rules that failed to evaluate');
    expect(group).toContain('annotation &quot;team&quot; is not a string');
  });

  it('marks suppressed findings with who suppressed them and until when', () => {
    const html = renderHtml(
      reportOf([
        makeResult({
          findings: [
            makeFinding({
              severity: 'fixable',
              suppressed: { owner: 'platform-team', reason: 'migrating in Q1', expires: '2027-03-31' },
            }),
          ],
        }),
      ]),
    );
    expect(html).toContain('Suppressed by platform-team until 2027-03-31: migrating in Q1');
  });

  it('shows a dash for the launch type of workloads read from files', () => {
    expect(renderHtml(checkReport())).toContain('title="Not known for workloads read from files">—</span>');
  });
});

describe('renderHtml: cluster compliance', () => {
  const clusters = sampleClusters();
  const report = { ...reportOf([makeResult()]), clusters };
  const html = renderHtml(report);
  const markup = html.slice(0, html.indexOf('<script type="application/json"'));
  const clusterSection = section(html, 'clusters');
  /** The card of one cluster, by the name as printed. */
  const card = (name: string): string => {
    const start = clusterSection.indexOf(`<h3 class="cluster-name">${name}</h3>`);
    if (start < 0) throw new Error(`no card for ${name}`);
    return clusterSection.slice(start, clusterSection.indexOf('<li class="cluster ', start));
  };

  it('has its own section after the workloads and before the gaps, with a count of where clusters stand', () => {
    expect(markup.indexOf('<section id="workloads"')).toBeLessThan(markup.indexOf('<section id="clusters"'));
    expect(markup.indexOf('<section id="clusters"')).toBeLessThan(markup.indexOf('<section id="gaps"'));
    expect(clusterSection).toContain('<h2 id="clusters-title">Cluster compliance</h2>');
    expect(clusterSection).toContain(
      '5 clusters: 2 with findings, 1 not fully evaluated, 2 with no finding.',
    );
  });

  it('shows a finding with its cluster, account, region and kind, its fix and documentation link', () => {
    const platform = card('platform');
    const finding = clusters[1]!.findings.find((f) => f.ruleId === 'eks-endpoint-public-access')!;
    expect(platform).toContain(`<strong class="finding-title">${PUBLIC_ENDPOINT_MESSAGE}</strong>`);
    expect(platform).toContain(
      '<span class="part">EKS cluster</span> · <span class="part">111122223333</span> · <span class="part">us-east-1</span> · <span class="part">Kubernetes 1.34</span>',
    );
    expect(platform).toContain(`<span class="fix-label">Fix:</span> ${escapeHtml(finding.fix)}</p>`);
    expect(platform).toContain(`href="${finding.docsUrl}"`);
    // The check's title names the control asked for; it is labelled so, not shown as the problem.
    expect(platform).toContain(
      '<span class="fix-label">Control:</span> EKS cluster API endpoint is not publicly accessible <code>eks-endpoint-public-access</code>',
    );
  });

  it('marks a suppressed cluster finding with who suppressed it and until when, listed last', () => {
    const platform = card('platform');
    expect(platform).toContain('<span class="badge cluster-badge-findings">1 finding</span>');
    expect(platform).toContain('Suppressed by platform-team until 2027-03-31: logs go to Splunk');
    expect(platform.indexOf(PUBLIC_ENDPOINT_MESSAGE)).toBeLessThan(
      platform.indexOf('Cluster platform has control-plane logging off.'),
    );
    expect(platform).toMatch(
      /<li class="finding finding-fixable is-suppressed">[\s\S]*control-plane logging off/,
    );
  });

  it('shows a cluster whose check failed as not evaluated, first, never among those with no finding', () => {
    const broken = card('ml-training');
    expect(broken).toContain('<span class="badge cluster-badge-not-evaluated">Not fully evaluated</span>');
    expect(broken).toContain('1 check failed, so this cluster may have findings not shown here.');
    expect(broken).toContain('<code>eks-supported-version</code> DescribeClusterVersions was denied');
    const names = [...clusterSection.matchAll(/<h3 class="cluster-name">([^<]*)<\/h3>/g)].map((m) => m[1]);
    expect(names).toEqual(['ml-training', 'platform', escapeHtml(HOSTILE_CLUSTER)]);
  });

  it('counts the clusters with no finding under one disclosure instead of a card each', () => {
    expect(clusterSection).toContain(
      '<details class="clusters-clean"><summary>2 clusters with no finding</summary>',
    );
    const clean = clusterSection.slice(clusterSection.indexOf('<details class="clusters-clean">'));
    expect(clean).toContain('<span class="wl-name">prod-ec2</span>');
    expect(clean).toContain('<span class="wl-name">staging</span>');
    expect(clean).not.toContain('ml-training');
  });

  it('prints a cluster named <script> as text, in the section and in its messages', () => {
    expect(html.match(/<script/g)).toHaveLength(2);
    const hostile = card(escapeHtml(HOSTILE_CLUSTER));
    expect(hostile).toContain(
      'Cluster &lt;script&gt;alert(&quot;c&quot;)&lt;/script&gt; has containerInsights set to &quot;disabled&quot;.',
    );
    expect(hostile).toContain(
      '<span class="part">ECS cluster</span> · <span class="part">444455556666</span>',
    );
    expect(embeddedData(html).report.clusters?.[2]?.name).toBe(HOSTILE_CLUSTER);
  });

  it('headlines the open cluster findings on a card linking to the section, and counts those clusters in scope', () => {
    expect(markup).toMatch(
      /<dt>Cluster findings<\/dt><dd class="card-value">2<\/dd><dd class="card-sub"><a href="#clusters">in 2 of 5 clusters, 1 check not evaluated<\/a><\/dd>/,
    );
    // The workload's cluster prod plus the five the checks read.
    expect(markup).toContain('Scan of 1 workload in 1 account, 1 region and 6 clusters');
  });

  it('has no section and no card when the report carries no cluster list, as from check', () => {
    for (const page of [renderHtml(reportOf([makeResult()])), renderHtml(checkReport())]) {
      const main = page.slice(page.indexOf('<main>'), page.indexOf('</main>'));
      expect(main).not.toContain('id="clusters"');
      expect(main).not.toContain('Cluster compliance');
      expect(main).not.toContain('Cluster findings');
    }
  });

  it('says so when a scan read no cluster', () => {
    const page = renderHtml({ ...reportOf([]), clusters: [] });
    expect(section(page, 'clusters')).toContain('No cluster was read, so no cluster check ran.');
    expect(page).not.toContain('Cluster findings');
  });
});

describe('renderHtml: gaps and assumptions', () => {
  it('lists every gap and flags them above the figures', () => {
    const report = estateReport();
    const html = renderHtml(report);
    expect(html).toContain(`<strong>${report.gaps.length} gaps:</strong>`);
    const gaps = section(html, 'gaps');
    for (const gap of report.gaps) expect(gaps).toContain(escapeHtml(gap.message));
  });

  it('has no gap banner when everything was read', () => {
    const html = renderHtml(reportOf([makeResult()]));
    expect(html).not.toContain('class="gap-banner"');
    expect(section(html, 'gaps')).toContain(
      'None: every account, region, cluster, file and price the run needed was read.',
    );
  });

  it('names the price-book date and the settings the prices assume', () => {
    const assumptions = section(renderHtml(estateReport()), 'assumptions');
    expect(assumptions).toMatch(/price book dated <strong>\d{4}-\d{2}-\d{2}<\/strong>/);
    expect(assumptions).toContain('Hours in a month <code>hoursPerMonth</code></th><td>730</td>');
    expect(assumptions).toContain(
      'Idle EC2 capacity <code>idleTreatment</code></th><td>proportional-idle</td>',
    );
  });
});

describe('renderHtml: robustness', () => {
  it('renders a report carrying fields it does not know, and keeps them in the embedded data', () => {
    const report = { ...reportOf([makeResult()]), futureField: [{ name: 'prod', fargateProfiles: 2 }] };
    const html = renderHtml(report);
    expect(html).toContain('<span class="wl-name">web</span>');
    expect((embeddedData(html).report as unknown as { futureField: unknown }).futureField).toEqual(
      report.futureField,
    );
  });

  it('renders an empty report', () => {
    const html = renderHtml(reportOf([]));
    expect(html).toContain('No workloads in this report.');
    expect(html).toContain('No rule blocks any workload.');
  });
});
