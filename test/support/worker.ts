import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { TEST_ENV } from './app';

const workerMain = resolve(__dirname, '../../dist/apps/worker/src/main.js');

/** Starts the built worker process (apps/worker) with the test settings plus `env`. */
export function startWorker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [workerMain], { env: { ...process.env, ...TEST_ENV, ...env }, stdio: 'ignore' });
}

export const exited = (child: ChildProcess): Promise<unknown> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', resolve));
