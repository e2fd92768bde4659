/**
 * A word-level diff of two texts (the source a translation was made from, and the source now), so
 * a translator sees what changed since. The longest common subsequence of their words, after
 * setting aside what both share at the start and the end (an edit is usually local); words and
 * the spaces between them are the tokens, so joining every part's text gives back each side.
 */
export interface DiffPart {
  op: "same" | "added" | "removed";
  text: string;
}

/** Words with the spaces after them kept apart: `a b\n` → `a`, ` `, `b`, `\n`. */
const tokens = (text: string): string[] => text.match(/\s+|[^\s]+/g) ?? [];

/** Beyond this many cells the table of the middle is not built: the middle is shown as replaced. */
const MAX_CELLS = 4_000_000;

function push(parts: DiffPart[], op: DiffPart["op"], text: string) {
  if (text === "") return;
  const last = parts[parts.length - 1];
  if (last && last.op === op) last.text += text;
  else parts.push({ op, text });
}

export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  push(parts, "same", a.slice(0, start).join(""));
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  const n = x.length;
  const m = y.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    push(parts, "removed", x.join(""));
    push(parts, "added", y.join(""));
  } else {
    // lcs[i][j]: the longest common subsequence of x[i..] and y[j..].
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] = x[i] === y[j] ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (x[i] === y[j]) {
        push(parts, "same", x[i] ?? "");
        i++;
        j++;
      } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
        push(parts, "removed", x[i++] ?? "");
      } else {
        push(parts, "added", y[j++] ?? "");
      }
    }
    while (i < n) push(parts, "removed", x[i++] ?? "");
    while (j < m) push(parts, "added", y[j++] ?? "");
  }
  push(parts, "same", a.slice(endA).join(""));
  return parts;
}

/** Whether anything changed at all. */
export const changed = (parts: DiffPart[]) => parts.some((p) => p.op !== "same");
