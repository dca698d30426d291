import { Alert, Code, ScrollArea, Tabs, Text } from '@mantine/core';
import { describeError } from '../../../lib/api-client';
import type { RenderedNewsletter } from '../api/render-newsletter';

/**
 * The rendered email. Its HTML only ever goes into a sandboxed iframe (no scripts, no same-origin access, no forms),
 * so nothing in a newsletter can act as the admin.
 */
export function EmailPreview({
  rendered,
  error,
  stale,
}: {
  rendered: RenderedNewsletter | undefined;
  error?: unknown;
  stale?: boolean;
}) {
  if (error)
    return (
      <Alert color="red" title="Cannot render this yet">
        {describeError(error)}
      </Alert>
    );
  if (!rendered)
    return (
      <Text size="sm" c="dimmed">
        Write a subject and a body to see the email.
      </Text>
    );
  return (
    <Tabs defaultValue="email" style={{ opacity: stale ? 0.6 : 1 }}>
      <Tabs.List>
        <Tabs.Tab value="email">Email</Tabs.Tab>
        <Tabs.Tab value="html">HTML</Tabs.Tab>
        <Tabs.Tab value="text">Text</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="email" pt="xs">
        <Text size="sm" fw={600} mb={4}>
          Subject: {rendered.subject}
        </Text>
        <iframe title="Email preview" sandbox="" srcDoc={rendered.html} className="preview-frame" />
      </Tabs.Panel>
      <Tabs.Panel value="html" pt="xs">
        <ScrollArea h={480}>
          <Code block>{rendered.html}</Code>
        </ScrollArea>
      </Tabs.Panel>
      <Tabs.Panel value="text" pt="xs">
        <ScrollArea h={480}>
          <Code block>{rendered.text}</Code>
        </ScrollArea>
      </Tabs.Panel>
    </Tabs>
  );
}
