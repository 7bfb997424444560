// `mote telemetry --plot`: each numeric series as a line chart in the terminal, drawn by
// asciichart. One chart per (device, reading name); an object reading's numeric fields are
// the series of its chart. Under the charts, one status line per device.
//
// The model (Plot) only keeps points and renders text for a given size; when and where the
// text is drawn (in place on a terminal, or once at exit into a pipe) is the viewer's choice.

import asciichart from "asciichart";
import type { DeviceStatus, Reading } from "./payload.ts";
import { formatStatusSummary } from "./format.ts";

/** Points kept per series; a chart shows the newest ones that fit its width. */
export const MAX_POINTS = 2000;
/** Rows of one chart when there is no terminal to fit. */
export const DEFAULT_CHART_HEIGHT = 8;
/** Columns when there is no terminal to fit. */
const DEFAULT_WIDTH = 80;
const MIN_WIDTH = 20;
const MIN_CHART_HEIGHT = 3;
const MAX_CHART_HEIGHT = 15;
/** Lines a chart takes besides its rows: the title and a blank line. */
const CHART_CHROME_LINES = 2;
const SERIES_COLORS = [asciichart.cyan, asciichart.green, asciichart.magenta, asciichart.yellow, asciichart.blue, asciichart.red];

interface Chart {
  device: string;
  name: string;
  /** Series by label: "" for a plain value, else the field name. */
  series: Map<string, number[]>;
  readings: number;
}

export interface RenderOptions {
  /** Terminal columns: charts fit them, status lines are cut to them (default: 80 columns
   *  of chart, whole status lines). */
  width?: number;
  /** Terminal rows: charts share them; without, each chart is DEFAULT_CHART_HEIGHT rows. */
  height?: number;
  /** ANSI colours for multi-series charts. */
  color?: boolean;
}

export class Plot {
  private readonly charts = new Map<string, Chart>();
  private readonly statuses = new Map<string, DeviceStatus>();

  /** Adds a reading's numeric values; false when it had none (nothing to draw). */
  add(reading: Reading): boolean {
    const values: Array<[string, number]> = reading.fields
      ? Object.entries(reading.fields).filter((e): e is [string, number] => isPlottable(e[1]))
      : isPlottable(reading.value) ? [["", reading.value]] : [];
    if (values.length === 0) return false;
    const key = `${reading.device}\u0000${reading.name}`;
    let chart = this.charts.get(key);
    if (!chart) {
      chart = { device: reading.device, name: reading.name, series: new Map(), readings: 0 };
      this.charts.set(key, chart);
    }
    chart.readings++;
    for (const [label, value] of values) {
      let points = chart.series.get(label);
      if (!points) {
        points = [];
        chart.series.set(label, points);
      }
      points.push(value);
      if (points.length > MAX_POINTS) points.splice(0, points.length - MAX_POINTS);
    }
    return true;
  }

  setStatus(status: DeviceStatus): void {
    this.statuses.set(status.device, status);
  }

  /** The charts and status lines as text (lines joined by "\n", no trailing newline). */
  render(options: RenderOptions = {}): string {
    const width = Math.max(options.width ?? DEFAULT_WIDTH, MIN_WIDTH);
    const color = options.color ?? false;
    const charts = [...this.charts.values()]
      .sort((a, b) => a.device.localeCompare(b.device) || a.name.localeCompare(b.name))
      // Without colours, lines of several series in one chart cannot be told apart.
      .flatMap((chart) => (color || chart.series.size === 1 ? [chart] : splitSeries(chart)));
    const statusLines = [...this.statuses.values()].sort((a, b) => a.device.localeCompare(b.device))
      .map((s) => (options.width !== undefined ? formatStatusSummary(s).slice(0, width) : formatStatusSummary(s)));
    let chartHeight = DEFAULT_CHART_HEIGHT;
    if (options.height !== undefined && charts.length > 0) {
      const free = options.height - statusLines.length - 1;
      chartHeight = Math.floor(free / charts.length) - CHART_CHROME_LINES;
      chartHeight = Math.min(MAX_CHART_HEIGHT, Math.max(MIN_CHART_HEIGHT, chartHeight));
    }
    const out: string[] = [];
    for (const chart of charts) out.push(...renderChart(chart, width, chartHeight, color), "");
    if (charts.length === 0) out.push("(no numeric readings yet)", "");
    out.push(...statusLines);
    return out.join("\n").replace(/\n+$/, "");
  }
}

/** One chart per field of an object reading: `env.temperature`, `env.humidity`. */
function splitSeries(chart: Chart): Chart[] {
  return [...chart.series].map(([label, points]) => ({
    device: chart.device, name: `${chart.name}.${label}`, series: new Map([["", points]]), readings: chart.readings,
  }));
}

function isPlottable(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function renderChart(chart: Chart, width: number, height: number, color: boolean): string[] {
  const labels = [...chart.series.keys()];
  const all = [...chart.series.values()];
  const min = Math.min(...all.map((points) => Math.min(...points)));
  const max = Math.max(...all.map((points) => Math.max(...points)));
  const legend = labels.map((label) => {
    const points = chart.series.get(label)!;
    return `${label === "" ? "" : `${label} `}${formatNumber(points[points.length - 1])}`;
  });
  const colored = legend.map((text, i) => (color && labels.length > 1 ? `${SERIES_COLORS[i % SERIES_COLORS.length]}${text}${asciichart.reset}` : text));
  const head = `${chart.device} ${chart.name}  now `;
  const tail = `  (min ${formatNumber(min)}, max ${formatNumber(max)}, ${chart.readings} ${chart.readings === 1 ? "reading" : "readings"})`;
  // A title wider than the terminal would wrap and push the in-place redraw down a line.
  const plain = `${head}${legend.join("  ")}`;
  const title = plain.length + tail.length <= width ? `${head}${colored.join("  ")}${tail}`
    : plain.length <= width ? `${head}${colored.join("  ")}` : plain.slice(0, width);

  // The axis labels all get the width of the widest (min and max bound them).
  const decimals = labelDecimals(min, max, height);
  const labelWidth = Math.max(formatLabel(min, decimals).length, formatLabel(max, decimals).length);
  const axis = 2; // the axis character and one space
  const fit = Math.max(width - labelWidth - axis - 1, 2);
  const series = all.map((points) => points.slice(-fit));
  const plotted = asciichart.plot(series, {
    height: min === max ? 1 : height - 1,
    offset: axis,
    format: (value) => formatLabel(value, decimals).padStart(labelWidth),
    colors: color && labels.length > 1 ? labels.map((_, i) => SERIES_COLORS[i % SERIES_COLORS.length]) : undefined,
  });
  return [title, ...plotted.split("\n")];
}

/** Enough decimals for neighbouring axis labels to differ. */
function labelDecimals(min: number, max: number, rows: number): number {
  const step = (max - min) / Math.max(rows - 1, 1);
  if (step === 0) return Number.isInteger(min) ? 0 : 2;
  return Math.min(6, Math.max(0, Math.ceil(-Math.log10(step)) + 1));
}

function formatLabel(value: number, decimals: number): string {
  return value.toFixed(decimals);
}

/** Numbers as JavaScript prints them, shortened past 6 significant digits. */
function formatNumber(value: number): string {
  const text = String(value);
  return text.length > 10 ? String(Number(value.toPrecision(6))) : text;
}
