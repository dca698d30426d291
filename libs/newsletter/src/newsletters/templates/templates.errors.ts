import { DomainError } from '@mailroom/platform';

export class TemplateNotFound extends DomainError {
  readonly code = 'not_found';
  constructor(id: number) {
    super(`Template ${id} does not exist`);
  }
}

/** In use where a change would matter: a send on its way, or (for deletion) any newsletter. */
export class TemplateInUse extends DomainError {
  readonly code = 'conflict';
}
