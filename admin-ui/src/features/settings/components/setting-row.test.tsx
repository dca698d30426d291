import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Providers, stubApi } from '../../../test/render';
import type { Setting } from '../api/list-settings';
import { asText, fromText, SettingRow } from './setting-row';

afterEach(() => vi.unstubAllGlobals());

const setting = (overrides: Partial<Setting>): Setting => ({
  key: 'RATE_LIMIT_MAX',
  group: 'limits',
  type: 'integer',
  description: 'Submissions per window per client IP; 0 disables.',
  value: 10,
  source: 'default',
  editable: true,
  secret: false,
  ...overrides,
});

describe('SettingRow', () => {
  it('shows the server’s validation problem beside the field', async () => {
    const calls = stubApi({
      'PUT /admin/api/settings/RATE_LIMIT_MAX': () => ({
        status: 400,
        body: { error: 'validation_failed', fields: { value: 'must be a whole number from 0 to 1000000000' } },
      }),
    });
    render(
      <Providers>
        <SettingRow setting={setting({})} canWrite />
      </Providers>,
    );
    const input = screen.getByRole('textbox', { name: /RATE_LIMIT_MAX/ });
    await userEvent.clear(input);
    await userEvent.type(input, 'lots');
    await userEvent.click(screen.getByRole('button', { name: 'Save RATE_LIMIT_MAX' }));
    expect(await screen.findByText('must be a whole number from 0 to 1000000000')).toBeInTheDocument();
    expect(JSON.parse(calls[0]?.init.body as string)).toEqual({ value: 'lots' });
  });

  it('is read-only and masked when the value is a secret or comes only from the environment', () => {
    render(
      <Providers>
        <SettingRow
          setting={setting({ key: 'SECRET_KEY', type: 'string', value: '********', secret: true, editable: false })}
          canWrite
        />
      </Providers>,
    );
    const input = screen.getByRole('textbox', { name: /SECRET_KEY/ });
    expect(input).toHaveAttribute('readonly');
    expect(input).toHaveValue('••••••••');
    expect(screen.getByText('read-only')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save SECRET_KEY' })).toBeNull();
  });

  it('converts between the text box and the API’s types', () => {
    expect(fromText(setting({ type: 'integer' }), ' 25 ')).toBe(25);
    expect(fromText(setting({ type: 'emails' }), 'a@x.org, b@x.org,')).toEqual(['a@x.org', 'b@x.org']);
    expect(fromText(setting({ type: 'url' }), '  ')).toBeNull();
    expect(asText(['a@x.org', 'b@x.org'])).toBe('a@x.org, b@x.org');
    expect(asText(null)).toBe('');
  });
});
