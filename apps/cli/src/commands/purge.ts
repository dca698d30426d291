import { RetentionModule, RetentionService } from '@mailroom/platform';
import { commandConfig, withContext } from '../context';
import { table } from '../terminal';

/** `mailroom purge [--dry-run] [--days N]`: applies the retention rules once and shows what went (or would go). */
export async function purge(options: { dryRun?: boolean; days?: number }): Promise<void> {
  const dryRun = options.dryRun ?? false;
  const result = await withContext(commandConfig(), [RetentionModule], (context) =>
    context.get(RetentionService).purge({ dryRun, days: options.days }),
  );
  const { days, ...counts } = result;
  console.log(
    table(
      ['what', dryRun ? 'would be removed' : 'removed'],
      Object.entries(counts).map(([what, n]) => [what, String(n)]),
    ),
  );
  if (days === 0) console.log('Contact submissions are kept (RETENTION_DAYS is 0; pass --days N to choose).');
}
