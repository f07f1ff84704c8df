import 'aws-sdk-client-mock-vitest/extend';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SinkError } from '../../../lib/sinks/sink-error.js';
import { publishSummary } from '../../../lib/sinks/sns-publisher.js';
import type { SummaryMessage } from '../../../lib/sinks/sns-summary.js';

const sns = new SNSClient({ region: 'us-east-1' });
const mock = mockClient(sns);
const TOPIC = 'arn:aws:sns:us-east-1:111122223333:fargate-fit-summaries';
const message: SummaryMessage = {
  subject: 'fargate-fit: no changes (1 workload)',
  message: 'body',
  attributes: { eventType: { DataType: 'String', StringValue: 'scan-summary' } },
  omittedEntries: 0,
  bytes: 10,
};

beforeEach(() => mock.reset());

describe('publishSummary', () => {
  it('publishes subject, body and attributes to the topic and returns the message id', async () => {
    mock.on(PublishCommand).resolves({ MessageId: 'm-1' });
    expect(await publishSummary(sns, TOPIC, message)).toBe('m-1');
    expect(mock).toHaveReceivedCommandWith(PublishCommand, {
      TopicArn: TOPIC,
      Subject: message.subject,
      Message: 'body',
      MessageAttributes: { eventType: { DataType: 'String', StringValue: 'scan-summary' } },
    });
  });

  it('reports a refused publish as a SinkError naming the topic and the cause', async () => {
    mock
      .on(PublishCommand)
      .rejects(Object.assign(new Error('key disabled'), { name: 'KMSDisabledException' }));
    const failure = publishSummary(sns, TOPIC, message);
    await expect(failure).rejects.toBeInstanceOf(SinkError);
    await expect(failure).rejects.toThrow(
      `publishing the scan summary to ${TOPIC} failed: KMSDisabledException: key disabled`,
    );
  });
});
