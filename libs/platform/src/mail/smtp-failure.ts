/** What the dispatcher should do with an SMTP failure. */
export type FailureKind = 'permanent' | 'transient';

interface SmtpLikeError {
  responseCode?: number;
  response?: string;
  code?: string;
  message?: string;
}

/** 5xx replies are final; 4xx replies, timeouts and dropped connections are worth retrying. */
export function classifySmtpFailure(error: unknown): FailureKind {
  const code = (error as SmtpLikeError | undefined)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600 ? 'permanent' : 'transient';
}

export function describeSmtpFailure(error: unknown): string {
  const e = error as SmtpLikeError | undefined;
  return (e?.response ?? e?.message ?? String(error)).replace(/\s+/g, ' ').trim();
}

/** Exponential backoff with jitter: base·2^(attempt−1), capped, then scaled by a random factor in [0.5, 1). */
export function retryDelayMs(attempt: number, baseMs: number, capMs: number, random = Math.random): number {
  const exponential = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.5 + random() / 2));
}
