import * as argon2 from 'argon2';
import { startApp, type TestApp } from './app';

export const OWNER_PASSWORD = 'violet-harbour-engine-42';

export interface AdminSession {
  readonly cookie: string;
  readonly csrf: string;
  /** fetch against the app with this session; JSON bodies get the CSRF header. */
  request(
    path: string,
    init?: { method?: string; body?: unknown; csrf?: boolean; headers?: Record<string, string> },
  ): Promise<Response>;
}

/** Adds an admin with a role straight into the database (admin management arrives with the admin users API). */
export async function addAdmin(
  t: TestApp,
  username: string,
  role: 'owner' | 'admin' | 'viewer',
  password = OWNER_PASSWORD,
): Promise<void> {
  await t.db.write(
    `INSERT INTO admin_users (username, password_hash, role, disabled, created_at, updated_at)
     VALUES (:username, :hash, :role, :disabled, :now, :now)`,
    {
      username,
      hash: await argon2.hash(password, { type: argon2.argon2id }),
      role,
      disabled: false,
      now: new Date(),
    },
  );
}

export async function signIn(t: TestApp, username: string, password = OWNER_PASSWORD): Promise<AdminSession> {
  const response = await fetch(`${t.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  const cookie = /mailroom_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')![1];
  const { csrf_token: csrf } = (await response.json()) as { csrf_token: string };
  return {
    cookie,
    csrf,
    request: (path, init = {}) =>
      fetch(`${t.url}${path}`, {
        method: init.method ?? 'GET',
        headers: {
          cookie: `mailroom_session=${cookie}`,
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(init.csrf === false ? {} : { 'x-csrf-token': csrf }),
          ...init.headers,
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
  };
}

export interface AdminTestApp {
  readonly t: TestApp;
  readonly owner: AdminSession;
  readonly viewer: AdminSession;
}

/** An app with a signed-in owner ("owner") and a signed-in viewer ("viewer"), the usual cast of admin API tests. */
export async function startAdminApp(env: Record<string, string> = {}): Promise<AdminTestApp> {
  const t = await startApp({ ADMIN_USERNAME: 'owner', ADMIN_PASSWORD: OWNER_PASSWORD, ...env });
  await addAdmin(t, 'viewer', 'viewer');
  return { t, owner: await signIn(t, 'owner'), viewer: await signIn(t, 'viewer') };
}
