/**
 * The anti-bombing budget of one mailbox: at most one link mail every 10 minutes and three a day, whatever route or
 * row asks for them. It belongs to the recipient address, so neither case variants nor address changes nor a stranger
 * naming many rows can get more mail into one inbox.
 *
 * A legitimate flow needs several mails in a few minutes (subscribe, confirm, then approve an address change), so
 * the 10-minute gap is lifted when the mailbox answers: using a link from a mail proves someone at that address is
 * there and asking. The daily cap is never lifted: a stranger cannot click links in someone else's mailbox, so they
 * get at most three mails a day into it.
 */
export const MAIL_GAP_MS = 10 * 60 * 1000;
export const MAIL_WINDOW_MS = 24 * 60 * 60 * 1000;
export const MAILS_PER_WINDOW = 3;

export interface MailBudgetState {
  readonly last_mail_at: Date | null;
  readonly window_started_at: Date | null;
  readonly window_count: number;
}

export const FRESH_BUDGET: MailBudgetState = { last_mail_at: null, window_started_at: null, window_count: 0 };

/** The state after sending one more mail now, or undefined when the budget is spent. */
export function spendMailBudget(state: MailBudgetState, now: Date): MailBudgetState | undefined {
  const at = now.getTime();
  if (state.last_mail_at !== null && at - state.last_mail_at.getTime() < MAIL_GAP_MS) return undefined;
  const windowOpen = state.window_started_at !== null && at - state.window_started_at.getTime() < MAIL_WINDOW_MS;
  const sent = windowOpen ? state.window_count : 0;
  if (sent >= MAILS_PER_WINDOW) return undefined;
  return { last_mail_at: now, window_started_at: windowOpen ? state.window_started_at : now, window_count: sent + 1 };
}
