import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
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

/** A port nothing listens on right now (the OS picks it, so parallel processes do not collide). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built API as its own process and waits (up to a minute: CI machines are slow under a full suite) until
 * it answers. If it exits or never answers, the error carries its output, so a CI failure says why.
 */
export async function startApiProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [apiMain], {
    env: { ...process.env, ...TEST_ENV, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
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
  throw new Error(`The API process did not start (exit ${child.exitCode ?? child.signalCode ?? 'none'}):\n${output}`);
}

/** Runs the built API until it exits (or `timeoutMs` passes, then kills it): exit code, all output, time taken. */
export async function runApiToExit(
  env: Record<string, string>,
  timeoutMs: number,
): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [apiMain], {
    env: { ...process.env, ...TEST_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited(child);
  clearTimeout(timer);
  return { code: child.exitCode, output, ms: Date.now() - started };
}

/** The live child processes of a process (a cluster primary's workers). */
export function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when there are none
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const mailroomBin = resolve(__dirname, '../../bin/mailroom.js');

/**
 * Runs the built command line (`npx mailroom …`, through bin/mailroom.js) as a child process with the test settings
 * plus `env`; `input` is written to its stdin (a password, for scripts). Answers its exit code and output.
 */
export async function runCli(
  args: readonly string[],
  env: Record<string, string>,
  options: { input?: string; cwd?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [mailroomBin, ...args], {
    env: { ...process.env, ...TEST_ENV, ...env },
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.input ?? '');
  await exited(child);
  return { code: child.exitCode, stdout, stderr };
}
