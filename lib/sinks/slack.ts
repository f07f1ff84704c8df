/**
 * The optional Slack notifier: turns a scan-summary SNS message into a Slack incoming-webhook post.
 * The webhook URL is itself the credential, so it lives in SSM Parameter Store (a SecureString) or
 * in Secrets Manager (read through Parameter Store's `/aws/reference/secretsmanager/<secret>`
 * path), is read at run time, kept only in memory, and never written to a log or an error.
 */
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { SinkError } from './sink-error.js';
import { REPORT_LINK_LABEL, reportLinkIn, withoutReportLink } from './sns-summary.js';

/** IAM actions of the notifier: the parameter, and the secret behind a Secrets Manager reference. */
export const SLACK_PERMISSIONS = {
  parameter: ['ssm:GetParameter'],
  secret: ['secretsmanager:GetSecretValue'],
} as const;

/** Parameter Store's path prefix that reads a Secrets Manager secret. */
export const SECRETS_MANAGER_REFERENCE_PREFIX = '/aws/reference/secretsmanager/';

/** Slack rejects a section text over 3,000 characters and a message over 50 blocks. */
const SECTION_MAX = 3_000;
const BLOCKS_MAX = 50;
/** Slack rejects a button URL longer than this. */
const BUTTON_URL_MAX = 3_000;
/** How long a fetched webhook URL is reused before Parameter Store is asked again. */
const URL_CACHE_MS = 5 * 60_000;

/** A Slack Block Kit message for an incoming webhook. */
export interface SlackMessage {
  /** Fallback text for notifications and clients without blocks. */
  readonly text: string;
  readonly blocks: readonly Record<string, unknown>[];
}

/** The parts of an SNS notification the notifier reads. */
export interface SnsNotification {
  readonly subject: string | null;
  readonly message: string;
  /** The `format` message attribute: `text` or `chatbot`. */
  readonly format: string | null;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const breakAt = rest.lastIndexOf('\n', size);
    const end = breakAt > size / 2 ? breakAt : size;
    out.push(rest.slice(0, end));
    rest = rest.slice(end).replace(/^\n/, '');
  }
  if (rest.length > 0) out.push(rest);
  return out;
}

/**
 * The Slack message for a summary: a header with the subject and the body in sections. A Chatbot
 * custom notification (format `chatbot`) is unwrapped to its title and description, which are
 * already Slack markdown.
 */
/** The Chatbot next step that links the report: `<url|Open the full report> (note).` */
const CHATBOT_REPORT_STEP = /^<(https?:\/\/[^|>\s]+)\|[^>]*> \(([^)]*)\)\.$/;

/**
 * The report link as a button (its URL a JSON string, free of mrkdwn escaping) with its validity
 * beside it; null when the URL is too long for a button, in which case it stays in the text.
 */
function reportBlocks(link: {
  readonly url: string;
  readonly note: string;
}): Record<string, unknown>[] | null {
  if (link.url.length > BUTTON_URL_MAX) return null;
  return [
    {
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: REPORT_LINK_LABEL }, url: link.url }],
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(link.note) }] },
  ];
}

/**
 * The Slack message for a summary: a header with the subject, the body in sections, and the full
 * report (when the summary links one) as a button. A Chatbot custom notification (format
 * `chatbot`) is unwrapped to its title, description and next steps, which are already Slack
 * markdown.
 */
export function toSlackMessage(notification: SnsNotification): SlackMessage {
  let title = notification.subject ?? 'fargate-fit scan summary';
  let report: Record<string, unknown>[] | null = null;
  const textLink = notification.format === 'chatbot' ? null : reportLinkIn(notification.message);
  if (textLink) report = reportBlocks(textLink);
  let body = escapeMrkdwn(report ? withoutReportLink(notification.message) : notification.message);
  if (notification.format === 'chatbot') {
    try {
      const parsed = JSON.parse(notification.message) as {
        content?: { title?: unknown; description?: unknown; nextSteps?: unknown };
      };
      if (typeof parsed.content?.title === 'string') title = parsed.content.title;
      if (typeof parsed.content?.description === 'string') body = parsed.content.description;
      const steps = Array.isArray(parsed.content?.nextSteps)
        ? parsed.content.nextSteps.filter((step): step is string => typeof step === 'string')
        : [];
      const others: string[] = [];
      for (const step of steps) {
        const match = report ? null : CHATBOT_REPORT_STEP.exec(step);
        const blocks = match ? reportBlocks({ url: match[1]!, note: match[2]! }) : null;
        if (blocks) report = blocks;
        else others.push(step);
      }
      if (others.length > 0) body += `\n\n*Next steps*\n${others.map((step) => `• ${step}`).join('\n')}`;
    } catch {
      // Not the JSON it claims to be: post it as text rather than drop the alert.
    }
  }
  const header = { type: 'header', text: { type: 'plain_text', text: title.slice(0, 150), emoji: true } };
  const sections = chunks(body, SECTION_MAX).map((text) => ({
    type: 'section',
    text: { type: 'mrkdwn', text },
  }));
  const tail = report ?? [];
  const blocks: Record<string, unknown>[] = [header, ...sections];
  if (blocks.length + tail.length > BLOCKS_MAX) {
    blocks.length = BLOCKS_MAX - 1 - tail.length;
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '_The rest of the summary is too long for one Slack message; see the email._',
      },
    });
  }
  // The report link goes near the top, where it is seen without scrolling.
  blocks.splice(Math.min(2, blocks.length), 0, ...tail);
  return { text: title, blocks };
}

/** Reads the webhook URL from Parameter Store (decrypted), caching it briefly in memory. */
export class WebhookUrlSource {
  private cached: { url: string; fetchedAt: number } | undefined;

  constructor(
    private readonly ssm: SSMClient,
    private readonly parameterName: string,
    private readonly now: () => number = Date.now,
  ) {}

  async url(): Promise<string> {
    if (this.cached && this.now() - this.cached.fetchedAt < URL_CACHE_MS) return this.cached.url;
    let value: string | undefined;
    try {
      const out = await this.ssm.send(
        new GetParameterCommand({ Name: this.parameterName, WithDecryption: true }),
      );
      value = out.Parameter?.Value;
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      throw new SinkError(`cannot read the Slack webhook parameter ${this.parameterName}: ${name}`, {
        cause: error,
      });
    }
    if (!value) throw new SinkError(`the Slack webhook parameter ${this.parameterName} is empty`);
    assertWebhookUrl(value, this.parameterName);
    this.cached = { url: value, fetchedAt: this.now() };
    return value;
  }
}

/** Only https webhooks (plain http on loopback, for local tests); the message never quotes the URL. */
function assertWebhookUrl(value: string, parameterName: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SinkError(`the Slack webhook parameter ${parameterName} does not hold a URL`);
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new SinkError(`the Slack webhook parameter ${parameterName} must hold an https URL`);
  }
}

/** Fetch as the notifier uses it; injectable for tests. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{
  readonly ok: boolean;
  readonly status: number;
  text(): Promise<string>;
}>;

/**
 * Posts a message to a Slack incoming webhook. A refused post throws {@link SinkError} with Slack's
 * status and reason (e.g. `404 no_service` for a revoked webhook), never the URL, so the Lambda
 * fails and SNS's delivery retries apply.
 */
export async function postToSlack(
  webhookUrl: string,
  message: SlackMessage,
  fetchImpl: FetchLike = fetch,
): Promise<void> {
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await fetchImpl(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
    });
  } catch (error) {
    // No `cause`: a network error's text can quote the URL, and the URL is the credential.
    throw new SinkError(
      `posting to the Slack webhook failed: ${error instanceof Error ? error.name : 'Error'}`,
    );
  }
  if (!response.ok) {
    const reason = (await response.text()).slice(0, 200);
    throw new SinkError(`the Slack webhook refused the message: ${response.status} ${reason}`);
  }
}
