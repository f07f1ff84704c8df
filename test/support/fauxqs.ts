/**
 * An SNS and SQS emulator (fauxqs, in-process) for the serverless integration tests: a topic
 * subscribed by a queue, so a test publishes through the real SNS client and reads what a
 * subscriber would receive from the queue.
 */
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const REGION = 'us-east-1';

/** A message as the subscribed queue received it (SNS envelope, not raw delivery). */
export interface DeliveredMessage {
  readonly subject: string | null;
  readonly message: string;
  readonly attributes: Readonly<Record<string, { readonly Type: string; readonly Value: string }>>;
}

export interface SnsEmulator {
  readonly endpoint: string;
  readonly topicArn: string;
  sns(): SNSClient;
  /** Every message delivered to the subscribed queue since the last call (they are deleted). */
  drain(): Promise<DeliveredMessage[]>;
  stop(): Promise<void>;
}

/**
 * Starts fauxqs with one topic delivering to one queue. fauxqs's own `startFauxqs` listens on every
 * interface; its app is bound to loopback here instead, and the topic, queue and subscription are
 * made through the SDK as a deployment would make them.
 */
export async function startSnsEmulator(topicName = 'fargate-fit-summaries'): Promise<SnsEmulator> {
  const app = buildApp({ logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const endpoint = `http://127.0.0.1:${port}`;
  const sqs = new SQSClient({ endpoint, region: REGION, credentials: CREDENTIALS });
  const sns = new SNSClient({ endpoint, region: REGION, credentials: CREDENTIALS });
  const { QueueUrl: queueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: `${topicName}-subscriber` }),
  );
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const { TopicArn: topicArn } = await sns.send(new CreateTopicCommand({ Name: topicName }));
  if (!queueUrl || !topicArn || !Attributes?.QueueArn)
    throw new Error('fauxqs did not create the topic and queue');
  await sns.send(
    new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: Attributes.QueueArn }),
  );
  sns.destroy();
  return {
    endpoint,
    topicArn,
    sns: () => new SNSClient({ endpoint, region: REGION, credentials: CREDENTIALS }),
    async drain() {
      const delivered: DeliveredMessage[] = [];
      for (;;) {
        const out = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
        );
        const messages = out.Messages ?? [];
        if (messages.length === 0) return delivered;
        for (const message of messages) {
          const envelope = JSON.parse(message.Body ?? '{}') as {
            Subject?: string;
            Message: string;
            MessageAttributes?: Record<string, { Type: string; Value: string }>;
          };
          delivered.push({
            subject: envelope.Subject ?? null,
            message: envelope.Message,
            attributes: envelope.MessageAttributes ?? {},
          });
          await sqs.send(
            new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
          );
        }
      }
    },
    async stop() {
      sqs.destroy();
      await app.close();
    },
  };
}
