import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { TooManyStreams } from './domain-error';

export interface StreamEvent {
  readonly event: string;
  readonly data: unknown;
  /** The last event: the stream ends after sending it. */
  readonly last?: boolean;
}

export interface StreamOptions {
  /** Who opened it (the admin session): each may hold a few streams at most. */
  readonly owner: string;
  /** Asked before every event: a stream ends once its session does (logout, expiry, a disabled admin). */
  readonly stillAllowed: () => Promise<boolean>;
  readonly intervalMs?: number;
}

export const STREAMS_PER_OWNER = 3;
export const STREAMS_IN_TOTAL = 100;
/** How soon a browser's EventSource reconnects after a stream ends (it ends after EVENT_STREAM_MAX_SECONDS). */
const RECONNECT_MS = 3000;

/**
 * Server-sent events by polling a source: `next()` is asked every `intervalMs` and its event is pushed until it says
 * it is the last, the client goes away, its session ends, or the stream has lived EVENT_STREAM_MAX_SECONDS (the
 * dashboard's EventSource reconnects, so a long send is followed by a chain of short streams). Streams are capped per
 * session and in total, and ended before shutdown so they never hold the server open.
 */
@Injectable()
export class EventStreams implements BeforeApplicationShutdown {
  private readonly open = new Map<() => void, string>();

  constructor(private readonly config: AppConfig) {}

  async stream(
    request: FastifyRequest,
    reply: FastifyReply,
    next: () => Promise<StreamEvent>,
    options: StreamOptions,
  ): Promise<void> {
    const held = [...this.open.values()].filter((owner) => owner === options.owner).length;
    if (held >= STREAMS_PER_OWNER || this.open.size >= STREAMS_IN_TOTAL) throw new TooManyStreams();
    void reply.hijack();
    const raw = reply.raw;
    // Hijacked replies skip Fastify's header handling: the security headers and X-Request-Id set for every request
    // are copied over by hand.
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
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
    this.open.set(close, options.owner);
    const endsAt = Date.now() + this.config.http.eventStreamMaxMs;
    let first = true;
    try {
      while (open && Date.now() < endsAt) {
        if (!(await options.stillAllowed().catch(() => false))) {
          raw.write('event: end\ndata: {"reason":"signed out"}\n\n');
          break;
        }
        const event = await next().catch(() => ({ event: 'error', data: { error: 'unavailable' }, last: true }));
        raw.write(
          `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n${first ? `retry: ${RECONNECT_MS}\n` : ''}\n`,
        );
        first = false;
        if (event.last) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.intervalMs ?? 1000);
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
    for (const close of this.open.keys()) close();
  }
}
