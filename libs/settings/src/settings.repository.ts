import { Injectable } from '@nestjs/common';
import { DatabaseService } from '@mailroom/platform';

export interface StoredSetting {
  readonly key: string;
  readonly value: string;
  readonly updated_at: number;
}

/** Every query on the settings table (values are JSON). */
@Injectable()
export class SettingsRepository {
  constructor(private readonly db: DatabaseService) {}

  async all(): Promise<StoredSetting[]> {
    const rows = await this.db.query<{ key: string; value: string; updated_at: number | string }>(
      'SELECT key, value, updated_at FROM settings',
    );
    return rows.map((row) => ({ key: row.key, value: row.value, updated_at: Number(row.updated_at) }));
  }

  async save(key: string, value: string, updatedBy: string): Promise<void> {
    await this.db.execute(
      `INSERT INTO settings (key, value, updated_by, updated_at) VALUES (:key, :value, :updatedBy, :now)
       ON CONFLICT (key) DO UPDATE SET value = :value, updated_by = :updatedBy, updated_at = :now`,
      { key, value, updatedBy, now: Date.now() },
    );
  }

  async remove(key: string): Promise<void> {
    await this.db.execute('DELETE FROM settings WHERE key = :key', { key });
  }
}
