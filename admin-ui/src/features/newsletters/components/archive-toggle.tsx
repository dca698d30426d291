import { Anchor, Group, Switch, Text } from '@mantine/core';
import { notifyError, notifySuccess } from '../../../components/notify';
import type { NewsletterDetail } from '../api/get-newsletter';
import { useSetInArchive } from '../api/newsletter-actions';

/** "Show in the public archive": off by default; a newsletter appears at /archive (and in its feed) once sent. */
export function ArchiveToggle({ newsletter, canWrite }: { newsletter: NewsletterDetail; canWrite: boolean }) {
  const archive = useSetInArchive();
  const toggle = (inArchive: boolean) =>
    archive.mutate(
      { id: newsletter.id, inArchive },
      {
        onSuccess: () => notifySuccess(inArchive ? 'Shown in the public archive' : 'Removed from the public archive'),
        onError: (error) => notifyError(error, 'Archive not changed'),
      },
    );
  return (
    <Group gap="sm">
      <Switch
        label="Show in the public archive"
        checked={newsletter.in_archive}
        disabled={!canWrite || archive.isPending}
        onChange={(event) => toggle(event.currentTarget.checked)}
      />
      {newsletter.archive_url ? (
        <Anchor href={newsletter.archive_url} target="_blank" rel="noopener" size="sm">
          View in the archive
        </Anchor>
      ) : (
        newsletter.in_archive && (
          <Text size="sm" c="dimmed">
            Appears there once sent.
          </Text>
        )
      )}
    </Group>
  );
}
