import { Anchor, Button, Paper, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, QueryState } from '../../../components/page-states';
import { formatDateTime } from '../../../lib/format';
import { useSession } from '../../../lib/session';
import { useTemplates } from '../api/templates';

/** Saved layouts; newsletters without one use the built-in layout. */
export function TemplatesPage() {
  const templates = useTemplates();
  const { canWrite } = useSession();
  return (
    <>
      <PageHeader
        title="Templates"
        actions={
          canWrite && (
            <Button component={Link} to="/templates/new">
              New template
            </Button>
          )
        }
      />
      <QueryState query={templates}>
        {(rows) =>
          rows.length === 0 ? (
            <EmptyState title="No templates yet">
              Newsletters use the built-in layout until you save one of your own.
            </EmptyState>
          ) : (
            <Paper withBorder>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Used by</Table.Th>
                    <Table.Th>Updated</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((row) => (
                    <Table.Tr key={row.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/templates/${row.id}`}>
                          {row.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {row.used_by} {row.used_by === 1 ? 'newsletter' : 'newsletters'}
                        </Text>
                      </Table.Td>
                      <Table.Td>{formatDateTime(row.updated_at)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )
        }
      </QueryState>
    </>
  );
}
