import '@mantine/core/styles.css';
import '@mantine/dropzone/styles.css';
import type { ClientEvent } from '@assay/schema';
import { createTheme, MantineProvider, Select, Title } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { createQueryClient } from './lib/query-client.ts';
import { TelemetryProvider } from './lib/telemetry-context.tsx';
import { createApiClient, TRPCProvider } from './lib/trpc.ts';

const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'md',
  components: {
    // A heading holds what people typed (a dataset's title may be one long word): it breaks anywhere
    // rather than push a phone's page sideways.
    Title: Title.extend({ styles: { root: { overflowWrap: 'anywhere' } } }),
    // Picking the option already chosen keeps it: by default it emptied the field, and a second pass over
    // a filled datasheet silently cleared its licence, source and consent basis. Optional fields clear
    // with their own ✕ (`clearable`).
    Select: Select.extend({ defaultProps: { allowDeselect: false } }),
  },
});

function Root() {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() => createApiClient());
  const sendEvents = useCallback(
    (events: ClientEvent[]) => trpcClient.event.record.mutate({ events }),
    [trpcClient],
  );
  return (
    <MantineProvider theme={theme}>
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
