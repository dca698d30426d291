import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Providers } from '../../../test/render';
import { EmailPreview } from './email-preview';

describe('EmailPreview', () => {
  it('puts the email’s HTML only in a sandboxed frame, and shows the source and text as text', async () => {
    const html = '<p onclick="steal()">Hello <strong>Ada</strong></p><script>steal()</script>';
    const { container } = render(
      <Providers>
        <EmailPreview rendered={{ subject: 'News', html, text: 'Hello Ada' }} />
      </Providers>,
    );
    const frame = screen.getByTitle('Email preview');
    expect(frame).toHaveAttribute('sandbox', '');
    expect(frame).toHaveAttribute('srcdoc', html);
    expect(container.querySelector('script')).toBeNull();
    await userEvent.click(screen.getByRole('tab', { name: 'HTML' }));
    expect(screen.getByText(html)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'Text' }));
    expect(screen.getByText('Hello Ada')).toBeInTheDocument();
  });

  it('explains a render problem instead of showing a stale email', () => {
    render(
      <Providers>
        <EmailPreview rendered={undefined} error={new Error('body: unknown merge field {{nmae}}')} />
      </Providers>,
    );
    expect(screen.getByText('Cannot render this yet')).toBeInTheDocument();
    expect(screen.getByText('body: unknown merge field {{nmae}}')).toBeInTheDocument();
  });
});
