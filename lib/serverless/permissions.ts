/**
 * Every IAM permission the deployed product uses, gathered from the modules that need them:
 * the collectors' read actions (granted by the member-account role, infra/member-role.yaml), and
 * per Lambda the actions its code paths send. serverless.yml and infra/ grant exactly these; tests
 * compare the packaged template and the member role with this module, and this module with the
 * SDK commands the collectors import.
 */
import { STORE_PERMISSIONS } from '../sinks/dynamodb-store.js';
import { REPORT_UPLOAD_PERMISSIONS } from '../sinks/report-upload.js';
import { SLACK_PERMISSIONS } from '../sinks/slack.js';
import { KMS_TOPIC_PUBLISH_PERMISSIONS, SNS_PUBLISH_PERMISSIONS } from '../sinks/sns-publisher.js';

/**
 * What a statement's Resource is, symbolically; serverless.yml maps each to an ARN.
 * `any` is `*`: used only where the action has no resource-level permission, or where it must
 * reach every resource of an account anyway (the collectors' List and Describe calls).
 */
export type ResourceScope =
  | 'any'
  | 'findingsTable'
  | 'summaryTopic'
  | 'summaryTopicKey'
  | 'scanStateMachine'
  | 'memberRole'
  | 'ownLogGroup'
  | 'slackWebhookParameter'
  | 'slackWebhookSecret'
  /** `arn:aws:s3:::<report bucket>/<report prefix>*`; granted only when a report bucket is configured. */
  | 'reportObjects'
  /** The KMS key of the reports; granted only when one is configured. */
  | 'reportKey';

/**
 * The deployment setting a statement depends on; serverless.yml grants such a statement only
 * under the matching CloudFormation condition, so a stack without the feature lacks the permission.
 */
export type GrantCondition =
  /** `reportBucket` set (UploadsReports). */
  | 'reportBucket'
  /** `reportBucket` and `reportKmsKeyArn` set (UploadsReportsWithKey). */
  | 'reportKey'
  /** `slackWebhookSecretArn` set (HasSlackSecret). */
  | 'slackSecret'
  /** `vpcSubnetIds` and `vpcSecurityGroupIds` set (RunsInVpc). */
  | 'vpc'
  /** The VPC params set and `vpcFunctions` = `all` (AllFunctionsInVpc). */
  | 'vpcAllFunctions';

/** One IAM statement a function's role must grant. */
export interface PermissionStatement {
  readonly actions: readonly string[];
  readonly resource: ResourceScope;
  /** Why the function needs it (kept beside the statement for reviewers). */
  readonly why: string;
  /** Granted only with this setting; absent: always granted. */
  readonly grantedWhen?: GrantCondition;
}

/**
 * Read actions the collectors send in a scanned account (lib/inventory/{ecs,eks,ec2}); a test
 * derives the same set from the SDK commands those modules import.
 */
export const COLLECTOR_READ_ACTIONS = {
  ecs: [
    'ecs:DescribeCapacityProviders',
    'ecs:DescribeClusters',
    'ecs:DescribeContainerInstances',
    'ecs:DescribeServices',
    'ecs:DescribeTaskDefinition',
    'ecs:DescribeTasks',
    'ecs:ListClusters',
    'ecs:ListContainerInstances',
    'ecs:ListServices',
    'ecs:ListTasks',
  ],
  eks: [
    'eks:DescribeCluster',
    'eks:DescribeClusterVersions',
    'eks:DescribeFargateProfile',
    'eks:DescribeNodegroup',
    'eks:ListClusters',
    'eks:ListFargateProfiles',
    'eks:ListNodegroups',
    'eks:ListPodIdentityAssociations',
  ],
  ec2: ['ec2:DescribeInstanceTypes', 'ec2:DescribeInstances'],
  /**
   * The Kubernetes bearer token is a presigned GetCallerIdentity (lib/inventory/eks/token.ts).
   * AWS allows that call without a grant; it is listed so the role states everything it is used for.
   */
  sts: ['sts:GetCallerIdentity'],
} as const;

/** All collector read actions, sorted. */
export const MEMBER_ROLE_ACTIONS: readonly string[] = Object.values(COLLECTOR_READ_ACTIONS).flat().sort();

/** Actions the hub (the scanner account) sends for itself, outside the member role. */
export const HUB_ACTIONS = {
  /** lib/inventory/org/list-accounts.ts */
  listAccounts: ['organizations:ListAccounts'],
  /** lib/inventory/clients.ts, one AssumeRole per scanned account. */
  assumeMemberRole: ['sts:AssumeRole'],
  /** The state machine the scheduled scan starts. */
  startScan: ['states:StartExecution'],
} as const;

/**
 * What Lambda needs, through the function's role, to put a function in a VPC: create, describe and
 * delete its network interfaces. The EC2 actions of the AWS managed policy
 * AWSLambdaVPCAccessExecutionRole (its logs actions are granted per log group already).
 */
export const VPC_NETWORK_INTERFACE_ACTIONS = [
  'ec2:AssignPrivateIpAddresses',
  'ec2:CreateNetworkInterface',
  'ec2:DeleteNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:UnassignPrivateIpAddresses',
] as const;

/** The Lambdas of serverless.yml, by their function key. */
export const FUNCTION_NAMES = ['scheduledScan', 'scanTarget', 'summarize', 'slackNotifier'] as const;
/** A function key of serverless.yml. */
export type FunctionName = (typeof FUNCTION_NAMES)[number];

const LOGS: PermissionStatement = {
  actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  resource: 'ownLogGroup',
  why: 'the function writes its structured logs and EMF metrics to its own log group',
};
const TRACES: PermissionStatement = {
  actions: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
  resource: 'any',
  why: 'active tracing; X-Ray has no resource-level permissions',
};

const TABLE_SUMMARIZE = [...new Set([...STORE_PERMISSIONS.readHistory, ...STORE_PERMISSIONS.recordSummary])];
const PUBLISH: PermissionStatement[] = [
  { actions: SNS_PUBLISH_PERMISSIONS, resource: 'summaryTopic', why: 'publishes the scan summary' },
  {
    actions: KMS_TOPIC_PUBLISH_PERMISSIONS,
    resource: 'summaryTopicKey',
    why: 'the topic is encrypted with a customer managed KMS key',
  },
];

/** The HTML report upload, granted only when a report bucket (and a KMS key) is configured. */
const REPORT_UPLOAD: readonly PermissionStatement[] = [
  {
    actions: REPORT_UPLOAD_PERMISSIONS.objects,
    resource: 'reportObjects',
    why: "uploads each scan's HTML report; the presigned link in the message reads it with this role's authority",
    grantedWhen: 'reportBucket',
  },
  {
    actions: REPORT_UPLOAD_PERMISSIONS.key,
    resource: 'reportKey',
    why: 'the reports are encrypted with a customer managed KMS key (written, and read through the link)',
    grantedWhen: 'reportKey',
  },
];

/** Lambda managing the function's network interfaces in a VPC, under the setting that puts it there. */
const vpcNetworkInterfaces = (grantedWhen: 'vpc' | 'vpcAllFunctions', why: string): PermissionStatement => ({
  actions: VPC_NETWORK_INTERFACE_ACTIONS,
  resource: 'any',
  why: `${why}, Lambda manages the function's network interfaces with this role; resource '*' as in AWSLambdaVPCAccessExecutionRole, the Describe calls have no resource-level permissions`,
  grantedWhen,
});
const IN_VPC_WITH_ALL = vpcNetworkInterfaces(
  'vpcAllFunctions',
  'in a VPC with vpcFunctions=all (Security Hub Lambda.3)',
);

/** Per function, the statements its role grants (nothing else). */
export const FUNCTION_PERMISSIONS: Readonly<Record<FunctionName, readonly PermissionStatement[]>> = {
  scheduledScan: [
    LOGS,
    TRACES,
    {
      actions: HUB_ACTIONS.listAccounts,
      resource: 'any',
      why: 'ListAccounts has no resource-level permissions',
    },
    { actions: HUB_ACTIONS.startScan, resource: 'scanStateMachine', why: 'starts the organization scan' },
    IN_VPC_WITH_ALL,
  ],
  scanTarget: [
    LOGS,
    TRACES,
    {
      actions: HUB_ACTIONS.assumeMemberRole,
      resource: 'memberRole',
      why: 'reads other accounts through their role',
    },
    {
      actions: MEMBER_ROLE_ACTIONS,
      resource: 'any',
      why: "scans its own account with its own role (the collectors' List/Describe calls cover every resource)",
    },
    {
      actions: [...new Set([...STORE_PERMISSIONS.recordTargetRun, ...TABLE_SUMMARIZE])].sort(),
      resource: 'findingsTable',
      why: 'writes findings; the on-demand entry also summarizes in-process',
    },
    ...PUBLISH,
    // An on-demand scan summarizes in-process, uploading its report as summarize does.
    ...REPORT_UPLOAD,
    vpcNetworkInterfaces('vpc', 'in a VPC (to reach private-only cluster endpoints)'),
  ],
  summarize: [
    LOGS,
    TRACES,
    {
      actions: [...TABLE_SUMMARIZE].sort(),
      resource: 'findingsTable',
      why: 'reads runs, records the summary',
    },
    ...PUBLISH,
    ...REPORT_UPLOAD,
    IN_VPC_WITH_ALL,
  ],
  slackNotifier: [
    LOGS,
    TRACES,
    { actions: SLACK_PERMISSIONS.parameter, resource: 'slackWebhookParameter', why: 'reads the webhook URL' },
    {
      actions: SLACK_PERMISSIONS.secret,
      resource: 'slackWebhookSecret',
      why: 'when the parameter is a Secrets Manager reference, the secret behind it',
      grantedWhen: 'slackSecret',
    },
    IN_VPC_WITH_ALL,
  ],
};

/** Every action a function's role grants, sorted and distinct. */
export function actionsOf(name: FunctionName): string[] {
  return [...new Set(FUNCTION_PERMISSIONS[name].flatMap((statement) => statement.actions))].sort();
}
