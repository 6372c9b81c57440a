export { altText, MAX_ALT_TEXT } from "./alt.ts";
export { Chart, chartFor, MAX_RANKING_ROWS } from "./chart.ts";
export { type ChartImage, chartPng, DENSITY } from "./png.ts";
export { chartSvg } from "./svg.ts";
