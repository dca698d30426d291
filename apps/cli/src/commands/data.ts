import { createReadStream, createWriteStream } from 'node:fs';
import { type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { AuditModule, MailModule, MetricsModule, PrivacyModule } from '@mailroom/platform';
import { ContactAdminService, ContactDataModule, ContactListQueryDto } from '@mailroom/contact';
import {
  SubscriberAdminService,
  SubscriberDataModule,
  SubscriberImportService,
  SubscriberListQueryDto,
} from '@mailroom/newsletter';
import { commandConfig, operator, withContext } from '../context';
import { progress, table } from '../terminal';

/** Rows per import batch: each is parsed, planned and applied like one dashboard import. */
const IMPORT_BATCH = 1000;

const DATA_MODULES = [MetricsModule, PrivacyModule, AuditModule, MailModule, ContactDataModule, SubscriberDataModule];

/** Where CSV goes: a file, or stdout (so `> file` and pipes work; progress goes to stderr either way). */
const destination = (file: string | undefined): NodeJS.WritableStream =>
  file ? createWriteStream(file) : process.stdout;

/** Streams an export to the file (or stdout), with progress over `total` rows on stderr. */
async function streamExport(
  label: string,
  output: string | undefined,
  total: number,
  chunks: (onRows: (rows: number) => void) => AsyncIterable<string>,
): Promise<void> {
  const report = progress(label);
  let done = 0;
  const out = destination(output);
  await pipeline(
    chunks((rows) => report((done += rows), total)),
    out as Writable,
    { end: out !== process.stdout },
  );
  report(total, total);
}

/** `mailroom export-submissions [--output file]`: every contact submission as CSV, streamed, audited. */
export async function exportSubmissions(options: { output?: string }): Promise<void> {
  await withContext(commandConfig(), DATA_MODULES, async (context) => {
    const service = context.get(ContactAdminService);
    const { total } = await service.list(Object.assign(new ContactListQueryDto(), { page: 1, per_page: 1 }));
    await streamExport('Exporting submissions', options.output, total, (onRows) =>
      service.exportCsv({}, operator(), onRows),
    );
  });
}

/** `mailroom export-subscribers [--output file]`: every subscriber as CSV, streamed, audited. */
export async function exportSubscribers(options: { output?: string }): Promise<void> {
  await withContext(commandConfig(), DATA_MODULES, async (context) => {
    const service = context.get(SubscriberAdminService);
    const { total } = await service.list(Object.assign(new SubscriberListQueryDto(), { page: 1, per_page: 1 }));
    await streamExport('Exporting subscribers', options.output, total, (onRows) =>
      service.exportCsv(new SubscriberListQueryDto(), operator(), onRows),
    );
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
