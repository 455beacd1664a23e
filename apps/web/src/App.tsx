import { AppShell, Badge, Burger, Button, Center, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ComponentType, lazy, type ReactNode, Suspense, useEffect } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { PageLoadBoundary } from './components/PageLoadBoundary.tsx';
import { QueryError } from './components/QueryError.tsx';
import { CONTENT_ID, SkipLink } from './components/SkipLink.tsx';
import { SubmissionsPage } from './contributor/SubmissionsPage.tsx';
import { useFocusOnNavigation } from './hooks/use-focus-on-navigation.ts';
import { getAuthClient } from './lib/auth-client.ts';
import { type RouterOutputs, useTRPC } from './lib/trpc.ts';
import { NotificationsPage } from './notifications/NotificationsPage.tsx';
import { useUnreadNotifications } from './notifications/unread.ts';
import { HealthPage } from './pages/HealthPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';

/** A page in its own chunk, fetched when first shown, or earlier by `preload`. */
function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>) {
  return Object.assign(
    lazy(async () => ({ default: await load() })),
    { preload: load },
  );
}

// The first load carries the shell and the first pages (sign-in, My submissions, notifications); every
// other page is a chunk of its own: the contributor's wizard (with the dropzone), submission, requests
// and earnings pages, and the reviewer's and operator's screens (recharts). See README "Bundle".
const NewSubmissionPage = lazyPage(() =>
  import('./contributor/NewSubmissionPage.tsx').then((m) => m.NewSubmissionPage),
);
const RequestsPage = lazyPage(() => import('./contributor/RequestsPage.tsx').then((m) => m.RequestsPage));
const EarningsPage = lazyPage(() => import('./contributor/EarningsPage.tsx').then((m) => m.EarningsPage));
const SubmissionPage = lazyPage(() =>
  import('./contributor/SubmissionPage.tsx').then((m) => m.SubmissionPage),
);
const WizardPage = lazyPage(() => import('./contributor/WizardPage.tsx').then((m) => m.WizardPage));
// The invitation form validates with `@assay/schema`, and so carries zod.
const InvitePage = lazyPage(() => import('./pages/InvitePage.tsx').then((m) => m.InvitePage));
const ReviewerRoutes = lazyPage(() => import('./reviewer/ReviewerRoutes.tsx').then((m) => m.default));
const OperatorRoutes = lazyPage(() => import('./operator/OperatorRoutes.tsx').then((m) => m.default));

/** The lazy page a path opens on, so a deep link or a reload fetches it alongside the session, not after. */
const PAGE_BY_PATH: [RegExp, { preload: () => Promise<unknown> }][] = [
  [/^\/new\/?$/, NewSubmissionPage],
  [/^\/requests\/?$/, RequestsPage],
  [/^\/earnings\/?$/, EarningsPage],
  [/^\/submissions\/[^/]+\/?$/, SubmissionPage],
  [/^\/submissions\/[^/]+\/edit\/?$/, WizardPage],
  [/^\/review(\/|$)/, ReviewerRoutes],
  [/^\/operator(\/|$)/, OperatorRoutes],
  [/^\/invite\//, InvitePage],
];

type Me = NonNullable<RouterOutputs['account']['me']>;

const NAV: Record<Me['role'], { to: string; label: string }[]> = {
  contributor: [
    { to: '/', label: 'My submissions' },
    { to: '/new', label: 'New submission' },
    { to: '/requests', label: 'Open requests' },
    { to: '/earnings', label: 'Earnings' },
  ],
  reviewer: [
    { to: '/review', label: 'Review queue' },
    { to: '/review/accepted', label: 'Accepted data' },
    { to: '/review/requests', label: 'Data requests' },
  ],
  operator: [
    { to: '/operator', label: 'Dashboard' },
    { to: '/operator/organisations', label: 'Organisations' },
    { to: '/operator/users', label: 'Users' },
    { to: '/operator/activity', label: 'Activity' },
  ],
};

const HOME: Record<Me['role'], string> = { contributor: '/', reviewer: '/review', operator: '/operator' };

function Loading() {
  return (
    <Center p="xl">
      <Loader aria-label="Loading" />
    </Center>
  );
}

/** Where lazy pages show: the loader while a page's chunk loads, a notice when it cannot. */
function LazyPages({ children }: { children: ReactNode }) {
  const location = useLocation();
  return (
    <PageLoadBoundary resetKey={location.pathname}>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </PageLoadBoundary>
  );
}

function RoleRoutes({ me }: { me: Me }) {
  return (
    <LazyPages>
      <Routes>
        {me.role === 'contributor' && (
          <>
            <Route path="/" element={<SubmissionsPage />} />
            <Route path="/new" element={<NewSubmissionPage />} />
            <Route path="/requests" element={<RequestsPage />} />
            <Route path="/earnings" element={<EarningsPage />} />
            <Route path="/submissions/:submissionId" element={<SubmissionPage />} />
            <Route path="/submissions/:submissionId/edit" element={<WizardPage />} />
          </>
        )}
        {me.role === 'reviewer' && <Route path="/review/*" element={<ReviewerRoutes />} />}
        {me.role === 'operator' && <Route path="/operator/*" element={<OperatorRoutes />} />}
        <Route path="/notifications" element={<NotificationsPage role={me.role} />} />
        <Route path="/status" element={<HealthPage />} />
        <Route path="/invite/:token" element={<InvitePage signedInAs={me} />} />
        <Route path="*" element={<Navigate to={HOME[me.role]} replace />} />
      </Routes>
    </LazyPages>
  );
}

export function App() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.account.me.queryOptions());
  const [opened, { toggle, close }] = useDisclosure();
  // The phone's navigation drawer closes with Escape, as a dialog does.
  useHotkeys([['Escape', close]]);
  const location = useLocation();
  useFocusOnNavigation(location.pathname);
  const isOrganisationAdmin = me.data?.organisations.some((o) => o.role === 'admin') ?? false;
  const unread = useUnreadNotifications(me.data != null);
  // Once, for the page the app opened on (a later navigation keeps the page it leaves on screen until the
  // next one has loaded: react-router navigates in a transition).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path the app opened on only
  useEffect(() => {
    void PAGE_BY_PATH.find(([path]) => path.test(location.pathname))?.[1].preload();
  }, []);
  const links = me.data
    ? [...NAV[me.data.role], ...(isOrganisationAdmin ? [{ to: '/review/members', label: 'Members' }] : [])]
    : [];

  async function signOut() {
    await (await getAuthClient()).signOut();
    // A fresh page, not a cleared cache: clearing left the signed-in screen up (nothing refetched who is
    // signed in), and nothing of the last account should stay in memory. It opens on "Sign in".
    queryClient.clear();
    window.location.assign('/?sign-in');
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened, desktop: !me.data } }}
      padding="md"
    >
      <AppShell.Header>
        <SkipLink />
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            {me.data && (
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label="Toggle navigation"
              />
            )}
            <Title order={3}>Assay</Title>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" c="dimmed" data-testid="whoami" visibleFrom="xs" truncate>
              {me.data ? `${me.data.email} · ${me.data.role}` : 'Not signed in'}
            </Text>
            {me.data && (
              <Button size="xs" variant="subtle" onClick={signOut}>
                Sign out
              </Button>
            )}
          </Group>
        </Group>
      </AppShell.Header>
      {me.data && (
        <AppShell.Navbar p="xs" aria-label="Main">
          {/* On a phone the header has no room for who is signed in: the drawer says it. */}
          <Text size="sm" c="dimmed" hiddenFrom="xs" px="sm" pb="xs" data-testid="whoami-drawer">
            Signed in as {me.data.email} · {me.data.role}
          </Text>
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
          <NavLink
            component={Link}
            to="/notifications"
            label="Notifications"
            active={location.pathname === '/notifications'}
            onClick={close}
            rightSection={
              unread > 0 && (
                <Badge size="sm" circle={unread < 10} aria-label={`${unread} unread`} data-testid="unread">
                  {unread > 99 ? '99+' : unread}
                </Badge>
              )
            }
          />
          <NavLink
            component={Link}
            to="/status"
            label="Server status"
            active={location.pathname === '/status'}
            onClick={close}
          />
        </AppShell.Navbar>
      )}
      {/* Focused by the skip link; a container, so no focus ring of its own. */}
      <AppShell.Main id={CONTENT_ID} tabIndex={-1} style={{ outline: 'none' }}>
        {me.isPending && <Loading />}
        {/* A failed background refetch of the session keeps the page mounted (and a draft's unsaved state). */}
        {me.error && !me.data && <QueryError error={me.error} onRetry={() => void me.refetch()} />}
        {me.data !== undefined &&
          (me.data ? (
            <RoleRoutes me={me.data} />
          ) : (
            <LazyPages>
              <Routes>
                <Route path="/invite/:token" element={<InvitePage />} />
                <Route path="/status" element={<HealthPage />} />
                <Route path="*" element={<SignInPage />} />
              </Routes>
            </LazyPages>
          ))}
      </AppShell.Main>
    </AppShell>
  );
}
