import { Injectable } from '@nestjs/common';
import { DatabaseService } from '@mailroom/platform';
import type { Template } from '../entities/template.entity';

export type TemplateRow = Template;

/** PostgreSQL's unique_violation, or SQLite's. */
const isUniqueViolation = (error: unknown) => {
  const code = (error as { code?: string; driverError?: { code?: string } }).code;
  const driver = (error as { driverError?: { code?: string } }).driverError?.code;
  return [code, driver].some((c) => c === '23505' || c === 'SQLITE_CONSTRAINT_UNIQUE');
};

/** Every query on `templates`, and the one question about which newsletters use one. */
@Injectable()
export class TemplateRepository {
  constructor(private readonly db: DatabaseService) {}

  async list(): Promise<TemplateRow[]> {
    return this.db.query<TemplateRow>('SELECT * FROM templates ORDER BY name, id');
  }

  async findById(id: number): Promise<TemplateRow | undefined> {
    const [row] = await this.db.query<TemplateRow>('SELECT * FROM templates WHERE id = :id', { id });
    return row;
  }

  /** The new id, or undefined when the name is taken. */
  async create(values: { name: string; html: string; text: string; createdBy: string }): Promise<number | undefined> {
    const now = new Date();
    const [row] = await this.db.write<{ id: number }>(
      `INSERT INTO templates (name, html, text, created_by, created_at, updated_at)
       VALUES (:name, :html, :text, :createdBy, :now, :now) ON CONFLICT (name) DO NOTHING RETURNING id`,
      { ...values, now },
    );
    return row?.id;
  }

  /** False when another template has the name (the unique index decides, so two admins cannot both take it). */
  async update(id: number, changes: { name?: string; html?: string; text?: string }): Promise<boolean> {
    const params: Record<string, unknown> = { ...changes, id, updated_at: new Date() };
    const assignments = Object.keys(params)
      .filter((column) => column !== 'id')
      .map((column) => `${column} = :${column}`);
    try {
      await this.db.write(`UPDATE templates SET ${assignments.join(', ')} WHERE id = :id`, params);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async delete(id: number): Promise<void> {
    await this.db.write('DELETE FROM templates WHERE id = :id', { id });
  }

  /** How many newsletters use it, and how many of those are on their way out (scheduled, sending or paused). */
  async usage(id: number): Promise<{ total: number; inFlight: number }> {
    const [row] = await this.db.query<{ total: number; in_flight: number | null }>(
      `SELECT COUNT(*) AS total,
              SUM(CASE WHEN status IN ('scheduled', 'sending', 'paused') THEN 1 ELSE 0 END) AS in_flight
         FROM newsletters WHERE template_id = :id`,
      { id },
    );
    return { total: Number(row.total), inFlight: Number(row.in_flight ?? 0) };
  }
}
