import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { SinkError } from './sink-error.js';
import type { SummaryMessage } from './sns-summary.js';

/** The SNS action the publisher sends (IAM statements are built from it). */
export const SNS_PUBLISH_PERMISSIONS = ['sns:Publish'] as const;

/**
 * KMS actions a publisher needs on the key of a topic encrypted with a customer managed key: SNS
 * generates a data key with the publisher's credentials and decrypts it for delivery.
 */
export const KMS_TOPIC_PUBLISH_PERMISSIONS = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

/**
 * Publishes a rendered summary to a topic and returns SNS's message id. The client is injected;
 * a refused publish becomes a {@link SinkError} naming the topic.
 */
export async function publishSummary(
  sns: SNSClient,
  topicArn: string,
  message: SummaryMessage,
): Promise<string> {
  try {
    const out = await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: message.subject,
        Message: message.message,
        MessageAttributes: { ...message.attributes },
      }),
    );
    if (!out.MessageId) throw new Error('SNS returned no message id');
    return out.MessageId;
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    const text = error instanceof Error ? error.message : String(error);
    throw new SinkError(`publishing the scan summary to ${topicArn} failed: ${name}: ${text}`, {
      cause: error,
    });
  }
}
