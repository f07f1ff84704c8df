import 'aws-sdk-client-mock-vitest/extend';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../../functions/slack-notifier.js';
import { FileItemTable } from '../../../lib/sinks/dynamodb/file-table.js';
import { FindingsStore } from '../../../lib/sinks/dynamodb-store.js';
import { type FetchLike, postToSlack, toSlackMessage, WebhookUrlSource } from '../../../lib/sinks/slack.js';
import { captureLogs, lambdaContext, testRuntime } from './runtime-fixture.js';

const ssm = new SSMClient({ region: 'us-east-1' });
const ssmMock = mockClient(ssm);
const PARAMETER = '/fargate-fit/slack-webhook-url';

interface Received {
  readonly url: string;
  readonly body: Record<string, unknown>;
}
const received: Received[] = [];
let answer: { status: number; body: string } = { status: 200, body: 'ok' };
const HOOK = 'https://hooks.slack.com/services/T000/B000/secret-path';

/** Slack's side of the webhook, in memory: unit tests make no network calls. */
const fakeFetch: FetchLike = async (url, init) => {
  received.push({ url, body: JSON.parse(init.body) });
  return { ok: answer.status < 300, status: answer.status, text: async () => answer.body };
};

beforeEach(() => {
  received.length = 0;
  answer = { status: 200, body: 'ok' };
  ssmMock.reset();
});

describe('toSlackMessage', () => {
  it('puts the subject in a header and the text body, escaped, in sections under Slack’s limits', () => {
    const body = `line <one> & more\n${'x'.repeat(7000)}`;
    const message = toSlackMessage({ subject: 'fargate-fit: 2 new', message: body, format: 'text' });
    expect(message.text).toBe('fargate-fit: 2 new');
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'fargate-fit: 2 new', emoji: true },
    });
    const sections = message.blocks.slice(1) as { text: { text: string } }[];
    expect(sections.length).toBe(3);
    expect(sections.every((s) => s.text.text.length <= 3000)).toBe(true);
    expect(sections[0]?.text.text.startsWith('line &lt;one&gt; &amp; more')).toBe(true);
  });

  it('unwraps an AWS Chatbot custom notification to its title and markdown description', () => {
    const chatbot = JSON.stringify({
      version: '1.0',
      source: 'custom',
      content: {
        textType: 'client-markdown',
        title: ':warning: fargate-fit',
        description: '*New (1)*\n• web',
      },
    });
    const message = toSlackMessage({ subject: null, message: chatbot, format: 'chatbot' });
    expect(message.text).toBe(':warning: fargate-fit');
    expect(message.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '*New (1)*\n• web' },
    });
  });
});

describe('toSlackMessage: the report link', () => {
  const url =
    'https://reports.s3.amazonaws.com/r/scan-1/report.html?X-Amz-Credential=a%2Fb&X-Amz-Signature=ff';
  const note = 'HTML, link valid until 2026-11-28T10:00:00Z at the latest';
  const button = {
    type: 'actions',
    elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open the full report' }, url }],
  };

  it('turns the link line of a text summary into a button, unescaped, and keeps it out of the text', () => {
    const text = `fargate-fit scan summary\n\nWorkloads: 3\nFull report (${note}): ${url}\nReport file: s3://r/scan-1/report.html\n`;
    const message = toSlackMessage({ subject: 'fargate-fit: 1 new', message: text, format: 'text' });
    expect(message.blocks[2]).toEqual(button);
    expect(message.blocks[3]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: note }] });
    const sections = JSON.stringify(message.blocks.filter((b) => b.type === 'section'));
    expect(sections).not.toContain('X-Amz-Signature');
    expect(sections).toContain('Report file: s3://r/scan-1/report.html');
  });

  it('turns the Chatbot next step that links the report into the same button, and lists the other steps', () => {
    const chatbot = JSON.stringify({
      version: '1.0',
      source: 'custom',
      content: {
        title: ':warning: fargate-fit',
        description: '*New (1)*',
        nextSteps: [`<${url}|Open the full report> (${note}).`, 'Review the blockers.'],
      },
    });
    const message = toSlackMessage({ subject: null, message: chatbot, format: 'chatbot' });
    expect(message.blocks).toContainEqual(button);
    expect(message.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '*New (1)*\n\n*Next steps*\n• Review the blockers.' },
    });
  });

  it('posts a summary without a link as before', () => {
    const message = toSlackMessage({
      subject: 's',
      message: 'Full report: could not be uploaded this time.',
      format: 'text',
    });
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});

describe('WebhookUrlSource', () => {
  it('reads the URL decrypted from Parameter Store and reuses it for a while', async () => {
    ssmMock
      .on(GetParameterCommand)
      .resolves({ Parameter: { Value: 'https://hooks.slack.com/services/T/B/secret' } });
    let now = 0;
    const source = new WebhookUrlSource(ssm, PARAMETER, () => now);
    expect(await source.url()).toBe('https://hooks.slack.com/services/T/B/secret');
    now = 60_000;
    await source.url();
    expect(ssmMock).toHaveReceivedCommandTimes(GetParameterCommand, 1);
    expect(ssmMock).toHaveReceivedCommandWith(GetParameterCommand, { Name: PARAMETER, WithDecryption: true });
    now = 10 * 60_000;
    await source.url();
    expect(ssmMock).toHaveReceivedCommandTimes(GetParameterCommand, 2);
  });

  it('refuses a non-https URL without quoting it', async () => {
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: 'http://example.com/hook-secret' } });
    const failure = new WebhookUrlSource(ssm, PARAMETER).url();
    await expect(failure).rejects.toThrow(`the Slack webhook parameter ${PARAMETER} must hold an https URL`);
    await expect(failure).rejects.not.toThrow(/hook-secret/);
  });
});

describe('postToSlack', () => {
  it('posts the blocks as JSON', async () => {
    await postToSlack(HOOK, { text: 't', blocks: [] }, fakeFetch);
    expect(received).toEqual([{ url: HOOK, body: { text: 't', blocks: [] } }]);
  });

  it("reports Slack's refusal with its status and reason, never the URL", async () => {
    answer = { status: 404, body: 'no_service' };
    const failure = postToSlack(HOOK, { text: 't', blocks: [] }, fakeFetch);
    await expect(failure).rejects.toThrow('the Slack webhook refused the message: 404 no_service');
    await expect(failure).rejects.not.toThrow(/secret/);
  });
});

describe('slackNotifier handler', () => {
  it('posts every SNS record and logs no URL', async () => {
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: HOOK } });
    const logs = captureLogs();
    try {
      const runtime = () =>
        testRuntime({
          store: new FindingsStore(new FileItemTable('/nonexistent/unused.json')),
          slackWebhook: new WebhookUrlSource(ssm, PARAMETER),
        });
      const event = {
        Records: [
          {
            EventSource: 'aws:sns',
            Sns: {
              Subject: 'fargate-fit: no changes (3 workloads)',
              Message: 'fargate-fit scan summary\n\nWorkloads: 3',
              MessageAttributes: { format: { Type: 'String', Value: 'text' } },
            },
          },
        ],
      };
      expect(await createHandler(runtime, fakeFetch)(event, lambdaContext())).toEqual({ posted: 1 });
      expect(received[0]?.body.text).toBe('fargate-fit: no changes (3 workloads)');
      expect(logs.text()).not.toContain('secret-path');
      await expect(createHandler(runtime, fakeFetch)({ Records: [] }, lambdaContext())).rejects.toThrow(
        'invalid SNS event: Records: must hold at least one SNS record',
      );
    } finally {
      logs.restore();
    }
  });
});
