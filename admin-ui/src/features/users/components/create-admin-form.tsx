import { zodResolver } from '@hookform/resolvers/zod';
import { Button, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { notifyError, notifySuccess } from '../../../components/notify';
import { useCreateAdmin } from '../api/admin-users';
import { showFieldErrors } from '../../../lib/form-errors';

const schema = z.object({
  username: z
    .string()
    .trim()
    .min(1, 'Choose a username')
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, 'Letters, digits, dot, dash and underscore'),
  display_name: z.string().trim().max(100),
  role: z.enum(['owner', 'admin', 'viewer']),
  password: z.string().min(12, 'At least 12 characters'),
});
type CreateForm = z.infer<typeof schema>;

export function CreateAdminForm({ onDone }: { onDone: () => void }) {
  const create = useCreateAdmin();
  const form = useForm<CreateForm>({
    resolver: zodResolver(schema),
    defaultValues: { username: '', display_name: '', role: 'viewer', password: '' },
  });
  const submit = form.handleSubmit((values) =>
    create.mutate(
      { ...values, display_name: values.display_name || undefined },
      {
        onSuccess: () => {
          notifySuccess(`${values.username} can now sign in`);
          onDone();
        },
        onError: (error) => {
          showFieldErrors(error, form.setError);
          notifyError(error, 'Admin not created');
        },
      },
    ),
  );
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack>
        <TextInput label="Username" error={form.formState.errors.username?.message} {...form.register('username')} />
        <TextInput label="Display name" {...form.register('display_name')} />
        <Controller
          control={form.control}
          name="role"
          render={({ field }) => (
            <Select
              label="Role"
              data={[
                { value: 'viewer', label: 'Viewer: reads everything, changes nothing' },
                { value: 'admin', label: 'Admin: manages submissions, subscribers, newsletters, settings' },
                { value: 'owner', label: 'Owner: also manages admins' },
              ]}
              value={field.value}
              onChange={(value) => value && field.onChange(value)}
              allowDeselect={false}
            />
          )}
        />
        <PasswordInput
          label="Initial password"
          description="12 characters or more. Share it safely; they can change it after signing in."
          autoComplete="new-password"
          error={form.formState.errors.password?.message}
          {...form.register('password')}
        />
        <Button type="submit" loading={create.isPending} w="fit-content">
          Create admin
        </Button>
      </Stack>
    </form>
  );
}
