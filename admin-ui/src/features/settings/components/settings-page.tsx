import { Paper, Stack, Text, Title } from '@mantine/core';
import { PageHeader } from '../../../components/page-header';
import { ErrorState, LoadingState } from '../../../components/page-states';
import { useSession } from '../../../lib/session';
import { useSettings, type Setting } from '../api/list-settings';
import { SettingRow } from './setting-row';

const GROUP_TITLES: Record<string, string> = {
  site: 'Site',
  email: 'Email',
  forms: 'Forms',
  limits: 'Limits and retention',
  system: 'System (read-only)',
};

export function SettingsPage() {
  const settings = useSettings();
  const { canWrite } = useSession();
  if (settings.isPending) return <LoadingState />;
  if (settings.error) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  const groups = new Map<string, Setting[]>();
  for (const setting of settings.data) groups.set(setting.group, [...(groups.get(setting.group) ?? []), setting]);
  return (
    <>
      <PageHeader title="Settings" />
      <Text size="sm" c="dimmed" mb="md" maw={720}>
        Changes take effect on the next request, on every instance within a few seconds. A value set here overrides the
        environment; reset returns to it. Secrets and connection settings come only from the environment.
      </Text>
      <Stack>
        {[...groups].map(([group, items]) => (
          <Paper withBorder p="md" key={group} component="section" aria-labelledby={`group-${group}`}>
            <Title order={2} size="h4" mb="sm" id={`group-${group}`}>
              {GROUP_TITLES[group] ?? group}
            </Title>
            <Stack gap="md">
              {items.map((setting) => (
                <SettingRow key={setting.key} setting={setting} canWrite={canWrite} />
              ))}
            </Stack>
          </Paper>
        ))}
      </Stack>
    </>
  );
}
