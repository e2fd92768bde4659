/**
 * File names as people give them: only ever shown and offered back on download, never used as a
 * path (files are stored under keys of ours). Still, a name is refused when it is plainly not a
 * name a browser sends: empty, with control characters (NUL, line breaks…), with a `..` path
 * segment (`../../etc/passwd.pdf`), or made of dots only. Otherwise a path a browser may prefix
 * (`C:\Users\…\report.pdf`) is stripped, characters outside letters, marks, digits, spaces and
 * `._-()` become `_`, runs of spaces collapse, and the name is capped at `MAX_NAME_LENGTH`
 * characters keeping its extension.
 */
export const MAX_NAME_LENGTH = 120;

export type NameCheck = { ok: true; name: string } | { ok: false; message: string };

const CONTROL = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

export function sanitizeFileName(raw: string): NameCheck {
  if (typeof raw !== "string" || raw.trim() === "") return { ok: false, message: "uploads.nameEmpty" };
  if (CONTROL.test(raw)) return { ok: false, message: "uploads.nameControl" };
  const segments = raw.split(/[/\\]/);
  if (segments.some((s) => s.trim() === "..")) return { ok: false, message: "uploads.namePath" };
  let name = (segments[segments.length - 1] ?? "").normalize("NFC");
  name = name
    .replace(/[^\p{L}\p{M}\p{N} ._\-()]/gu, "_")
    .replace(/\s+/g, " ")
    .trim();
  if (name === "" || /^[.\s_]*$/.test(name)) return { ok: false, message: "uploads.nameEmpty" };
  if (name.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf(".");
    const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : "";
    name = name.slice(0, MAX_NAME_LENGTH - extension.length).trimEnd() + extension;
  }
  return { ok: true, name };
}

/** The extension of a name, lower case, without the dot ("" when there is none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/**
 * `Content-Disposition` for a download (RFC 6266): an ASCII `filename` for old clients (accents
 * dropped, anything else `_`) and the exact name as `filename*=UTF-8''…` (RFC 8187).
 */
export function contentDisposition(disposition: "attachment" | "inline", name: string): string {
  const ascii =
    name
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/[^A-Za-z0-9 ._\-()]/g, "_")
      .trim() || "file";
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
