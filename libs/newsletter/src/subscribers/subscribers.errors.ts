import { DomainError, NotFound } from '@mailroom/platform';

/** One answer for every bad link (unknown, expired, used, malformed, wrong purpose), so none can be told apart. */
export class TokenInvalid extends DomainError {
  readonly code = 'token_invalid';
  constructor() {
    super('This link is invalid or has expired. Request a new one from the newsletter page.');
  }
}

export class FormExpired extends DomainError {
  readonly code = 'csrf_failed';
  constructor() {
    super('This form has expired. Reload the page and try again.');
  }
}

export class EmailTaken extends DomainError {
  readonly code = 'conflict';
  constructor() {
    super('That address is already on the list.');
  }
}

export class SubscriberNotFound extends NotFound {
  constructor(id: number) {
    super(`Subscriber ${id} does not exist`);
  }
}
