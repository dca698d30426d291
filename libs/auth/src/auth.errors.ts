import { DomainError } from '@mailroom/platform';

/** The same answer for an unknown user, a wrong password and a disabled account. */
export class InvalidCredentials extends DomainError {
  readonly code = 'unauthenticated';
  constructor() {
    super('Wrong username or password');
  }
}

export class TooManyLoginAttempts extends DomainError {
  readonly code = 'rate_limited';
  constructor() {
    super('Too many failed sign-ins; try again later');
  }
}

export class RoleRequired extends DomainError {
  readonly code = 'forbidden';
  constructor() {
    super('Your role does not allow this');
  }
}

export class CsrfRequired extends DomainError {
  readonly code = 'csrf_failed';
  constructor() {
    super('Send the X-CSRF-Token header from your session with a JSON body');
  }
}

export class AdminBootstrapRefused extends Error {
  constructor() {
    super(
      'No admin exists yet: set ADMIN_PASSWORD (at least 12 characters, not a common password) to create the first ' +
        'one, or create it with `npx mailroom create-admin`',
    );
  }
}

export class AdminNotFound extends DomainError {
  readonly code = 'not_found';
  constructor(id: number) {
    super(`Admin ${id} does not exist`);
  }
}

export class UsernameTaken extends DomainError {
  readonly code = 'conflict';
  constructor() {
    super('That username is taken');
  }
}

/** Refused so nobody can lock everyone out: the last owner stays an enabled owner, and nobody removes themselves. */
export class LastOwnerProtected extends DomainError {
  readonly code = 'conflict';
  constructor(message = 'The last enabled owner cannot be demoted, disabled or deleted') {
    super(message);
  }
}

/** The session store (Redis) cannot be reached: sign-in and admin calls wait for it rather than fail open. */
export class SessionStoreUnavailable extends DomainError {
  readonly code = 'unavailable';
  constructor() {
    super('Sessions are unavailable right now; try again shortly');
  }
}

/** A request to an admin route (or to sign in) that another site's page started. */
export class CrossSiteRefused extends DomainError {
  readonly code = 'forbidden';
  constructor() {
    super('Requests from other sites are not accepted here; open the dashboard itself');
  }
}
