import { TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';

interface DebouncedInputProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  readonly value: string;
  readonly onCommit: (value: string) => void;
}

/** A filter box: typing updates the URL (and so the query) after a short pause, not on every key. */
export function DebouncedInput({ value, onCommit, ...props }: DebouncedInputProps) {
  const [draft, setDraft] = useState(value);
  // The URL changed by other means (back button, a link): show its value.
  const [committed, setCommitted] = useState(value);
  if (committed !== value) {
    setCommitted(value);
    setDraft(value);
  }
  const commit = useDebouncedCallback((next: string) => onCommit(next.trim()), 350);
  return (
    <TextInput
      {...props}
      value={draft}
      onChange={(event) => {
        setDraft(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
    />
  );
}
