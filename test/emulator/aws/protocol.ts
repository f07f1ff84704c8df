/**
 * The four AWS wire protocols the emulator speaks — JSON 1.1 (ECS, Organizations), EC2 query,
 * query (STS), REST-JSON (EKS) — and how each one spells the errors every service shares.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AwsError } from './errors.js';
import { renderFields, type XmlFields, xmlDocument } from './xml.js';

export type AwsServiceName = 'ecs' | 'ec2' | 'sts' | 'eks' | 'organizations';
export type AwsProtocol = 'json' | 'ec2' | 'query' | 'rest-json';

export const PROTOCOL_OF: Readonly<Record<AwsServiceName, AwsProtocol>> = {
  ecs: 'json',
  organizations: 'json',
  ec2: 'ec2',
  sts: 'query',
  eks: 'rest-json',
};

const JSON_TARGET_PREFIX: Readonly<Record<string, AwsServiceName>> = {
  AmazonEC2ContainerServiceV20141113: 'ecs',
  AWSOrganizationsV20161128: 'organizations',
};

/** The SigV4 credential scope of a request's Authorization header. */
export interface CredentialScope {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20261127/us-east-1/ecs/aws4_request, SignedHeaders=…, Signature=…` */
export function parseAuthorization(header: string | undefined): CredentialScope | null {
  if (!header?.startsWith('AWS4-HMAC-SHA256 ')) return null;
  const match = /Credential=([^/\s,]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/.exec(header);
  if (!match || !/SignedHeaders=[^,\s]+/.test(header) || !/Signature=[0-9a-f]+/.test(header)) return null;
  const [, accessKeyId = '', date = '', region = '', service = ''] = match;
  return { accessKeyId, date, region, service };
}

/** A parsed AWS request, before it is known who may see what. */
export interface AwsRequest {
  readonly service: AwsServiceName;
  readonly protocol: AwsProtocol;
  readonly action: string;
  readonly scope: CredentialScope;
  readonly sessionToken: string | null;
  /** JSON protocols: the body. */
  readonly json: Readonly<Record<string, unknown>>;
  /** Query protocols: the form parameters. */
  readonly form: URLSearchParams;
  /** REST-JSON: path segments (decoded) and query string. */
  readonly pathSegments: readonly string[];
  readonly query: URLSearchParams;
  readonly method: string;
}

/** Where a request goes: service from the credential scope, action from target, form or path. */
export function parseAwsRequest(
  method: string,
  url: URL,
  headers: IncomingHttpHeaders,
  body: string,
): AwsRequest {
  const scope = parseAuthorization(headers.authorization);
  if (!scope) {
    throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
  }
  const sessionTokenHeader = headers['x-amz-security-token'];
  const sessionToken = typeof sessionTokenHeader === 'string' ? sessionTokenHeader : null;
  const pathSegments = url.pathname
    .split('/')
    .filter((s) => s !== '')
    .map((s) => decodeURIComponent(s));
  const base = { scope, sessionToken, pathSegments, query: url.searchParams, method };
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    const [prefix = '', action = ''] = target.split('.');
    const service = JSON_TARGET_PREFIX[prefix];
    if (!service || service !== scope.service) {
      throw new AwsError('UnknownOperationException', `Unknown target ${target}`, 400);
    }
    let json: Record<string, unknown> = {};
    if (body.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(body);
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
          json = parsed as Record<string, unknown>;
      } catch {
        throw new AwsError(
          'SerializationException',
          'Start of structure or map found where not expected.',
          400,
        );
      }
    }
    return { ...base, service, protocol: 'json', action, json, form: new URLSearchParams() };
  }
  if (scope.service === 'ec2' || scope.service === 'sts') {
    const form = new URLSearchParams(method === 'POST' ? body : url.search);
    const action = form.get('Action') ?? '';
    return { ...base, service: scope.service, protocol: PROTOCOL_OF[scope.service], action, json: {}, form };
  }
  if (scope.service === 'eks') {
    return {
      ...base,
      service: 'eks',
      protocol: 'rest-json',
      action: '',
      json: {},
      form: new URLSearchParams(),
    };
  }
  throw new AwsError('UnknownOperationException', `The emulator does not serve ${scope.service}`, 400);
}

export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** A successful answer in the request's protocol. */
export function renderSuccess(protocol: AwsProtocol, action: string, result: unknown): WireResponse {
  const requestId = randomUUID();
  switch (protocol) {
    case 'json':
      return {
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
        body: JSON.stringify(result),
      };
    case 'rest-json':
      return {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
        body: JSON.stringify(result),
      };
    case 'ec2':
      return {
        status: 200,
        headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId },
        body: xmlDocument(`${action}Response`, EC2_NAMESPACE, { requestId, ...(result as XmlFields) }),
      };
    case 'query':
      return {
        status: 200,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
        body: xmlDocument(`${action}Response`, STS_NAMESPACE, {
          [`${action}Result`]: result as XmlFields,
          ResponseMetadata: { RequestId: requestId },
        }),
      };
  }
}

/** An error in the request's protocol. */
export function renderError(protocol: AwsProtocol, error: AwsError): WireResponse {
  const requestId = randomUUID();
  switch (protocol) {
    case 'json':
      return {
        status: error.status,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
        body: JSON.stringify({ __type: error.code, message: error.message, ...error.extra }),
      };
    case 'rest-json':
      return {
        status: error.status,
        headers: {
          'content-type': 'application/json',
          'x-amzn-requestid': requestId,
          'x-amzn-errortype': error.code,
        },
        body: JSON.stringify({ message: error.message, ...error.extra }),
      };
    case 'ec2':
      return {
        status: error.status,
        headers: { 'content-type': 'text/xml;charset=UTF-8' },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response>${renderFields({
          Errors: { Error: { Code: error.code, Message: error.message } },
          RequestID: requestId,
        })}</Response>`,
      };
    case 'query':
      return {
        status: error.status,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
        body: xmlDocument('ErrorResponse', STS_NAMESPACE, {
          Error: { Type: error.faultType, Code: error.code, Message: error.message },
          RequestId: requestId,
        }),
      };
  }
}

const INVALID_TOKEN = 'The security token included in the request is invalid.';

/** The errors every service has, in each service's own words. */
export const COMMON_ERRORS = {
  throttled(service: AwsServiceName): AwsError {
    switch (service) {
      case 'ecs':
        return new AwsError('ThrottlingException', 'Rate exceeded', 400);
      case 'ec2':
        return new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503);
      case 'sts':
        return new AwsError('Throttling', 'Rate exceeded', 400);
      case 'eks':
        return new AwsError('TooManyRequestsException', 'Too Many Requests', 429);
      case 'organizations':
        return new AwsError(
          'TooManyRequestsException',
          'You have sent too many requests in too short a period of time. The quota helps protect against denial-of-service attacks. Try again later.',
          400,
        );
    }
  },
  serverError(service: AwsServiceName, status: number): AwsError {
    const unavailable = status === 503;
    switch (service) {
      case 'ec2':
        return new AwsError(
          unavailable ? 'Unavailable' : 'InternalError',
          'An internal error has occurred',
          status,
        );
      case 'sts':
        return new AwsError(
          unavailable ? 'ServiceUnavailable' : 'InternalFailure',
          'An internal error has occurred',
          status,
        );
      case 'organizations':
        return new AwsError(
          'ServiceException',
          'AWS Organizations can\u2019t complete your request because of an internal service error. Try again later.',
          status,
        );
      default:
        return new AwsError(
          unavailable ? 'ServiceUnavailableException' : 'ServerException',
          'Service error',
          status,
        );
    }
  },
  accessDenied(service: AwsServiceName, action: string, principalArn: string, resource = '*'): AwsError {
    const because = `User: ${principalArn} is not authorized to perform: ${service}:${action} on resource: ${resource}`;
    switch (service) {
      case 'ec2':
        return new AwsError(
          'UnauthorizedOperation',
          `You are not authorized to perform this operation. ${because}`,
          403,
        );
      case 'sts':
        return new AwsError('AccessDenied', because, 403);
      case 'eks':
        return new AwsError('AccessDeniedException', because, 403);
      case 'organizations':
        return new AwsError(
          'AccessDeniedException',
          "You don't have permissions to access this resource.",
          400,
        );
      case 'ecs':
        return new AwsError(
          'AccessDeniedException',
          `${because} because no identity-based policy allows the ${service}:${action} action`,
          400,
        );
    }
  },
  /** An opt-in region the account has not enabled (and, in the same words, an unknown access key). */
  invalidToken(service: AwsServiceName): AwsError {
    switch (service) {
      case 'ec2':
        return new AwsError(
          'AuthFailure',
          'AWS was not able to validate the provided access credentials',
          401,
        );
      case 'sts':
        return new AwsError('InvalidClientTokenId', INVALID_TOKEN, 403);
      case 'eks':
        return new AwsError('UnrecognizedClientException', INVALID_TOKEN, 403);
      default:
        return new AwsError('UnrecognizedClientException', INVALID_TOKEN, 400);
    }
  },
  expiredToken(service: AwsServiceName): AwsError {
    switch (service) {
      case 'ec2':
        return new AwsError(
          'AuthFailure',
          'AWS was not able to validate the provided access credentials',
          401,
        );
      case 'sts':
        return new AwsError('ExpiredToken', 'The security token included in the request is expired', 400);
      default:
        return new AwsError(
          'ExpiredTokenException',
          'The security token included in the request is expired',
          service === 'eks' ? 403 : 400,
        );
    }
  },
  unknownOperation(service: AwsServiceName, action: string): AwsError {
    switch (service) {
      case 'ec2':
        return new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`, 400);
      case 'sts':
        return new AwsError(
          'InvalidAction',
          `Could not find operation ${action} for version 2011-06-15`,
          400,
        );
      case 'eks':
        return new AwsError('UnknownOperationException', `No operation matches ${action}`, 404);
      default:
        return new AwsError('UnknownOperationException', '', 400);
    }
  },
};
