import { Button, Grid, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { confirmAction } from '../../../components/confirm';
import { notifyError, notifySuccess } from '../../../components/notify';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/page-states';
import { showFieldErrors } from '../../../lib/form-errors';
import { useSession } from '../../../lib/session';
import { EmailPreview } from '../../newsletters/components/email-preview';
import {
  useDeleteTemplate,
  useSaveTemplate,
  useTemplate,
  useTemplatePreview,
  type Template,
  type TemplateInput,
  type TemplateLayout,
} from '../api/templates';

/** A new template starts from a working layout: the slot, an unsubscribe link, and room to make it your own. */
const STARTER: TemplateInput = {
  name: '',
  html: `<div style="max-width:600px;margin:0 auto;padding:24px;font-family:Georgia,serif;color:#1d1d1f">
<h2 style="margin-top:0">Our newsletter</h2>
{{content}}
<p style="font-size:12px;color:#6b6b70"><a href="{{unsubscribe_url}}">Unsubscribe</a> · <a href="{{manage_url}}">Manage your subscription</a></p>
</div>`,
  text: '{{content}}\n\n--\nUnsubscribe: {{unsubscribe_url}}\nManage your subscription: {{manage_url}}',
};
const FIELDS_HINT =
  'One {{content}} (the newsletter) and an {{unsubscribe_url}} link are required; {{name}}, {{email}} and {{manage_url}} may be used.';

function Editor({ template }: { template?: Template }) {
  const navigate = useNavigate();
  const { canWrite } = useSession();
  const save = useSaveTemplate();
  const remove = useDeleteTemplate();
  const form = useForm<TemplateInput>({
    defaultValues: template ? { name: template.name, html: template.html, text: template.text } : STARTER,
  });
  const watched = useWatch({ control: form.control }) as TemplateInput;
  // Debounced as a string: an equal value on a re-render must not restart the pause.
  const [settled] = useDebouncedValue(JSON.stringify({ html: watched.html, text: watched.text }), 400);
  const layout = useMemo(() => JSON.parse(settled) as TemplateLayout, [settled]);
  const preview = useTemplatePreview(layout);

  const submit = form.handleSubmit((values) =>
    save.mutate(
      { id: template?.id, input: values },
      {
        onSuccess: (saved) => {
          notifySuccess('Template saved');
          void navigate(`/templates/${saved.id}`);
        },
        onError: (error) => {
          showFieldErrors(error, form.setError);
          notifyError(error, 'Not saved');
        },
      },
    ),
  );
  const askDelete = () =>
    template &&
    confirmAction({
      title: 'Delete this template?',
      message: 'Newsletters must not be using it.',
      confirmLabel: 'Delete',
      danger: true,
      onConfirm: () =>
        remove.mutate(template.id, {
          onSuccess: () => {
            notifySuccess('Template deleted');
            void navigate('/templates');
          },
          onError: (error) => notifyError(error, 'Not deleted'),
        }),
    });

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Paper withBorder p="md">
          <form onSubmit={(event) => void submit(event)} noValidate>
            <Stack>
              <TextInput
                label="Name"
                readOnly={!canWrite}
                error={form.formState.errors.name?.message}
                {...form.register('name', { required: 'Give it a name' })}
              />
              <Textarea
                label="HTML layout"
                description={FIELDS_HINT}
                autosize
                minRows={10}
                maxRows={24}
                readOnly={!canWrite}
                styles={{ input: { fontFamily: 'monospace' } }}
                error={form.formState.errors.html?.message}
                {...form.register('html')}
              />
              <Textarea
                label="Plain-text layout"
                autosize
                minRows={4}
                maxRows={12}
                readOnly={!canWrite}
                styles={{ input: { fontFamily: 'monospace' } }}
                error={form.formState.errors.text?.message}
                {...form.register('text')}
              />
              {canWrite && (
                <Group>
                  <Button type="submit" loading={save.isPending}>
                    Save template
                  </Button>
                  <Button variant="default" component={Link} to="/templates">
                    Cancel
                  </Button>
                  {template && (
                    <Button color="red" variant="subtle" onClick={askDelete} loading={remove.isPending}>
                      Delete
                    </Button>
                  )}
                </Group>
              )}
              {template && (
                <Text size="sm" c="dimmed">
                  Used by {template.used_by} {template.used_by === 1 ? 'newsletter' : 'newsletters'}.
                </Text>
              )}
            </Stack>
          </form>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Paper withBorder p="md">
          <Text fw={600} mb="xs">
            Preview with a sample issue
          </Text>
          <EmailPreview
            rendered={preview.data}
            error={preview.error}
            stale={preview.isFetching || preview.isPlaceholderData}
          />
        </Paper>
      </Grid.Col>
    </Grid>
  );
}

export function TemplateEditorPage() {
  const { id } = useParams();
  const template = useTemplate(id === undefined ? undefined : Number(id));
  if (id === undefined)
    return (
      <>
        <PageHeader title="New template" />
        <Editor />
      </>
    );
  return (
    <QueryState query={template}>
      {(loaded) => (
        <>
          <PageHeader title={`Template: ${loaded.name}`} />
          <Editor template={loaded} />
        </>
      )}
    </QueryState>
  );
}
