import '@mantine/core/styles.css';
import '@mantine/dropzone/styles.css';
import './focus.css';
import type { ClientEvent } from '@assay/schema';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { createQueryClient } from './lib/query-client.ts';
import { TelemetryProvider } from './lib/telemetry-context.tsx';
import { createApiClient, TRPCProvider } from './lib/trpc.ts';
import { cssVariablesResolver, theme } from './theme.ts';

function Root() {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() => createApiClient());
  const sendEvents = useCallback(
    (events: ClientEvent[]) => trpcClient.event.record.mutate({ events }),
    [trpcClient],
  );
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <TelemetryProvider send={sendEvents}>
            <BrowserRouter>
              <App />
            </BrowserRouter>
          </TelemetryProvider>
        </TRPCProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
