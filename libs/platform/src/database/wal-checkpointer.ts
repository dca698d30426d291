import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { AppConfig } from '../config/app-config';
import { DatabaseService } from './database.service';

/** How often the WAL is copied back into the database file: often enough that it stays a few megabytes. */
export const CHECKPOINT_INTERVAL_MS = 1000;
/** SQLite's own default, restored when the checkpointing thread is not running. */
const AUTOCHECKPOINT_PAGES = 1000;

/**
 * The thread's whole program: its own connection to the file, a PASSIVE checkpoint (never waits for readers or the
 * writer) on a timer. better-sqlite3 runs inside worker threads; a second connection is what SQLite expects.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage(String(error && error.message)); }
}, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); db.close(); process.exit(0); });
`;

/**
 * Moves SQLite's WAL checkpoints off the event loop. By default the commit that fills the WAL past 1,000 pages copies
 * them into the database file and syncs it, while every request waits: at a few thousand submissions a second that
 * commit took 15–30 ms each time, and all commits together 2.5 times what they cost without it. Here a worker thread
 * checkpoints on its own connection every second and the API's connection never does; if the thread stops, the
 * connection checkpoints for itself again.
 */
@Injectable()
export class WalCheckpointer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WalCheckpointer.name);
  private thread: Worker | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly db: DatabaseService,
  ) {}

  get running(): boolean {
    return this.thread !== undefined;
  }

  onApplicationBootstrap(): void {
    const target = this.config.database;
    if (target.type !== 'sqlite' || target.path === ':memory:') return;
    const path = target.path;
    const thread = new Worker(THREAD, {
      eval: true,
      workerData: { path, intervalMs: CHECKPOINT_INTERVAL_MS, driver: require.resolve('better-sqlite3') },
    });
    thread.unref();
    thread.on('message', (message: string) => this.logger.warn(`Checkpoint failed: ${message}`));
    thread.on('error', (error) => this.logger.error(`Checkpoint thread failed: ${error.message}`));
    thread.on('exit', () => {
      if (this.thread !== thread) return;
      this.thread = undefined;
      this.db.sqlitePragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      this.logger.warn('Checkpoint thread stopped; the connection checkpoints for itself again');
    });
    this.thread = thread;
    this.db.sqlitePragma('wal_autocheckpoint = 0');
  }

  async onApplicationShutdown(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    this.thread = undefined;
    const exited = new Promise((resolve) => thread.once('exit', resolve));
    thread.postMessage('stop');
    await exited;
  }
}
