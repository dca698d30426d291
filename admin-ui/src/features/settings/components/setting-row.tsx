import { Badge, Button, Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { notifyError, notifySuccess } from '../../../components/notify';
import { ApiError } from '../../../lib/api-client';
import type { Setting, SettingValue } from '../api/list-settings';
import { useResetSetting, useUpdateSetting } from '../api/update-setting';

const SOURCE_COLOR = { default: 'gray', environment: 'blue', database: 'teal' } as const;
const SOURCE_LABEL = { default: 'default', environment: 'from environment', database: 'set here' } as const;

/** A setting's value as the text box shows it: lists one per comma. */
export function asText(value: SettingValue): string {
  if (value === null) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** What the API takes for the typed text; the server validates and answers with the field's problem. */
export function fromText(setting: Setting, text: string): SettingValue {
  const trimmed = text.trim();
  if (setting.type === 'integer')
    return trimmed === '' ? null : Number.isNaN(Number(trimmed)) ? trimmed : Number(trimmed);
  if (setting.type === 'emails' || setting.type === 'origins')
    return trimmed
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  return trimmed === '' ? null : trimmed;
}

export function SettingRow({ setting, canWrite }: { setting: Setting; canWrite: boolean }) {
  const update = useUpdateSetting();
  const reset = useResetSetting();
  const [text, setText] = useState(asText(setting.value));
  const [error, setError] = useState<string>();
  // When the saved value changes (saved here, reset, or changed elsewhere), the box shows it.
  const [shown, setShown] = useState(setting.value);
  if (shown !== setting.value) {
    setShown(setting.value);
    setText(asText(setting.value));
  }
  const editable = canWrite && setting.editable;
  const inputId = `setting-${setting.key}`;

  const save = (value: SettingValue) => {
    setError(undefined);
    update.mutate(
      { key: setting.key, value },
      {
        onSuccess: () => notifySuccess(`${setting.key} saved`),
        onError: (failure) =>
          failure instanceof ApiError && failure.fields.value ? setError(failure.fields.value) : notifyError(failure),
      },
    );
  };
  const restore = () =>
    reset.mutate(setting.key, {
      onSuccess: () => {
        setError(undefined);
        notifySuccess(`${setting.key} reset`);
      },
      onError: (failure) => notifyError(failure),
    });

  const label = (
    <Group gap="xs" component="span">
      <Text component="span" fw={600} size="sm" ff="monospace">
        {setting.key}
      </Text>
      <Badge size="xs" variant="light" color={SOURCE_COLOR[setting.source]}>
        {SOURCE_LABEL[setting.source]}
      </Badge>
      {!setting.editable && (
        <Badge size="xs" variant="outline" color="gray">
          read-only
        </Badge>
      )}
    </Group>
  );

  if (setting.type === 'boolean')
    return (
      <Switch
        label={label}
        description={setting.description}
        checked={setting.value === true}
        disabled={!editable || update.isPending}
        onChange={(event) => save(event.currentTarget.checked)}
        error={error}
      />
    );

  return (
    <Stack gap={4}>
      <TextInput
        id={inputId}
        label={label}
        description={setting.description}
        value={setting.secret ? '••••••••' : text}
        readOnly={!editable || setting.secret}
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => event.key === 'Enter' && editable && save(fromText(setting, text))}
        error={error}
        rightSectionWidth={editable ? 150 : undefined}
        rightSection={
          editable && (
            <Group gap={4} wrap="nowrap">
              <Button
                size="compact-xs"
                onClick={() => save(fromText(setting, text))}
                loading={update.isPending}
                disabled={text === asText(setting.value)}
                aria-label={`Save ${setting.key}`}
              >
                Save
              </Button>
              {setting.source === 'database' && (
                <Button
                  size="compact-xs"
                  variant="default"
                  onClick={restore}
                  loading={reset.isPending}
                  aria-label={`Reset ${setting.key}`}
                >
                  Reset
                </Button>
              )}
            </Group>
          )
        }
      />
    </Stack>
  );
}
