import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { TEST_ENV } from './app';

const workerMain = resolve(__dirname, '../../dist/apps/worker/src/main.js');
const apiMain = resolve(__dirname, '../../dist/apps/api/src/main.js');

/** Starts the built worker process (apps/worker) with the test settings plus `env`. */
export function startWorker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [workerMain], { env: { ...process.env, ...TEST_ENV, ...env }, stdio: 'ignore' });
}

export const exited = (child: ChildProcess): Promise<unknown> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', resolve));

/** Starts the built API as its own process on a free-ish port and waits until it answers. */
export async function startApiProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = 5700 + Math.floor(Math.random() * 1000);
  const child = spawn(process.execPath, [apiMain], {
    env: { ...process.env, ...TEST_ENV, PORT: String(port), ...env },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`${url}/health/live`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, url };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('The API process did not start');
}
