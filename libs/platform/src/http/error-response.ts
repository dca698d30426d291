import type { DomainErrorCode, FieldErrors } from './domain-error';

/** The one error shape every 4xx and 5xx answer uses. */
export interface ErrorBody {
  error: string;
  message: string;
  fields?: FieldErrors;
  request_id?: string;
}

export function statusForDomainError(code: DomainErrorCode): number {
  switch (code) {
    case 'validation_failed':
    case 'invalid_body':
    case 'token_invalid':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
    case 'origin_not_allowed':
    case 'csrf_failed':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
    default: {
      const unhandled: never = code;
      throw new Error(`No HTTP status for ${String(unhandled)}`);
    }
  }
}

const CODE_FOR_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'request_timeout',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

/** Framework errors (Nest's HttpException, Fastify's body parsing) carry a status; name it in the same vocabulary. */
export function codeForStatus(status: number): string {
  return CODE_FOR_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
}

/** Messages Fastify's body parser gives, reworded so they name the problem without internals. */
export function fastifyErrorMessage(code: string | undefined, fallback: string): string {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than allowed';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Send application/json or application/x-www-form-urlencoded';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The JSON body is empty';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'The body is not valid JSON';
    default:
      return fallback;
  }
}
