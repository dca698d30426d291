import { column, defineTable } from '@mailroom/platform';

/** A setting changed in the dashboard (it overrides the environment's value until removed). */
export interface StoredSetting {
  key: string;
  /** JSON. */
  value: string;
  updated_by: string | null;
  updated_at: Date;
}

export const SETTINGS = defineTable<StoredSetting>({
  name: 'settings',
  columns: {
    key: column.varchar(64, { primary: true }),
    value: column.text(),
    updated_by: column.varchar(100, { nullable: true }),
    updated_at: column.timestamp(),
  },
  primaryKeyName: 'pk_settings',
});
