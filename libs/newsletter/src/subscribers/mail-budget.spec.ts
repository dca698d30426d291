import { MAIL_GAP_MS, MAIL_WINDOW_MS, spendMailBudget, type MailBudgetState } from './mail-budget';

const fresh: MailBudgetState = { last_mail_at: null, mail_window_start: null, mail_window_count: 0 };

describe('spendMailBudget', () => {
  it('allows a first mail and opens a window', () => {
    expect(spendMailBudget(fresh, 1000)).toEqual({ last_mail_at: 1000, mail_window_start: 1000, mail_window_count: 1 });
  });

  it('refuses a second mail within 10 minutes', () => {
    const after = spendMailBudget(fresh, 0)!;
    expect(spendMailBudget(after, MAIL_GAP_MS - 1)).toBeUndefined();
    expect(spendMailBudget(after, MAIL_GAP_MS)).toMatchObject({ mail_window_count: 2 });
  });

  it('allows three a day, then none until the window has passed', () => {
    let state = fresh;
    for (let i = 0; i < 3; i++) state = spendMailBudget(state, i * MAIL_GAP_MS)!;
    expect(spendMailBudget(state, 3 * MAIL_GAP_MS)).toBeUndefined();
    expect(spendMailBudget(state, MAIL_WINDOW_MS)).toEqual({
      last_mail_at: MAIL_WINDOW_MS,
      mail_window_start: MAIL_WINDOW_MS,
      mail_window_count: 1,
    });
  });
});
