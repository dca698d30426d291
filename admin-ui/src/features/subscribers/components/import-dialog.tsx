import {
  Alert,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { notifyError, notifySuccess } from '../../../components/notify';
import { useImportSubscribers, type ImportReport } from '../api/import-subscribers';

const SUMMARY: readonly (keyof ImportReport['summary'])[] = [
  'create',
  'update',
  'unchanged',
  'resubscribe',
  'skip',
  'invalid',
  'confirmations',
];

function Report({ report }: { report: ImportReport }) {
  return (
    <Stack gap="xs" aria-label="Import preview">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        {SUMMARY.map((key) => (
          <div key={key}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              {key}
            </Text>
            <Text fw={700} data-testid={`import-${key}`}>
              {report.summary[key]}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      {report.errors.length > 0 && (
        <Alert color="red" title={`${report.errors.length} rows cannot be imported`}>
          {report.errors.slice(0, 20).map((error) => (
            <Text size="sm" key={`${error.row}-${error.field}`}>
              Row {error.row}, {error.field}: {error.message}
            </Text>
          ))}
        </Alert>
      )}
      {report.rows.length > 0 && (
        <Table>
          <caption className="visually-hidden">Rows that would change</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Row</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.rows.slice(0, 50).map((row) => (
              <Table.Tr key={row.row}>
                <Table.Td>{row.row}</Table.Td>
                <Table.Td>{row.email}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{row.action}</Badge> {row.reason}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** Import in two steps: a dry run shows exactly what would change, then the same CSV is applied. */
export function ImportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [csv, setCsv] = useState('');
  const [resubscribe, setResubscribe] = useState(false);
  const [preview, setPreview] = useState<ImportReport>();
  const importer = useImportSubscribers();

  const close = () => {
    setCsv('');
    setPreview(undefined);
    setResubscribe(false);
    importer.reset();
    onClose();
  };
  const edit = (next: string) => {
    setCsv(next);
    setPreview(undefined);
  };
  const run = (dryRun: boolean) =>
    importer.mutate(
      { csv, dry_run: dryRun, resubscribe },
      {
        onSuccess: (report) => {
          if (dryRun) return setPreview(report);
          notifySuccess(
            `Imported: ${report.summary.create} new, ${report.summary.update + report.summary.resubscribe} updated`,
          );
          close();
        },
        onError: (error) => notifyError(error, 'Import failed'),
      },
    );

  return (
    <Modal opened={opened} onClose={close} title="Import subscribers from CSV" size="xl">
      <Stack>
        <Text size="sm" c="dimmed">
          A header row with an <code>email</code> column; <code>name</code> is optional and other columns are kept as
          metadata. Nothing changes until you apply the preview.
        </Text>
        <FileInput
          label="CSV file"
          accept=".csv,text/csv"
          placeholder="Choose a file"
          onChange={(file) => void file?.text().then(edit)}
        />
        <Textarea
          label="or paste CSV"
          autosize
          minRows={4}
          maxRows={12}
          value={csv}
          onChange={(event) => edit(event.currentTarget.value)}
          styles={{ input: { fontFamily: 'monospace' } }}
        />
        <Checkbox
          label="Re-subscribe people who unsubscribed (only with their consent)"
          checked={resubscribe}
          onChange={(event) => {
            setResubscribe(event.currentTarget.checked);
            setPreview(undefined);
          }}
        />
        {preview && <Report report={preview} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          {preview ? (
            <Button onClick={() => run(false)} loading={importer.isPending} disabled={preview.rows.length === 0}>
              Apply import
            </Button>
          ) : (
            <Button onClick={() => run(true)} loading={importer.isPending} disabled={!csv.trim()}>
              Preview changes
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
