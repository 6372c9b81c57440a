/**
 * The Okabe–Ito palette: eight colours told apart with any common colour-vision deficiency. Black is kept for the
 * average marker, so the series take the other seven, most distinct first; yellow comes last as it is the palest
 * on white.
 */
export const SERIES_COLOURS = [
  "#0072B2",
  "#E69F00",
  "#009E73",
  "#CC79A7",
  "#56B4E9",
  "#D55E00",
  "#F0E442",
] as const;

export const MARKER = "#000000";
export const INK = "#1A1A1A";
export const MUTED = "#555555";
export const GRID = "#DDDDDD";
export const AXIS = "#888888";
export const BACKGROUND = "#FFFFFF";

export const seriesColour = (i: number): string => SERIES_COLOURS[i % SERIES_COLOURS.length] as string;

/** WCAG relative luminance of "#RRGGBB". */
function luminance(hex: string): number {
  const channel = (at: number) => {
    const c = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/**
 * The ink for a label inside a bar of `fill`: white where it passes WCAG AA (4.5:1), else whichever of black and
 * white reads better, so a label is legible on every series colour.
 */
export function inkOn(fill: string): string {
  const l = luminance(fill);
  const white = 1.05 / (l + 0.05);
  const black = (l + 0.05) / 0.05;
  return white >= 4.5 || white >= black ? BACKGROUND : "#000000";
}
