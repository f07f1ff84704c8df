import { describe, expect, it } from 'vitest';
import { buildReport } from '../../../lib/findings/assemble.js';
import { formatSize, gapText, printable, renderTable, savingsCell } from '../../../lib/sinks/table.js';
import { HOSTILE_CLUSTER, PUBLIC_ENDPOINT_MESSAGE, sampleClusters } from './cluster-sample.js';
import { pricedCost, sampleGap, sampleReport } from './report-sample.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escape sequences is the point.
const ANSI = /\u001b\[/;

describe('renderTable', () => {
  const text = renderTable(sampleReport());
  const lines = text.split('\n');

  it('writes one line per workload with verdict, size, id and name, and main reasons', () => {
    const row = lines.find((l) => l.includes('k8s/agents.yaml#1'));
    expect(row).toBeDefined();
    expect(row!.startsWith('ineligible')).toBe(true);
    expect(row).toContain('DaemonSet kube-system/node-agent');
    // No CPU request, 1024 MiB + 256 MiB pod overhead: the 0.25 vCPU row's 2 GB step.
    expect(row).toContain('0.25 vCPU / 2 GB');
    expect(row).toContain('eks-host-network: hostNetwork: true is not supported on Fargate');
    for (const id of ['ecs/web.json#0', 'k8s/agents.yaml#1', 'k8s/app.yaml#0', 'k8s/app.yaml#1']) {
      expect(lines.filter((l) => l.includes(id))).toHaveLength(1);
    }
  });

  it('aligns the columns', () => {
    const rows = lines.filter((l) => /#\d/.test(l));
    const sizeColumn = rows.map((l) => l.search(/\d+(\.\d+)? vCPU/));
    expect(new Set(sizeColumn).size).toBe(1);
  });

  it('lists gaps with file and line, then a summary line with counts', () => {
    expect(text).toContain(
      '  manifests/broken.yaml:7: Nested mappings are not allowed in compact mappings (YAMLParseError)\n',
    );
    expect(lines.at(-2)).toBe(
      '4 workloads: 1 eligible, 1 eligible with changes, 1 ineligible, 1 unknown; findings: 3 fargate, 1 compliance; 1 gap',
    );
  });

  it('shows "+N more" when a workload has more reasons than fit', () => {
    const one = renderTable(sampleReport(), { reasonsPerWorkload: 1 });
    expect(one.split('\n').find((l) => l.includes('k8s/agents.yaml#1'))).toMatch(/\(\+1 more\)$/);
  });

  it('has no colour codes unless asked, and colours the verdict when asked', () => {
    expect(ANSI.test(text)).toBe(false);
    const coloured = renderTable(sampleReport(), { colors: true });
    expect(coloured).toContain('\u001b[31mineligible');
  });

  it('adds total savings to the summary when they are known', () => {
    const report = sampleReport();
    const priced = buildReport(
      report.workloads
        .filter((w) => w.verdict !== 'unknown')
        .map((w) => ({ ...w, cost: { ...pricedCost, monthlySavingsUsd: 1234.5 } })),
      [],
    );
    expect(renderTable(priced).trimEnd().split('\n').at(-1)).toMatch(
      /; 0 gaps; monthly savings moving to Fargate \$2,469\.00$/,
    );
  });

  it('keeps the saving of moving Fargate workloads to EC2 apart from the move to Fargate', () => {
    const base = sampleReport().workloads[0]!;
    const workload = (id: string, launchType: 'EC2' | 'FARGATE', monthlySavingsUsd: number) => ({
      ...base,
      id,
      launchType,
      cost: { ...pricedCost, monthlySavingsUsd },
    });
    const report = buildReport(
      [workload('a', 'EC2', 100), workload('b', 'FARGATE', -12.5), workload('c', 'FARGATE', 2.25)],
      [],
    );
    expect(renderTable(report).trimEnd().split('\n').at(-1)).toMatch(
      /; monthly savings moving to Fargate \$100\.00; moving Fargate workloads to EC2 would cost \$10\.25 more a month$/,
    );
  });

  it('does not repeat a location the gap message already starts with', () => {
    const gap = { ...sampleGap, message: 'manifests/broken.yaml:7: YAML syntax error' };
    expect(gapText(gap)).toBe('manifests/broken.yaml:7: YAML syntax error (YAMLParseError)');
    expect(
      gapText({
        scope: 'region',
        account: '111122223333',
        region: 'eu-west-1',
        errorName: 'AccessDenied',
        message: 'no role',
      }),
    ).toBe('111122223333/eu-west-1: no role (AccessDenied)');
  });

  it('keeps a workload on one line and strips terminal escapes from manifest text', () => {
    const report = sampleReport();
    const hostile = {
      ...report,
      workloads: [{ ...report.workloads[0]!, name: 'web\n\u001b]0;pwned\u0007' }],
    };
    const out = renderTable(hostile);
    expect(ANSI.test(out) || out.includes('\u001b')).toBe(false);
    expect(out.split('\n').filter((l) => l.includes('ecs/web.json#0'))).toHaveLength(1);
    expect(printable('a\r\nb\u0007')).toBe('a b\uFFFD');
  });

  it('says so when there is nothing to show', () => {
    expect(renderTable(buildReport([], []))).toContain('No workloads found.');
  });
});

describe('renderTable: cluster compliance', () => {
  const report = { ...sampleReport(), clusters: sampleClusters() };
  const lines = renderTable(report).split('\n');
  const start = lines.indexOf(
    'Cluster compliance (5 clusters: 2 with findings, 1 not fully evaluated, 2 with no finding):',
  );

  it('adds a block after the workload table, one line per failed check and open finding, worst first', () => {
    expect(start).toBeGreaterThan(lines.findIndex((l) => l.includes('k8s/agents.yaml#1')));
    expect(start).toBeLessThan(lines.findIndex((l) => l.startsWith('Gaps:')));
    expect(lines.slice(start + 1, start + 4)).toEqual([
      '  ml-training (EKS 111122223333/eu-west-1) — not evaluated — check failed: DescribeClusterVersions was denied [eks-supported-version]',
      `  platform (EKS 111122223333/us-east-1) — fixable — ${PUBLIC_ENDPOINT_MESSAGE} [eks-endpoint-public-access]`,
      `  ${HOSTILE_CLUSTER} (ECS 444455556666/us-east-1) — fixable — Cluster ${HOSTILE_CLUSTER} has containerInsights set to "disabled". [ecs-cluster-container-insights]`,
    ]);
    expect(lines[start + 4]).toBe('  1 suppressed finding not listed');
    expect(lines[start + 5]).toBe('');
  });

  it('keeps a cluster on one line and strips terminal escapes from its name', () => {
    const [platform] = sampleClusters().filter((c) => c.name === 'platform');
    const out = renderTable({
      ...sampleReport(),
      clusters: [{ ...platform!, name: 'plat\n\u001b]0;pwned\u0007form' }],
    });
    expect(out.includes('\u001b')).toBe(false);
    expect(out).toContain('  plat \uFFFD]0;pwned\uFFFDform (EKS 111122223333/us-east-1) — fixable — ');
  });

  it('is left out when the report has no cluster, or no cluster list', () => {
    expect(renderTable(sampleReport())).not.toContain('Cluster compliance');
    expect(renderTable({ ...sampleReport(), clusters: [] })).not.toContain('Cluster compliance');
  });
});

describe('formatSize', () => {
  it('writes vCPU and GB, or a dash without a size', () => {
    expect(formatSize({ cpu: 256, memoryMiB: 512 })).toBe('0.25 vCPU / 0.5 GB');
    expect(formatSize({ cpu: 16384, memoryMiB: 122880 })).toBe('16 vCPU / 120 GB');
    expect(formatSize(null)).toBe('-');
  });
});

describe('table money columns', () => {
  const withSavings = (monthlySavingsUsd: number | null) =>
    ({
      cost: {
        currentMonthlyUsd: null,
        fargateMonthlyUsd: 10,
        monthlySavingsUsd,
        breakdown: [],
        assumptions: {},
      },
    }) as unknown as Parameters<typeof savingsCell>[0];

  it('says a move would cost more instead of printing a bare negative saving', () => {
    expect(savingsCell(withSavings(-12.78))).toBe('costs $12.78 more');
    expect(savingsCell(withSavings(12.41))).toBe('$12.41');
  });

  it('says unknown, never $0, when the saving cannot be priced', () => {
    expect(savingsCell(withSavings(null))).toBe('unknown');
  });
});
