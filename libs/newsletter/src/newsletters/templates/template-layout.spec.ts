import { fillSlot, layoutProblems, sanitizeLayoutHtml } from './template-layout';

const TEXT = '{{content}}\n--\n{{unsubscribe_url}}';

describe('newsletter layouts', () => {
  it('fills the one {{content}} slot, with spaces inside the braces or not', () => {
    expect(fillSlot('<div>{{ content }}</div>', '<p>hi</p>')).toBe('<div><p>hi</p></div>');
  });

  it('accepts a layout with one slot and an unsubscribe link in each part', () => {
    expect(layoutProblems({ html: '{{content}}<a href="{{unsubscribe_url}}">x</a>', text: TEXT })).toEqual({});
  });

  it('keeps table layout attributes and box styles, drops what loads or runs anything', () => {
    const html = sanitizeLayoutHtml(
      '<table role="presentation" width="600" cellpadding="0"><tr><td valign="top" style="padding:8px;background:url(x);color:#333">a</td></tr></table><style>*{}</style><img src="javascript:x">',
    );
    expect(html).toBe(
      '<table role="presentation" width="600" cellpadding="0"><tr><td valign="top" style="padding:8px;color:#333">a</td></tr></table><img />',
    );
  });

  it('judges a hostile layout in linear time (a long run of unclosed braces)', () => {
    const hostile = `${'{{'.repeat(100_000)}${' '.repeat(100_000)}`;
    const started = process.hrtime.bigint();
    expect(layoutProblems({ html: hostile, text: hostile }).html).toMatch(/exactly once/);
    // Generous: the point is "not quadratic" (a backtracking pattern takes minutes here).
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2000);
  });
});
