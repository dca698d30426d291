import { DomainError, type FieldErrors } from '@mailroom/platform';

export class ServiceUnhealthy extends DomainError {
  readonly code = 'unavailable';
  constructor(failed: FieldErrors) {
    super(`Unhealthy: ${Object.keys(failed).join(', ')}`, failed);
  }
}

export class MetricsTokenRequired extends DomainError {
  readonly code = 'unauthenticated';
  constructor() {
    super('A valid metrics bearer token is required');
  }
}

export class OutboxJobNotFailed extends DomainError {
  readonly code = 'conflict';
  constructor(id: number) {
    super(`Outbox job ${id} has not failed (or does not exist): nothing to send again`);
  }
}
