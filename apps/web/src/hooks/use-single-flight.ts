import { useRef } from 'react';

/**
 * A mutation's `mutate` that does nothing while a call it started is still in flight, so a double click
 * on a button that creates something creates one. The button's `loading` (from `isPending`) is not
 * enough: TanStack Query tells React of the pending state on a later tick, and the second click of a
 * double click lands before it. Errors stay on the mutation (`mutation.error`), as with `mutate`.
 */
export function useSingleFlight<TVariables>(mutation: {
  mutateAsync: (variables: TVariables) => Promise<unknown>;
}): (variables: TVariables) => void {
  const inFlight = useRef(false);
  return (variables) => {
    if (inFlight.current) return;
    inFlight.current = true;
    mutation
      .mutateAsync(variables)
      .catch(() => undefined)
      .finally(() => {
        inFlight.current = false;
      });
  };
}
