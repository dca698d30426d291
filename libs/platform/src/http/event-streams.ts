import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface StreamEvent {
  readonly event: string;
  readonly data: unknown;
  /** The last event: the stream ends after sending it. */
  readonly last?: boolean;
}

/**
 * Server-sent events by polling a source: `next()` is asked every `intervalMs` and its event is pushed until it says
 * it is the last or the client goes away. Open streams are ended before shutdown so they never hold the server open.
 */
@Injectable()
export class EventStreams implements BeforeApplicationShutdown {
  private readonly open = new Set<() => void>();

  async stream(
    request: FastifyRequest,
    reply: FastifyReply,
    next: () => Promise<StreamEvent>,
    intervalMs = 1000,
  ): Promise<void> {
    void reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
      // Proxies such as nginx would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    let open = true;
    let wake: (() => void) | undefined;
    const close = () => {
      open = false;
      wake?.();
    };
    request.raw.on('close', close);
    this.open.add(close);
    try {
      while (open) {
        const event = await next().catch(() => ({ event: 'error', data: { error: 'unavailable' }, last: true }));
        raw.write(`event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`);
        if (event.last) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, intervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    } finally {
      this.open.delete(close);
      raw.end();
    }
  }

  beforeApplicationShutdown(): void {
    for (const close of this.open) close();
  }
}
