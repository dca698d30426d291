import { classifySmtpFailure, retryDelayMs } from './smtp-failure';

describe('SMTP failure handling', () => {
  it('treats 5xx as permanent and 4xx, timeouts and dropped connections as transient', () => {
    expect(classifySmtpFailure({ responseCode: 550, response: '550 5.1.1 unknown' })).toBe('permanent');
    expect(classifySmtpFailure({ responseCode: 421 })).toBe('transient');
    expect(classifySmtpFailure({ code: 'ETIMEDOUT' })).toBe('transient');
    expect(classifySmtpFailure(new Error('ECONNREFUSED'))).toBe('transient');
  });

  it('backs off exponentially with jitter, up to a cap', () => {
    expect(retryDelayMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(retryDelayMs(3, 1000, 60_000, () => 0.999)).toBeCloseTo(4000, -1);
    expect(retryDelayMs(30, 1000, 60_000, () => 0)).toBe(30_000);
  });
});
