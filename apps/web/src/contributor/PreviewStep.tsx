import { labelToKeep } from '@assay/quality';
import { type DraftManifest, isClassificationTask, type LabelClass } from '@assay/schema';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { UnreadableRowCell } from '../components/UnreadableRowCell.tsx';
import {
  classesAsMultilabel,
  classesForValues,
  countLabels,
  isMostlyMultilabel,
  labelsByCount,
  labelsOfCell,
  labelVariantGroups,
  proposedTarget,
  visibleLabel,
  withClassesAdded,
} from '../lib/label-classes.ts';
import { COLUMN_TYPE_LABELS, optionsOf, TASK_LABELS } from '../lib/option-labels.ts';
import { fieldId } from '../lib/paths.ts';
import type { SamplePreview } from '../workers/prescore-protocol.ts';
import { RequestedClasses } from './RequestedClasses.tsx';

/**
 * The first rows of the file, the declared type of each column, the task, and the label column with
 * its classes and how often each occurs (for a multilabel task, each label of a `cat|dog` cell). Rows are numbered as findings number them (1 = first data row).
 * `knownClasses` gives the definitions typed earlier, by class name, for classes that come back.
 * `isLoading`: the draft has a file whose rows are not in yet (the server's copy, after a reload);
 * `unusable`: why the file cannot be scored (binary, empty, no data rows), shown instead of its rows.
 * `fullLabelCounts`: the labels of the whole file (the pre-score's), once counted for this label column
 * and task; `isCounting`: they are being counted. Only the whole file proves a declared class absent.
 * A regression names its target column in `label.column`, without classes.
 * `requestedClasses`: the data request's label set (none when it names none or there is no request).
 */
export function PreviewStep({
  preview,
  isLoading,
  unusable,
  manifest,
  onChange,
  knownClasses,
  highlight,
  fullLabelCounts,
  isCounting = false,
  errors,
  requestedClasses = [],
}: {
  preview: SamplePreview | null;
  isLoading: boolean;
  unusable: string | null;
  manifest: DraftManifest;
  onChange: (path: string, value: unknown) => void;
  knownClasses: () => readonly LabelClass[];
  highlight: { row?: number | null; column?: string | null } | null;
  fullLabelCounts: Record<string, number> | null;
  isCounting?: boolean;
  errors: Record<string, string | undefined>;
  requestedClasses?: readonly string[];
}) {
  if (!preview)
    return isLoading ? (
      <Group gap="xs" data-testid="preview-loading">
        <Loader size="sm" />
        <Text c="dimmed">Loading the file's first rows…</Text>
      </Group>
    ) : (
      <Text c="dimmed">Add a file to see its first rows.</Text>
    );
  if (unusable)
    return (
      <Alert color="red" title="This file cannot be scored" role="alert" data-testid="preview-unusable">
        {unusable} Go back to the File step to choose another.
      </Alert>
    );
  const columns = manifest.columns ?? [];
  const labelColumn = manifest.label?.column ?? null;
  const unreadableAt = new Map((preview.unreadable ?? []).map((row) => [row.index, row]));
  const sampleCounts = labelColumn ? countLabels(preview.rows, labelColumn, manifest.task) : [];
  const counts = fullLabelCounts
    ? labelsByCount(fullLabelCounts).map((value) => ({ value, count: fullLabelCounts[value] ?? 0 }))
    : sampleCounts;
  const variantGroups = labelVariantGroups(counts.map(({ value }) => value));
  const isClassification = isClassificationTask(manifest.task);
  const isRegression = manifest.task === 'regression';
  const declared = manifest.label?.classes ?? [];
  const undeclared = counts
    .map(({ value }) => value)
    .filter((value) => !declared.some((labelClass) => labelClass.name === value));
  // Declared classes no row has: known only from the whole file (a sample's first rows prove nothing).
  const absent = fullLabelCounts
    ? declared.filter((labelClass) => !Object.hasOwn(fullLabelCounts, labelClass.name))
    : [];
  // A cell holding several labels, shown when most do and the task reads them as one (see isMostlyMultilabel).
  const multilabelExample =
    manifest.task === 'classification' && labelColumn && isMostlyMultilabel(preview.rows, labelColumn)
      ? preview.rows
          .map((row) => row[labelColumn] ?? '')
          .find((cell) => labelsOfCell(cell, 'multilabel-classification').length > 1)
      : undefined;

  function changeTask(value: string | null) {
    onChange('task', value);
    if (value === 'regression') {
      // A regression's label column is its target: a number per row, no classes.
      const target = proposedTarget(manifest.columns, labelColumn);
      onChange('label', target ? { column: target, classes: [] } : null);
      return;
    }
    if (value !== 'classification' && value !== 'multilabel-classification') return;
    // Classes drawn from whole cells (`cat|dog`, as the file was first read) become the labels in them; a
    // former target column gets its classes proposed as a picked label column does.
    const classes =
      declared.length === 0 && labelColumn
        ? classesForValues(
            countLabels(preview?.rows ?? [], labelColumn, value).map(({ value: name }) => name),
            knownClasses(),
          )
        : value === 'multilabel-classification'
          ? classesAsMultilabel(declared, knownClasses())
          : declared;
    if (classes !== declared) onChange('label.classes', classes);
  }

  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          id={fieldId('task')}
          label="Task"
          description="What a model trained on this data does"
          data={optionsOf(TASK_LABELS)}
          value={manifest.task ?? null}
          onChange={changeTask}
          error={errors.task}
        />
        {isClassification && (
          <Select
            id={fieldId('label.column')}
            label="Label column"
            description="The column holding the answer a model should learn"
            data={preview.header}
            value={labelColumn}
            onChange={(value) => {
              // The classes follow the new column's values; definitions of classes it shares stay.
              const classes = value
                ? classesForValues(
                    countLabels(preview.rows, value, manifest.task).map(({ value: name }) => name),
                    [...declared, ...knownClasses()],
                  )
                : [];
              onChange('label', value ? { column: value, classes } : null);
            }}
            error={errors['label.column'] ?? errors.label}
          />
        )}
        {isRegression && (
          <Select
            id={fieldId('label.column')}
            label="Target column"
            description="The column holding the number a model should predict"
            data={preview.header}
            value={labelColumn}
            onChange={(value) => onChange('label', value ? { column: value, classes: [] } : null)}
            error={errors['label.column'] ?? errors.label}
          />
        )}
      </SimpleGrid>

      {multilabelExample && (
        <Alert color="blue" variant="light" data-testid="multilabel-suggestion">
          <Group justify="space-between">
            <Text size="sm">
              Most labels of “{labelColumn}” hold several (e.g. “{multilabelExample}”): as a single-label
              classification each combination is a class of its own.
            </Text>
            <Button size="xs" variant="white" onClick={() => changeTask('multilabel-classification')}>
              Make it multilabel
            </Button>
          </Group>
        </Alert>
      )}

      {isClassification && labelColumn && (
        <Stack gap="xs" data-testid="label-classes">
          {/* Focused by a finding's "Go to “Label classes”" when there is nothing to declare or remove. */}
          <Text fw={600} id="label-classes" tabIndex={-1}>
            Classes of “{labelColumn}”{' '}
            {fullLabelCounts
              ? '(whole file)'
              : `(first ${preview.rows.length} rows${isCounting ? '; counting the whole file…' : ''})`}
          </Text>
          {requestedClasses.length > 0 && (
            <RequestedClasses
              labelSet={requestedClasses}
              declared={declared.map((labelClass) => labelClass.name)}
            />
          )}
          <Group gap="xs">
            {counts.map(({ value, count }) => (
              <Badge key={value} variant="light" size="lg" tt="none">
                {visibleLabel(value)}: {count}
              </Badge>
            ))}
          </Group>
          {variantGroups.map((group) => (
            <Alert key={group.join('\n')} color="orange" variant="light" data-testid="label-variants">
              <Text size="sm">
                {group.map((label) => `“${label}”`).join(', ')} differ only in case or spaces: one class
                written {group.length} ways. Write them all as “{labelToKeep(group)}” in the file, then drop
                the file again.
              </Text>
            </Alert>
          ))}
          {undeclared.length > 0 && (
            <Alert color="orange" variant="light" data-testid="undeclared-classes">
              <Group justify="space-between">
                <Text size="sm">
                  Some values in the file are not among the declared classes (
                  {undeclared.map((value) => `“${value}”`).join(', ')}); they will be reported as findings.
                </Text>
                <Button
                  id="label-classes-declare"
                  size="xs"
                  variant="white"
                  onClick={() =>
                    onChange('label.classes', withClassesAdded(declared, undeclared, knownClasses()))
                  }
                >
                  Declare them as classes
                </Button>
              </Group>
            </Alert>
          )}
          {absent.length > 0 && (
            <Alert color="orange" variant="light" data-testid="absent-classes">
              <Group justify="space-between">
                <Text size="sm">
                  No row of the file has {absent.length === 1 ? 'the declared class' : 'the declared classes'}{' '}
                  {absent.map((labelClass) => `“${labelClass.name}”`).join(', ')}; add rows of{' '}
                  {absent.length === 1 ? 'it' : 'them'} to the file, or remove{' '}
                  {absent.length === 1 ? 'it' : 'them'}.
                </Text>
                <Button
                  id="label-classes-remove-absent"
                  size="xs"
                  variant="white"
                  onClick={() =>
                    onChange(
                      'label.classes',
                      declared.filter((labelClass) => !absent.includes(labelClass)),
                    )
                  }
                >
                  {absent.length === 1 ? 'Remove it' : 'Remove them'}
                </Button>
              </Group>
            </Alert>
          )}
        </Stack>
      )}

      <Title order={4}>Columns</Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
        {columns.map((column, index) => (
          <Select
            // biome-ignore lint/suspicious/noArrayIndexKey: a draft's column names may repeat or be empty
            key={index}
            id={fieldId(`columns.${index}.type`)}
            label={`Type of “${column.name}”`}
            data={optionsOf(COLUMN_TYPE_LABELS)}
            value={column.type ?? null}
            onChange={(value) => onChange(`columns.${index}.type`, value)}
            error={errors[`columns.${index}.type`]}
          />
        ))}
      </SimpleGrid>

      <Title order={4}>First rows ({preview.format.toUpperCase()})</Title>
      {preview.delimiter === ';' && (
        <Text size="sm" c="dimmed" data-testid="delimiter-note">
          Its values are separated by semicolons (;), as Excel writes CSV where the comma is the decimal
          separator, and are read that way: 3,5 is a number here.
        </Text>
      )}
      <ScrollArea type="auto">
        <Table striped withTableBorder data-testid="preview" style={{ fontSize: 13 }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              {preview.header.map((name) => (
                <Table.Th
                  key={name}
                  // Focused (by script only) by a finding's link to the column.
                  id={`preview-column-${name}`}
                  tabIndex={-1}
                  bg={highlight?.column === name ? 'yellow.1' : undefined}
                >
                  {name}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.rows.map((row, index) => {
              const number = index + 1;
              const isHighlighted = highlight?.row === number;
              return (
                <Table.Tr
                  key={number}
                  id={`preview-row-${number}`}
                  bg={isHighlighted ? 'yellow.1' : undefined}
                  aria-current={isHighlighted || undefined}
                  tabIndex={isHighlighted ? -1 : undefined}
                >
                  <Table.Td c="dimmed">{number}</Table.Td>
                  {unreadableAt.has(index) ? (
                    <UnreadableRowCell row={unreadableAt.get(index)!} columns={preview.header.length} />
                  ) : (
                    preview.header.map((name) => (
                      <Table.Td
                        key={name}
                        style={{
                          maxWidth: 320,
                          overflow: 'hidden',
                          textOverflow: 'ellipsis',
                          whiteSpace: 'nowrap',
                        }}
                      >
                        {row[name] ?? ''}
                      </Table.Td>
                    ))
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {highlight?.row && highlight.row > preview.rows.length && (
        // Focused by a finding's "Go to row" (tabIndex −1: focusable by script only), so it is read out.
        <Text size="sm" id="preview-row-beyond" tabIndex={-1} data-testid="preview-row-beyond">
          Row {highlight.row} is beyond the first {preview.rows.length} rows shown; open the file to fix it
          there.
        </Text>
      )}
    </Stack>
  );
}
