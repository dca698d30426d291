import { TextInput } from '@mantine/core';

interface DateRangeInputsProps {
  readonly from: string;
  readonly to: string;
  readonly onChange: (changes: { date_from?: string; date_to?: string }) => void;
  readonly labels?: readonly [string, string];
}

/** The `date_from` / `date_to` pair every admin list filters by. */
export function DateRangeInputs({ from, to, onChange, labels = ['From', 'To'] }: DateRangeInputsProps) {
  return (
    <>
      <TextInput
        label={labels[0]}
        type="date"
        value={from}
        onChange={(event) => onChange({ date_from: event.currentTarget.value })}
      />
      <TextInput
        label={labels[1]}
        type="date"
        value={to}
        onChange={(event) => onChange({ date_to: event.currentTarget.value })}
      />
    </>
  );
}
