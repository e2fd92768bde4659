import type { SizeClass } from "./schema.js";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

export interface ThresholdGroup {
  /** The member (and sector, when a definition differs by sector). */
  label: string;
  bars: { sizeClass: SizeClass; value: number; title: string }[];
}

const FILLS: Record<SizeClass, string> = { micro: "#8fc1d4", small: "#3f8fae", medium: "#1f4f6b" };

/**
 * The employee thresholds of MSME definitions side by side, as a server-rendered SVG: a group of
 * bars per member (micro, small, medium), on one linear scale. No script, no style attribute; the
 * table beside it carries the same figures.
 */
export function renderThresholdChart(groups: readonly ThresholdGroup[], text: { title: string; description: string; legend: Record<SizeClass, string> }): string {
  const width = 640;
  const labelW = 190;
  const barH = 10;
  const groupGap = 12;
  const top = 30;
  const max = Math.max(1, ...groups.flatMap((g) => g.bars.map((b) => b.value)));
  const scale = (v: number) => (v / max) * (width - labelW - 60);
  const parts: string[] = [];
  let y = top;
  (["micro", "small", "medium"] as const).forEach((s, i) => {
    parts.push(`<rect x="${labelW + i * 120}" y="6" width="12" height="12" fill="${FILLS[s]}"/>`);
    parts.push(`<text x="${labelW + i * 120 + 16}" y="16" font-size="11" fill="#333">${esc(text.legend[s])}</text>`);
  });
  for (const group of groups) {
    const height = Math.max(1, group.bars.length) * (barH + 2);
    parts.push(`<text x="${labelW - 8}" y="${(y + height / 2 + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#333">${esc(group.label)}</text>`);
    group.bars.forEach((b, i) => {
      const by = y + i * (barH + 2);
      const w = Math.max(1, scale(b.value));
      parts.push(`<rect x="${labelW}" y="${by}" width="${w.toFixed(1)}" height="${barH}" fill="${FILLS[b.sizeClass]}"><title>${esc(b.title)}</title></rect>`);
      parts.push(`<text x="${(labelW + w + 4).toFixed(1)}" y="${by + barH - 1}" font-size="10" fill="#333">${b.value}</text>`);
    });
    y += height + groupGap;
  }
  const height = Math.max(y, top + 20);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="thresholds-title thresholds-desc" class="chart">` +
    `<title id="thresholds-title">${esc(text.title)}</title><desc id="thresholds-desc">${esc(text.description)}</desc>` +
    parts.join("") +
    `</svg>`
  );
}
