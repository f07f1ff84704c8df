import 'aws-sdk-client-mock-vitest/extend';
import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_PRESIGNED_URL_SECONDS, uploadReport } from '../../../lib/sinks/report-upload.js';
import { SinkError } from '../../../lib/sinks/sink-error.js';

// Static test credentials: presigning is a local computation, so nothing leaves the process.
const s3 = new S3Client({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIDREPORTTEST', secretAccessKey: 'report-test-secret' },
});
const s3Mock = mockClient(s3);

afterEach(() => {
  s3Mock.reset();
});

const html = '<!doctype html><title>report</title>';

describe('uploadReport', () => {
  it('stores the report encrypted with S3-managed keys and returns a working presigned GET URL', async () => {
    s3Mock.on(PutObjectCommand).resolves({ ETag: '"abc"' });

    const url = await uploadReport(
      { s3, presign: getSignedUrl },
      { bucket: 'fargate-fit-reports', key: 'scans/2026-11-27/report.html', html, expiresInSeconds: 3600 },
    );

    expect(s3Mock).toHaveReceivedCommandTimes(PutObjectCommand, 1);
    expect(s3Mock).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: 'fargate-fit-reports',
      Key: 'scans/2026-11-27/report.html',
      Body: html,
      ContentType: 'text/html; charset=utf-8',
      ServerSideEncryption: 'AES256',
    });
    const signed = new URL(url);
    expect(signed.protocol).toBe('https:');
    expect(`${signed.host}${signed.pathname}`).toContain('fargate-fit-reports');
    expect(signed.pathname).toContain('scans/2026-11-27/report.html');
    expect(signed.searchParams.get('X-Amz-Expires')).toBe('3600');
    expect(signed.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(signed.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(signed.searchParams.get('X-Amz-Credential')).toContain('/eu-west-1/s3/aws4_request');
    // The signature covers a GET only: the link is for reading, never for overwriting.
    expect(url).not.toContain('x-id=PutObject');
  });

  it('encrypts with the given KMS key and checks the bucket owner on upload', async () => {
    s3Mock.on(PutObjectCommand).resolves({});
    const presign = vi.fn(async () => 'https://example.invalid/signed');

    await uploadReport(
      { s3, presign },
      {
        bucket: 'reports',
        key: 'r.html',
        html,
        expiresInSeconds: 60,
        kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        expectedBucketOwner: '111122223333',
      },
    );

    expect(s3Mock).toHaveReceivedCommandWith(PutObjectCommand, {
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      ExpectedBucketOwner: '111122223333',
    });
    expect(presign).toHaveBeenCalledTimes(1);
    const [, command, options] = presign.mock.calls[0] as unknown as [
      S3Client,
      GetObjectCommand,
      { expiresIn: number },
    ];
    expect(command).toBeInstanceOf(GetObjectCommand);
    expect(command.input).toEqual({ Bucket: 'reports', Key: 'r.html' });
    expect(options).toEqual({ expiresIn: 60 });
  });

  it.each([
    [0, 'zero'],
    [MAX_PRESIGNED_URL_SECONDS + 1, 'longer than seven days'],
    [1.5, 'fractional'],
  ])('rejects a link lifetime of %s seconds (%s) before any call', async (expiresInSeconds) => {
    const presign = vi.fn(async () => 'unused');
    await expect(
      uploadReport({ s3, presign }, { bucket: 'reports', key: 'r.html', html, expiresInSeconds }),
    ).rejects.toThrow(RangeError);
    expect(s3Mock).toHaveReceivedCommandTimes(PutObjectCommand, 0);
    expect(presign).not.toHaveBeenCalled();
  });

  it('rejects an empty bucket or a key with a leading slash before any call', async () => {
    const presign = vi.fn(async () => 'unused');
    await expect(
      uploadReport({ s3, presign }, { bucket: ' ', key: 'r.html', html, expiresInSeconds: 60 }),
    ).rejects.toThrow(/bucket is empty/);
    await expect(
      uploadReport({ s3, presign }, { bucket: 'reports', key: '/r.html', html, expiresInSeconds: 60 }),
    ).rejects.toThrow(/leading slash/);
    expect(s3Mock).toHaveReceivedCommandTimes(PutObjectCommand, 0);
  });

  it('reports a failed upload as a SinkError that keeps the S3 error, and signs no link', async () => {
    const denied = new S3ServiceException({
      name: 'AccessDenied',
      $fault: 'client',
      $metadata: { httpStatusCode: 403 },
      message: 'Access Denied',
    });
    s3Mock.on(PutObjectCommand).rejects(denied);
    const presign = vi.fn(async () => 'unused');

    const failure = uploadReport(
      { s3, presign },
      { bucket: 'reports', key: 'r.html', html, expiresInSeconds: 60 },
    );

    await expect(failure).rejects.toBeInstanceOf(SinkError);
    await expect(failure).rejects.toThrow('cannot upload the report to s3://reports/r.html: Access Denied');
    await failure.catch((error: SinkError) => expect(error.cause).toBe(denied));
    expect(presign).not.toHaveBeenCalled();
  });

  it('reports a failed signature as a SinkError', async () => {
    s3Mock.on(PutObjectCommand).resolves({});
    const presign = vi.fn(async () => {
      throw new Error('Credential is missing');
    });

    await expect(
      uploadReport({ s3, presign }, { bucket: 'reports', key: 'r.html', html, expiresInSeconds: 60 }),
    ).rejects.toThrow('cannot sign a link to s3://reports/r.html: Credential is missing');
  });
});
