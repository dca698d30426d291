/**
 * Every failure a service may report. The HTTP filter maps each code to a status in one exhaustive switch, so adding
 * a code without deciding its status does not compile.
 */
export type DomainErrorCode =
  | 'validation_failed'
  | 'invalid_body'
  | 'not_found'
  | 'conflict'
  | 'unauthenticated'
  | 'forbidden'
  | 'origin_not_allowed'
  | 'csrf_failed'
  | 'token_invalid'
  | 'rate_limited'
  | 'unavailable';

export type FieldErrors = Record<string, string>;

export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;

  constructor(
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailed extends DomainError {
  readonly code = 'validation_failed';
  constructor(fields: FieldErrors) {
    super(`Invalid ${Object.keys(fields).join(', ')}`, fields);
  }
}

export class InvalidBody extends DomainError {
  readonly code = 'invalid_body';
}

export class NotFound extends DomainError {
  readonly code = 'not_found';
}

export class Unauthenticated extends DomainError {
  readonly code = 'unauthenticated';
  constructor() {
    super('Sign in to use this resource');
  }
}

export class OriginNotAllowed extends DomainError {
  readonly code = 'origin_not_allowed';
  constructor() {
    super('Requests from this origin are not accepted');
  }
}

/** Too many live-progress streams open (for this session, or on this server). */
export class TooManyStreams extends DomainError {
  readonly code = 'rate_limited';
  constructor() {
    super('Too many live streams are open; close a tab or wait a moment');
  }
}
