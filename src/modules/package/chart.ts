import type { QuarterProgress } from "./stats.js";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

export interface ChartText {
  title: string;
  description: string;
  /** The label of one bar's value, e.g. "2022-Q4: 4 done". */
  barLabel: (q: QuarterProgress) => string;
}

/**
 * Progress over time as a server-rendered SVG bar chart: one bar per quarter, its height the
 * records done by the quarter's end. No script, no style attribute (strict CSP); the table
 * beside it carries the same figures for anyone who cannot see it.
 */
export function renderProgressChart(progress: readonly QuarterProgress[], text: ChartText): string {
  const width = 640;
  const height = 220;
  const left = 36;
  const bottom = 34;
  const top = 12;
  const max = Math.max(1, ...progress.map((p) => p.total));
  const plotH = height - bottom - top;
  const step = progress.length > 0 ? (width - left - 8) / progress.length : 0;
  const barW = Math.max(2, step * 0.7);
  const ticks = [0, Math.ceil(max / 2), max].filter((v, i, all) => all.indexOf(v) === i);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const parts: string[] = [];
  for (const v of ticks) {
    parts.push(`<line x1="${left}" x2="${width - 4}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#c9ced6" stroke-width="1"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#333">${v}</text>`);
  }
  progress.forEach((p, i) => {
    const x = left + i * step + (step - barW) / 2;
    const h = (p.total / max) * plotH;
    parts.push(
      `<rect class="bar" x="${x.toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="#1f6f8b"><title>${esc(text.barLabel(p))}</title></rect>`,
    );
    // Every quarter's label when they fit, else the first quarter of each year.
    if (progress.length <= 12 || p.quarter.endsWith("Q1") || i === 0) {
      const label = progress.length <= 12 ? p.quarter : p.quarter.slice(0, 4);
      parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" font-size="10" fill="#333">${esc(label)}</text>`);
    }
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="progress-chart-title progress-chart-desc" class="chart">` +
    `<title id="progress-chart-title">${esc(text.title)}</title><desc id="progress-chart-desc">${esc(text.description)}</desc>` +
    parts.join("") +
    `</svg>`
  );
}
