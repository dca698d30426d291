import { compileNewsletter, personalise, unknownMergeFields } from './newsletter-render';

const site = { siteName: 'Acme News', postalAddress: '1 Harbour Road, Bristol' };
const values = {
  name: 'Ada <b>Lovelace</b>',
  email: 'ada@example.com',
  unsubscribe_url: 'https://news.example.com/u/abc?x=1&y=2',
  manage_url: 'https://news.example.com/manage',
};

describe('newsletter rendering', () => {
  it('renders Markdown into the layout with merge fields filled in and escaped', () => {
    const compiled = compileNewsletter(
      {
        subject: 'Hello {{name}}',
        preheader: 'This month in brief',
        body: '# Hi {{ name }}\n\nSome **news**. [Leave]({{unsubscribe_url}})',
        format: 'markdown',
      },
      site,
    );
    const mail = personalise(compiled, values);
    expect(mail.subject).toBe('Hello Ada <b>Lovelace</b>');
    expect(mail.html).toContain('<h1>Hi Ada &lt;b&gt;Lovelace&lt;/b&gt;</h1>');
    expect(mail.html).toContain('<strong>news</strong>');
    expect(mail.html).toContain('href="https://news.example.com/u/abc?x=1&amp;y=2"');
    expect(mail.html).toContain('This month in brief');
    expect(mail.html).toContain('1 Harbour Road, Bristol');
    expect(mail.text).toContain('Hi Ada <b>Lovelace</b>');
    expect(mail.text).toContain('Unsubscribe: https://news.example.com/u/abc?x=1&y=2');
    expect(mail.text).toContain('Manage your subscription: https://news.example.com/manage');
  });

  it('never lets script through: raw HTML is off in Markdown and sanitised in HTML bodies', () => {
    const fromMarkdown = personalise(
      compileNewsletter(
        {
          subject: 's',
          preheader: null,
          body: 'x <script>alert(1)</script> <img src=x onerror=alert(1)>',
          format: 'markdown',
        },
        site,
      ),
      values,
    ).html;
    expect(fromMarkdown).not.toMatch(/<script|<img/);
    const fromHtml = personalise(
      compileNewsletter(
        {
          subject: 's',
          preheader: null,
          body: '<p onclick="x()">hi</p><script>bad()</script><a href="javascript:alert(1)">j</a><img src="https://x/i.png" onerror="y()">',
          format: 'html',
        },
        site,
      ),
      values,
    ).html;
    expect(fromHtml).toContain('<p>hi</p>');
    expect(fromHtml).toContain('<img src="https://x/i.png" />');
    expect(fromHtml).not.toMatch(/<script|bad\(\)|javascript:|onclick|onerror/);
  });

  it('keeps subjects to one line whatever a name contains', () => {
    const compiled = compileNewsletter(
      { subject: 'Hi {{name}}', preheader: null, body: 'x', format: 'markdown' },
      site,
    );
    expect(personalise(compiled, { ...values, name: 'Eve\r\nBcc: all@example.com' }).subject).toBe(
      'Hi Eve Bcc: all@example.com',
    );
  });

  it('lists merge fields outside the fixed set', () => {
    expect(unknownMergeFields('{{name}} {{ process.env.SECRET }} {{email}} {{x}}')).toEqual([
      '{{process.env.SECRET}}',
      '{{x}}',
    ]);
  });
});

describe('rendering under adversarial input', () => {
  const timed = (body: string) => {
    const started = process.hrtime.bigint();
    unknownMergeFields(body);
    personalise(compileNewsletter({ subject: 's', preheader: null, body, format: 'markdown' }, site), values);
    personalise(compileNewsletter({ subject: 's', preheader: null, body, format: 'html' }, site), values);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };

  it.each([
    ['braces then a long run of spaces (cubic for the old pattern)', `{{${' '.repeat(200_000)}.`],
    ['many openings', '{{'.repeat(100_000)],
    ['openings then one closing', `${'{'.repeat(199_998)}}}`],
    ['alternating', '{{ }'.repeat(50_000)],
    ['encoded braces in links', `[x](%7B%7B${'a'.repeat(100_000)})`.repeat(2)],
  ])('renders a 200 KB body of %s in under a second', (_, body) => {
    expect(timed(body)).toBeLessThan(1000);
  });

  // Markdown itself (markdown-it, sanitize-html, html-to-text) on its worst shapes: about linear, a few hundred ms
  // here; the bound only catches a regression to superlinear time.
  it.each([
    ['nested brackets', `${'['.repeat(100_000)}${']('.repeat(50_000)}`],
    ['emphasis runs', '*a **a '.repeat(28_000)],
  ])('renders a 200 KB body of %s in a few seconds at most', (_, body) => {
    expect(timed(body)).toBeLessThan(4000);
  });

  it('finds fields exactly as before: trimmed names, no braces inside, unknown ones reported', () => {
    expect(unknownMergeFields('{{ name }} {{email}} {{ x }} {{a}b}} {{{y}}} {{}}')).toEqual(['{{x}}', '{{y}}', '{{}}']);
    const mail = personalise(
      compileNewsletter({ subject: '{{ name }}{{name}}', preheader: null, body: 'x', format: 'markdown' }, site),
      values,
    );
    expect(mail.subject).toBe(`${values.name}${values.name}`);
  });
});
