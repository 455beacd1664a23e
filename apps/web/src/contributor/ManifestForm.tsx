import { timeframeProblems } from '@assay/quality';
import { type DraftManifest, MAX_TITLE_LENGTH } from '@assay/schema';
import {
  Box,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { FIELD_LABELS, fieldLabel } from '../lib/field-labels.ts';
import { CONSENT_BASIS_LABELS, optionsOf, SOURCE_TYPE_LABELS } from '../lib/option-labels.ts';
import { fieldId, getIn } from '../lib/paths.ts';
import { LicensePicker } from './LicensePicker.tsx';

export const ATTESTATION_STATEMENT = 'I have the right to contribute this data under this licence.';

type Errors = Record<string, string | undefined>;

/** Inputs the browser stops at a length, as the server would refuse a longer value (`DraftManifestSchema`). */
const MAX_LENGTHS: Record<string, number | undefined> = { title: MAX_TITLE_LENGTH };

/**
 * What is wrong with the fields the contributor has left, by path: for now the timeframe, whose ends are
 * typed as text (a date written 03/01/2025, a start after the end). Worded as the Pre-score's finding.
 */
function fieldChecksOf(manifest: DraftManifest, left: ReadonlySet<string>): Errors {
  const timeframe = manifest.context?.timeframe;
  if (!timeframe?.start && !timeframe?.end) return {}; // missing altogether: the Pre-score says so
  const isTimeframeLeft = left.has('context.timeframe.start') || left.has('context.timeframe.end');
  const checks: Errors = {};
  for (const problem of timeframeProblems(timeframe)) {
    // A reversed period is said once either end is left: the start may never have been touched (imported).
    if (left.has(problem.field) || (problem.kind === 'reversed' && isTimeframeLeft))
      checks[problem.field] ??= problem.message;
  }
  return checks;
}

/** The datasheet (context) and provenance of a draft. Every input has a label and a stable id (`field-<path>`). */
export function ManifestForm({
  manifest,
  onChange,
  errors,
  signerName,
  acceptedLicenses = [],
}: {
  manifest: DraftManifest;
  onChange: (path: string, value: unknown) => void;
  errors: Errors;
  signerName: string;
  /** The data request's accepted licences (SPDX ids), listed first in the licence picker. */
  acceptedLicenses?: readonly string[];
}) {
  // Fields the contributor has left: what is wrong with them is said at once, not only at the Pre-score.
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const fieldChecks = fieldChecksOf(manifest, left);
  /** A text input for `path`, labelled as findings name it ({@link fieldLabel}). */
  const text = (path: string, description?: string, multiline = false) => {
    const props = {
      id: fieldId(path),
      label: fieldLabel(path, manifest),
      description,
      value: (getIn(manifest, path) as string | null | undefined) ?? '',
      error: errors[path] ?? fieldChecks[path],
      maxLength: MAX_LENGTHS[path],
      onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
        onChange(path, event.currentTarget.value === '' ? null : event.currentTarget.value),
      onBlur: () => setLeft((fields) => (fields.has(path) ? fields : new Set(fields).add(path))),
    };
    return multiline ? <Textarea {...props} autosize minRows={2} /> : <TextInput {...props} />;
  };
  const classes = manifest.label?.classes ?? [];
  const containsPersonalData = manifest.provenance?.containsPersonalData;
  const attestation = manifest.provenance?.attestation;
  const isAttested = Boolean(attestation?.signedBy && attestation.signedAt);

  return (
    <Stack>
      <Fieldset legend="About the dataset">
        <Stack>
          {text('title', `A short name a buyer will recognise (up to ${MAX_TITLE_LENGTH} characters)`)}
          {text('description', 'What the data is, why it was made, what one row is', true)}
        </Stack>
      </Fieldset>

      <Fieldset legend="Columns">
        <Stack>
          {(manifest.columns ?? []).length === 0 && (
            <Text c="dimmed">Add a file first: its columns appear here.</Text>
          )}
          {(manifest.columns ?? []).map((_column, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a draft's column names may repeat or be empty
            <SimpleGrid key={index} cols={{ base: 1, sm: 2 }}>
              {text(`columns.${index}.description`)}
              {text(`columns.${index}.unit`)}
            </SimpleGrid>
          ))}
        </Stack>
      </Fieldset>

      {/* A regression's label column is its target: it has no classes to define. */}
      {manifest.label?.column && manifest.task !== 'regression' && (
        <Fieldset legend={`Label classes of “${manifest.label.column}”`}>
          <Stack>
            {classes.map((labelClass, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a draft's class names may repeat or be empty
              <Group key={index} align="flex-end" wrap="nowrap">
                <Box flex={1}>
                  {text(`label.classes.${index}.definition`, 'When does a row get this label?')}
                </Box>
                {/* A declared class no row has is an error in the pre-score ("remove it from label.classes"). */}
                <Button
                  id={fieldId(`label.classes.${index}`)}
                  variant="subtle"
                  color="red"
                  aria-label={`Remove the class “${labelClass.name}”`}
                  onClick={() =>
                    onChange(
                      'label.classes',
                      classes.filter((_, other) => other !== index),
                    )
                  }
                >
                  Remove
                </Button>
              </Group>
            ))}
          </Stack>
        </Fieldset>
      )}

      <Fieldset legend="Datasheet">
        <Stack>
          {text('context.collectionMethod', 'e.g. Exported from our helpdesk, March–May 2025', true)}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {text('context.timeframe.start')}
            {text('context.timeframe.end')}
            {text('context.population')}
            {text('context.geography')}
            {text('context.language')}
          </SimpleGrid>
          {text('context.intendedUse', undefined, true)}
          {text('context.limitations', undefined, true)}
          {text('context.annotationProtocol', undefined, true)}
        </Stack>
      </Fieldset>

      <Fieldset legend="Provenance">
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              id={fieldId('provenance.sourceType')}
              label={FIELD_LABELS['provenance.sourceType']}
              data={optionsOf(SOURCE_TYPE_LABELS)}
              value={manifest.provenance?.sourceType ?? null}
              onChange={(value) => onChange('provenance.sourceType', value)}
              error={errors['provenance.sourceType']}
              clearable
            />
            {text('provenance.sourceUrl')}
            <LicensePicker
              id={fieldId('provenance.license')}
              acceptedFirst={acceptedLicenses}
              value={manifest.provenance?.license}
              onChange={(value) => onChange('provenance.license', value)}
              error={errors['provenance.license']}
            />
            <Select
              id={fieldId('provenance.consentBasis')}
              label={FIELD_LABELS['provenance.consentBasis']}
              description="Why the people in the data may be in it"
              data={optionsOf(CONSENT_BASIS_LABELS)}
              value={manifest.provenance?.consentBasis ?? null}
              onChange={(value) => onChange('provenance.consentBasis', value)}
              error={errors['provenance.consentBasis']}
              clearable
            />
          </SimpleGrid>
          {/* Unanswered until answered: a switch showed "off" while the manifest said nothing. */}
          <Radio.Group
            id={fieldId('provenance.containsPersonalData')}
            label={FIELD_LABELS['provenance.containsPersonalData']}
            value={containsPersonalData === true ? 'yes' : containsPersonalData === false ? 'no' : null}
            onChange={(value) => onChange('provenance.containsPersonalData', value === 'yes')}
            error={errors['provenance.containsPersonalData']}
          >
            <Group mt={4}>
              <Radio value="yes" label="Yes" />
              <Radio value="no" label="No" />
            </Group>
          </Radio.Group>
          <Checkbox
            id={fieldId('provenance.attestation')}
            label={`${ATTESTATION_STATEMENT} Signed: ${signerName}`}
            checked={isAttested}
            error={errors['provenance.attestation']}
            onChange={(event) =>
              onChange(
                'provenance.attestation',
                event.currentTarget.checked
                  ? {
                      signedBy: signerName,
                      signedAt: new Date().toISOString(),
                      statement: ATTESTATION_STATEMENT,
                    }
                  : null,
              )
            }
          />
        </Stack>
      </Fieldset>
    </Stack>
  );
}
