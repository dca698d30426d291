import { Badge, Button, Group, Menu, Modal, PasswordInput, Select, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { confirmAction } from '../../../components/confirm';
import { notifyError, notifySuccess } from '../../../components/notify';
import { PageHeader } from '../../../components/page-header';
import { ErrorState, LoadingState } from '../../../components/page-states';
import { useSession, type AdminRole } from '../../../lib/session';
import {
  useAdmins,
  useDeleteAdmin,
  useResetAdminPassword,
  useUpdateAdmin,
  type AdminAccount,
} from '../api/admin-users';
import { CreateAdminForm } from './create-admin-form';

function ResetPassword({ admin, onClose }: { admin: AdminAccount | undefined; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const reset = useResetAdminPassword();
  const submit = () =>
    admin &&
    reset.mutate(
      { id: admin.id, password },
      {
        onSuccess: () => {
          notifySuccess(`Password reset; ${admin.username} was signed out everywhere`);
          setPassword('');
          onClose();
        },
        onError: (error) => notifyError(error, 'Password not reset'),
      },
    );
  return (
    <Modal opened={admin !== undefined} onClose={onClose} title={`Reset password for ${admin?.username ?? ''}`}>
      <Stack>
        <PasswordInput
          label="New password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        <Button onClick={submit} loading={reset.isPending} disabled={password.length < 12} w="fit-content">
          Reset password
        </Button>
      </Stack>
    </Modal>
  );
}

export function UsersPage() {
  const admins = useAdmins();
  const { user, isOwner } = useSession();
  const update = useUpdateAdmin();
  const remove = useDeleteAdmin();
  const [creating, createModal] = useDisclosure();
  const [resetting, setResetting] = useState<AdminAccount>();

  if (!isOwner) return <ErrorState error={new Error('Only owners manage admins.')} />;
  if (admins.isPending) return <LoadingState />;
  if (admins.error) return <ErrorState error={admins.error} onRetry={() => void admins.refetch()} />;

  const change = (admin: AdminAccount, patch: { role?: AdminRole; disabled?: boolean }, done: string) =>
    update.mutate(
      { id: admin.id, change: patch },
      { onSuccess: () => notifySuccess(done), onError: (error) => notifyError(error) },
    );
  const askDelete = (admin: AdminAccount) =>
    confirmAction({
      title: `Delete ${admin.username}?`,
      message: 'They are signed out everywhere and cannot sign in again. The audit log keeps their name.',
      confirmLabel: 'Delete',
      danger: true,
      onConfirm: () =>
        remove.mutate(admin.id, {
          onSuccess: () => notifySuccess(`${admin.username} deleted`),
          onError: (error) => notifyError(error),
        }),
    });

  return (
    <>
      <PageHeader title="Admins" actions={<Button onClick={createModal.open}>Add admin</Button>} />
      <Table striped>
        <caption className="visually-hidden">Admin accounts</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Username</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {admins.data.map((admin) => (
            <Table.Tr key={admin.id}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {admin.username}
                </Text>
                {admin.display_name && (
                  <Text size="xs" c="dimmed">
                    {admin.display_name}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={`Role of ${admin.username}`}
                  data={['owner', 'admin', 'viewer']}
                  value={admin.role}
                  onChange={(role) => role && change(admin, { role: role }, `${admin.username} is now ${role}`)}
                  allowDeselect={false}
                  w={120}
                  size="xs"
                />
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={admin.disabled ? 'gray' : 'teal'}>
                  {admin.disabled ? 'disabled' : 'active'}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group justify="flex-end">
                  <Menu position="bottom-end">
                    <Menu.Target>
                      <Button size="compact-sm" variant="default" aria-label={`Actions for ${admin.username}`}>
                        Actions
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      {/* One's own password is changed with the current one, on the account page. */}
                      {admin.id === user.id ? (
                        <Menu.Item component={RouterLink} to="/account">
                          Change my password
                        </Menu.Item>
                      ) : (
                        <Menu.Item onClick={() => setResetting(admin)}>Reset password</Menu.Item>
                      )}
                      {admin.id !== user.id && (
                        <Menu.Item
                          onClick={() =>
                            change(
                              admin,
                              { disabled: !admin.disabled },
                              `${admin.username} ${admin.disabled ? 'enabled' : 'disabled'}`,
                            )
                          }
                        >
                          {admin.disabled ? 'Enable' : 'Disable'}
                        </Menu.Item>
                      )}
                      {admin.id !== user.id && (
                        <Menu.Item color="red" onClick={() => askDelete(admin)}>
                          Delete
                        </Menu.Item>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={creating} onClose={createModal.close} title="Add an admin">
        <CreateAdminForm onDone={createModal.close} />
      </Modal>
      <ResetPassword admin={resetting} onClose={() => setResetting(undefined)} />
    </>
  );
}
