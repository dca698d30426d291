import { Injectable } from '@nestjs/common';
import { DatabaseService } from '@mailroom/platform';

import type { StoredSetting } from './entities/stored-setting.entity';

export type { StoredSetting };

/** Every query on the settings table (values are JSON). */
@Injectable()
export class SettingsRepository {
  constructor(private readonly db: DatabaseService) {}

  async all(): Promise<StoredSetting[]> {
    return this.db.query<StoredSetting>('SELECT key, value, updated_at FROM settings');
  }

  async save(key: string, value: string, updatedBy: string): Promise<void> {
    await this.db.write(
      `INSERT INTO settings (key, value, updated_by, updated_at) VALUES (:key, :value, :updatedBy, :now)
       ON CONFLICT (key) DO UPDATE SET value = :value, updated_by = :updatedBy, updated_at = :now`,
      { key, value, updatedBy, now: new Date() },
    );
  }

  async remove(key: string): Promise<void> {
    await this.db.write('DELETE FROM settings WHERE key = :key', { key });
  }
}
