/**
 * The logging and metrics surface the orchestration uses. Powertools' Logger and Metrics satisfy
 * these interfaces in the Lambdas; the CLI and tests pass their own.
 */

/** Structured logging; attributes are names, counts and ids — never environment or secret values. */
export interface LogSink {
  info(message: string, attributes?: Readonly<Record<string, unknown>>): void;
  warn(message: string, attributes?: Readonly<Record<string, unknown>>): void;
  error(message: string, attributes?: Readonly<Record<string, unknown>>): void;
}

/** The CloudWatch units the scan's metrics use. */
export type MetricUnitName = 'Count' | 'None' | 'Milliseconds';

/** CloudWatch metrics (embedded metric format in the Lambdas). */
export interface MetricSink {
  addMetric(name: string, unit: MetricUnitName, value: number): void;
}

/** A sink that drops everything (for callers that do not log). */
export const silentLog: LogSink = {
  info: () => {},
  warn: () => {},
  error: () => {},
};
