import { labelSetDifference } from '@assay/quality';
import { Alert, Text } from '@mantine/core';

const quoted = (names: readonly string[]) => names.map((name) => `“${name}”`).join(', ');

/**
 * The classes the data request asks for, beside the file's: a contributor learned of a mismatch only at
 * the Pre-score (`structure.label-set-mismatch`, an error), after writing every class's definition.
 */
export function RequestedClasses({
  labelSet,
  declared,
}: {
  labelSet: readonly string[];
  declared: readonly string[];
}) {
  const { missing, extra } = labelSetDifference(labelSet, declared);
  const asked = `The request asks for the classes ${quoted(labelSet)}.`;
  if (missing.length === 0 && extra.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="requested-classes">
        {asked} The declared classes match them.
      </Text>
    );
  }
  return (
    <Alert color="orange" variant="light" data-testid="requested-classes">
      <Text size="sm">
        {asked}
        {missing.length > 0 && ` Not declared: ${quoted(missing)}.`}
        {extra.length > 0 && ` Not asked for: ${quoted(extra)}.`} A file labeled with other classes is scored
        down: label its rows with exactly these, then drop it again.
      </Text>
    </Alert>
  );
}
