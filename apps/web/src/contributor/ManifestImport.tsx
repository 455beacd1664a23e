import type { DraftManifest } from '@assay/schema';
import { Alert, Button, FileButton, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { mergeImported } from '../lib/manifest-import.ts';
import { loadLicenses } from './LicensePicker.tsx';

/** A datasheet is a few kilobytes; anything this big is not one, and is not parsed. */
const MAX_BYTES = 5 * 1024 * 1024;

interface Outcome {
  isError: boolean;
  title: string;
  notes: string[];
}

/**
 * Fills the datasheet from a file the contributor already has: a Croissant JSON-LD file (as dataset
 * hubs publish, and as Assay exports accepted data) or an `assay.json`, laid over the draft `manifest`
 * ({@link mergeImported}); `onImport` gets the result.
 */
export function ManifestImport({
  manifest,
  onImport,
}: {
  manifest: DraftManifest;
  onImport: (manifest: DraftManifest) => void;
}) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [isReading, setIsReading] = useState(false);

  async function read(file: File | null) {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setOutcome({
        isError: true,
        title: `Could not import ${file.name}`,
        notes: ['The file is larger than 5 MB: a Croissant file or assay.json is much smaller'],
      });
      return;
    }
    setIsReading(true);
    try {
      // The readers load on first use, like the licence list: most drafts never import.
      const [licenses, { readManifestFile, mergeImported }] = await Promise.all([
        loadLicenses(),
        import('../lib/manifest-import.ts'),
      ]);
      const ids = new Map(licenses.map((license) => [license.id.toLowerCase(), license.id]));
      const content = await file.text();
      const result = readManifestFile(content, (text) => ids.get(text.trim().toLowerCase()) ?? null);
      if (result.kind === 'error') {
        setOutcome({ isError: true, title: `Could not import ${file.name}`, notes: [result.message] });
      } else {
        const merged = mergeImported(manifest, result.manifest);
        const notes = [...result.notes, ...merged.notes];
        // A file none of whose fields the datasheet has (a Dataset without Croissant's "@context", say)
        // changes nothing: said so, not "filled".
        if (JSON.stringify(merged.manifest) === JSON.stringify(manifest)) {
          setOutcome({
            isError: true,
            title: `Nothing in ${file.name} filled a field`,
            notes: [
              ...notes,
              /"@type"\s*:/.test(content)
                ? 'It names a "@type" but is no Croissant file Assay can read: a Croissant file has an "@context" and "conformsTo" http://mlcommons.org/croissant/…'
                : 'It has none of the fields of an assay.json (title, description, columns, label, context, provenance) with a value the draft does not have already.',
            ],
          });
          return;
        }
        onImport(merged.manifest);
        setOutcome({
          isError: false,
          title: `Filled from ${file.name} (${result.kind === 'croissant' ? 'Croissant' : 'assay.json'}): check each field before you submit`,
          notes,
        });
      }
    } catch (error) {
      setOutcome({ isError: true, title: `Could not read ${file.name}`, notes: [String(error)] });
    } finally {
      setIsReading(false);
    }
  }

  return (
    <Stack gap="xs">
      <Group gap="sm">
        <FileButton
          onChange={(file) => void read(file)}
          accept="application/json,application/ld+json,.json,.jsonld"
        >
          {(props) => (
            <Button variant="default" loading={isReading} {...props}>
              Fill from a Croissant file or assay.json
            </Button>
          )}
        </FileButton>
        <Text size="sm" c="dimmed">
          Already described this dataset elsewhere? Start from that description.
        </Text>
      </Group>
      {outcome && (
        <Alert
          color={outcome.isError ? 'red' : 'blue'}
          title={outcome.title}
          role={outcome.isError ? 'alert' : 'status'}
          withCloseButton
          onClose={() => setOutcome(null)}
          data-testid="manifest-import-result"
        >
          {outcome.notes.length > 0 && (
            <List size="sm">
              {outcome.notes.map((note) => (
                <List.Item key={note}>{note}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      )}
    </Stack>
  );
}
