import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../lib/trpc.ts';

/** The navigation's query: one notification is enough to learn how many are unread. */
export const UNREAD_QUERY_INPUT = { limit: 1 };

/** How often the count is asked for while the app is open (and whenever the window regains focus). */
const POLL_MS = 30_000;

/** How many of the signed-in person's notifications are unread; 0 until known, or when signed out. */
export function useUnreadNotifications(isSignedIn: boolean): number {
  const trpc = useTRPC();
  const unread = useQuery({
    ...trpc.notification.list.queryOptions(UNREAD_QUERY_INPUT),
    enabled: isSignedIn,
    refetchInterval: POLL_MS,
  });
  return unread.data?.unread ?? 0;
}
