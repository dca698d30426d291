import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/sql';

/** Does a task's work inside the transaction that takes it off the queue (it may enqueue mails through `tx`). */
export type OutboxTaskHandler = (tx: Tx, payload: unknown) => Promise<void>;

/**
 * Kinds of outbox job that are work rather than mail, and who does them. A domain registers its handler at start-up
 * (in the API and the worker alike), so any process that drains the outbox can do the work.
 */
@Injectable()
export class OutboxTasks {
  private readonly handlers = new Map<string, OutboxTaskHandler>();

  register(kind: string, handler: OutboxTaskHandler): void {
    if (this.handlers.has(kind)) throw new Error(`An outbox task handler for ${kind} is already registered`);
    this.handlers.set(kind, handler);
  }

  handlerFor(kind: string): OutboxTaskHandler | undefined {
    return this.handlers.get(kind);
  }
}
