import { DEFAULT_THEME, mergeMantineTheme } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrastRatio, cssVariablesResolver, MIN_CONTRAST, readableOn, theme } from './theme.ts';

const { colors } = DEFAULT_THEME;
const light = cssVariablesResolver(mergeMantineTheme(DEFAULT_THEME, theme)).light;

describe('contrastRatio', () => {
  it('is WCAG 2.1’s ratio: 21 for black on white, 1 for a colour on itself, either order', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#12b886', '#12b886')).toBe(1);
    // Mantine's gray 6 (its `dimmed`) on white: 3.32, below AA.
    expect(contrastRatio('#868e96', '#ffffff')).toBeCloseTo(3.32, 2);
  });
});

describe('readableOn', () => {
  it('keeps a colour that already reads', () => {
    expect(readableOn('#212529', ['#ffffff'])).toBe('#212529');
  });

  it('darkens one that does not, only as far as it must', () => {
    const darker = readableOn('#12b886', ['#ffffff']);
    expect(contrastRatio(darker, '#ffffff')).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(darker, '#ffffff')).toBeLessThan(5);
  });
});

describe('cssVariablesResolver', () => {
  it.each(Object.entries(colors))(
    'gives %s a filled shade that takes white text, and light text that reads',
    (name, shades) => {
      const filled = light[`--mantine-color-${name}-filled`]!;
      const lightColor = light[`--mantine-color-${name}-light-color`]!;
      expect(contrastRatio(filled, DEFAULT_THEME.white)).toBeGreaterThanOrEqual(MIN_CONTRAST);
      expect(contrastRatio(filled, colors.gray[0])).toBeGreaterThanOrEqual(MIN_CONTRAST);
      expect(contrastRatio(lightColor, shades[1])).toBeGreaterThanOrEqual(MIN_CONTRAST);
      expect(contrastRatio(lightColor, DEFAULT_THEME.white)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    },
  );

  it('makes dimmed text readable on white and on a striped row, still lighter than body text', () => {
    const dimmed = light['--mantine-color-dimmed']!;
    expect(contrastRatio(dimmed, DEFAULT_THEME.white)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(dimmed, colors.gray[0])).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(dimmed, DEFAULT_THEME.white)).toBeLessThan(contrastRatio(colors.gray[7], '#ffffff'));
  });

  it('makes links readable on the page and inside a light alert of any colour', () => {
    const anchor = light['--mantine-color-anchor']!;
    const backgrounds = [DEFAULT_THEME.white, ...Object.values(colors).map((shades) => shades[1])];
    for (const background of backgrounds) {
      expect(contrastRatio(anchor, background), background).toBeGreaterThanOrEqual(MIN_CONTRAST);
    }
  });

  it('keeps a colour Mantine already makes readable (blue 9 on blue 1)', () => {
    expect(light['--mantine-color-blue-light-color']).toBe(colors.blue[9]);
  });
});
