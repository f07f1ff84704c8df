import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, renderCsv } from '../../../lib/sinks/csv.js';
import { sampleReport } from './report-sample.js';

/** An independent RFC 4180 reader, so the test checks the quoting rather than echoing it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  expect(field).toBe('');
  return rows;
}

describe('renderCsv', () => {
  const rows = parseCsv(renderCsv(sampleReport()));
  const header = rows[0]!;
  const byId = new Map(rows.slice(1).map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));

  it('has the documented header and one CRLF-terminated row per workload', () => {
    expect(header).toEqual([
      'id',
      'kind',
      'name',
      'namespace',
      'cluster',
      'account',
      'region',
      'launchType',
      'verdict',
      'replicas',
      'fargateCpu',
      'fargateMemoryMiB',
      'currentMonthlyUsd',
      'fargateMonthlyUsd',
      'monthlySavingsUsd',
      'blockers',
      'fixables',
      'advisories',
      'mainReasons',
      'savingsDirection',
    ]);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row).toHaveLength(header.length);
  });

  it('writes verdict, size, counts and reasons, most important first', () => {
    expect(byId.get('k8s/agents.yaml#1')).toMatchObject({
      kind: 'DaemonSet',
      namespace: 'kube-system',
      verdict: 'ineligible',
      blockers: '1',
      fixables: '1',
      advisories: '0',
      mainReasons:
        'eks-host-network: hostNetwork: true is not supported on Fargate; eks-cpu-request-missing: container "agent" has no CPU request',
    });
  });

  it('leaves unknown money and sizes empty, never 0', () => {
    const unpriced = byId.get('k8s/agents.yaml#1')!;
    expect(unpriced.currentMonthlyUsd).toBe('');
    expect(unpriced.monthlySavingsUsd).toBe('');
    const priced = byId.get('ecs/web.json#0')!;
    expect(priced).toMatchObject({
      fargateCpu: '256',
      fargateMemoryMiB: '512',
      currentMonthlyUsd: '70.08',
      fargateMonthlyUsd: '36.04',
      monthlySavingsUsd: '34.04',
      namespace: '',
    });
  });

  it('says which move each saving prices, so a column sum never mixes the two', () => {
    const report = sampleReport();
    const onFargate = { ...report.workloads[0]!, id: 'svc/on-fargate', launchType: 'FARGATE' as const };
    const onEc2 = { ...report.workloads[0]!, id: 'svc/on-ec2', launchType: 'EC2' as const };
    const [head, ...body] = parseCsv(renderCsv({ ...report, workloads: [onFargate, onEc2] }));
    const column = head!.indexOf('savingsDirection');
    expect(body.map((r) => [r[0], r[column]])).toEqual([
      ['svc/on-fargate', 'fargateToEc2'],
      ['svc/on-ec2', 'ec2ToFargate'],
    ]);
  });

  it('quotes a name holding a comma and quotes so it survives a round trip', () => {
    expect(byId.get('k8s/app.yaml#0')?.name).toBe('api, "v2"');
    expect(renderCsv(sampleReport())).toContain('"api, ""v2"""');
  });

  it('reports the failing rule of an unknown verdict', () => {
    expect(byId.get('k8s/app.yaml#1')).toMatchObject({
      verdict: 'unknown',
      mainReasons: 'eks-explodes: rule failed to evaluate: cannot read annotations',
    });
  });
});

describe('csvField', () => {
  it('quotes line breaks', () => {
    expect(csvField('a\nb')).toBe('"a\nb"');
  });

  it('defuses text a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-12.5)).toBe('-12.5');
  });
});
