/** Connection-level failures: the database is restarting, unreachable or overloaded, not the request at fault. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, and the connection_exception class.
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  // SQLite: another process held the write lock longer than the wait (see SqliteConnection).
  'SQLITE_BUSY',
]);

/** TypeORM's errors for a transaction whose connection died under it (the pool dropped the broken client). */
const RELEASED_CONNECTION_ERRORS = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);

const CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection is not established',
  'the database system is',
];

interface ErrorLike {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly driverError?: unknown;
  readonly cause?: unknown;
}

/**
 * Whether an error means "the database is not there right now": the request was not done, and trying again shortly
 * will work. Such errors answer 503 with Retry-After rather than 500. Looks through TypeORM's wrapping
 * (`driverError`) and `cause`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current = error as ErrorLike | undefined;
  for (let depth = 0; current && depth < 4; depth++) {
    const { code, message, driverError, cause } = current;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    if (RELEASED_CONNECTION_ERRORS.has((current as object).constructor?.name ?? '')) return true;
    if (typeof message === 'string' && CONNECTION_MESSAGES.some((known) => message.includes(known))) return true;
    current = (driverError ?? cause) as ErrorLike | undefined;
  }
  return false;
}
