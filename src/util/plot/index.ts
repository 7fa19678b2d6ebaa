/** Small dependency-free SVG plotting (line charts with linear or log axes) shared by the CLI commands. */

export * from './bar-chart.js';
export * from './line-chart.js';
export * from './scale.js';
