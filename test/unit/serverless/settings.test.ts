import { describe, expect, it } from 'vitest';
import { readSettings, SettingsError } from '../../../lib/serverless/settings.js';

describe('readSettings', () => {
  it('defaults to this account and region, alerts on changes, text messages', () => {
    const settings = readSettings({ AWS_REGION: 'eu-west-1', FARGATE_FIT_TABLE: 'findings' });
    expect(settings).toMatchObject({
      tableName: 'findings',
      topicArn: null,
      accounts: { kind: 'self' },
      regions: [],
      memberRoleName: 'FargateFitReadOnly',
      alertOn: 'changes',
      messageFormat: 'text',
      savingsThresholdUsd: 10,
      historyDays: 35,
      region: 'eu-west-1',
    });
  });

  it('reads the organization, account lists and region lists as deployed by serverless.yml', () => {
    expect(readSettings({ AWS_REGION: 'us-east-1', FARGATE_FIT_ACCOUNTS: 'organization' }).accounts).toEqual({
      kind: 'organization',
    });
    const listed = readSettings({
      AWS_REGION: 'us-east-1',
      FARGATE_FIT_ACCOUNTS: '111122223333, 444455556666',
      FARGATE_FIT_REGIONS: 'us-east-1,eu-west-1',
      FARGATE_FIT_EXTERNAL_ID: '',
    });
    expect(listed.accounts).toEqual({ kind: 'list', accounts: ['111122223333', '444455556666'] });
    expect(listed.regions).toEqual(['us-east-1', 'eu-west-1']);
    expect(listed.externalId).toBeNull();
  });

  it('names every variable that is wrong', () => {
    expect(() =>
      readSettings({
        AWS_REGION: 'us-east-1',
        FARGATE_FIT_ACCOUNTS: 'prod',
        FARGATE_FIT_HISTORY_DAYS: '0',
        FARGATE_FIT_ALERT_ON: 'sometimes',
      }),
    ).toThrow(SettingsError);
    try {
      readSettings({ AWS_REGION: 'us-east-1', FARGATE_FIT_ACCOUNTS: 'prod', FARGATE_FIT_HISTORY_DAYS: '0' });
    } catch (error) {
      expect((error as Error).message).toContain(
        'FARGATE_FIT_ACCOUNTS: must be "organization" or a comma-separated list',
      );
      expect((error as Error).message).toContain(
        'FARGATE_FIT_HISTORY_DAYS: must be an integer 1-3650, got "0"',
      );
    }
  });

  it('uploads no report unless a bucket is named, and defaults the prefix and the link lifetime', () => {
    expect(readSettings({ AWS_REGION: 'us-east-1' })).toMatchObject({
      reportBucket: null,
      reportPrefix: 'reports/',
      reportLinkExpirySeconds: 86_400,
      reportKmsKeyArn: null,
    });
    expect(
      readSettings({
        AWS_REGION: 'us-east-1',
        FARGATE_FIT_REPORT_BUCKET: 'acme-fargate-fit-reports',
        FARGATE_FIT_REPORT_PREFIX: 'scans/',
        FARGATE_FIT_REPORT_LINK_EXPIRY_SECONDS: '604800',
        FARGATE_FIT_REPORT_KMS_KEY_ARN: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab',
      }),
    ).toMatchObject({
      reportBucket: 'acme-fargate-fit-reports',
      reportPrefix: 'scans/',
      reportLinkExpirySeconds: 604_800,
      reportKmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab',
    });
  });

  it('names each report setting that cannot work', () => {
    const problems = (() => {
      try {
        readSettings({
          AWS_REGION: 'us-east-1',
          FARGATE_FIT_REPORT_BUCKET: 'Reports_Bucket',
          FARGATE_FIT_REPORT_PREFIX: '/reports/',
          FARGATE_FIT_REPORT_LINK_EXPIRY_SECONDS: '604801',
          FARGATE_FIT_REPORT_KMS_KEY_ARN: 'alias/reports',
        });
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(problems).toContain('FARGATE_FIT_REPORT_BUCKET: must be an S3 bucket name');
    expect(problems).toContain('FARGATE_FIT_REPORT_PREFIX: must be an S3 key prefix without a leading slash');
    expect(problems).toContain(
      'FARGATE_FIT_REPORT_LINK_EXPIRY_SECONDS: must be a whole number of seconds from 60 to 604800 (7 days), got "604801"',
    );
    expect(problems).toContain('FARGATE_FIT_REPORT_KMS_KEY_ARN: must be a KMS key ARN');
  });

  it('refuses organization mixed with account ids', () => {
    expect(() =>
      readSettings({ AWS_REGION: 'us-east-1', FARGATE_FIT_ACCOUNTS: 'organization,111122223333' }),
    ).toThrow(/cannot be combined/);
  });
});
