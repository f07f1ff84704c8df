import { createHandlerTools, withServerlessStack } from '../lib/serverless/middleware.js';
import { parsePayload, snsEventSchema, snsNotificationsOf } from '../lib/serverless/payload.js';
import { productionRuntime } from '../lib/serverless/production.js';
import type { ServerlessRuntime } from '../lib/serverless/runtime.js';
import { type FetchLike, postToSlack, toSlackMessage } from '../lib/sinks/slack.js';

/** slackNotifier: an SNS subscriber that posts each scan summary to a Slack incoming webhook. */
export function createHandler(
  runtime: () => ServerlessRuntime = productionRuntime,
  fetchImpl: FetchLike = fetch,
) {
  const tools = createHandlerTools('slackNotifier');
  const notify = async (event: ReturnType<typeof snsNotificationsOf>) => {
    // The URL is read here and handed straight to the request: never logged, never returned.
    const webhookUrl = await runtime().slackWebhook().url();
    for (const notification of event) await postToSlack(webhookUrl, toSlackMessage(notification), fetchImpl);
    tools.log.info('posted to Slack', { messages: event.length });
    return { posted: event.length };
  };
  return withServerlessStack(notify, {
    tools,
    parse: (event) => snsNotificationsOf(parsePayload(snsEventSchema, event, 'SNS event')),
  });
}

export const handler = createHandler();
