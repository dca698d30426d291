import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { notifyError, notifySuccess } from '../../../components/notify';
import { PageHeader } from '../../../components/page-header';
import { useSession } from '../../../lib/session';
import { useChangePassword } from '../api/change-password';
import { showFieldErrors } from '../../../lib/form-errors';

const schema = z
  .object({
    current_password: z.string().min(1, 'Enter your current password'),
    new_password: z.string().min(12, 'At least 12 characters'),
    repeat: z.string(),
  })
  .refine((values) => values.new_password === values.repeat, { path: ['repeat'], message: 'Passwords differ' });
type PasswordForm = z.infer<typeof schema>;

export function AccountPage() {
  const { user } = useSession();
  const change = useChangePassword();
  const form = useForm<PasswordForm>({
    resolver: zodResolver(schema),
    defaultValues: { current_password: '', new_password: '', repeat: '' },
  });

  const submit = form.handleSubmit(({ current_password, new_password }) =>
    change.mutate(
      { current_password, new_password },
      {
        onSuccess: () => {
          form.reset();
          notifySuccess('Password changed. Your other sessions were signed out.');
        },
        onError: (error) => {
          showFieldErrors(error, form.setError);
          notifyError(error, 'Password not changed');
        },
      },
    ),
  );

  return (
    <>
      <PageHeader title="Your account" />
      <Paper withBorder p="lg" maw={480}>
        <Text mb="md">
          Signed in as <strong>{user.username}</strong> ({user.role})
        </Text>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack>
            <Title order={2} size="h4">
              Change password
            </Title>
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              error={form.formState.errors.current_password?.message}
              {...form.register('current_password')}
            />
            <PasswordInput
              label="New password"
              description="12 characters or more; common passwords are refused."
              autoComplete="new-password"
              error={form.formState.errors.new_password?.message}
              {...form.register('new_password')}
            />
            <PasswordInput
              label="Repeat new password"
              autoComplete="new-password"
              error={form.formState.errors.repeat?.message}
              {...form.register('repeat')}
            />
            <Button type="submit" loading={change.isPending} w="fit-content">
              Change password
            </Button>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
