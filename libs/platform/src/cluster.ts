import cluster, { type Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import { runMigrations } from './database/run-migrations';

const METRICS_REQUEST = 'mailroom:metrics';
const METRICS_REPLY = 'mailroom:metrics-reply';
export const SHUTDOWN_MESSAGE = 'mailroom:shutdown';
const RESTART_DELAY_MS = 1000;

interface MetricsReply {
  readonly type: typeof METRICS_REPLY;
  readonly id: string;
  readonly text?: string;
  readonly error?: string;
}

/** A restart waits 1 s, doubling with each crash in the last minute, up to this. */
const MAX_RESTART_DELAY_MS = 30_000;
const CRASH_MEMORY_MS = 60_000;

/**
 * The primary of a clustered API (WEB_CONCURRENCY > 1): applies migrations once, forks the workers, aggregates their
 * metrics for /metrics, and on shutdown asks each to stop gracefully and waits for them.
 * - A worker that dies before any worker ever listened (port taken, bad configuration) means none will: the primary
 *   stops the others and exits non-zero at once, instead of restarting them for ever.
 * - A worker that crashes later is restarted, 1 s after the crash, doubling with every further crash within a
 *   minute (up to 30 s), so a crash loop does not spin.
 * - SIGTERM stops everything, restarts waiting included: no process is left behind.
 */
export async function superviseCluster(config: AppConfig): Promise<{ close(): Promise<void>; message: string }> {
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  if (config.redisUrl === undefined) {
    console.warn(
      `WEB_CONCURRENCY runs ${config.http.processes} processes without REDIS_URL: rate limits and sign-in throttling count per process`,
    );
  }
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker: Worker, message: { type?: string; id?: string }) => {
    if (message.type !== METRICS_REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: METRICS_REPLY, id: message.id, text }),
      (error: Error) => worker.send({ type: METRICS_REPLY, id: message.id, error: error.message }),
    );
  });
  let stopping = false;
  let everListened = false;
  const listening = new Set<Worker>();
  const crashes: number[] = [];
  const restarts = new Set<NodeJS.Timeout>();
  const workers = () => Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);

  cluster.on('listening', (worker) => {
    everListened = true;
    listening.add(worker);
  });
  cluster.on('exit', (worker, code, signal) => {
    listening.delete(worker);
    if (stopping) return;
    if (!everListened) {
      console.error(`API process ${worker.process.pid} could not start (${signal ?? `exit code ${code}`}); stopping`);
      stopping = true;
      for (const other of workers()) other.process.kill('SIGTERM');
      process.exit(1);
    }
    const now = Date.now();
    crashes.push(now);
    while (crashes[0] < now - CRASH_MEMORY_MS) crashes.shift();
    const delay = Math.min(RESTART_DELAY_MS * 2 ** (crashes.length - 1), MAX_RESTART_DELAY_MS);
    console.error(`API process ${worker.process.pid} exited (${signal ?? code}); starting another in ${delay} ms`);
    const timer = setTimeout(() => {
      restarts.delete(timer);
      if (!stopping) cluster.fork();
    }, delay);
    restarts.add(timer);
  });
  for (let i = 0; i < config.http.processes; i++) cluster.fork();
  return {
    message: `Mailroom API: ${config.http.processes} processes on http://${config.http.host}:${config.http.port}`,
    close: async () => {
      stopping = true;
      for (const timer of restarts) clearTimeout(timer);
      restarts.clear();
      await Promise.all(
        workers().map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.isDead()) return resolve();
              worker.once('exit', () => resolve());
              // One still starting has no message handler yet: a signal stops it either way.
              if (listening.has(worker)) worker.send({ type: SHUTDOWN_MESSAGE });
              else worker.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

/** In a cluster worker: every process's metrics, aggregated by the primary (prom-client's AggregatorRegistry). */
export function clusterMetrics(timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const id = randomUUID();
    const timer = setTimeout(() => {
      process.off('message', onReply);
      reject(new Error('The primary did not answer with metrics'));
    }, timeoutMs);
    function onReply(message: MetricsReply) {
      if (message?.type !== METRICS_REPLY || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onReply);
      if (message.text !== undefined) resolve(message.text);
      else reject(new Error(message.error ?? 'metrics aggregation failed'));
    }
    process.on('message', onReply);
    process.send!({ type: METRICS_REQUEST, id });
  });
}

/** A worker answers the primary's requests for its own metrics (prom-client sets that up on construction). */
export function joinMetricsAggregation(): void {
  new AggregatorRegistry();
}
