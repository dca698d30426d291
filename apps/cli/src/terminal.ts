import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/** Exit codes every command keeps: 0 done, 1 failed, 2 bad usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A failure the operator can act on: printed as it is, without a stack trace. */
export class CommandFailed extends Error {}

/** A command line that cannot be run as given (exit code 2). */
export class UsageError extends Error {}

/**
 * Progress for long commands: a bar redrawn in place on a terminal; on a pipe or in CI, a plain line at each tenth
 * of the way, so logs stay readable.
 */
export function progress(
  label: string,
  out: NodeJS.WriteStream = process.stderr,
): (done: number, total: number) => void {
  let lastTenth = -1;
  return (done, total) => {
    const fraction = total > 0 ? Math.min(done / total, 1) : 1;
    if (out.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      out.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.floor(fraction * 100)}%`);
      if (fraction === 1) out.write('\n');
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    out.write(`${label}: ${tenth * 10}% (${done} of ${total})\n`);
  };
}

/** Rows as an aligned plain-text table. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => row[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/**
 * A secret from the operator: asked for without echo on a terminal (twice, to catch typos), or read as the first
 * line of stdin when it is a pipe, so scripts can run `echo "$PASSWORD" | npx mailroom reset-password owner`.
 */
export async function readSecret(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const line = await firstLine(process.stdin);
    if (!line) throw new UsageError('No password on stdin');
    return line;
  }
  const first = await askHidden(`${prompt}: `);
  const again = await askHidden(`${prompt} (again): `);
  if (first !== again) throw new CommandFailed('The two passwords differ');
  return first;
}

async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}
