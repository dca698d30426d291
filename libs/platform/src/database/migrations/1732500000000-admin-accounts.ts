import type { MigrationInterface, QueryRunner } from 'typeorm';
import { columnTypes } from './column-types';

export class AdminAccounts1732500000000 implements MigrationInterface {
  name = 'AdminAccounts1732500000000';

  async up(runner: QueryRunner): Promise<void> {
    const { id, ref, timestamp, now } = columnTypes(runner);
    await runner.query(`CREATE TABLE admin_users (
      id ${id},
      username varchar(100) NOT NULL,
      display_name varchar(200),
      password_hash varchar(255) NOT NULL,
      role varchar(16) NOT NULL,
      disabled boolean NOT NULL DEFAULT false,
      last_login_at ${timestamp},
      created_at ${timestamp} NOT NULL DEFAULT ${now},
      updated_at ${timestamp} NOT NULL DEFAULT ${now},
      CONSTRAINT uq_admin_users_username UNIQUE (username),
      CONSTRAINT ck_admin_users_role CHECK (role IN ('owner', 'admin', 'viewer'))
    )`);
    // Session ids are stored only as hashes; times are epoch milliseconds (idle and absolute expiry checks).
    await runner.query(`CREATE TABLE admin_sessions (
      id ${id},
      token_hash char(64) NOT NULL,
      admin_id ${ref} NOT NULL,
      csrf_token varchar(64) NOT NULL,
      ip varchar(64),
      user_agent varchar(512),
      created_at bigint NOT NULL,
      last_seen_at bigint NOT NULL,
      CONSTRAINT uq_admin_sessions_token_hash UNIQUE (token_hash),
      CONSTRAINT fk_admin_sessions_admin FOREIGN KEY (admin_id) REFERENCES admin_users (id) ON DELETE CASCADE
    )`);
    await runner.query('CREATE INDEX ix_admin_sessions_admin ON admin_sessions (admin_id)');
    await runner.query(`CREATE TABLE audit_log (
      id ${id},
      admin_id ${ref},
      actor varchar(100),
      action varchar(64) NOT NULL,
      target varchar(200),
      details text,
      ip varchar(64),
      created_at ${timestamp} NOT NULL DEFAULT ${now}
    )`);
    await runner.query('CREATE INDEX ix_audit_log_created ON audit_log (created_at, id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE audit_log');
    await runner.query('DROP TABLE admin_sessions');
    await runner.query('DROP TABLE admin_users');
  }
}
