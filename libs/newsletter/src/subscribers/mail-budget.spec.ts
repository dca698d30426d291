import { FRESH_BUDGET, MAIL_GAP_MS, MAIL_WINDOW_MS, spendMailBudget } from './mail-budget';

const at = (ms: number) => new Date(ms);

describe('spendMailBudget', () => {
  it('allows a first mail and opens a window', () => {
    expect(spendMailBudget(FRESH_BUDGET, at(1000))).toEqual({
      last_mail_at: at(1000),
      window_started_at: at(1000),
      window_count: 1,
    });
  });

  it('refuses a second mail within 10 minutes, unless the mailbox answered in between', () => {
    const after = spendMailBudget(FRESH_BUDGET, at(0))!;
    expect(spendMailBudget(after, at(MAIL_GAP_MS - 1))).toBeUndefined();
    expect(spendMailBudget(after, at(MAIL_GAP_MS))).toMatchObject({ window_count: 2 });
    expect(spendMailBudget({ ...after, last_mail_at: null }, at(1))).toMatchObject({ window_count: 2 });
  });

  it('allows three a day, then none until the window has passed, answered or not', () => {
    let state = FRESH_BUDGET;
    for (let i = 0; i < 3; i++) state = spendMailBudget({ ...state, last_mail_at: null }, at(i))!;
    expect(spendMailBudget({ ...state, last_mail_at: null }, at(3))).toBeUndefined();
    expect(spendMailBudget(state, at(MAIL_WINDOW_MS))).toEqual({
      last_mail_at: at(MAIL_WINDOW_MS),
      window_started_at: at(MAIL_WINDOW_MS),
      window_count: 1,
    });
  });
});
