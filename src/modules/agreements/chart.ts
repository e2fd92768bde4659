/**
 * The chart of agreements in force by year, as SVG written on the server: two stacked series
 * (with and without MSME provisions coded), a title and a description for screen readers; the
 * page shows the same figures as a table beside it. Every text written is escaped.
 */
export interface ChartYear {
  year: number;
  withMsme: number;
  withoutMsme: number;
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

export function renderInForceChart(years: readonly ChartYear[], labels: { title: string; description: string; withMsme: string; withoutMsme: string }): string {
  const width = 720;
  const height = 260;
  const left = 40;
  const bottom = 24;
  const top = 10;
  const plotHeight = height - bottom - top;
  const max = Math.max(1, ...years.map((y) => y.withMsme + y.withoutMsme));
  // A round top for the axis: 10, 50, 100, 500 …
  const step = max <= 10 ? 2 : max <= 50 ? 10 : max <= 200 ? 50 : max <= 1000 ? 100 : 1000;
  const axisMax = Math.ceil(max / step) * step;
  const barWidth = years.length ? (width - left - 4) / years.length : 0;
  const y = (value: number) => top + plotHeight - (value / axisMax) * plotHeight;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title chart-desc">`);
  parts.push(`<title id="chart-title">${escapeXml(labels.title)}</title><desc id="chart-desc">${escapeXml(labels.description)}</desc>`);
  for (let v = 0; v <= axisMax; v += step) {
    parts.push(`<line x1="${left}" x2="${width}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#d8dde3" stroke-width="1"/><text x="${left - 4}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#333">${v}</text>`);
  }
  years.forEach((d, i) => {
    const x = (left + i * barWidth).toFixed(1);
    const w = Math.max(1, barWidth - 1).toFixed(1);
    const without = y(d.withoutMsme);
    parts.push(`<rect x="${x}" y="${without.toFixed(1)}" width="${w}" height="${(top + plotHeight - without).toFixed(1)}" fill="#9aa5b1"/>`);
    if (d.withMsme) {
      const total = y(d.withMsme + d.withoutMsme);
      parts.push(`<rect x="${x}" y="${total.toFixed(1)}" width="${w}" height="${(without - total).toFixed(1)}" fill="#1d5c8a"/>`);
    }
    if (d.year % 10 === 0) parts.push(`<text x="${x}" y="${height - 6}" font-size="11" fill="#333">${d.year}</text>`);
  });
  parts.push("</svg>");
  return parts.join("");
}

/** The colours of the two series, for the legend. */
export const SERIES_COLOURS = { withMsme: "#1d5c8a", withoutMsme: "#9aa5b1" } as const;
