import type { Manifest } from '@assay/schema';

/** A small, well-documented CSV and its manifest: scores high. */
export const GOOD_CSV = [
  'text,urgency,created',
  ...Array.from({ length: 60 }, (_, i) =>
    [
      `"Ticket ${i}: the ${i % 2 ? 'server is down' : 'invoice question'} for customer ${i * 7}"`,
      i % 2 ? 'high' : 'low',
      `2025-03-${String((i % 28) + 1).padStart(2, '0')}`,
    ].join(','),
  ),
].join('\n');

export const GOOD_MANIFEST: Manifest = {
  title: 'Customer support tickets, labeled by urgency',
  description:
    'Support tickets from a small hosting company, one ticket per row, labeled high or low urgency by the agent who closed it.',
  task: 'classification',
  columns: [
    { name: 'text', type: 'string', description: 'Ticket body as written by the customer' },
    { name: 'urgency', type: 'category', description: 'Urgency judged by the agent' },
    { name: 'created', type: 'date', description: 'Day the ticket was opened' },
  ],
  label: {
    column: 'urgency',
    classes: [
      { name: 'high', definition: 'Service is down for the customer' },
      { name: 'low', definition: 'Question or request that can wait a day' },
    ],
  },
  context: {
    collectionMethod: 'Exported from our helpdesk, March–May 2025',
    timeframe: { start: '2025-03-01', end: '2025-05-31' },
    population: 'Customers of a small hosting company',
    geography: 'EU',
    intendedUse: 'Training a ticket triage classifier',
    limitations: 'English only; one company',
    annotationProtocol: 'One agent per ticket, labeled at close time',
    language: 'en',
  },
  provenance: {
    sourceType: 'self-collected',
    sourceUrl: null,
    license: 'CC-BY-4.0',
    consentBasis: 'contract',
    containsPersonalData: false,
    attestation: {
      signedBy: 'Jane Doe',
      signedAt: '2025-06-01T10:00:00Z',
      statement: 'I have the right to contribute this data under this licence.',
    },
  },
};

/**
 * 40 tickets for GOOD_MANIFEST whose findings cite rows: rows 5, 12 and 30 have no date ("soon"), row 20 an
 * e-mail address (personal data the manifest does not declare).
 */
export const UNDATED_CSV = [
  'text,urgency,created',
  ...Array.from({ length: 40 }, (_, i) => {
    const row = i + 1;
    const created = row === 5 || row === 12 || row === 30 ? 'soon' : '2025-03-02';
    const text = row === 20 ? 'Write to jane.doe@example.com about it' : `Ticket ${row} about the invoice`;
    return `"${text}",${row % 2 ? 'low' : 'high'},${created}`;
  }),
  '',
].join('\n');
