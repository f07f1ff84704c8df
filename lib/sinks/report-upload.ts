import {
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
  type ServerSideEncryption,
} from '@aws-sdk/client-s3';
import { SinkError } from './sink-error.js';

/**
 * IAM actions of a report upload, on the report objects and (with SSE-KMS) on their key. GetObject
 * and Decrypt are there for the link: S3 authorizes a presigned GET with the permissions of the
 * role that signed it, so without them the link in the message would answer 403.
 */
export const REPORT_UPLOAD_PERMISSIONS = {
  objects: ['s3:GetObject', 's3:PutObject'],
  key: ['kms:Decrypt', 'kms:GenerateDataKey'],
} as const;

/**
 * SigV4 presigned URLs live at most seven days. A URL signed with temporary credentials (a
 * Lambda's role) stops working when those credentials expire, which can be sooner.
 */
export const MAX_PRESIGNED_URL_SECONDS = 604_800;

/**
 * Signs a GET for an object: `getSignedUrl` of `@aws-sdk/s3-request-presigner`, injected so tests
 * and callers choose the implementation.
 */
export type PresignGet = (
  client: S3Client,
  command: GetObjectCommand,
  options: { readonly expiresIn: number },
) => Promise<string>;

/** The clients {@link uploadReport} uses; constructed by the caller (one module builds clients). */
export interface ReportUploadClients {
  readonly s3: S3Client;
  readonly presign: PresignGet;
}

/** Where the report goes and how long its link lives. */
export interface ReportUpload {
  readonly bucket: string;
  readonly key: string;
  /** The rendered report (renderHtml). */
  readonly html: string;
  /** Lifetime of the presigned GET URL, 1 to {@link MAX_PRESIGNED_URL_SECONDS}. */
  readonly expiresInSeconds: number;
  /** Encrypts with this KMS key (SSE-KMS); otherwise with S3-managed keys (SSE-S3, AES256). */
  readonly kmsKeyId?: string;
  /** The account that must own the bucket, so a report is never written to someone else's bucket. */
  readonly expectedBucketOwner?: string;
}

function validate(upload: ReportUpload): void {
  if (upload.bucket.trim() === '') throw new RangeError('report upload: bucket is empty');
  if (upload.key.trim() === '' || upload.key.startsWith('/')) {
    throw new RangeError(
      `report upload: key "${upload.key}" must be a non-empty key without a leading slash`,
    );
  }
  const seconds = upload.expiresInSeconds;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_PRESIGNED_URL_SECONDS) {
    throw new RangeError(
      `report upload: expiresInSeconds must be a whole number from 1 to ${MAX_PRESIGNED_URL_SECONDS} (7 days), got ${seconds}`,
    );
  }
}

/**
 * Stores an HTML report in S3, encrypted at rest, and returns a presigned GET URL for it, so the
 * SNS summary can link the full report without making the bucket public. The object is served
 * as `text/html` inline, and not cached by intermediaries (the URL is a credential while it lives).
 *
 * Invalid arguments throw a RangeError before any call; a failed upload or signature throws a
 * {@link SinkError} carrying the SDK error as its cause.
 */
export async function uploadReport(clients: ReportUploadClients, upload: ReportUpload): Promise<string> {
  validate(upload);
  const { bucket, key } = upload;
  const encryption: ServerSideEncryption = upload.kmsKeyId === undefined ? 'AES256' : 'aws:kms';
  const owner =
    upload.expectedBucketOwner === undefined ? {} : { ExpectedBucketOwner: upload.expectedBucketOwner };
  try {
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: upload.html,
        ContentType: 'text/html; charset=utf-8',
        ContentDisposition: 'inline',
        CacheControl: 'private, no-store',
        ServerSideEncryption: encryption,
        ...(upload.kmsKeyId === undefined ? {} : { SSEKMSKeyId: upload.kmsKeyId }),
        ...owner,
      }),
    );
  } catch (error) {
    throw new SinkError(`cannot upload the report to s3://${bucket}/${key}: ${errorText(error)}`, {
      cause: error,
    });
  }
  try {
    // The bucket owner is checked on the upload only: a header in the signed GET would have to be
    // sent by whoever clicks the link, and a browser cannot.
    return await clients.presign(clients.s3, new GetObjectCommand({ Bucket: bucket, Key: key }), {
      expiresIn: upload.expiresInSeconds,
    });
  } catch (error) {
    throw new SinkError(`cannot sign a link to s3://${bucket}/${key}: ${errorText(error)}`, { cause: error });
  }
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
