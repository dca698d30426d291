import { NOW, column, defineTable } from '@mailroom/platform';

/** A saved newsletter layout: HTML and plain text, each with one {{content}} slot. */
export interface Template {
  id: number;
  name: string;
  html: string;
  text: string;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export const TEMPLATES = defineTable<Template>({
  name: 'templates',
  columns: {
    id: column.id(),
    name: column.varchar(100),
    html: column.text(),
    text: column.text(),
    created_by: column.varchar(100, { nullable: true }),
    created_at: column.timestamp({ default: NOW }),
    updated_at: column.timestamp({ default: NOW }),
  },
  uniques: [{ name: 'uq_templates_name', columns: ['name'] }],
});
