import { DomainError } from '@mailroom/platform';

/** The newsletter is not in a state that allows this (editing one that is sending, pausing a draft, ...). */
export class NewsletterStateConflict extends DomainError {
  readonly code = 'conflict';
}

export class NewsletterNotFound extends DomainError {
  readonly code = 'not_found';
  constructor(id: number) {
    super(`Newsletter ${id} does not exist`);
  }
}
