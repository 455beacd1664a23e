import { AppShell, Burger, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link, Route, Routes, useLocation } from 'react-router';
import { useTRPC } from './lib/trpc.ts';
import { HealthPage } from './pages/HealthPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { SubmissionsPage } from './pages/SubmissionsPage.tsx';

export function App() {
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const links = [
    { to: '/', label: 'My submissions' },
    { to: '/status', label: 'Server status' },
  ];
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Title order={3}>Assay</Title>
          </Group>
          <Text size="sm" c="dimmed" data-testid="whoami">
            {me.data ? `${me.data.email} · ${me.data.role}` : 'Not signed in'}
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {links.map((link) => (
          <NavLink
            key={link.to}
            component={Link}
            to={link.to}
            label={link.label}
            active={location.pathname === link.to}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Routes>
          <Route path="/" element={me.data ? <SubmissionsPage /> : <SignInPage />} />
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/status" element={<HealthPage />} />
        </Routes>
      </AppShell.Main>
    </AppShell>
  );
}
