/**
 * `fargate-fit scan` end to end against the emulated demo estate: the real AWS SDK clients and the
 * real Kubernetes client, driven through the CLI exactly as a user runs it. The expectations below
 * are read off the scenario (test/emulator/scenarios/demo.ts) and the rule catalogue
 * (reference/fargate-rules.md), not off the scanner's output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument, Verdict, WorkloadResult } from '../../../lib/findings/result.js';
import {
  buildDemoScenario,
  DEMO_ACCOUNT,
  DEMO_REGION,
  DEMO_SANDBOX_ACCOUNT,
  ecsContainer,
  ecsTaskDefinition,
  type RunningEmulator,
  type Scenario,
  startEmulator,
} from '../../emulator/index.js';
import { reportValidator } from '../../unit/sinks/report-schema.js';
import {
  type CliRun,
  demoScanArgs,
  ecsServiceId,
  ecsStandaloneId,
  eksId,
  leakedCanaries,
  reportOf,
  runCli,
  withEcs,
} from './support.js';

interface Expected {
  readonly id: string;
  readonly kind: string;
  readonly launchType: string;
  readonly replicas: number;
  readonly verdict: Verdict;
  /** Fargate findings that decide the verdict (blockers and fixables), sorted. */
  readonly blockers?: readonly string[];
  readonly fixable?: readonly string[];
}

const A = DEMO_ACCOUNT;
const svc = (cluster: string, name: string) => ecsServiceId(A, cluster, name);

/** What ECS on EC2 without any Fargate preparation always needs (bridge task, no task size, no task role). */
const BRIDGE_SERVICE_PREP = [
  'ecs-compat-not-validated',
  'ecs-instance-role-creds',
  'ecs-network-mode',
  'ecs-service-netconf-missing',
  'ecs-task-size-missing',
];

const EXPECTED: readonly Expected[] = [
  // prod-ec2: bridge task on an ASG capacity provider; dynamic host port 0 behind a target group.
  {
    id: svc('prod-ec2', 'web-frontend'),
    kind: 'ecs-service',
    launchType: 'EC2',
    replicas: 3,
    verdict: 'eligible-with-changes',
    // Behind a target group in bridge mode: its targets are registered by instance, not by IP.
    fixable: [...BRIDGE_SERVICE_PREP, 'ecs-hostport', 'ecs-lb-target-instance'],
  },
  // awsvpc, EC2+FARGATE compatible, task size and task role set: nothing to change but the switch.
  {
    id: svc('prod-ec2', 'orders-api'),
    kind: 'ecs-service',
    launchType: 'EC2',
    replicas: 2,
    verdict: 'eligible',
  },
  {
    id: svc('prod-ec2', 'security-agent'),
    kind: 'ecs-service',
    launchType: 'EC2',
    replicas: 2,
    verdict: 'ineligible',
    blockers: ['ecs-privileged'],
    fixable: BRIDGE_SERVICE_PREP,
  },
  // DAEMON service reading the host's /var/log: two blockers; one task per container instance (4).
  {
    id: svc('prod-ec2', 'log-collector'),
    kind: 'ecs-service',
    launchType: 'EC2',
    replicas: 4,
    verdict: 'ineligible',
    blockers: ['ecs-daemon-service', 'ecs-vol-host-sourcepath'],
    fixable: BRIDGE_SERVICE_PREP,
  },
  {
    id: svc('prod-ec2', 'gpu-inference'),
    kind: 'ecs-service',
    launchType: 'EC2',
    replicas: 1,
    verdict: 'ineligible',
    blockers: ['ecs-gpu'],
    fixable: BRIDGE_SERVICE_PREP,
  },
  {
    id: svc('prod-ec2', 'payments-api'),
    kind: 'ecs-service',
    launchType: 'FARGATE',
    replicas: 3,
    verdict: 'eligible',
  },
  {
    id: svc('prod-ec2', 'report-worker'),
    kind: 'ecs-service',
    launchType: 'FARGATE_SPOT',
    replicas: 4,
    verdict: 'eligible',
  },
  // Two running RunTask copies (the stopped one does not count) on the cluster's default ASG strategy.
  {
    id: ecsStandaloneId('prod-ec2', 'nightly-etl'),
    kind: 'ecs-standalone-tasks',
    launchType: 'EC2',
    replicas: 2,
    verdict: 'eligible-with-changes',
    fixable: [
      'ecs-compat-not-validated',
      'ecs-instance-role-creds',
      'ecs-network-mode',
      'ecs-task-size-missing',
    ],
  },
  // staging-fargate: the cluster's default strategy is FARGATE.
  {
    id: svc('staging-fargate', 'staging-web'),
    kind: 'ecs-service',
    launchType: 'FARGATE',
    replicas: 1,
    verdict: 'eligible',
  },
  {
    id: ecsStandaloneId('staging-fargate', 'db-migrate'),
    kind: 'ecs-standalone-tasks',
    launchType: 'FARGATE',
    replicas: 1,
    verdict: 'eligible',
  },
  // host network, a non-host-coupled host path and a shared rexray/ebs docker volume: all fixable.
  {
    id: svc('analytics-ec2', 'spark-history'),
    kind: 'ecs-service',
    launchType: 'EC2',
    replicas: 1,
    verdict: 'eligible-with-changes',
    fixable: [...BRIDGE_SERVICE_PREP, 'ecs-vol-docker', 'ecs-vol-host-sourcepath'],
  },
  // awsvpc with a task size, but EC2-only compatibility and no task role.
  {
    id: svc('analytics-ec2', 'metrics-proxy'),
    kind: 'ecs-service',
    launchType: 'EC2',
    replicas: 2,
    verdict: 'eligible-with-changes',
    fixable: ['ecs-compat-not-validated', 'ecs-instance-role-creds'],
  },
  {
    id: ecsServiceId(DEMO_SANDBOX_ACCOUNT, 'sandbox', 'hello-world'),
    kind: 'ecs-service',
    launchType: 'FARGATE',
    replicas: 1,
    verdict: 'eligible',
  },
  // EKS cluster `platform`: only the `serverless` namespace has a Fargate profile.
  {
    id: eksId('shop', 'Deployment', 'storefront'),
    kind: 'Deployment',
    launchType: 'EC2',
    replicas: 3,
    verdict: 'eligible-with-changes',
    fixable: ['eks-lb-service'],
  },
  {
    id: eksId('shop', 'Deployment', 'edge-proxy'),
    kind: 'Deployment',
    launchType: 'EC2',
    replicas: 2,
    verdict: 'ineligible',
    blockers: ['eks-host-network'],
    fixable: ['eks-host-port'],
  },
  {
    id: eksId('shop', 'CronJob', 'report-generator'),
    kind: 'CronJob',
    launchType: 'EC2',
    replicas: 1,
    verdict: 'eligible',
  },
  // A statically provisioned EFS volume is fine on Fargate.
  {
    id: eksId('shop', 'Deployment', 'media-uploader'),
    kind: 'Deployment',
    launchType: 'EC2',
    replicas: 1,
    verdict: 'eligible',
  },
  // One pod per untainted EC2 node: 3 in `general`, none on the tainted GPU node.
  {
    id: eksId('logging', 'DaemonSet', 'fluent-bit'),
    kind: 'DaemonSet',
    launchType: 'EC2',
    replicas: 3,
    verdict: 'ineligible',
    blockers: ['eks-daemonset', 'eks-hostpath'],
    fixable: ['eks-log-agents'],
  },
  {
    id: eksId('data', 'StatefulSet', 'postgres'),
    kind: 'StatefulSet',
    launchType: 'EC2',
    replicas: 1,
    verdict: 'ineligible',
    blockers: ['eks-pvc-ebs'],
  },
  {
    id: eksId('ml', 'Job', 'model-training'),
    kind: 'Job',
    launchType: 'EC2',
    replicas: 1,
    verdict: 'ineligible',
    blockers: ['eks-gpu'],
  },
  {
    id: eksId('serverless', 'Deployment', 'checkout-api'),
    kind: 'Deployment',
    launchType: 'FARGATE',
    replicas: 2,
    verdict: 'eligible',
  },
  {
    id: eksId('ops', 'Pod', 'debug-toolbox'),
    kind: 'Pod',
    launchType: 'EC2',
    replicas: 1,
    verdict: 'ineligible',
    blockers: ['eks-privileged'],
  },
  {
    id: eksId('kube-system', 'Deployment', 'coredns'),
    kind: 'Deployment',
    launchType: 'EC2',
    replicas: 2,
    verdict: 'eligible-with-changes',
    fixable: ['eks-compute-type-ec2'],
  },
  // Tolerate every taint: one pod on each of the 4 EC2 nodes.
  {
    id: eksId('kube-system', 'DaemonSet', 'kube-proxy'),
    kind: 'DaemonSet',
    launchType: 'EC2',
    replicas: 4,
    verdict: 'ineligible',
    blockers: ['eks-daemonset', 'eks-host-network', 'eks-privileged'],
  },
  {
    id: eksId('kube-system', 'DaemonSet', 'aws-node'),
    kind: 'DaemonSet',
    launchType: 'EC2',
    replicas: 4,
    verdict: 'ineligible',
    blockers: ['eks-cap-add', 'eks-daemonset', 'eks-host-network', 'eks-hostpath'],
  },
];

const rulesOf = (w: WorkloadResult, category: string, severity: string): string[] =>
  w.findings
    .filter((f) => f.category === category && f.severity === severity)
    .map((f) => f.ruleId)
    .sort();

let emulator: RunningEmulator;
let run: CliRun;
let report: ReportDocument;

beforeAll(async () => {
  emulator = await startEmulator(buildDemoScenario());
  run = await runCli(demoScanArgs(), emulator.env);
  report = reportOf(run);
});

afterAll(async () => {
  await emulator?.close();
});

describe('scan of the demo estate', () => {
  it('exits 0 with nothing on stderr to warn about', () => {
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/warning|error/i);
  });

  it('reports exactly the workloads of the demo estate, no more, no fewer', () => {
    expect(report.workloads.map((w) => w.id).sort()).toEqual(EXPECTED.map((e) => e.id).sort());
  });

  it.each(EXPECTED)('$id: kind, launch type, replicas, verdict and the rules that decide it', (expected) => {
    const workload = report.workloads.find((w) => w.id === expected.id);
    expect(workload).toBeDefined();
    if (!workload) return;
    expect({
      kind: workload.kind,
      launchType: workload.launchType,
      replicas: workload.replicas,
      verdict: workload.verdict,
      blockers: rulesOf(workload, 'fargate', 'blocker'),
      fixable: rulesOf(workload, 'fargate', 'fixable'),
      errors: workload.errors,
    }).toEqual({
      kind: expected.kind,
      launchType: expected.launchType,
      replicas: expected.replicas,
      verdict: expected.verdict,
      blockers: [...(expected.blockers ?? [])].sort(),
      fixable: [...(expected.fixable ?? [])].sort(),
      errors: [],
    });
  });

  it('places every workload in its account, region and cluster', () => {
    for (const workload of report.workloads) {
      expect(workload.region).toBe(DEMO_REGION);
      const sandbox = workload.id.includes(`:${DEMO_SANDBOX_ACCOUNT}:`);
      expect(workload.account).toBe(sandbox ? DEMO_SANDBOX_ACCOUNT : DEMO_ACCOUNT);
      if (workload.id.startsWith('eks:')) expect(workload).toMatchObject({ cluster: 'platform' });
    }
    expect(report.workloads.find((w) => w.name === 'postgres')).toMatchObject({ namespace: 'data' });
  });

  it('tells EKS workloads no Fargate profile selects which selector to add, and not the one a profile selects', () => {
    for (const workload of report.workloads.filter((w) => w.id.startsWith('eks:'))) {
      const advice = workload.findings.find((f) => f.ruleId === 'eks-profile-match');
      if (workload.launchType === 'FARGATE') expect(advice).toBeUndefined();
      else {
        expect(advice?.severity).toBe('advisory');
        expect(advice?.message).toContain(`namespace "${workload.namespace}"`);
      }
    }
  });

  it('keeps compliance findings beside the verdict without changing it', () => {
    const byId = (id: string) => report.workloads.find((w) => w.id === id);
    // orders-api runs as a non-root user with a read-only root filesystem: not flagged for either.
    const orders = byId(svc('prod-ec2', 'orders-api'));
    expect(orders?.verdict).toBe('eligible');
    expect(orders?.findings.map((f) => f.ruleId)).not.toContain('compliance-ecs-readonly-root-filesystem');
    expect(byId(svc('prod-ec2', 'security-agent'))?.findings.map((f) => f.ruleId)).toContain(
      'compliance-ecs-privileged',
    );
    // The training job puts an AWS secret key in a literal env value: flagged, by name only.
    expect(byId(eksId('ml', 'Job', 'model-training'))?.findings.map((f) => f.ruleId)).toContain(
      'compliance-eks-environment-credentials',
    );
    const payments = byId(svc('prod-ec2', 'payments-api'));
    expect(payments?.findings.every((f) => f.category === 'compliance')).toBe(true);
    expect(payments?.findings.length).toBeGreaterThan(0);
    expect(payments?.verdict).toBe('eligible');
  });

  it('lists every cluster with its compliance findings', () => {
    const clusters = (report.clusters ?? []).map((c) => ({
      id: c.id,
      scope: c.scope,
      account: c.account,
      workloads: c.workloads,
      errors: c.errors,
      findings: c.findings.map((f) => `${f.ruleId}:${f.severity}`).sort(),
    }));
    const ecsCluster = (account: string, name: string) =>
      `arn:aws:ecs:${DEMO_REGION}:${account}:cluster/${name}`;
    const protection = 'ecs-capacity-provider-termination-protection:fixable';
    const insights = 'ecs-cluster-container-insights:fixable';
    expect(clusters.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [
        // Container Insights on; both ASG providers lack managed termination protection.
        {
          id: ecsCluster(A, 'prod-ec2'),
          scope: 'ecs',
          account: A,
          workloads: 8,
          errors: [],
          findings: [protection, protection],
        },
        {
          id: ecsCluster(A, 'staging-fargate'),
          scope: 'ecs',
          account: A,
          workloads: 2,
          errors: [],
          findings: [insights],
        },
        {
          id: ecsCluster(A, 'analytics-ec2'),
          scope: 'ecs',
          account: A,
          workloads: 2,
          errors: [],
          findings: [protection, insights].sort(),
        },
        // Public endpoint; 1.31 is in extended support; secrets are KMS-encrypted and audit logs on.
        {
          id: `arn:aws:eks:${DEMO_REGION}:${A}:cluster/platform`,
          scope: 'eks',
          account: A,
          workloads: 12,
          errors: [],
          findings: ['eks-endpoint-public-access:fixable', 'eks-supported-version:advisory'],
        },
        {
          id: ecsCluster(DEMO_SANDBOX_ACCOUNT, 'sandbox'),
          scope: 'ecs',
          account: DEMO_SANDBOX_ACCOUNT,
          workloads: 1,
          errors: [],
          findings: [insights],
        },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    const prod = report.clusters?.find((c) => c.name === 'prod-ec2');
    expect(prod?.findings.map((f) => f.message).join('\n')).toMatch(/prod-general-asg[\s\S]*prod-gpu-asg/);
  });

  it('reports no coverage gap and a summary that adds up', () => {
    expect(report.gaps).toEqual([]);
    const count = (verdict: Verdict) => EXPECTED.filter((e) => e.verdict === verdict).length;
    expect(report.summary).toMatchObject({
      workloads: EXPECTED.length,
      gaps: 0,
      byVerdict: {
        eligible: count('eligible'),
        'eligible-with-changes': count('eligible-with-changes'),
        ineligible: count('ineligible'),
        unknown: 0,
      },
    });
  });

  it('prints a document that validates against docs/report.schema.json', () => {
    const validate = reportValidator();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('never prints a planted secret value, on stdout or stderr', () => {
    expect(leakedCanaries(run.stdout)).toEqual([]);
    expect(leakedCanaries(run.stderr)).toEqual([]);
  });
});

describe('scan of the demo estate: AWS calls', () => {
  const calls = (action: string, account: string = A, cluster?: string) =>
    emulator.count({ action, account, ...(cluster === undefined ? {} : { cluster }) });

  it('describes services in batches of up to 10 per cluster', () => {
    const servicesPerCluster: Record<string, [string, number]> = {
      'prod-ec2': [A, 7],
      'staging-fargate': [A, 1],
      'analytics-ec2': [A, 2],
      sandbox: [DEMO_SANDBOX_ACCOUNT, 1],
    };
    for (const [cluster, [account, services]] of Object.entries(servicesPerCluster)) {
      expect(calls('DescribeServices', account, cluster), cluster).toBeLessThanOrEqual(
        Math.ceil(services / 10),
      );
      expect(calls('DescribeServices', account, cluster), cluster).toBeGreaterThan(0);
    }
  });

  it('reads each distinct task definition ARN exactly once', () => {
    // prod-ec2 (7 services + nightly-etl), staging-fargate (staging-web, db-migrate), analytics-ec2 (2).
    expect(calls('DescribeTaskDefinition', A)).toBe(12);
    expect(calls('DescribeTaskDefinition', DEMO_SANDBOX_ACCOUNT)).toBe(1);
  });

  it('lists services and clusters once each, and assumes the sandbox role once', () => {
    for (const cluster of ['prod-ec2', 'staging-fargate', 'analytics-ec2']) {
      expect(calls('ListServices', A, cluster), cluster).toBe(1);
    }
    expect(calls('ListClusters', A)).toBe(2); // ECS and EKS
    expect(calls('AssumeRole', DEMO_SANDBOX_ACCOUNT)).toBe(1);
    expect(emulator.stats().totalThrottled).toBe(0);
    expect(emulator.stats().calls.filter((c) => c.errors > 0)).toEqual([]);
  });
});

/** The demo scenario plus one Fargate cluster with more services than ListServices' default page (10). */
function demoWithBusyCluster(services: number): Scenario {
  return withEcs(buildDemoScenario(), A, (ecs) => ({
    ...ecs,
    taskDefinitions: [
      ...ecs.taskDefinitions,
      ecsTaskDefinition({
        family: 'busy-worker',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          ecsContainer({ name: 'worker', image: 'public.ecr.aws/docker/library/busybox:1.37' }),
        ],
      }),
    ],
    clusters: [
      ...ecs.clusters,
      {
        name: 'busy',
        capacityProviders: ['FARGATE'],
        services: Array.from({ length: services }, (_, i) => ({
          name: `worker-${String(i).padStart(2, '0')}`,
          taskDefinition: 'busy-worker:1',
          launchType: 'FARGATE' as const,
        })),
      },
    ],
  }));
}

describe('scan of a cluster with 23 services', () => {
  let busy: RunningEmulator;
  let busyRun: CliRun;

  beforeAll(async () => {
    busy = await startEmulator(demoWithBusyCluster(23));
    // Kubernetes is not what is counted here; leaving it out is a known gap, not a failure.
    busyRun = await runCli(demoScanArgs('--no-kubernetes', '--allow-partial'), busy.env);
  });

  afterAll(async () => {
    await busy?.close();
  });

  it('lists them in one ListServices page of 100 (the default page of 10 would take 3 calls)', () => {
    expect(busyRun.exitCode, busyRun.stderr).toBe(0);
    expect(busy.count({ action: 'ListServices', account: A, cluster: 'busy' })).toBe(1);
  });

  it('describes them in 3 calls of at most 10, and reads their shared task definition once', () => {
    expect(busy.count({ action: 'DescribeServices', account: A, cluster: 'busy' })).toBe(3);
    expect(busy.count({ action: 'DescribeTaskDefinition', account: A })).toBe(13);
    const workers = reportOf(busyRun).workloads.filter((w) => w.cluster === 'busy');
    expect(workers).toHaveLength(23);
    expect(new Set(workers.map((w) => w.verdict))).toEqual(new Set(['eligible']));
  });
});
