import {
  type CSSVariablesResolver,
  createTheme,
  DEFAULT_THEME,
  darken,
  Loader,
  luminance,
  type MantineColorsTuple,
  Title,
  toRgba,
} from '@mantine/core';

/** WCAG 2.1's minimum contrast for normal text (success criterion 1.4.3, level AA). */
export const MIN_CONTRAST = 4.5;
/** A little above it, so that no rounding in the browser lands a colour just under. */
const TARGET_CONTRAST = 4.6;

/** WCAG 2.1's contrast ratio: (L1 + 0.05) / (L2 + 0.05), L1 the relative luminance of the lighter colour. */
export function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

function toHex(color: string): string {
  const { r, g, b } = toRgba(color);
  return `#${[r, g, b].map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * `color` itself when it reaches the target contrast on every one of `backgrounds`, else the lightest
 * darkening of it (in steps of 2% towards black) that does: the same hue, only as dark as it must be.
 */
export function readableOn(color: string, backgrounds: string[]): string {
  for (let amount = 0; amount < 1; amount += 0.02) {
    const candidate = toHex(darken(color, amount));
    if (backgrounds.every((background) => contrastRatio(candidate, background) >= TARGET_CONTRAST)) {
      return candidate;
    }
  }
  return '#000000';
}

const WHITE = DEFAULT_THEME.white;
/** The lightest grey Mantine puts behind text: striped table rows, hovered rows, the default hover. */
const GRAY_0 = DEFAULT_THEME.colors.gray[0];

/**
 * Mantine's light scheme draws text in a colour's shade 6 (filled buttons and badges carry white text on
 * it; outline and `c="teal"` text sit on white) and its light variant in shade 9 on shade 1; `dimmed` is
 * gray 6. For teal, green, orange, yellow, lime and gray those fall below 4.5:1 (teal 6 under white text
 * is 2.55:1, gray 6 on a striped row 3.15:1). Each colour keeps its hue here, darkened only as far as it
 * must be to reach 4.5:1 where Mantine uses it.
 */
export function readableColorVariables(colors: Record<string, MantineColorsTuple>): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, shades] of Object.entries(colors)) {
    // White text on it, and it as text on white or on a grey row.
    const filled = readableOn(shades[6], [WHITE, GRAY_0]);
    variables[`--mantine-color-${name}-filled`] = filled;
    variables[`--mantine-color-${name}-filled-hover`] = toHex(darken(filled, 0.1));
    variables[`--mantine-color-${name}-outline`] = filled;
    // The light variant's text: on its shade 1 background, and (subtle, transparent) on the page.
    variables[`--mantine-color-${name}-light-color`] = readableOn(shades[9], [shades[1], WHITE, GRAY_0]);
  }
  return variables;
}

/** Passed to MantineProvider beside the theme; the app has only the light scheme. */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: {
    ...readableColorVariables(resolved.colors),
    '--mantine-color-dimmed': readableOn(resolved.colors.gray[6], [WHITE, GRAY_0]),
    // Links: the primary colour's shade 9, readable on the page and inside a light alert of any colour.
    '--mantine-color-anchor': readableOn(resolved.colors[resolved.primaryColor]![9], [
      WHITE,
      GRAY_0,
      ...Object.values(resolved.colors).map((shades) => shades[1]),
    ]),
    '--mantine-color-error': 'var(--mantine-color-red-filled)',
  },
  dark: {},
});

export const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'md',
  components: {
    // A heading holds what people typed (a dataset's title may be one long word): it breaks anywhere
    // rather than push a phone's page sideways.
    Title: Title.extend({ styles: { root: { overflowWrap: 'anywhere' } } }),
    // A Loader is a bare <span>, on which aria-label is not allowed (axe's aria-prohibited-attr); as a
    // status its label ("Loading the draft") is what a screen reader says while it spins.
    Loader: Loader.extend({ defaultProps: { role: 'status' } }),
    // Mantine gives every Alert role="alert", which a screen reader announces at once, interrupting: a
    // review page read "Nothing to fix here." three times as it opened. An Alert is a note by default (read
    // in its place, not announced); one shown because of what the person just did says so itself:
    // role="status" for news (saved, imported, a link made), role="alert" for an error or a refusal.
    // A plain object, as Select's: `Alert.extend` would import Alert into the first load.
    Alert: { defaultProps: { role: 'note' } },
    // Picking the option already chosen keeps it: by default it emptied the field, and a second pass over
    // a filled datasheet silently cleared its licence, source and consent basis. Optional fields clear
    // with their own ✕ (`clearable`).
    // A plain object, not `Select.extend(…)`: importing Select here put it and its combobox in the first
    // load (+11 kB gzip), which only pages with a select need.
    Select: { defaultProps: { allowDeselect: false } },
  },
});
