// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are CloudFormation Fn::Sub templates, not JavaScript ones.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { KUBERNETES_KINDS } from '../../../lib/inventory/snapshot.js';
import {
  COLLECTOR_READ_ACTIONS,
  FUNCTION_PERMISSIONS,
  HUB_ACTIONS,
  MEMBER_ROLE_ACTIONS,
} from '../../../lib/serverless/permissions.js';
import { REPORT_UPLOAD_PERMISSIONS } from '../../../lib/sinks/report-upload.js';
import { readCloudFormationYaml } from './cloudformation-yaml.js';

const ROOT = join(import.meta.dirname, '../../..');

/** IAM prefix of each AWS SDK client package the collectors use. */
const IAM_PREFIX: Readonly<Record<string, string>> = {
  ecs: 'ecs',
  eks: 'eks',
  ec2: 'ec2',
  sts: 'sts',
  organizations: 'organizations',
  'elastic-load-balancing-v2': 'elasticloadbalancing',
  s3: 's3',
};

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * The IAM actions a module sends, from the SDK commands and paginators it imports
 * (`DescribeServicesCommand` → ecs:DescribeServices, `paginateListTasks` → ecs:ListTasks).
 */
async function actionsImportedBy(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  const actions: string[] = [];
  for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z0-9-]+)'/g)) {
    const prefix = IAM_PREFIX[match[2]!];
    if (!prefix)
      throw new Error(`${file} imports @aws-sdk/client-${match[2]}: add its IAM prefix to this test`);
    for (const raw of match[1]!.split(',')) {
      const name = raw.trim();
      if (name.startsWith('type ')) continue;
      const command = /^(\w+)Command$/.exec(name)?.[1];
      const paginated = /^paginate(\w+)$/.exec(name)?.[1];
      const action = command ?? paginated;
      if (action) actions.push(`${prefix}:${action}`);
    }
  }
  return actions;
}

async function actionsUnder(...directories: string[]): Promise<Map<string, string[]>> {
  const byFile = new Map<string, string[]>();
  for (const directory of directories) {
    for (const file of await sourceFiles(join(ROOT, directory))) {
      const actions = await actionsImportedBy(file);
      if (actions.length > 0) byFile.set(relative(ROOT, file), actions);
    }
  }
  return byFile;
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

describe('declared permissions match what the code sends', () => {
  it('the collectors of a scanned account send exactly the declared read actions', async () => {
    const byFile = await actionsUnder('lib/inventory/ecs', 'lib/inventory/eks', 'lib/inventory/ec2');
    const sent = sorted([...byFile.values()].flat());
    const declared = sorted([
      ...COLLECTOR_READ_ACTIONS.ecs,
      ...COLLECTOR_READ_ACTIONS.eks,
      ...COLLECTOR_READ_ACTIONS.ec2,
    ]);
    expect(sent).toEqual(declared);
  });

  it('the Kubernetes token is a presigned GetCallerIdentity, which the member role states', async () => {
    const token = await readFile(join(ROOT, 'lib/inventory/eks/token.ts'), 'utf8');
    expect(token).toContain("service: 'sts'");
    expect(token).toMatch(/Action=GetCallerIdentity|GetCallerIdentity/);
    expect(COLLECTOR_READ_ACTIONS.sts).toEqual(['sts:GetCallerIdentity']);
  });

  it('the hub lists the organization and assumes member roles with the declared actions', async () => {
    const org = await actionsUnder('lib/inventory/org');
    expect(sorted([...org.values()].flat())).toEqual([...HUB_ACTIONS.listAccounts]);
    const clients = await actionsImportedBy(join(ROOT, 'lib/inventory/clients.ts'));
    expect(sorted(clients)).toEqual(sorted([...HUB_ACTIONS.assumeMemberRole, 'sts:GetCallerIdentity']));
  });
});

describe('declared permissions of the report upload', () => {
  it('cover the S3 calls the upload sends and the GET its presigned link makes', async () => {
    const sent = await actionsImportedBy(join(ROOT, 'lib/sinks/report-upload.ts'));
    expect(sorted(sent)).toEqual(sorted(REPORT_UPLOAD_PERMISSIONS.objects));
  });

  it('are the only S3 grant of the functions that write reports, scoped to the report objects', () => {
    for (const name of ['summarize', 'scanTarget'] as const) {
      const s3 = FUNCTION_PERMISSIONS[name].filter((statement) =>
        statement.actions.some((action) => action.startsWith('s3:')),
      );
      expect(s3).toEqual([
        expect.objectContaining({ resource: 'reportObjects', grantedWhen: 'reportBucket' }),
      ]);
    }
    for (const name of ['scheduledScan', 'slackNotifier'] as const) {
      const actions = FUNCTION_PERMISSIONS[name].flatMap((statement) => statement.actions);
      expect(actions.some((action) => action.startsWith('s3:'))).toBe(false);
    }
  });
});

describe('infra/member-role.yaml', () => {
  it('grants exactly the collector read actions, and nothing writable', async () => {
    const template = await readCloudFormationYaml(join(ROOT, 'infra/member-role.yaml'));
    const role = (template.Resources as Record<string, { Properties: Record<string, unknown> }>).ScannerRole!;
    const statements = (
      role.Properties.Policies as {
        PolicyDocument: { Statement: { Action: string[]; Resource: string }[] };
      }[]
    ).flatMap((policy) => policy.PolicyDocument.Statement);
    expect(sorted(statements.flatMap((s) => s.Action))).toEqual([...MEMBER_ROLE_ACTIONS]);
    for (const action of statements.flatMap((s) => s.Action))
      expect(action).toMatch(/^[a-z0-9]+:(Describe|List|Get)[A-Za-z]+$/);
  });

  it('trusts only the scanner account’s fargate-fit roles, with the ExternalId', async () => {
    const template = await readCloudFormationYaml(join(ROOT, 'infra/member-role.yaml'));
    const role = (template.Resources as Record<string, { Properties: Record<string, unknown> }>).ScannerRole!;
    const [trust] = (role.Properties.AssumeRolePolicyDocument as { Statement: Record<string, unknown>[] })
      .Statement;
    expect(trust).toMatchObject({
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${ScannerAccountId}:root' } },
      Condition: {
        StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } },
        ArnLike: {
          'aws:PrincipalArn': {
            'Fn::Sub': 'arn:${AWS::Partition}:iam::${ScannerAccountId}:role/${ScannerRolePattern}',
          },
        },
      },
    });
    // StackSets-ready: nothing account- or region-specific is written into the template.
    const text = await readFile(join(ROOT, 'infra/member-role.yaml'), 'utf8');
    expect(text).not.toMatch(/\b\d{12}\b/);
    expect(text).not.toMatch(/\b(us|eu|ap|sa|ca|me|af)-[a-z]+-\d\b/);
  });
});

describe('Kubernetes read access', () => {
  /** The plural resource name of each kind the collectors list. */
  const RESOURCE_OF: Readonly<Record<string, string>> = {
    pods: 'pods',
    replicaSets: 'replicasets',
    deployments: 'deployments',
    statefulSets: 'statefulsets',
    daemonSets: 'daemonsets',
    jobs: 'jobs',
    cronJobs: 'cronjobs',
    persistentVolumeClaims: 'persistentvolumeclaims',
    persistentVolumes: 'persistentvolumes',
    storageClasses: 'storageclasses',
    nodes: 'nodes',
    services: 'services',
    networkPolicies: 'networkpolicies',
    serviceAccounts: 'serviceaccounts',
  };

  it('the ClusterRole can get and list exactly the objects the collectors list (never Secrets or ConfigMaps)', async () => {
    const documents = parseAllDocuments(await readFile(join(ROOT, 'infra/kubernetes-rbac.yaml'), 'utf8')).map(
      (d) => d.toJSON(),
    ) as {
      kind: string;
      rules?: { resources: string[]; verbs: string[] }[];
      subjects?: { name: string }[];
    }[];
    const role = documents.find((d) => d.kind === 'ClusterRole')!;
    const resources = sorted(role.rules!.flatMap((rule) => rule.resources));
    expect(resources).toEqual(
      sorted(KUBERNETES_KINDS.map((kind) => RESOURCE_OF[kind] ?? `unmapped ${kind}`)),
    );
    for (const rule of role.rules!) expect(rule.verbs).toEqual(['get', 'list']);
    expect(resources).not.toContain('secrets');
    expect(resources).not.toContain('configmaps');
    const binding = documents.find((d) => d.kind === 'ClusterRoleBinding')!;
    expect(binding.subjects?.map((s) => s.name)).toEqual(['fargate-fit-readers']);
  });

  it('the access entry puts the role in that group with the AmazonEKSViewPolicy', async () => {
    const template = await readCloudFormationYaml(join(ROOT, 'infra/eks-access-entry.yaml'));
    const entry = (
      template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>
    ).ScannerAccessEntry!;
    expect(entry.Type).toBe('AWS::EKS::AccessEntry');
    expect(entry.Properties).toMatchObject({
      Type: 'STANDARD',
      KubernetesGroups: ['fargate-fit-readers'],
      AccessPolicies: [
        {
          PolicyArn: {
            'Fn::Sub': 'arn:${AWS::Partition}:eks::aws:cluster-access-policy/AmazonEKSViewPolicy',
          },
          AccessScope: { Type: 'cluster' },
        },
      ],
    });
  });
});
