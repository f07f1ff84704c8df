/** A report or message could not be delivered (file, table, topic); keeps the underlying cause. */
export class SinkError extends Error {
  override readonly name = 'SinkError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
