/**
 * An AWS service error as the emulator raises it; each protocol module renders it on the wire
 * (JSON `__type`, EC2 `<Response><Errors>`, query `<ErrorResponse>`, REST `x-amzn-ErrorType`).
 */
export class AwsError extends Error {
  constructor(
    /** The error code the SDK turns into an exception name, e.g. `InvalidParameterException`. */
    readonly code: string,
    message: string,
    /** HTTP status AWS uses for this error. */
    readonly status = 400,
    /** Query protocol only: `Sender` (client's fault) or `Receiver`. */
    readonly faultType: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
    /** Extra members some errors carry (EKS `clusterName`, ...). */
    readonly extra: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = code;
  }
}
