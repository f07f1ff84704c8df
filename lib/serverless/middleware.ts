/**
 * The middy stack every fargate-fit Lambda shares: Powertools structured logging (with the scan id
 * as correlation key), EMF metrics, X-Ray tracing, payload validation before the handler runs, and
 * error handling that logs and counts a failure before Lambda reports it.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy, { type MiddyfiedHandler } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { LogSink, MetricSink, MetricUnitName } from './observability.js';

/** Metric namespace of every fargate-fit metric. */
export const METRIC_NAMESPACE = 'FargateFit';
/** Powertools service name (a dimension of every metric, a key of every log line). */
export const SERVICE_NAME = 'fargate-fit';

/** The observability tools of one function. */
export interface HandlerTools {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
  /** The logger as the orchestration's {@link LogSink}. */
  readonly log: LogSink;
  /** The metrics as the orchestration's {@link MetricSink}. */
  readonly metricSink: MetricSink;
}

/** Powertools instances for one function; POWERTOOLS_* environment variables still apply. */
export function createHandlerTools(functionName: string): HandlerTools {
  const logger = new Logger({ serviceName: SERVICE_NAME, persistentKeys: { function: functionName } });
  const metrics = new Metrics({ namespace: METRIC_NAMESPACE, serviceName: SERVICE_NAME });
  const tracer = new Tracer({ serviceName: SERVICE_NAME });
  const log: LogSink = {
    info: (message, attributes) => logger.info(message, { ...attributes }),
    warn: (message, attributes) => logger.warn(message, { ...attributes }),
    error: (message, attributes) => logger.error(message, { ...attributes }),
  };
  const units: Readonly<Record<MetricUnitName, (typeof MetricUnit)[keyof typeof MetricUnit]>> = {
    Count: MetricUnit.Count,
    None: MetricUnit.NoUnit,
    Milliseconds: MetricUnit.Milliseconds,
  };
  const metricSink: MetricSink = {
    addMetric: (name, unit, value) => metrics.addMetric(name, units[unit], value),
  };
  return { logger, metrics, tracer, log, metricSink };
}

/** How the shared stack wraps one handler. */
export interface StackOptions<TEvent> {
  readonly tools: HandlerTools;
  /** Validates the raw event; throws (a PayloadError naming the fields) before the handler runs. */
  readonly parse: (event: unknown) => TEvent;
  /** The scan id the event belongs to, appended to every log line for correlation. */
  readonly correlationId?: (event: TEvent) => string | undefined;
}

/**
 * Wraps a handler in the shared stack. Validation runs in `before`, so an invalid event never
 * reaches the handler: nothing is scanned, written or published. Errors are logged by name and
 * message and counted (`InvocationErrors`), then rethrown for Lambda (and Step Functions' retry).
 */
export function withServerlessStack<TEvent, TResult>(
  handler: (event: TEvent, context: Context) => Promise<TResult>,
  options: StackOptions<TEvent>,
): MiddyfiedHandler<unknown, TResult, Error, Context> {
  const { logger, metrics, tracer } = options.tools;
  return middy<unknown, TResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use({
      before: (request) => {
        const event = options.parse(request.event);
        request.event = event;
        const scanId = options.correlationId?.(event);
        if (scanId) logger.appendKeys({ scanId });
      },
      onError: (request) => {
        const error = request.error;
        logger.error('invocation failed', {
          errorName: error?.name ?? 'Error',
          errorMessage: error?.message ?? String(error),
        });
        metrics.addMetric('InvocationErrors', MetricUnit.Count, 1);
      },
    })
    .handler((event, context) => handler(event as TEvent, context));
}
