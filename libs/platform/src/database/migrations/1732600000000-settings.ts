import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Settings1732600000000 implements MigrationInterface {
  name = 'Settings1732600000000';

  async up(runner: QueryRunner): Promise<void> {
    // updated_at is epoch milliseconds: instances poll for rows newer than what they applied.
    await runner.query(`CREATE TABLE settings (
      key varchar(64) NOT NULL,
      value text NOT NULL,
      updated_by varchar(100),
      updated_at bigint NOT NULL,
      CONSTRAINT pk_settings PRIMARY KEY (key)
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE settings');
  }
}
