import { AppShell, Burger, Button, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavLink as RouterLink, Outlet, useNavigate } from 'react-router';
import { notifyError } from '../components/notify';
import { useLogout } from '../features/auth/api/logout';
import { useSession } from '../lib/session';

const LINKS = [
  { to: '/', label: 'Dashboard', end: true },
  { to: '/submissions', label: 'Submissions' },
  { to: '/subscribers', label: 'Subscribers' },
  { to: '/newsletters', label: 'Newsletters' },
  { to: '/templates', label: 'Templates' },
  { to: '/settings', label: 'Settings' },
  { to: '/failed-mails', label: 'Failed mails' },
  { to: '/audit', label: 'Audit log', roles: ['owner', 'admin'] },
  { to: '/users', label: 'Admins', roles: ['owner'] },
] as const;

export function Layout() {
  const [opened, { toggle, close }] = useDisclosure();
  const { user } = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const signOut = () =>
    logout.mutate(undefined, {
      onSuccess: () => void navigate('/login', { replace: true }),
      onError: (error) => notifyError(error, 'Could not sign out'),
    });

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Text fw={700}>Mailroom</Text>
          </Group>
          <Group gap="xs">
            <Button component={RouterLink} to="/account" variant="subtle" size="compact-sm">
              {user.display_name ?? user.username}
            </Button>
            <Button variant="default" size="compact-sm" onClick={signOut} loading={logout.isPending}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        <Stack gap={2}>
          {LINKS.filter((link) => !('roles' in link) || (link.roles as readonly string[]).includes(user.role)).map(
            (link) => (
              <NavLink
                key={link.to}
                component={RouterLink}
                to={link.to}
                end={'end' in link ? link.end : undefined}
                label={link.label}
                onClick={close}
              />
            ),
          )}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
