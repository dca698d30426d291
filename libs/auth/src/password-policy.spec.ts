import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each([
    ['short1!', /at least 12/],
    ['password1234', /too common/],
    ['Qwertyuiop123!', /too common/],
    ['aaaaaaaaaaaaaa', /too repetitive|too common/],
    ['owner-ada-2026-x', /username/],
  ])('refuses %j', (password, problem) => {
    expect(passwordProblem(password, 'ada')).toMatch(problem);
  });

  it('accepts a long, uncommon password', () => {
    expect(passwordProblem('violet-harbour-engine-42', 'ada')).toBeUndefined();
  });
});
