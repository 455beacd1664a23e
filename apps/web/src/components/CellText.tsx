import { Text } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';

/**
 * Text of any length in a table cell: wrapped, within a word if it must, and cut to `lines` lines, with the
 * whole of it on hover (`title`). One long name (an account's, an organisation's) would otherwise widen its
 * column until the table's actions left the screen. `break-word` rather than `anywhere`: a short e-mail
 * keeps its column wide enough to read it whole. An e-mail address (`isEmail`) wraps after its "@" or
 * before a dot, as addresses are broken in print; only a part longer than the cell is cut within itself.
 */
export function CellText({
  children,
  maw = 180,
  lines = 2,
  isEmail = false,
}: {
  children: string;
  maw?: number;
  lines?: number;
  isEmail?: boolean;
}) {
  return (
    <Text size="sm" maw={maw} lineClamp={lines} title={children} style={{ overflowWrap: 'break-word' }}>
      {isEmail ? withEmailBreaks(children) : children}
    </Text>
  );
}

/**
 * An e-mail address with a line-break opportunity (`<wbr>`) after its "@" and before each dot: browsers
 * find none in an address, and broke it wherever the line ran out ("simulated.exa" / "mple").
 */
export function withEmailBreaks(address: string): ReactNode {
  const parts = address.split(/(?<=@)|(?=\.)/);
  return parts.map((part, index) => (
    // The parts of one address, in order, never reordered: the index is their identity.
    // biome-ignore lint/suspicious/noArrayIndexKey: see above
    <Fragment key={index}>
      {index > 0 && <wbr />}
      {part}
    </Fragment>
  ));
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
