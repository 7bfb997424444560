// Types for asciichart 1.5 (the package ships none): the parts the plot view uses.
declare module "asciichart" {
  export interface PlotConfig {
    /** Rows of the chart (default: the data's range). */
    height?: number;
    min?: number;
    max?: number;
    /** Columns left of the axis (default 3). */
    offset?: number;
    padding?: string;
    /** ANSI colour per series. */
    colors?: string[];
    /** The label of a row's value. */
    format?: (value: number, row: number) => string;
  }
  export function plot(series: number[] | number[][], config?: PlotConfig): string;
  export const blue: string;
  export const green: string;
  export const magenta: string;
  export const cyan: string;
  export const yellow: string;
  export const red: string;
  export const reset: string;
  const asciichart: {
    plot: typeof plot;
    blue: string; green: string; magenta: string; cyan: string; yellow: string; red: string; reset: string;
  };
  export default asciichart;
}
