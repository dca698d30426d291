import { Global, Module } from '@nestjs/common';
import { makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { METRIC } from './metric-names';

const providers = [
  makeCounterProvider({
    name: METRIC.httpRequests,
    help: 'HTTP requests answered, by method, route template and status code.',
    labelNames: ['method', 'route', 'status_code'],
  }),
  makeHistogramProvider({
    name: METRIC.httpDuration,
    help: 'Time to answer an HTTP request, by method, route template and status code.',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  }),
  makeCounterProvider({
    name: METRIC.contactSubmissions,
    help: 'Contact form submissions by outcome: accepted, rejected (invalid) or spam (honeypot).',
    labelNames: ['outcome'],
  }),
  makeCounterProvider({
    name: METRIC.rateLimitHits,
    help: 'Requests refused with 429 by the per-IP rate limit.',
    labelNames: ['route'],
  }),
  makeCounterProvider({
    name: METRIC.rateLimitStoreErrors,
    help: 'Rate-limit checks that fell back to per-process memory because the shared store (Redis) failed.',
  }),
  makeCounterProvider({
    name: METRIC.emails,
    help: 'Emails handled by the outbox dispatcher, by kind and result (sent, retried, failed, skipped).',
    labelNames: ['kind', 'result'],
  }),
  makeCounterProvider({
    name: METRIC.newsletterEvents,
    help: 'Newsletter subscription events: subscribe_requested, confirmed, unsubscribed, email_changed, erased, spam.',
    labelNames: ['event'],
  }),
  makeGaugeProvider({
    name: METRIC.outboxDepth,
    help: 'Emails waiting in the outbox (pending, including those being retried), read from the database at scrape time.',
    // Every process reads the same shared value: a cluster reports it once, not summed.
    aggregator: 'first',
  }),
  makeCounterProvider({
    name: METRIC.newsletterMessages,
    help: 'Newsletter messages by newsletter id and result: sent, retried, failed, bounced, skipped.',
    labelNames: ['newsletter', 'result'],
  }),
  makeGaugeProvider({
    name: METRIC.newsletterQueueDepth,
    help: 'Newsletter deliveries waiting to be sent (pending rows of sending or paused newsletters), read at scrape time.',
    aggregator: 'first',
  }),
  makeHistogramProvider({
    name: METRIC.smtpSendDuration,
    help: 'Time the SMTP server took to accept (or refuse) one newsletter message.',
    labelNames: ['result'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  }),
];

/** Declares every application metric once; the monitoring module serves them. */
@Global()
@Module({ providers, exports: providers })
export class MetricsModule {}
