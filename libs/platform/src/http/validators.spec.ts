import { addressKey, isMailbox, normaliseEmail } from './addresses';
import { MULTI_LINE, SINGLE_LINE } from './validators';

describe('input validators', () => {
  it.each([
    'ada@example.com',
    "o'brien@example.ie",
    'a.b+tag@sub.example.co.uk',
    'zoë@exämple.com',
    'info@пример.рф',
    'info@xn--e1afmkfd.xn--p1ai',
    'info@example.xn--p1ai',
  ])('accepts %s', (email) => {
    expect(isMailbox(email)).toBe(true);
  });

  it.each([
    'a@example.com\r\nBcc: x@y.z',
    'a@example.com,b@example.com',
    '"Ada" <ada@example.com>',
    'ada@example',
    'a..b@example.com',
    '.a@example.com',
    'a.@example.com',
    'a b@example.com',
    'a@example.com\n',
    'a@@example.com',
    'a@-example.com',
    'a@example.c0m',
    `${'a'.repeat(65)}@example.com`,
    `a@${'b'.repeat(64)}.com`,
  ])('rejects %j', (email) => {
    expect(isMailbox(email)).toBe(false);
  });

  it('answers at once for adversarial input (no backtracking)', () => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < 1000; i++) {
      isMailbox(`${'a.'.repeat(30)}@${'b-'.repeat(120)}`);
      isMailbox(`a@${'b.'.repeat(125)}`);
      isMailbox('a'.repeat(254));
    }
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });

  it('keeps line breaks out of single-line fields and other control characters out of all text', () => {
    expect(SINGLE_LINE.test('Ada\r\nBcc: x')).toBe(false);
    expect(SINGLE_LINE.test('Ada 🚀')).toBe(true);
    expect(SINGLE_LINE.test('abc\u0000def')).toBe(false);
    expect(MULTI_LINE.test('line one\nline two\ttab')).toBe(true);
    expect(MULTI_LINE.test('bell\u0007')).toBe(false);
  });

  it('normalises an address by trimming and lower-casing the domain only', () => {
    expect(normaliseEmail('  Ada@Example.COM ')).toBe('Ada@example.com');
  });

  it('keys an address by who it reaches: local part case-folded, domain in punycode', () => {
    expect(addressKey('  Ada@Example.COM ')).toBe('ada@example.com');
    expect(addressKey('Info@Пример.РФ')).toBe('info@xn--e1afmkfd.xn--p1ai');
    expect(addressKey('info@xn--e1afmkfd.xn--p1ai')).toBe('info@xn--e1afmkfd.xn--p1ai');
  });
});
