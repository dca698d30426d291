import { MAILBOX, MULTI_LINE, SINGLE_LINE, normaliseEmail } from './validators';

describe('input validators', () => {
  it.each(['ada@example.com', "o'brien@example.ie", 'a.b+tag@sub.example.co.uk', 'zoë@exämple.com'])(
    'accepts %s',
    (email) => {
      expect(MAILBOX.test(email)).toBe(true);
    },
  );

  it.each([
    'a@example.com\r\nBcc: x@y.z',
    'a@example.com,b@example.com',
    '"Ada" <ada@example.com>',
    'ada@example',
    'a..b@example.com',
    '.a@example.com',
    'a b@example.com',
    'a@example.com\n',
    'a@@example.com',
  ])('rejects %j', (email) => {
    expect(MAILBOX.test(email)).toBe(false);
  });

  it('keeps line breaks out of single-line fields and other control characters out of all text', () => {
    expect(SINGLE_LINE.test('Ada\r\nBcc: x')).toBe(false);
    expect(SINGLE_LINE.test('Ada 🚀')).toBe(true);
    expect(MULTI_LINE.test('line one\nline two\ttab')).toBe(true);
    expect(MULTI_LINE.test('bell\u0007')).toBe(false);
  });

  it('normalises an address by trimming and lower-casing the domain only', () => {
    expect(normaliseEmail('  Ada@Example.COM ')).toBe('Ada@example.com');
  });
});
