import { zodResolver } from '@hookform/resolvers/zod';
import { Anchor, Badge, Button, Drawer, Group, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';
import { confirmAction } from '../../../components/confirm';
import { notifyError, notifySuccess } from '../../../components/notify';
import { QueryState } from '../../../components/page-states';
import { formatDateTime } from '../../../lib/format';
import { useSession } from '../../../lib/session';
import { useDeleteSubscriber } from '../api/delete-subscriber';
import { useSubscriber, type SubscriberDetail as Detail } from '../api/get-subscriber';
import { useUpdateSubscriber } from '../api/update-subscriber';
import { showFieldErrors } from '../../../lib/form-errors';

const schema = z.object({
  name: z.string().trim().max(200, 'At most 200 characters'),
  metadata: z.string().refine((text) => {
    if (!text.trim()) return true;
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
    } catch {
      return false;
    }
  }, 'Must be a JSON object, like {"plan": "pro"}'),
});
type EditForm = z.infer<typeof schema>;

function EditSubscriber({ subscriber }: { subscriber: Detail }) {
  const update = useUpdateSubscriber();
  const form = useForm<EditForm>({
    resolver: zodResolver(schema),
    values: {
      name: subscriber.name ?? '',
      metadata: subscriber.metadata ? JSON.stringify(subscriber.metadata, null, 2) : '',
    },
  });
  const submit = form.handleSubmit((values) =>
    update.mutate(
      {
        id: subscriber.id,
        change: {
          name: values.name,
          metadata: values.metadata.trim() ? (JSON.parse(values.metadata) as Record<string, unknown>) : null,
        },
      },
      {
        onSuccess: () => notifySuccess('Subscriber saved'),
        onError: (error) => {
          showFieldErrors(error, form.setError);
          notifyError(error, 'Not saved');
        },
      },
    ),
  );
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="xs">
        <TextInput label="Name" error={form.formState.errors.name?.message} {...form.register('name')} />
        <Textarea
          label="Metadata (JSON)"
          autosize
          minRows={2}
          error={form.formState.errors.metadata?.message}
          {...form.register('metadata')}
        />
        <Button type="submit" loading={update.isPending} w="fit-content">
          Save
        </Button>
      </Stack>
    </form>
  );
}

function Details({ subscriber, onDeleted }: { subscriber: Detail; onDeleted: () => void }) {
  const { canWrite } = useSession();
  const update = useUpdateSubscriber();
  const remove = useDeleteSubscriber();
  const { consent } = subscriber;
  const unsubscribe = () =>
    confirmAction({
      title: 'Unsubscribe this person?',
      message: `${subscriber.email} will get no more newsletters. Only they can subscribe again.`,
      confirmLabel: 'Unsubscribe',
      danger: true,
      onConfirm: () =>
        update.mutate(
          { id: subscriber.id, change: { status: 'unsubscribed' } },
          {
            onSuccess: () => notifySuccess(`${subscriber.email} unsubscribed`),
            onError: (error) => notifyError(error),
          },
        ),
    });
  const askDelete = () =>
    confirmAction({
      title: 'Delete this subscriber?',
      message: 'Their record and consent history are removed for good.',
      confirmLabel: 'Delete',
      danger: true,
      onConfirm: () =>
        remove.mutate(subscriber.id, {
          onSuccess: () => {
            notifySuccess('Subscriber deleted');
            onDeleted();
          },
          onError: (error) => notifyError(error),
        }),
    });

  return (
    <Stack>
      <Group justify="space-between">
        <Text fw={600}>{subscriber.email}</Text>
        <Badge variant="light">{subscriber.status}</Badge>
      </Group>
      <Title order={3} size="h5">
        Consent history
      </Title>
      <Table>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th>Subscribed</Table.Th>
            <Table.Td>
              {formatDateTime(consent.subscribed_at)} {consent.subscribe_ip && `from ${consent.subscribe_ip}`}
              {subscriber.source && ` (${subscriber.source})`}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Confirmed</Table.Th>
            <Table.Td>
              {formatDateTime(consent.confirmed_at)} {consent.confirm_ip && `from ${consent.confirm_ip}`}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Unsubscribed</Table.Th>
            <Table.Td>
              {formatDateTime(consent.unsubscribed_at)}{' '}
              {consent.unsubscribe_reason && `(${consent.unsubscribe_reason})`}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Title order={3} size="h5">
        Newsletters
      </Title>
      {subscriber.deliveries.length === 0 ? (
        <Text size="sm" c="dimmed">
          No newsletters sent to this address yet.
        </Text>
      ) : (
        <Table>
          <caption className="visually-hidden">Newsletters sent</caption>
          <Table.Tbody>
            {subscriber.deliveries.map((delivery) => (
              <Table.Tr key={delivery.newsletter_id}>
                <Table.Td>
                  <Anchor component={Link} to={`/newsletters/${delivery.newsletter_id}`} size="sm">
                    {delivery.subject}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={delivery.status === 'sent' ? 'teal' : 'gray'}>
                    {delivery.status}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDateTime(delivery.finished_at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canWrite && (
        <>
          <Title order={3} size="h5">
            Edit
          </Title>
          <EditSubscriber subscriber={subscriber} />
          <Group>
            {subscriber.status !== 'unsubscribed' && (
              <Button variant="light" color="orange" onClick={unsubscribe} loading={update.isPending}>
                Unsubscribe
              </Button>
            )}
            <Button variant="light" color="red" onClick={askDelete} loading={remove.isPending}>
              Delete
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

export function SubscriberDetail({ id, onClose }: { id: number | undefined; onClose: () => void }) {
  const subscriber = useSubscriber(id);
  return (
    <Drawer opened={id !== undefined} onClose={onClose} title="Subscriber" position="right" size="lg">
      <QueryState query={subscriber}>{(data) => <Details subscriber={data} onDeleted={onClose} />}</QueryState>
    </Drawer>
  );
}
