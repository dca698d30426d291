/** At most one link email per address every 10 minutes and three a day: the forms cannot be used to bomb someone. */
export const MAIL_GAP_MS = 10 * 60 * 1000;
export const MAIL_WINDOW_MS = 24 * 60 * 60 * 1000;
export const MAILS_PER_WINDOW = 3;

export interface MailBudgetState {
  readonly last_mail_at: number | null;
  readonly mail_window_start: number | null;
  readonly mail_window_count: number;
}

/** The state after sending one more mail now, or undefined when the budget is spent. */
export function spendMailBudget(state: MailBudgetState, now: number): MailBudgetState | undefined {
  if (state.last_mail_at !== null && now - state.last_mail_at < MAIL_GAP_MS) return undefined;
  const windowOpen = state.mail_window_start !== null && now - state.mail_window_start < MAIL_WINDOW_MS;
  const sent = windowOpen ? state.mail_window_count : 0;
  if (sent >= MAILS_PER_WINDOW) return undefined;
  return {
    last_mail_at: now,
    mail_window_start: windowOpen ? state.mail_window_start : now,
    mail_window_count: sent + 1,
  };
}
