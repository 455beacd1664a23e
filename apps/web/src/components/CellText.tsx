import { Text } from '@mantine/core';

/**
 * Text of any length in a table cell: wrapped, within a word if it must, and cut to `lines` lines, with the
 * whole of it on hover (`title`). One long name (an account's, an organisation's) would otherwise widen its
 * column until the table's actions left the screen. `break-word` rather than `anywhere`: a short e-mail
 * keeps its column wide enough to read it whole.
 */
export function CellText({
  children,
  maw = 180,
  lines = 2,
}: {
  children: string;
  maw?: number;
  lines?: number;
}) {
  return (
    <Text size="sm" maw={maw} lineClamp={lines} title={children} style={{ overflowWrap: 'break-word' }}>
      {children}
    </Text>
  );
}

/**
 * A button's words cut to one line with an ellipsis (the button keeps them whole as its accessible name):
 * for a confirmation that names the account, "Suspend <name>", however long the name.
 */
export function ClippedLabel({ children }: { children: string }) {
  return (
    <span title={children} style={{ overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0 }}>
      {children}
    </span>
  );
}
