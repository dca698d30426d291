import { Injectable } from '@nestjs/common';
import type { Actor } from '@mailroom/auth';
import {
  AuditLog,
  csvCell,
  type AuditActor,
  type Page,
  isoTimestamp,
  isoTimestampOrNull,
  pageOf,
} from '@mailroom/platform';
import { SubscriberNotFound } from './subscribers.errors';
import type { SubscriberListQueryDto } from './dto/subscriber-list-query.dto';
import { DeliveryRepository } from '../newsletters/delivery/delivery.repository';
import { SubscriberRepository, type SubscriberRow } from './subscriber.repository';

/** What an admin sees of a subscriber: the record and its consent trail, not the mail-budget internals. */
export interface SubscriberAdminView {
  readonly id: number;
  readonly email: string;
  readonly name: string | null;
  readonly status: SubscriberRow['status'];
  readonly source: string | null;
  readonly metadata: unknown;
  readonly consent: Record<string, unknown>;
  readonly created_at: string;
}

@Injectable()
export class SubscriberAdminService {
  constructor(
    private readonly subscribers: SubscriberRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly audit: AuditLog,
  ) {}

  async list(query: SubscriberListQueryDto): Promise<Page<SubscriberAdminView>> {
    const { rows, ...counted } = await this.subscribers.list(query);
    return pageOf(
      rows.map((row) => this.view(row)),
      counted,
      query,
    );
  }

  /** One subscriber with the newsletters sent to them (the latest 100) and how each went. */
  async get(id: number): Promise<SubscriberAdminView & { deliveries: unknown[] }> {
    const row = await this.subscribers.findById(id);
    if (!row) throw new SubscriberNotFound(id);
    const deliveries = (await this.deliveries.forSubscriber(id)).map((delivery) => ({
      ...delivery,
      finished_at: isoTimestampOrNull(delivery.finished_at),
    }));
    return { ...this.view(row), deliveries };
  }

  /** Name and metadata edits, and unsubscribing; each change is recorded with who made it. */
  async update(
    id: number,
    changes: { name?: string; metadata?: Record<string, unknown>; status?: 'unsubscribed' },
    actor: Actor,
  ): Promise<SubscriberAdminView> {
    const row = await this.subscribers.transaction(async (tx) => {
      const found = await this.subscribers.lockById(tx, id);
      if (!found) return undefined;
      await this.subscribers.update(tx, id, {
        ...(changes.name !== undefined ? { name: changes.name === '' ? null : changes.name } : {}),
        ...(changes.metadata !== undefined ? { metadata: JSON.stringify(changes.metadata) } : {}),
        ...(changes.status === 'unsubscribed' && found.status !== 'unsubscribed'
          ? {
              status: 'unsubscribed' as const,
              unsubscribed_at: new Date(),
              unsubscribe_reason: `admin:${actor.username}`,
              unsubscribe_ip: actor.ip,
            }
          : {}),
      });
      return this.subscribers.findById(id, tx);
    });
    if (!row) throw new SubscriberNotFound(id);
    await this.audit.recordBy(actor, 'subscriber.update', `subscriber:${id}`, changes);
    return this.view(row);
  }

  /** CSV lines of the filtered subscribers, header first, read page by page so memory stays flat. */
  /** The filtered subscribers as CSV chunks; `onRows` hears how many rows each chunk holds (for progress). */
  async *exportCsv(
    query: SubscriberListQueryDto,
    actor: AuditActor,
    onRows: (rows: number) => void = () => undefined,
  ): AsyncGenerator<string> {
    await this.audit.recordBy(actor, 'subscriber.export', 'subscriber', { status: query.status, q: query.q });
    yield 'id,email,name,status,source,created_at,confirmed_at,unsubscribed_at\r\n';
    for await (const rows of this.subscribers.stream(query)) {
      yield rows
        .map((row) => {
          const cells = [
            row.id,
            row.email,
            row.name,
            row.status,
            row.source,
            isoTimestamp(row.created_at),
            isoTimestampOrNull(row.confirmed_at),
            isoTimestampOrNull(row.unsubscribed_at),
          ];
          return `${cells.map((cell) => csvCell(cell)).join(',')}\r\n`;
        })
        .join('');
      onRows(rows.length);
    }
  }

  async delete(id: number, actor: Actor): Promise<void> {
    const row = await this.subscribers.transaction(async (tx) => {
      const found = await this.subscribers.lockById(tx, id);
      if (found) await this.subscribers.delete(tx, id);
      return found;
    });
    if (!row) throw new SubscriberNotFound(id);
    await this.audit.recordBy(actor, 'subscriber.delete', `subscriber:${id}`);
  }

  private view(row: SubscriberRow): SubscriberAdminView {
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      status: row.status,
      source: row.source,
      metadata: row.metadata ? (JSON.parse(row.metadata) as unknown) : null,
      consent: {
        subscribed_at: isoTimestampOrNull(row.subscribed_at),
        subscribe_ip: row.subscribe_ip,
        confirmed_at: isoTimestampOrNull(row.confirmed_at),
        confirm_ip: row.confirm_ip,
        unsubscribed_at: isoTimestampOrNull(row.unsubscribed_at),
        unsubscribe_reason: row.unsubscribe_reason,
      },
      created_at: isoTimestamp(row.created_at),
    };
  }
}
