import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Grid, Group, Paper, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { notifyError, notifySuccess } from '../../../components/notify';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/page-states';
import { useNewsletter, type NewsletterDetail } from '../api/get-newsletter';
import { useRenderedNewsletter } from '../api/render-newsletter';
import { useSaveNewsletter, type NewsletterContent } from '../api/save-newsletter';
import { AudienceBuilder, fromFilter, toFilter, type Audience } from './audience-builder';
import { EmailPreview } from './email-preview';
import { useTemplates } from '../../templates/api/templates';
import { showFieldErrors } from '../../../lib/form-errors';

const MERGE_FIELD = /\{\{\s*([^{}]*?)\s*\}\}/g;
const KNOWN = new Set(['name', 'email', 'unsubscribe_url', 'manage_url']);
const knownFieldsOnly = (text: string) => [...text.matchAll(MERGE_FIELD)].every((match) => KNOWN.has(match[1] ?? ''));
/** The template picker's choice for "no saved template". */
const BUILT_IN = 'built-in';
const FIELDS_HINT = 'Merge fields: {{name}}, {{email}}, {{unsubscribe_url}}, {{manage_url}}';

const schema = z.object({
  subject: z
    .string()
    .trim()
    .min(1, 'Give it a subject')
    .max(200, 'At most 200 characters')
    .refine(knownFieldsOnly, FIELDS_HINT),
  preheader: z.string().trim().max(200, 'At most 200 characters').refine(knownFieldsOnly, FIELDS_HINT),
  body: z.string().min(1, 'Write something').refine(knownFieldsOnly, FIELDS_HINT),
  format: z.enum(['markdown', 'html']),
  template_id: z.number().nullable(),
  // Checked by the server, which names the failing condition; the builder shows its live count or problem.
  audience: z.custom<Audience | null>(),
});
type EditorForm = z.infer<typeof schema>;

function Editor({ newsletter }: { newsletter?: NewsletterDetail }) {
  const navigate = useNavigate();
  const save = useSaveNewsletter();
  const form = useForm<EditorForm>({
    resolver: zodResolver(schema),
    defaultValues: {
      subject: newsletter?.subject ?? '',
      preheader: newsletter?.preheader ?? '',
      body: newsletter?.body ?? '',
      format: newsletter?.format ?? 'markdown',
      template_id: newsletter?.template_id ?? null,
      audience: fromFilter(newsletter?.audience),
    },
  });
  const templates = useTemplates();
  const watched = useWatch({ control: form.control }) as EditorForm;
  // Debounced as a string: an equal value on a re-render must not restart the pause (an object would, every time).
  const [settled] = useDebouncedValue(
    JSON.stringify({
      subject: watched.subject,
      preheader: watched.preheader || undefined,
      body: watched.body,
      format: watched.format,
      template_id: watched.template_id,
    }),
    400,
  );
  const content = useMemo(() => JSON.parse(settled) as NewsletterContent, [settled]);
  const rendered = useRenderedNewsletter(content);

  const submit = form.handleSubmit((values) =>
    save.mutate(
      {
        id: newsletter?.id,
        content: { ...values, preheader: values.preheader || undefined, audience: toFilter(values.audience) },
      },
      {
        onSuccess: (saved) => {
          notifySuccess('Draft saved');
          void navigate(`/newsletters/${saved.id}`);
        },
        onError: (error) => {
          showFieldErrors(error, form.setError);
          notifyError(error, 'Not saved');
        },
      },
    ),
  );

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Paper withBorder p="md">
          <form onSubmit={(event) => void submit(event)} noValidate>
            <Stack>
              <TextInput label="Subject" error={form.formState.errors.subject?.message} {...form.register('subject')} />
              <TextInput
                label="Preheader"
                description="The line mail apps show after the subject."
                error={form.formState.errors.preheader?.message}
                {...form.register('preheader')}
              />
              <Controller
                control={form.control}
                name="format"
                render={({ field }) => (
                  <SegmentedControl
                    aria-label="Body format"
                    value={field.value}
                    onChange={field.onChange}
                    data={[
                      { value: 'markdown', label: 'Markdown' },
                      { value: 'html', label: 'HTML' },
                    ]}
                  />
                )}
              />
              <Controller
                control={form.control}
                name="template_id"
                render={({ field }) => (
                  <Select
                    label="Template"
                    description="The layout around the body; manage them under Templates."
                    data={[
                      { value: BUILT_IN, label: 'Built-in layout' },
                      ...(templates.data ?? []).map((template) => ({
                        value: String(template.id),
                        label: template.name,
                      })),
                    ]}
                    value={field.value === null ? BUILT_IN : String(field.value)}
                    onChange={(value) => field.onChange(!value || value === BUILT_IN ? null : Number(value))}
                    allowDeselect={false}
                    error={form.formState.errors.template_id?.message}
                  />
                )}
              />
              <Controller
                control={form.control}
                name="audience"
                render={({ field }) => <AudienceBuilder value={field.value} onChange={field.onChange} />}
              />
              <Textarea
                label="Body"
                description={FIELDS_HINT}
                autosize
                minRows={12}
                maxRows={30}
                styles={{ input: { fontFamily: 'monospace' } }}
                error={form.formState.errors.body?.message}
                {...form.register('body')}
              />
              <Group>
                <Button type="submit" loading={save.isPending}>
                  Save draft
                </Button>
                <Button
                  variant="default"
                  component={Link}
                  to={newsletter ? `/newsletters/${newsletter.id}` : '/newsletters'}
                >
                  Cancel
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Paper withBorder p="md">
          <Text fw={600} mb="xs">
            Live preview
          </Text>
          <EmailPreview
            rendered={rendered.data}
            error={rendered.error}
            stale={rendered.isFetching || rendered.isPlaceholderData}
          />
        </Paper>
      </Grid.Col>
    </Grid>
  );
}

export function NewsletterEditorPage() {
  const { id } = useParams();
  const newsletter = useNewsletter(id === undefined ? undefined : Number(id));
  if (id === undefined)
    return (
      <>
        <PageHeader title="New newsletter" />
        <Editor />
      </>
    );
  return (
    <QueryState query={newsletter}>
      {(data) => (
        <>
          <PageHeader title={`Edit: ${data.subject}`} />
          <Editor newsletter={data} />
        </>
      )}
    </QueryState>
  );
}
