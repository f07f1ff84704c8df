// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are CloudFormation Fn::Sub templates, not JavaScript ones.
/**
 * The deployable product as CloudFormation: `sls package` (osls, offline, no credentials) builds
 * the template into a temporary directory, and these tests read it — the resources, the schedule,
 * each role's IAM statements against lib/serverless/permissions.ts, and the state machine
 * (asl-validator). Optional features sit behind CloudFormation conditions that compare the
 * packaged params; `deployed` evaluates them as CloudFormation would. The VPC params are packaged
 * once more with values, as only then do their ids appear in the template.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actionsOf,
  FUNCTION_NAMES,
  FUNCTION_PERMISSIONS,
  type FunctionName,
  type GrantCondition,
  type ResourceScope,
  VPC_NETWORK_INTERFACE_ACTIONS,
} from '../../../lib/serverless/permissions.js';
import { SETTINGS_ENVIRONMENT } from '../../../lib/serverless/settings.js';
import { findingsTableDefinition } from '../../support/dynamodb-local.js';

const ROOT = join(import.meta.dirname, '../../..');
const STAGE = 'test';

type Json = Record<string, unknown>;
interface Resource {
  readonly Type: string;
  readonly Properties: Json;
  readonly Condition?: string;
}
interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

const directories: string[] = [];
let template: Json;
let resources: Record<string, Resource>;

async function outputDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'fargate-fit-package-'));
  directories.push(directory);
  return directory;
}

/** Runs `sls package` into `directory`, with these `--param` values ('key=value'). */
async function slsPackage(directory: string, params: readonly string[]): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules/serverless/bin/serverless.js'),
      'package',
      '--stage',
      STAGE,
      '--package',
      directory,
      ...params.map((param) => `--param=${param}`),
    ],
    {
      cwd: ROOT,
      env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', AWS_PROFILE: '' },
      timeout: 240_000,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
}

async function packagedTemplate(params: readonly string[]): Promise<Json> {
  const directory = await outputDirectory();
  await slsPackage(directory, params);
  return JSON.parse(await readFile(join(directory, 'cloudformation-template-update-stack.json'), 'utf8'));
}

beforeAll(async () => {
  template = await packagedTemplate([]);
  resources = template.Resources as Record<string, Resource>;
}, 300_000);

afterAll(async () => {
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

/**
 * The resources CloudFormation would deploy from a packaged template: conditions evaluated (they
 * compare packaged param values, so literals), resources under a false condition dropped, `Fn::If`
 * resolved, `AWS::NoValue` removed and `Fn::Split` of a literal applied. Other intrinsics stay.
 */
function deployed(packaged: Json): Record<string, Resource> {
  const conditions = (packaged.Conditions ?? {}) as Json;
  const isTrue = (expression: unknown): boolean => {
    const [fn, args] = Object.entries(expression as Json)[0]!;
    const list = args as unknown[];
    switch (fn) {
      case 'Fn::Equals':
        if (typeof list[0] !== 'string' || typeof list[1] !== 'string')
          throw new Error(`not a literal comparison: ${JSON.stringify(expression)}`);
        return list[0] === list[1];
      case 'Fn::Not':
        return !isTrue(list[0]);
      case 'Fn::And':
        return list.every(isTrue);
      case 'Fn::Or':
        return list.some(isTrue);
      case 'Condition':
        return isTrue(conditions[args as string]);
      default:
        throw new Error(`cannot evaluate ${fn} in a condition`);
    }
  };
  const noValue = Symbol('AWS::NoValue');
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve).filter((item) => item !== noValue);
    if (node === null || typeof node !== 'object') return node;
    const entries = Object.entries(node);
    if (entries.length === 1) {
      const [key, value] = entries[0]!;
      if (key === 'Ref' && value === 'AWS::NoValue') return noValue;
      if (key === 'Fn::If') {
        const [name, whenTrue, whenFalse] = value as [string, unknown, unknown];
        return resolve(isTrue(conditions[name]) ? whenTrue : whenFalse);
      }
      if (key === 'Fn::Split') {
        const [separator, text] = value as [string, unknown];
        if (typeof text === 'string') return text.split(separator);
      }
    }
    return Object.fromEntries(
      entries.map(([key, value]) => [key, resolve(value)] as const).filter(([, value]) => value !== noValue),
    );
  };
  return Object.fromEntries(
    Object.entries(packaged.Resources as Record<string, Resource>)
      .filter(([, resource]) => !resource.Condition || isTrue(conditions[resource.Condition]))
      .map(([id, resource]) => [id, resolve(resource) as Resource]),
  );
}

/** Every statement of every role among these resources, by role. */
function grantsByRole(among: Record<string, Resource>): Map<string, Statement[]> {
  const roles = Object.entries(among).filter(([, resource]) => resource.Type === 'AWS::IAM::Role');
  return new Map(
    roles.map(([id, role]) => [
      id,
      ((role.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
        (policy) => policy.PolicyDocument.Statement,
      ),
    ]),
  );
}

const LOGICAL_ID: Readonly<Record<FunctionName, string>> = {
  scheduledScan: 'ScheduledScan',
  scanTarget: 'ScanTarget',
  summarize: 'Summarize',
  slackNotifier: 'SlackNotifier',
};

function statementsOf(roleId: string): Statement[] {
  const role = resources[roleId]!;
  const policies = role.Properties.Policies as { PolicyDocument: { Statement: unknown[] } }[];
  return policies
    .flatMap((policy) => policy.PolicyDocument.Statement)
    .map((statement) => {
      // A statement behind a condition (`Fn::If [cond, statement, AWS::NoValue]`) counts as granted.
      const conditional = (statement as { 'Fn::If'?: [string, Statement, unknown] })['Fn::If'];
      return conditional ? conditional[1] : (statement as Statement);
    });
}

const actionsIn = (statement: Statement) =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

/** What each symbolic resource of permissions.ts must be in the template. */
function expectedResource(scope: ResourceScope, fn: FunctionName): unknown {
  const partition = 'arn:${AWS::Partition}';
  switch (scope) {
    case 'any':
      return '*';
    case 'findingsTable':
      return [{ 'Fn::GetAtt': ['FindingsTable', 'Arn'] }, { 'Fn::Sub': '${FindingsTable.Arn}/index/*' }];
    case 'summaryTopic':
      return { Ref: 'SummaryTopic' };
    case 'summaryTopicKey':
      return { 'Fn::GetAtt': ['SummaryTopicKey', 'Arn'] };
    case 'scanStateMachine':
      return {
        'Fn::Sub': `${partition}:states:\${AWS::Region}:\${AWS::AccountId}:stateMachine:fargate-fit-${STAGE}-scan`,
      };
    case 'memberRole':
      return { 'Fn::Sub': `${partition}:iam::*:role/FargateFitReadOnly` };
    case 'ownLogGroup':
      return {
        'Fn::Sub': `${partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/fargate-fit-${STAGE}-${fn}:*`,
      };
    case 'slackWebhookParameter':
      return {
        'Fn::Sub': `${partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/fargate-fit/slack-webhook-url`,
      };
    case 'slackWebhookSecret':
      return '';
    case 'reportObjects':
      return {
        'Fn::Sub': [
          `${partition}:s3:::\${ReportBucketName}/reports/*`,
          { ReportBucketName: { 'Fn::If': ['CreatesReportBucket', { Ref: 'ReportBucket' }, ''] } },
        ],
      };
    case 'reportKey':
      return '';
  }
}

/** The CloudFormation condition of each setting a statement can depend on (permissions.ts). */
const CONDITION_OF: Readonly<Record<GrantCondition, string>> = {
  reportBucket: 'UploadsReports',
  reportKey: 'UploadsReportsWithKey',
  slackSecret: 'HasSlackSecret',
  vpc: 'RunsInVpc',
  vpcAllFunctions: 'AllFunctionsInVpc',
};

/** The condition each statement with these actions is granted under (null: always granted). */
function conditionsOf(roleId: string, actions: readonly string[]): (string | null)[] {
  const role = resources[roleId]!;
  const policies = role.Properties.Policies as { PolicyDocument: { Statement: unknown[] } }[];
  return policies
    .flatMap((policy) => policy.PolicyDocument.Statement)
    .flatMap((raw) => {
      const conditional = (raw as { 'Fn::If'?: [string, Statement, unknown] })['Fn::If'];
      const statement = conditional ? conditional[1] : (raw as Statement);
      const same = [...actionsIn(statement)].sort().join() === [...actions].sort().join();
      return same ? [conditional ? conditional[0] : null] : [];
    });
}

describe('packaged template: data and messaging', () => {
  it('declares the findings table on demand, with point-in-time recovery, encryption and TTL', () => {
    const table = resources.FindingsTable!;
    const definition = findingsTableDefinition(`fargate-fit-${STAGE}-findings`);
    expect(table.Properties).toMatchObject({
      TableName: definition.TableName,
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    // The keys the code writes, as the integration tests' DynamoDB Local table has them.
    expect(table.Properties.KeySchema).toEqual(definition.KeySchema);
    expect(table.Properties.AttributeDefinitions).toEqual(definition.AttributeDefinitions);
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(definition.GlobalSecondaryIndexes);
  });

  it('encrypts the summary topic with a rotating customer managed key', () => {
    expect(resources.SummaryTopic!.Properties.KmsMasterKeyId).toEqual({ Ref: 'SummaryTopicKey' });
    expect(resources.SummaryTopicKey!.Properties.EnableKeyRotation).toBe(true);
  });

  it('subscribes the Slack notifier only when enabled', () => {
    expect(resources.SlackNotifierSubscription).toMatchObject({
      Condition: 'SlackEnabled',
      Properties: { Protocol: 'lambda', TopicArn: { Ref: 'SummaryTopic' } },
    });
  });

  it('runs the scheduled scan nightly through EventBridge', () => {
    const rules = Object.values(resources).filter((r) => r.Type === 'AWS::Events::Rule');
    expect(rules).toHaveLength(1);
    expect(rules[0]!.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 2 * * ? *)',
      State: 'ENABLED',
      Targets: [{ Arn: { 'Fn::GetAtt': ['ScheduledScanLambdaFunction', 'Arn'] } }],
    });
  });
});

describe('packaged template: report bucket', () => {
  it('grants S3 and the report key to the report writers (summarize, on-demand scanTarget) only when a report bucket is configured', () => {
    for (const role of ['SummarizeRole', 'ScanTargetRole']) {
      expect(conditionsOf(role, ['s3:GetObject', 's3:PutObject'])).toEqual(['UploadsReports']);
      // The topic key always; the report key only with reports and a key.
      expect(conditionsOf(role, ['kms:Decrypt', 'kms:GenerateDataKey'])).toEqual([
        null,
        'UploadsReportsWithKey',
      ]);
    }
    for (const role of ['ScheduledScanRole', 'SlackNotifierRole']) {
      expect(conditionsOf(role, ['s3:GetObject', 's3:PutObject'])).toEqual([]);
    }
    // By default (reportBucket: '') the condition is false: no upload, no S3 permission.
    const conditions = template.Conditions as Record<string, unknown>;
    expect(conditions.UploadsReports).toEqual({ 'Fn::Not': [{ 'Fn::Equals': ['', ''] }] });
    for (const fn of ['SummarizeLambdaFunction', 'ScanTargetLambdaFunction']) {
      const environment = resources[fn]!.Properties.Environment as { Variables: Json };
      expect(environment.Variables).toMatchObject({
        FARGATE_FIT_REPORT_BUCKET: { 'Fn::If': ['CreatesReportBucket', { Ref: 'ReportBucket' }, ''] },
        FARGATE_FIT_REPORT_PREFIX: 'reports/',
        FARGATE_FIT_REPORT_LINK_EXPIRY_SECONDS: '86400',
      });
    }
  });

  it('creates, on request, a private bucket that encrypts, takes TLS only and expires reports', () => {
    const bucket = resources.ReportBucket!;
    expect(bucket.Condition).toBe('CreatesReportBucket');
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LifecycleConfiguration: {
        Rules: expect.arrayContaining([
          { Id: 'ExpireReports', Status: 'Enabled', Prefix: 'reports/', ExpirationInDays: 90 },
        ]),
      },
    });
    const [encryption] = (bucket.Properties.BucketEncryption as { ServerSideEncryptionConfiguration: Json[] })
      .ServerSideEncryptionConfiguration;
    expect(encryption!.ServerSideEncryptionByDefault).toEqual({
      'Fn::If': ['HasReportKey', { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: '' }, { SSEAlgorithm: 'AES256' }],
    });
    const policy = resources.ReportBucketPolicy!;
    expect(policy.Condition).toBe('CreatesReportBucket');
    expect((policy.Properties.PolicyDocument as { Statement: Json[] }).Statement).toEqual([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [{ 'Fn::GetAtt': ['ReportBucket', 'Arn'] }, { 'Fn::Sub': '${ReportBucket.Arn}/*' }],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });
});

describe('packaged template: functions and IAM', () => {
  it.each(FUNCTION_NAMES)(
    '%s runs on nodejs22.x with its own role, tracing and bounded log retention',
    (name) => {
      const id = LOGICAL_ID[name];
      expect(resources[`${id}LambdaFunction`]!.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Role: { 'Fn::GetAtt': [`${id}Role`, 'Arn'] },
        TracingConfig: { Mode: 'Active' },
      });
      expect(resources[`${id}LogGroup`]!.Properties.RetentionInDays).toBe(30);
    },
  );

  it.each(FUNCTION_NAMES)('the role of %s grants exactly the actions its code declares', (name) => {
    const statements = statementsOf(`${LOGICAL_ID[name]}Role`);
    expect([...new Set(statements.flatMap(actionsIn))].sort()).toEqual(actionsOf(name));
  });

  it.each(FUNCTION_NAMES)(
    'the role of %s scopes each statement as declared, with no wildcard action',
    (name) => {
      const statements = statementsOf(`${LOGICAL_ID[name]}Role`);
      for (const declared of FUNCTION_PERMISSIONS[name]) {
        // The same actions can be granted on two resources (KMS on the topic key and the report key).
        const granted = statements.filter(
          (s) => [...actionsIn(s)].sort().join() === [...declared.actions].sort().join(),
        );
        expect(granted.length, `statement for ${declared.actions.join(', ')}`).toBeGreaterThan(0);
        expect(granted.map((s) => s.Resource)).toContainEqual(expectedResource(declared.resource, name));
      }
      for (const statement of statements) {
        expect(statement.Effect).toBe('Allow');
        for (const action of actionsIn(statement)) expect(action).not.toMatch(/\*/);
      }
    },
  );

  it.each(FUNCTION_NAMES)(
    'the role of %s grants each statement under the condition of the setting it depends on, the others always',
    (name) => {
      const role = resources[`${LOGICAL_ID[name]}Role`]!;
      const raw = (role.Properties.Policies as { PolicyDocument: { Statement: unknown[] } }[]).flatMap(
        (policy) => policy.PolicyDocument.Statement,
      );
      const granted = raw.map((entry) => {
        const conditional = (entry as { 'Fn::If'?: [string, Statement, unknown] })['Fn::If'];
        return conditional
          ? { statement: conditional[1], condition: conditional[0] }
          : { statement: entry as Statement, condition: null };
      });
      for (const declared of FUNCTION_PERMISSIONS[name]) {
        const matching = granted.filter(
          ({ statement }) =>
            [...actionsIn(statement)].sort().join() === [...declared.actions].sort().join() &&
            JSON.stringify(statement.Resource) === JSON.stringify(expectedResource(declared.resource, name)),
        );
        expect(
          matching.map(({ condition }) => condition),
          declared.actions.join(', '),
        ).toEqual([declared.grantedWhen ? CONDITION_OF[declared.grantedWhen] : null]);
      }
    },
  );

  it('gives the state machine only the invocations and child executions the Distributed Map needs', () => {
    const statements = statementsOf('ScanStateMachineRole');
    expect(statements.map((s) => actionsIn(s))).toEqual([
      ['lambda:InvokeFunction'],
      ['states:StartExecution'],
      ['states:DescribeExecution', 'states:StopExecution'],
    ]);
    expect(statements[0]!.Resource).toEqual([
      { 'Fn::GetAtt': ['ScanTargetLambdaFunction', 'Arn'] },
      { 'Fn::Sub': '${ScanTargetLambdaFunction.Arn}:*' },
      { 'Fn::GetAtt': ['SummarizeLambdaFunction', 'Arn'] },
      { 'Fn::Sub': '${SummarizeLambdaFunction.Arn}:*' },
    ]);
  });

  it('configures the functions through known settings only, with no secret in the environment', () => {
    const known = new Set<string>(Object.values(SETTINGS_ENVIRONMENT));
    for (const name of FUNCTION_NAMES) {
      const variables = (
        resources[`${LOGICAL_ID[name]}LambdaFunction`]!.Properties.Environment as { Variables: Json }
      ).Variables;
      for (const [key, value] of Object.entries(variables)) {
        if (key.startsWith('FARGATE_FIT_')) expect(known, key).toContain(key);
        expect(JSON.stringify(value)).not.toMatch(/hooks\.slack\.com|xox[abp]-/);
      }
    }
    const slack = resources.SlackNotifierLambdaFunction!.Properties.Environment as { Variables: Json };
    expect(slack.Variables.FARGATE_FIT_SLACK_WEBHOOK_PARAMETER).toBe('/fargate-fit/slack-webhook-url');
  });
});

describe('packaged template: VPC', () => {
  const SUBNETS = ['subnet-0123456789abcdef0', 'subnet-89abcdef'];
  const SECURITY_GROUPS = ['sg-0fedcba9876543210', 'sg-76543210'];
  const VPC_PARAMS = [
    `vpcSubnetIds=${SUBNETS.join(',')}`,
    `vpcSecurityGroupIds=${SECURITY_GROUPS.join(',')}`,
  ];
  const NETWORK_INTERFACE_ACTIONS = new Set<string>(VPC_NETWORK_INTERFACE_ACTIONS);

  const functionsOf = (among: Record<string, Resource>) =>
    Object.entries(among).filter(([, resource]) => resource.Type === 'AWS::Lambda::Function');
  /** The actions a function's role grants once deployed with these settings on. */
  const declaredWith = (name: FunctionName, settings: readonly GrantCondition[]) =>
    [
      ...new Set(
        FUNCTION_PERMISSIONS[name]
          .filter((statement) => !statement.grantedWhen || settings.includes(statement.grantedWhen))
          .flatMap((statement) => statement.actions),
      ),
    ].sort();
  const deployedActions = (among: Record<string, Resource>, name: FunctionName) =>
    [...new Set(grantsByRole(among).get(`${LOGICAL_ID[name]}Role`)!.flatMap(actionsIn))].sort();

  it('by default puts no function in a VPC and lets no role manage network interfaces', () => {
    const defaults = deployed(template);
    const functions = functionsOf(defaults);
    expect(functions.map(([id]) => id).sort()).toEqual(
      FUNCTION_NAMES.map((name) => `${LOGICAL_ID[name]}LambdaFunction`).sort(),
    );
    for (const [id, fn] of functions) expect(fn.Properties, id).not.toHaveProperty('VpcConfig');
    for (const [roleId, statements] of grantsByRole(defaults)) {
      const actions = statements.flatMap(actionsIn);
      expect(
        actions.filter((action) => NETWORK_INTERFACE_ACTIONS.has(action)),
        roleId,
      ).toEqual([]);
    }
    // Each role deploys exactly its always-granted statements: nothing optional is on by default.
    for (const name of FUNCTION_NAMES)
      expect(deployedActions(defaults, name)).toEqual(declaredWith(name, []));
  });

  describe('with vpcSubnetIds and vpcSecurityGroupIds', () => {
    let inVpc: Record<string, Resource>;
    beforeAll(async () => {
      inVpc = deployed(await packagedTemplate(VPC_PARAMS));
    }, 300_000);

    it('puts scanTarget, and only it, in exactly those subnets and security groups', () => {
      expect(inVpc.ScanTargetLambdaFunction!.Properties.VpcConfig).toEqual({
        SubnetIds: SUBNETS,
        SecurityGroupIds: SECURITY_GROUPS,
      });
      for (const [id, fn] of functionsOf(inVpc)) {
        if (id !== 'ScanTargetLambdaFunction') expect(fn.Properties, id).not.toHaveProperty('VpcConfig');
      }
    });

    it("grants the network-interface actions on scanTarget's role only, in one statement", () => {
      for (const [roleId, statements] of grantsByRole(inVpc)) {
        const withInterfaces = statements.filter((statement) =>
          actionsIn(statement).some((action) => NETWORK_INTERFACE_ACTIONS.has(action)),
        );
        if (roleId !== 'ScanTargetRole') {
          expect(withInterfaces, roleId).toEqual([]);
          continue;
        }
        expect(withInterfaces).toEqual([
          { Effect: 'Allow', Action: [...VPC_NETWORK_INTERFACE_ACTIONS].sort(), Resource: '*' },
        ]);
      }
      for (const name of FUNCTION_NAMES)
        expect(deployedActions(inVpc, name)).toEqual(declaredWith(name, ['vpc']));
    });
  });

  describe('with vpcFunctions=all as well', () => {
    let allInVpc: Record<string, Resource>;
    beforeAll(async () => {
      allInVpc = deployed(await packagedTemplate([...VPC_PARAMS, 'vpcFunctions=all']));
    }, 300_000);

    it('puts every function in those subnets and security groups', () => {
      const functions = functionsOf(allInVpc);
      expect(functions).toHaveLength(FUNCTION_NAMES.length);
      for (const [id, fn] of functions) {
        expect(fn.Properties.VpcConfig, id).toEqual({
          SubnetIds: SUBNETS,
          SecurityGroupIds: SECURITY_GROUPS,
        });
      }
    });

    it('grants every role the network-interface actions, once, and nothing else beyond its VPC-less grants', () => {
      for (const name of FUNCTION_NAMES) {
        const statements = grantsByRole(allInVpc).get(`${LOGICAL_ID[name]}Role`)!;
        expect(
          statements.filter((statement) =>
            actionsIn(statement).some((action) => NETWORK_INTERFACE_ACTIONS.has(action)),
          ),
          name,
        ).toEqual([{ Effect: 'Allow', Action: [...VPC_NETWORK_INTERFACE_ACTIONS].sort(), Resource: '*' }]);
        expect(deployedActions(allInVpc, name)).toEqual(declaredWith(name, ['vpc', 'vpcAllFunctions']));
      }
    });
  });

  describe('refuses, before packaging anything, VPC params that are half set or malformed', () => {
    /** What `sls package` printed when it failed, and the files it left in its output directory. */
    async function failedPackage(params: readonly string[]): Promise<{ output: string; files: string[] }> {
      const directory = await outputDirectory();
      try {
        await slsPackage(directory, params);
      } catch (error) {
        const { stdout, stderr } = error as { stdout: string; stderr: string };
        return { output: `${stdout}${stderr}`, files: await readdir(directory) };
      }
      throw new Error(`sls package accepted ${params.join(' ')}`);
    }
    let subnetsOnly: { output: string; files: string[] };
    let securityGroupsOnly: { output: string; files: string[] };
    let malformed: { output: string; files: string[] };
    let allWithoutVpc: { output: string; files: string[] };
    let unknownFunctions: { output: string; files: string[] };
    beforeAll(async () => {
      // They stop before esbuild, so they can run side by side.
      [subnetsOnly, securityGroupsOnly, malformed, allWithoutVpc, unknownFunctions] = await Promise.all([
        failedPackage([`vpcSubnetIds=${SUBNETS.join(',')}`]),
        failedPackage([`vpcSecurityGroupIds=${SECURITY_GROUPS[0]}`]),
        failedPackage([`vpcSubnetIds=${SUBNETS.join(', ')}`, 'vpcSecurityGroupIds=sg-12345']),
        failedPackage(['vpcFunctions=all']),
        failedPackage([...VPC_PARAMS, 'vpcFunctions=every']),
      ]);
    }, 120_000);

    it('vpcFunctions=all without the VPC params, or a value that is neither choice', () => {
      expect(allWithoutVpc.output).toContain(
        'vpcFunctions is all but the VPC params are not both set: set vpcSubnetIds and vpcSecurityGroupIds',
      );
      expect(unknownFunctions.output).toContain(`vpcFunctions: "every" is neither 'scanTarget' nor 'all'`);
      expect(allWithoutVpc.files).toEqual([]);
      expect(unknownFunctions.files).toEqual([]);
    });

    it('subnets without security groups, or the reverse', () => {
      expect(subnetsOnly.output).toContain(
        'vpcSubnetIds is set but vpcSecurityGroupIds is empty: set both to run in a VPC, or neither',
      );
      expect(securityGroupsOnly.output).toContain(
        'vpcSecurityGroupIds is set but vpcSubnetIds is empty: set both to run in a VPC, or neither',
      );
      expect(subnetsOnly.files).toEqual([]);
      expect(securityGroupsOnly.files).toEqual([]);
    });

    it('an id that is not one, naming the param and the id', () => {
      expect(malformed.output).toContain(`vpcSubnetIds: " ${SUBNETS[1]}" is not a subnet id`);
      expect(malformed.output).toContain('vpcSecurityGroupIds: "sg-12345" is not a security group id');
      expect(malformed.output).not.toContain(`"${SUBNETS[0]}" is not`);
      expect(malformed.files).toEqual([]);
    });
  });
});

describe('packaged template: state machine', () => {
  /** The ASL with its CloudFormation substitutions replaced by sample ARNs. */
  function definition(): Json {
    const machine = resources.ScanStateMachine!;
    const [text, substitutions] = (machine.Properties.DefinitionString as { 'Fn::Sub': [string, Json] })[
      'Fn::Sub'
    ];
    let rendered = text;
    for (const [name, value] of Object.entries(substitutions ?? {})) {
      const logicalId = (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0] ?? name;
      rendered = rendered.replaceAll(
        `\${${name}}`,
        `arn:aws:lambda:us-east-1:111122223333:function:${logicalId}`,
      );
    }
    return JSON.parse(rendered);
  }

  it('is valid Amazon States Language', () => {
    const require = createRequire(import.meta.url);
    // asl-validator ships no type declarations; its default export takes a definition.
    const validate = require('asl-validator') as (definition: unknown) => {
      isValid: boolean;
      errorsText: () => string;
    };
    const result = validate(definition());
    expect(result.isValid, result.errorsText()).toBe(true);
  });

  it('fans out over the targets with a bounded Distributed Map, tolerates failures, then summarizes', () => {
    const asl = definition() as { StartAt: string; States: Record<string, Json> };
    expect(asl.StartAt).toBe('ScanTargets');
    const map = asl.States.ScanTargets!;
    expect(map).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.targets',
      MaxConcurrency: 20,
      ToleratedFailurePercentage: 10,
      ResultPath: null,
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.mapError', Next: 'Summarize' }],
      Next: 'Summarize',
    });
    const task = (map.ItemProcessor as { States: Record<string, Json> }).States.ScanTarget!;
    expect(task).toMatchObject({
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:111122223333:function:ScanTargetLambdaFunction' },
    });
    expect(asl.States.Summarize).toMatchObject({
      Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:111122223333:function:SummarizeLambdaFunction' },
      Next: 'FanOutComplete',
    });
    expect(asl.States.FanOutComplete).toMatchObject({ Type: 'Choice', Default: 'ScanComplete' });
  });

  it('the schedule function is told which state machine to start', () => {
    const variables = (resources.ScheduledScanLambdaFunction!.Properties.Environment as { Variables: Json })
      .Variables;
    expect(variables.FARGATE_FIT_STATE_MACHINE_ARN).toEqual({ Ref: 'ScanStateMachine' });
  });
});
