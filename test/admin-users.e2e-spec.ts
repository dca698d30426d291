import { startApp, type TestApp } from './support/app';
import { OWNER_PASSWORD, addAdmin, signIn, type AdminSession } from './support/admin';

const NEW_PASSWORD = 'copper-lantern-orbit-77';

describe('admin accounts', () => {
  let t: TestApp;
  let owner: AdminSession;

  beforeAll(async () => {
    t = await startApp({ ADMIN_USERNAME: 'owner', ADMIN_PASSWORD: OWNER_PASSWORD });
    owner = await signIn(t, 'owner');
  });
  afterAll(() => t.close());

  it('owners create admins with strong passwords only; usernames are unique', async () => {
    const weak = await owner.request('/admin/api/users', {
      method: 'POST',
      body: { username: 'grace', role: 'admin', password: 'password1234' },
    });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toMatchObject({ fields: { password: 'is too common' } });
    const created = await owner.request('/admin/api/users', {
      method: 'POST',
      body: { username: 'grace', role: 'admin', password: NEW_PASSWORD },
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ username: 'grace', role: 'admin', disabled: false });
    const again = await owner.request('/admin/api/users', {
      method: 'POST',
      body: { username: 'grace', role: 'viewer', password: NEW_PASSWORD },
    });
    expect(again.status).toBe(409);
    const grace = await signIn(t, 'grace', NEW_PASSWORD);
    expect((await grace.request('/admin/api/users')).status).toBe(403);
    const users = (await (await owner.request('/admin/api/users')).json()) as { username: string }[];
    expect(users.map((u) => u.username)).toEqual(['owner', 'grace']);
    expect(JSON.stringify(users)).not.toContain('argon2');
  });

  it('disabling an admin ends their sessions and stops sign-in; a reset password ends sessions too', async () => {
    await addAdmin(t, 'victor', 'viewer');
    const victor = await signIn(t, 'victor');
    const [row] = await t.query<{ id: number }>("SELECT id FROM admin_users WHERE username = 'victor'");
    const id = Number(row.id);
    expect((await owner.request(`/admin/api/users/${id}`, { method: 'PATCH', body: { disabled: true } })).status).toBe(
      200,
    );
    expect((await victor.request('/auth/session')).status).toBe(401);
    await expect(signIn(t, 'victor')).rejects.toThrow(/401/);
    await owner.request(`/admin/api/users/${id}`, { method: 'PATCH', body: { disabled: false } });
    const again = await signIn(t, 'victor');
    expect(
      (await owner.request(`/admin/api/users/${id}/password`, { method: 'POST', body: { password: NEW_PASSWORD } }))
        .status,
    ).toBe(204);
    expect((await again.request('/auth/session')).status).toBe(401);
    expect((await signIn(t, 'victor', NEW_PASSWORD)).csrf).toBeTruthy();
  });

  it('protects the last owner and stops anyone removing themselves', async () => {
    const [self] = await t.query<{ id: number }>("SELECT id FROM admin_users WHERE username = 'owner'");
    const id = Number(self.id);
    expect((await owner.request(`/admin/api/users/${id}`, { method: 'PATCH', body: { role: 'admin' } })).status).toBe(
      409,
    );
    expect((await owner.request(`/admin/api/users/${id}`, { method: 'DELETE' })).status).toBe(409);
    expect((await owner.request('/admin/api/users/999999', { method: 'DELETE' })).status).toBe(404);
  });

  it('changing your own password needs the current one and ends your other sessions only', async () => {
    await addAdmin(t, 'hedy', 'admin');
    const laptop = await signIn(t, 'hedy');
    const phone = await signIn(t, 'hedy');
    const wrong = await laptop.request('/auth/password', {
      method: 'POST',
      body: { current_password: 'nope-nope-nope-nope', new_password: NEW_PASSWORD },
    });
    expect(wrong.status).toBe(401);
    const changed = await laptop.request('/auth/password', {
      method: 'POST',
      body: { current_password: OWNER_PASSWORD, new_password: NEW_PASSWORD },
    });
    expect(changed.status).toBe(204);
    expect((await laptop.request('/auth/session')).status).toBe(200);
    expect((await phone.request('/auth/session')).status).toBe(401);
    const actions = (await t.query<{ action: string }>('SELECT action FROM audit_log')).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['admin.create', 'admin.update', 'admin.password_reset', 'admin.password_change']),
    );
  });

  it('an owner setting their own password through the users API needs the current one, and guesses are throttled', async () => {
    const [self] = await t.query<{ id: number }>("SELECT id FROM admin_users WHERE username = 'owner'");
    const path = `/admin/api/users/${self.id}/password`;
    const without = await owner.request(path, { method: 'POST', body: { password: NEW_PASSWORD } });
    expect(without.status).toBe(400);
    expect(await without.json()).toMatchObject({ fields: { current_password: expect.any(String) } });
    for (let i = 0; i < 10; i++) {
      const guess = await owner.request(path, {
        method: 'POST',
        body: { password: NEW_PASSWORD, current_password: `guess-number-${i}-xyz` },
      });
      expect(guess.status).toBe(401);
    }
    const blocked = await owner.request(path, {
      method: 'POST',
      body: { password: NEW_PASSWORD, current_password: OWNER_PASSWORD },
    });
    expect(blocked.status).toBe(429);
  });
});

describe('the last owner', () => {
  it('two owners demoting each other at the same moment leave one owner', async () => {
    const t = await startApp({ ADMIN_USERNAME: 'owner', ADMIN_PASSWORD: OWNER_PASSWORD });
    try {
      await addAdmin(t, 'second', 'owner');
      const [first, second] = [await signIn(t, 'owner'), await signIn(t, 'second')];
      const ids = Object.fromEntries(
        (await t.query<{ id: number; username: string }>('SELECT id, username FROM admin_users')).map((r) => [
          r.username,
          Number(r.id),
        ]),
      );
      const answers = await Promise.all([
        first.request(`/admin/api/users/${ids.second}`, { method: 'PATCH', body: { role: 'viewer' } }),
        second.request(`/admin/api/users/${ids.owner}`, { method: 'PATCH', body: { role: 'viewer' } }),
      ]);
      const owners = await t.query("SELECT id FROM admin_users WHERE role = 'owner' AND disabled = :no", { no: false });
      expect(owners).toHaveLength(1);
      // One demotion went through; the other was refused (the last owner, or no longer an owner to ask).
      expect(answers.map((r) => r.status).filter((status) => status === 200)).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});
