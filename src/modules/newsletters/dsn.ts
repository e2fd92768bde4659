/**
 * Delivery status notifications (RFC 3464): the reports a mail server sends back, later, about a
 * message it could not deliver (or is still trying to). A report is a `multipart/report;
 * report-type=delivery-status` message with a `message/delivery-status` part (per-message fields,
 * then one block per recipient: Final-Recipient, Action, Status, Diagnostic-Code) and usually the
 * original message or its headers (`message/rfc822`, `text/rfc822-headers`), whose Message-ID
 * names what was sent. Pure functions, no I/O; tolerant of CRLF or LF, folded lines, quoting, a
 * report forwarded inside another multipart message, and base64 or quoted-printable parts.
 */

export interface RecipientReport {
  /** The address the report is about (Final-Recipient, else Original-Recipient), lower case. */
  recipient: string | null;
  /** failed, delayed, delivered, relayed or expanded. */
  action: string;
  /** The enhanced status code (RFC 3463), e.g. `5.1.1`; null when missing or malformed. */
  status: string | null;
  diagnostic: string | null;
}

export interface DeliveryReport {
  /** The report's own Message-ID. */
  reportId: string | null;
  /** Where the report was sent (To, Delivered-To, X-Original-To, Envelope-To): a VERP return path. */
  sentTo: string[];
  /** The Message-ID of the message the report is about, from its returned headers. */
  originalMessageId: string | null;
  recipients: RecipientReport[];
}

type Headers = Map<string, string[]>;

/** Head and body of a MIME entity; headers unfolded, names in lower case. */
function entity(text: string): { headers: Headers; body: string } {
  const at = text.search(/\r?\n\r?\n/);
  const head = at < 0 ? text : text.slice(0, at);
  const body = at < 0 ? "" : text.slice(at).replace(/^\r?\n\r?\n/, "");
  return { headers: fields(head), body };
}

/** Header-style fields (a message's head, or a block of a delivery-status part). */
function fields(block: string): Headers {
  const out: Headers = new Map();
  const lines = block.split(/\r?\n/);
  let current: string | null = null;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && current !== null) {
      const values = out.get(current) as string[];
      values[values.length - 1] = `${values[values.length - 1]} ${line.trim()}`;
      continue;
    }
    const m = /^([!-9;-~]+):[ \t]*(.*)$/.exec(line);
    if (!m) {
      current = null;
      continue;
    }
    current = (m[1] as string).toLowerCase();
    out.set(current, [...(out.get(current) ?? []), (m[2] as string).trim()]);
  }
  return out;
}

const first = (headers: Headers, name: string): string | null => headers.get(name)?.[0] ?? null;

/** `multipart/report; report-type=delivery-status; boundary="x"` → the type and its parameters. */
function contentType(headers: Headers): { type: string; params: Record<string, string> } {
  const raw = first(headers, "content-type") ?? "text/plain";
  const type = (raw.split(";")[0] ?? "").trim().toLowerCase();
  const params: Record<string, string> = {};
  for (const m of raw.matchAll(/;\s*([\w.-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)/g)) {
    const value = m[2] as string;
    params[(m[1] as string).toLowerCase()] = value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, "$1") : value;
  }
  return { type, params };
}

/** The body as text, undoing base64 or quoted-printable. */
function decoded(headers: Headers, body: string): string {
  const encoding = (first(headers, "content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = Buffer.from(body.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))), "latin1");
    return bytes.toString("utf8");
  }
  return body;
}

/** The parts of a multipart body (bounded: a report has three or four). */
function parts(body: string, boundary: string): string[] {
  const out: string[] = [];
  const lines = body.split(/\r?\n/);
  let current: string[] | null = null;
  for (const line of lines) {
    if (line.startsWith(`--${boundary}`)) {
      if (current) out.push(current.join("\n"));
      if (line.startsWith(`--${boundary}--`) || out.length >= 50) return out;
      current = [];
      continue;
    }
    current?.push(line);
  }
  if (current) out.push(current.join("\n"));
  return out;
}

/** The first `multipart/report` with report-type delivery-status, looking into nested multiparts. */
function findReport(text: string, depth = 0): { headers: Headers; parts: { headers: Headers; body: string }[] } | null {
  if (depth > 3) return null;
  const { headers, body } = entity(text);
  const { type, params } = contentType(headers);
  if (!type.startsWith("multipart/") || !params.boundary) return null;
  const children = parts(body, params.boundary).map(entity);
  const kind = (params["report-type"] ?? "").toLowerCase();
  if (type === "multipart/report" && (kind === "delivery-status" || kind === "global-delivery-status")) return { headers, parts: children };
  for (const child of children) {
    const { type: childType } = contentType(child.headers);
    if (childType.startsWith("multipart/") || childType === "message/rfc822") {
      const inner = findReport(childType === "message/rfc822" ? child.body : `${headerText(child.headers)}\n\n${child.body}`, depth + 1);
      if (inner) return inner;
    }
  }
  return null;
}

const headerText = (headers: Headers) => [...headers].flatMap(([name, values]) => values.map((v) => `${name}: ${v}`)).join("\n");

/** `rfc822; Reader@Example.org` or `<reader@example.org>` → `reader@example.org`. */
function address(value: string | null): string | null {
  if (!value) return null;
  const bare = (value.includes(";") ? value.slice(value.indexOf(";") + 1) : value).trim().replace(/^<|>$/g, "").trim().toLowerCase();
  return /^[^@\s]+@[^@\s]+$/.test(bare) ? bare : null;
}

/** The addresses of a header such as `To: "Bounces" <bounces+12@example.org>, other@x`. */
function addressesIn(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const value of values) for (const m of value.matchAll(/<?([^\s<>,;"]+@[^\s<>,;"]+)>?/g)) out.push((m[1] as string).toLowerCase());
  return out;
}

const messageId = (value: string | null): string | null => {
  const m = value ? /<[^<>\s]+@[^<>\s]+>/.exec(value) : null;
  return m ? m[0] : null;
};

/**
 * Reads a delivery status notification; null when the message is not one (an auto-reply, a
 * message a person wrote, a bounce in a shape of its own without the delivery-status part).
 */
export function parseDeliveryReport(raw: string | Buffer): DeliveryReport | null {
  const text = typeof raw === "string" ? raw : raw.toString("utf8");
  // A report is small: anything past 2 MB is the returned message's body, not needed.
  const report = findReport(text.length > 2_000_000 ? text.slice(0, 2_000_000) : text);
  if (!report) return null;
  const status = report.parts.find((p) => ["message/delivery-status", "message/global-delivery-status"].includes(contentType(p.headers).type));
  if (!status) return null;
  const blocks = decoded(status.headers, status.body)
    .split(/\r?\n[ \t]*\r?\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  const recipients: RecipientReport[] = [];
  // The per-message block comes first and has no Action; a recipient block without one is skipped too.
  for (const block of blocks.slice(0, 101)) {
    const f = fields(block);
    const action = (first(f, "action") ?? "").toLowerCase();
    if (!action) continue;
    const code = /^([245])\.(\d{1,3})\.(\d{1,3})\b/.exec(first(f, "status") ?? "");
    const diagnostic = first(f, "diagnostic-code");
    recipients.push({
      recipient: address(first(f, "final-recipient")) ?? address(first(f, "original-recipient")),
      action,
      status: code ? `${code[1]}.${code[2]}.${code[3]}` : null,
      diagnostic: diagnostic ? diagnostic.replace(/^[\w-]+;\s*/, "").slice(0, 1000) : null,
    });
  }
  const returned = report.parts.find((p) => ["message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers"].includes(contentType(p.headers).type));
  const original = returned ? entity(decoded(returned.headers, returned.body)).headers : null;
  const top = entity(text).headers;
  return {
    reportId: messageId(first(top, "message-id")),
    sentTo: addressesIn(["to", "delivered-to", "x-original-to", "envelope-to"].flatMap((h) => top.get(h) ?? [])),
    originalMessageId: original ? messageId(first(original, "message-id")) : null,
    recipients,
  };
}

/** The delivery id a VERP return path carries (`bounces+123@example.org` for `bounces@example.org`), else null. */
export function verpDelivery(addresses: readonly string[], bounceAddress: string | undefined): number | null {
  if (!bounceAddress) return null;
  const at = bounceAddress.lastIndexOf("@");
  const local = bounceAddress.slice(0, at).toLowerCase();
  const domain = bounceAddress.slice(at + 1).toLowerCase();
  for (const a of addresses) {
    const m = /^(.+)\+d(\d{1,15})@(.+)$/.exec(a);
    if (m && m[1] === local && m[3] === domain) return Number(m[2]);
  }
  return null;
}

/** The VERP return path of one delivery: `bounces+d123@example.org`. */
export function verpAddress(bounceAddress: string, deliveryId: number): string {
  const at = bounceAddress.lastIndexOf("@");
  return `${bounceAddress.slice(0, at)}+d${deliveryId}${bounceAddress.slice(at)}`;
}
