/**
 * The one HTTP client of the dashboard. Same-origin calls with the session cookie; every state-changing call carries
 * the session's CSRF token; a 401 anywhere hands control to the registered handler (back to the sign-in page).
 */

export type FieldErrors = Record<string, string>;

/** A failed call, with the server's error code, message and per-field problems. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly body?: unknown;
  readonly query?: Query;
  readonly signal?: AbortSignal;
}

let csrfToken: string | undefined;
let onUnauthenticated: (() => void) | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called on any 401 except from the calls that ask whether a session exists. */
export function setUnauthenticatedHandler(handler: (() => void) | undefined): void {
  onUnauthenticated = handler;
}

/** `path?query`, leaving out empty values so URLs stay short and filters stay optional. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

const SESSION_PROBES = new Set(['/auth/session', '/auth/login']);

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as {
    error?: string;
    message?: string;
    fields?: FieldErrors;
  };
  return new ApiError(
    response.status,
    body.error ?? 'http_error',
    body.message ?? `The server answered ${response.status}`,
    body.fields ?? {},
  );
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'Mailroom could not be reached. Check your connection and try again.');
  }
  if (response.status === 401 && !SESSION_PROBES.has(path)) onUnauthenticated?.();
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A short sentence for a toast, whatever failed. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = Object.entries(error.fields);
    return fields.length > 0 ? fields.map(([field, problem]) => `${field}: ${problem}`).join('; ') : error.message;
  }
  return error instanceof Error ? error.message : 'Something went wrong';
}
