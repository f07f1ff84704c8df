import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../lib/cli/main.js';
import type { ReportDocument, WorkloadResult } from '../../../lib/findings/result.js';
import { reportValidator } from '../sinks/report-schema.js';

const FIXTURES = 'test/fixtures/cli';
const CLEAN = `${FIXTURES}/clean`;
const MIXED = `${FIXTURES}/mixed`;
const BROKEN = `${FIXTURES}/malformed/broken.yaml`;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(args: string[], options: { isTTY?: boolean; colors?: boolean } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    isTTY: options.isTTY ?? false,
    ...(options.colors === undefined ? {} : { colors: options.colors }),
    now: () => new Date('2026-11-27T12:00:00Z'),
  });
  return { code, stdout, stderr };
}

async function report(args: string[]): Promise<{ run: Run; doc: ReportDocument }> {
  const result = await run(['check', ...args, '--format', 'json']);
  return { run: result, doc: JSON.parse(result.stdout) as ReportDocument };
}

function workload(doc: ReportDocument, fileSuffix: string, documentIndex = 0): WorkloadResult {
  const found = doc.workloads.find(
    (w) => w.source?.file.endsWith(fileSuffix) && w.source.documentIndex === documentIndex,
  );
  if (!found)
    throw new Error(`no workload from ${fileSuffix}#${documentIndex} in ${doc.workloads.map((w) => w.id)}`);
  return found;
}

describe('fargate-fit check --format json', () => {
  it('judges eligible files with exit code 0 and a document that validates against the schema', async () => {
    const { run: result, doc } = await report([CLEAN]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const validate = reportValidator();
    expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(doc.generatedAt).toBe('2026-11-27T12:00:00.000Z');
    expect(doc.summary.workloads).toBe(2);
    expect(doc.gaps).toEqual([]);

    const task = workload(doc, 'clean/web-task.json');
    expect(task).toMatchObject({
      kind: 'ecs-task-definition',
      name: 'web',
      namespace: null,
      verdict: 'eligible',
      fargateSize: { cpu: 256, memoryMiB: 512 },
    });
    expect(task.id).toBe(`${task.source?.file}#0`);

    const deployment = workload(doc, 'clean/web-deployment.yaml');
    // 500m and 1 GiB requested, plus 256 MiB of pod overhead: 0.5 vCPU with its 2 GB minimum.
    expect(deployment).toMatchObject({
      kind: 'Deployment',
      name: 'web',
      namespace: 'shop',
      replicas: 3,
      verdict: 'eligible',
      fargateSize: { cpu: 512, memoryMiB: 2048 },
    });
    expect(deployment.source).toMatchObject({ documentIndex: 0 });
  });

  it('gives blockers and fixable changes their verdicts and keeps the document index of multi-document files', async () => {
    const { run: result, doc } = await report([MIXED]);
    expect(result.code).toBe(0);
    expect(doc.workloads).toHaveLength(3);
    const daemonSet = workload(doc, 'mixed/agents.yaml', 1);
    expect(daemonSet.kind).toBe('DaemonSet');
    expect(daemonSet.verdict).toBe('ineligible');
    expect(daemonSet.id.endsWith('agents.yaml#1')).toBe(true);
    expect(daemonSet.findings.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['eks-daemonset', 'eks-host-network']),
    );
    expect(workload(doc, 'mixed/privileged-task.json').verdict).toBe('ineligible');
    const hostPort = workload(doc, 'mixed/host-port.yaml');
    expect(hostPort.verdict).toBe('eligible-with-changes');
    expect(hostPort.findings.some((f) => f.ruleId === 'eks-host-port' && f.severity === 'fixable')).toBe(
      true,
    );
    expect(doc.summary.byVerdict).toEqual({
      eligible: 0,
      'eligible-with-changes': 1,
      ineligible: 2,
      unknown: 0,
    });
  });
});

describe('fargate-fit check --fail-on', () => {
  it('does not fail by default, whatever the verdicts', async () => {
    expect((await run(['check', MIXED, '--format', 'json'])).code).toBe(0);
  });

  it('exits 1 with ineligible when a workload is ineligible, naming it', async () => {
    const result = await run(['check', MIXED, '--format', 'json', '--fail-on', 'ineligible']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/fail-on ineligible: 2 workloads tripped the gate/);
    expect(result.stderr).toContain('agents.yaml#1');
  });

  it('passes ineligible but fails changes when a workload only needs changes', async () => {
    const hostPort = `${MIXED}/host-port.yaml`;
    expect((await run(['check', hostPort, '--format', 'json', '--fail-on', 'ineligible'])).code).toBe(0);
    expect((await run(['check', hostPort, '--format', 'json', '--fail-on', 'changes'])).code).toBe(1);
  });

  it('passes changes when every Fargate verdict is eligible', async () => {
    const result = await run([
      'check',
      CLEAN,
      '--format',
      'json',
      '--fail-on',
      'changes',
      '--category',
      'fargate',
    ]);
    expect(result.code).toBe(0);
  });

  it('never fails with never', async () => {
    expect((await run(['check', MIXED, '--format', 'json', '--fail-on', 'never'])).code).toBe(0);
  });
});

describe('fargate-fit check --category', () => {
  it('reports only fargate findings with fargate, and only compliance findings with compliance, same verdicts', async () => {
    const all = (await report([MIXED])).doc;
    const fargate = (await report([MIXED, '--category', 'fargate'])).doc;
    const compliance = (await report([MIXED, '--category', 'compliance'])).doc;
    expect(fargate.workloads.flatMap((w) => w.findings).every((f) => f.category === 'fargate')).toBe(true);
    expect(compliance.workloads.flatMap((w) => w.findings).every((f) => f.category === 'compliance')).toBe(
      true,
    );
    expect(compliance.summary.findingsByCategory.compliance).toBeGreaterThan(0);
    expect(compliance.summary.findingsByCategory.fargate).toBe(0);
    expect(fargate.summary.findingsByCategory.fargate).toBe(all.summary.findingsByCategory.fargate);
    expect(compliance.workloads.map((w) => w.verdict)).toEqual(all.workloads.map((w) => w.verdict));
  });

  it('gates on compliance findings, not on the Fargate verdict, with --category compliance', async () => {
    // The privileged task fails compliance controls (ECS.4 and others) as well as Fargate rules.
    const privileged = `${MIXED}/privileged-task.json`;
    const args = ['check', privileged, '--format', 'json', '--category', 'compliance'];
    expect((await run([...args, '--fail-on', 'changes'])).code).toBe(1);
    // No compliance blocker, and the ineligible Fargate verdict is not what was asked about.
    expect((await run([...args, '--fail-on', 'ineligible'])).code).toBe(0);
  });
});

describe('fargate-fit check with a malformed file', () => {
  it('lists the file as a gap with its line, still judges every other file, and exits 2', async () => {
    const { run: result, doc } = await report([CLEAN, BROKEN]);
    expect(result.code).toBe(2);
    expect(doc.workloads.map((w) => w.source?.file.split('/').pop())).toEqual(
      expect.arrayContaining(['web-task.json', 'web-deployment.yaml']),
    );
    expect(doc.workloads.every((w) => w.verdict === 'eligible')).toBe(true);
    expect(doc.gaps).toHaveLength(1);
    expect(doc.gaps[0]?.file?.endsWith('malformed/broken.yaml')).toBe(true);
    expect(doc.gaps[0]?.line).toBe(12);
    expect(doc.summary.gaps).toBe(1);
    expect(result.stderr).toMatch(/error: \S*malformed\/broken\.yaml:12: /);
  });

  it('exits 2 rather than 1 when both a gap and the fail-on gate apply', async () => {
    const result = await run(['check', MIXED, BROKEN, '--format', 'json', '--fail-on', 'ineligible']);
    expect(result.code).toBe(2);
  });

  it('exits 2 naming a path that does not exist', async () => {
    const result = await run(['check', `${FIXTURES}/no-such-dir`, '--format', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no-such-dir');
  });

  it('exits 2 when the paths hold no workload at all', async () => {
    const result = await run(['check', `${FIXTURES}/empty`, '--format', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no workloads/);
  });
});

describe('fargate-fit check formats', () => {
  it('defaults to a plain table on a terminal, with colours only when they are on', async () => {
    const plain = await run(['check', MIXED], { isTTY: true, colors: false });
    expect(plain.code).toBe(0);
    const lines = plain.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^VERDICT\s+FARGATE SIZE\s+FARGATE\/MO\s+SAVINGS\/MO\s+WORKLOAD\s+MAIN REASONS$/,
    );
    expect(lines.find((l) => l.includes('agents.yaml#1'))).toMatch(
      /^ineligible .*DaemonSet monitoring\/node-agent/,
    );
    expect(lines.at(-1)).toMatch(
      /^3 workloads: 0 eligible, 1 eligible with changes, 2 ineligible, 0 unknown;/,
    );
    expect(plain.stdout).not.toContain('\u001b[');
    const coloured = await run(['check', MIXED], { isTTY: true });
    expect(coloured.stdout).toContain('\u001b[');
  });

  it('defaults to JSON when stdout is not a terminal', async () => {
    const result = await run(['check', CLEAN]);
    expect((JSON.parse(result.stdout) as ReportDocument).schemaVersion).toBe('1.0');
  });

  it('writes SARIF with file locations and YAML document lines', async () => {
    const result = await run(['check', MIXED, '--format', 'sarif']);
    const log = JSON.parse(result.stdout) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: {
          ruleId: string;
          level: string;
          locations: {
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
          }[];
        }[];
      }[];
    };
    expect(log.version).toBe('2.1.0');
    const run0 = log.runs[0]!;
    expect(run0.tool.driver.rules.map((r) => r.id)).toContain('eks-host-network');
    const hostNetwork = run0.results.find((r) => r.ruleId === 'eks-host-network')!;
    expect(hostNetwork.level).toBe('error');
    const location = hostNetwork.locations[0]!.physicalLocation;
    expect(location.artifactLocation.uri.endsWith('mixed/agents.yaml')).toBe(true);
    // The DaemonSet is the second document, after the `---` on line 8.
    expect(location.region.startLine).toBeGreaterThanOrEqual(8);
    expect(location.region.startLine).toBeLessThanOrEqual(9);
    expect(run0.results.find((r) => r.ruleId === 'eks-host-port')?.level).toBe('warning');
  });

  it('writes CSV with a header and one row per workload', async () => {
    const result = await run(['check', MIXED, '--format', 'csv']);
    const lines = result.stdout.split('\r\n').filter((l) => l !== '');
    expect(lines[0]?.startsWith('id,kind,name,namespace,cluster,account,region,launchType,verdict,')).toBe(
      true,
    );
    expect(lines).toHaveLength(4);
    expect(lines.find((l) => l.includes('agents.yaml#1'))).toMatch(
      /,DaemonSet,node-agent,monitoring,,,,,ineligible,/,
    );
  });

  it('never prints the value of an environment variable, config map or malformed line, in any format', async () => {
    for (const format of ['json', 'csv', 'sarif', 'table']) {
      const result = await run(['check', CLEAN, MIXED, BROKEN, '--format', format]);
      const everything = result.stdout + result.stderr;
      expect(everything, format).not.toContain('fixture-literal-value');
      expect(everything, format).not.toContain('fixture-configmap-value');
      expect(everything, format).not.toContain('fixture-secret-in-broken');
    }
  });
});

describe('fargate-fit check --output', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fargate-fit-cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the report to the file, not stdout, in the format its extension names', async () => {
    const target = join(dir, 'report.sarif');
    const result = await run(['check', MIXED, '--output', target], { isTTY: true });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^wrote sarif report to .*report\.sarif: 3 workloads/);
    const written = JSON.parse(await readFile(target, 'utf8')) as { version: string };
    expect(written.version).toBe('2.1.0');
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('lets --format win over the extension', async () => {
    const target = join(dir, 'report.txt');
    await run(['check', CLEAN, '--output', target, '--format', 'json']);
    expect((JSON.parse(await readFile(target, 'utf8')) as ReportDocument).summary.workloads).toBe(2);
  });

  it('exits 2 when the file cannot be written', async () => {
    const result = await run(['check', CLEAN, '--output', join(dir, 'missing', 'report.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot write report to .*missing\/report\.json/);
  });
});

describe('fargate-fit usage errors', () => {
  it('exits 2 with usage on stderr when no command is given', async () => {
    const result = await run([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: fargate-fit');
  });

  it('exits 2 when check has no path', async () => {
    const result = await run(['check']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing required argument 'path'/);
  });

  it('exits 2 on an unknown format, naming the choices', async () => {
    const result = await run(['check', CLEAN, '--format', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/argument 'xml' is invalid\. Allowed choices are table, json, sarif, csv/);
    expect(result.stdout).toBe('');
  });

  it('exits 2 on a bad --fail-on or --category', async () => {
    expect((await run(['check', CLEAN, '--fail-on', 'sometimes'])).code).toBe(2);
    expect((await run(['check', CLEAN, '--category', 'security'])).code).toBe(2);
  });

  it('exits 2 on an unknown option or command', async () => {
    expect((await run(['check', CLEAN, '--colour'])).stderr).toMatch(/unknown option '--colour'/);
    expect((await run(['check', CLEAN, '--colour'])).code).toBe(2);
    expect((await run(['audit', CLEAN])).code).toBe(2);
  });

  it('prints help and the version with exit code 0', async () => {
    const help = await run(['check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--fail-on <threshold>');
    const version = await run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
