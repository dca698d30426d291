import type { RedisClient } from '@mailroom/platform';
import { SessionStoreUnavailable } from './auth.errors';
import { type DatabaseService } from '@mailroom/platform';

/** A server-side admin session. `id` is the SHA-256 of the cookie value; the cookie itself is never stored. */
export interface StoredSession {
  readonly id: string;
  readonly adminId: number;
  readonly csrfToken: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
}

export interface SessionMeta {
  readonly ip: string;
  readonly userAgent: string | null;
}

/**
 * Where sessions live: the database by default, Redis when REDIS_URL is set. Either way they survive restarts and every
 * instance sees the same ones. Expiry rules are the AuthService's; a store only keeps and forgets.
 */
export abstract class SessionStore {
  abstract create(session: StoredSession, meta: SessionMeta, ttlMs: number): Promise<void>;
  abstract find(id: string): Promise<StoredSession | undefined>;
  abstract touch(session: StoredSession, now: number, ttlMs: number): Promise<void>;
  abstract delete(id: string): Promise<void>;
  /** Ends every session of an admin except `keepId` (the one making the change). */
  abstract deleteAllOf(adminId: number, keepId?: string): Promise<void>;
}

export class DatabaseSessionStore extends SessionStore {
  constructor(private readonly db: DatabaseService) {
    super();
  }

  async create(session: StoredSession, meta: SessionMeta): Promise<void> {
    await this.db.write(
      `INSERT INTO admin_sessions (token_hash, admin_id, csrf_token, ip, user_agent, created_at, last_seen_at)
       VALUES (:id, :adminId, :csrfToken, :ip, :userAgent, :createdAt, :lastSeenAt)`,
      { ...session, ...meta, createdAt: new Date(session.createdAt), lastSeenAt: new Date(session.lastSeenAt) },
    );
  }

  async find(id: string): Promise<StoredSession | undefined> {
    const [row] = await this.db.query<{ admin_id: number; csrf_token: string; created_at: Date; last_seen_at: Date }>(
      'SELECT admin_id, csrf_token, created_at, last_seen_at FROM admin_sessions WHERE token_hash = :id',
      { id },
    );
    if (!row) return undefined;
    return {
      id,
      adminId: row.admin_id,
      csrfToken: row.csrf_token,
      createdAt: row.created_at.getTime(),
      lastSeenAt: row.last_seen_at.getTime(),
    };
  }

  async touch(session: StoredSession, now: number): Promise<void> {
    await this.db.write('UPDATE admin_sessions SET last_seen_at = :now WHERE token_hash = :id', {
      id: session.id,
      now: new Date(now),
    });
  }

  async delete(id: string): Promise<void> {
    await this.db.write('DELETE FROM admin_sessions WHERE token_hash = :id', { id });
  }

  async deleteAllOf(adminId: number, keepId?: string): Promise<void> {
    await this.db.write('DELETE FROM admin_sessions WHERE admin_id = :adminId AND token_hash <> :keepId', {
      adminId,
      keepId: keepId ?? '',
    });
  }
}

const sessionKey = (id: string) => `mailroom:session:${id}`;
const adminKey = (adminId: number) => `mailroom:admin-sessions:${adminId}`;

/** Redis errors become a clear 503 (never a 500 and never a session wrongly accepted). */
async function orUnavailable<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch {
    throw new SessionStoreUnavailable();
  }
}

/**
 * Sessions as Redis keys that expire on their own; a set per admin finds them all when a password changes. While
 * Redis is down, admin requests answer 503: a session cannot be checked anywhere else.
 */
export class RedisSessionStore extends SessionStore {
  constructor(
    private readonly redis: NonNullable<RedisClient>,
    /** The per-admin index lives as long as the longest session could. */
    private readonly maxLifetimeMs: number,
  ) {
    super();
  }

  async create(session: StoredSession, _meta: SessionMeta, ttlMs: number): Promise<void> {
    await orUnavailable(
      this.redis
        .multi()
        .set(sessionKey(session.id), JSON.stringify(session), 'PX', ttlMs)
        .sadd(adminKey(session.adminId), session.id)
        .pexpire(adminKey(session.adminId), this.maxLifetimeMs)
        .exec(),
    );
  }

  async find(id: string): Promise<StoredSession | undefined> {
    const raw = await orUnavailable(this.redis.get(sessionKey(id)));
    return raw === null ? undefined : (JSON.parse(raw) as StoredSession);
  }

  async touch(session: StoredSession, now: number, ttlMs: number): Promise<void> {
    // XX: a session deleted meanwhile (logout elsewhere) must not come back.
    await orUnavailable(
      this.redis.set(sessionKey(session.id), JSON.stringify({ ...session, lastSeenAt: now }), 'PX', ttlMs, 'XX'),
    );
  }

  async delete(id: string): Promise<void> {
    const session = await this.find(id);
    const pipeline = this.redis.multi().del(sessionKey(id));
    if (session) pipeline.srem(adminKey(session.adminId), id);
    await orUnavailable(pipeline.exec());
  }

  async deleteAllOf(adminId: number, keepId?: string): Promise<void> {
    const ids = (await orUnavailable(this.redis.smembers(adminKey(adminId)))).filter((id) => id !== keepId);
    if (ids.length === 0) return;
    await orUnavailable(
      this.redis
        .multi()
        .del(...ids.map(sessionKey))
        .srem(adminKey(adminId), ...ids)
        .exec(),
    );
  }
}
