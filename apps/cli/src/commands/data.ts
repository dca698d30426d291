import { createReadStream, createWriteStream } from 'node:fs';
import { userInfo } from 'node:os';
import { type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import {
  AuditModule,
  MailModule,
  MetricsModule,
  PrivacyModule,
  commandLineActor,
  type AuditActor,
} from '@mailroom/platform';
import { ContactAdminService, ContactDataModule, ContactListQueryDto } from '@mailroom/contact';
import {
  SubscriberAdminService,
  SubscriberDataModule,
  SubscriberImportService,
  SubscriberListQueryDto,
} from '@mailroom/newsletter';
import { commandConfig, withContext } from '../context';
import { progress, table } from '../terminal';

/** Rows per import batch: each is parsed, planned and applied like one dashboard import. */
const IMPORT_BATCH = 1000;

function operator(): AuditActor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry (some containers)
  }
  return commandLineActor(name);
}

const DATA_MODULES = [MetricsModule, PrivacyModule, AuditModule, MailModule, ContactDataModule, SubscriberDataModule];

/** Where CSV goes: a file, or stdout (so `> file` and pipes work; progress goes to stderr either way). */
const destination = (file: string | undefined): NodeJS.WritableStream =>
  file ? createWriteStream(file) : process.stdout;

async function writeAll(chunks: AsyncIterable<string>, out: NodeJS.WritableStream): Promise<void> {
  await pipeline(chunks, out as Writable, { end: out !== process.stdout });
}

/** `mailroom export-submissions [--output file]`: every contact submission as CSV, streamed, audited. */
export async function exportSubmissions(options: { output?: string }): Promise<void> {
  await withContext(commandConfig(), DATA_MODULES, async (context) => {
    const service = context.get(ContactAdminService);
    const query = Object.assign(new ContactListQueryDto(), { page: 1, per_page: 1 });
    const { total } = await service.list(query);
    const report = progress('Exporting submissions');
    let done = 0;
    await writeAll(
      service.exportCsv({}, operator(), (rows) => report((done += rows), total)),
      destination(options.output),
    );
    report(total, total);
  });
}

/** `mailroom export-subscribers [--output file]`: every subscriber as CSV, streamed, audited. */
export async function exportSubscribers(options: { output?: string }): Promise<void> {
  await withContext(commandConfig(), DATA_MODULES, async (context) => {
    const service = context.get(SubscriberAdminService);
    const query = Object.assign(new SubscriberListQueryDto(), { page: 1, per_page: 1 });
    const { total } = await service.list(query);
    const report = progress('Exporting subscribers');
    let done = 0;
    await writeAll(
      service.exportCsv(Object.assign(new SubscriberListQueryDto(), {}), operator(), (rows) =>
        report((done += rows), total),
      ),
      destination(options.output),
    );
    report(total, total);
  });
}

/** The file's records in batches, each as CSV text with the header row: what the import service takes. */
async function* csvBatches(file: string): AsyncGenerator<{ csv: string; firstRow: number; count: number }> {
  const records = createReadStream(file).pipe(parse({ raw: true, bom: true, skip_empty_lines: true }));
  let header: string | undefined;
  let batch: string[] = [];
  let firstRow = 2;
  for await (const { raw } of records as AsyncIterable<{ raw: string }>) {
    const line = raw.replace(/\r?\n$/, '');
    if (header === undefined) {
      header = line;
      continue;
    }
    batch.push(line);
    if (batch.length === IMPORT_BATCH) {
      yield { csv: `${header}\n${batch.join('\n')}\n`, firstRow, count: batch.length };
      firstRow += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0 || header === undefined)
    yield { csv: `${header ?? ''}\n${batch.join('\n')}\n`, firstRow, count: batch.length };
}

/**
 * `mailroom import-subscribers <csv> [--apply] [--resubscribe]`: the dashboard's import (upsert by email, consent
 * rules, confirmation mails under double opt-in), streamed in batches of 1,000 rows, so files of any size import
 * with progress. A dry run unless --apply. Prints the summary and the rows that could not be read.
 */
export async function importSubscribers(
  file: string,
  options: { apply?: boolean; resubscribe?: boolean },
): Promise<void> {
  const dryRun = !options.apply;
  const totals: Record<string, number> = {};
  const errors: string[] = [];
  const actor = operator();
  await withContext(commandConfig(), DATA_MODULES, async (context) => {
    const service = context.get(SubscriberImportService);
    let rows = 0;
    for await (const { csv, firstRow, count } of csvBatches(file)) {
      const report = await service.import(csv, { dryRun, resubscribe: options.resubscribe ?? false }, actor);
      for (const [key, n] of Object.entries(report.summary)) totals[key] = (totals[key] ?? 0) + n;
      for (const error of report.errors) errors.push(`row ${error.row + firstRow - 2}: ${error.message}`);
      rows += count;
      process.stderr.write(`${dryRun ? 'Checked' : 'Imported'} ${rows} rows\n`);
    }
  });
  console.log(dryRun ? 'Dry run: nothing was changed (pass --apply to import).' : 'Imported.');
  console.log(
    table(
      ['result', 'rows'],
      Object.entries(totals).map(([key, n]) => [key, String(n)]),
    ),
  );
  for (const error of errors.slice(0, 50)) console.log(error);
  if (errors.length > 50) console.log(`… and ${errors.length - 50} more`);
}
