/**
 * A form as a browser would send it: the fields of the `<form action="…">` on a page rendered by
 * this platform, with the values it shows (text inputs, selects, textareas, ticked boxes). Tests
 * use it to send a form back as a person would, changing only what that person changes.
 */
const decode = (html: string) =>
  html.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");

const attribute = (tag: string, name: string): string | undefined => {
  const quoted = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  if (quoted) return decode(quoted[1] ?? "");
  return new RegExp(`\\s${name}(?=[\\s/>])`).test(tag) ? "" : undefined;
};

export function formOf(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action}`);
  const body = html.slice(start, html.indexOf("</form>", start));
  const fields: Record<string, string> = {};
  for (const [tag] of body.matchAll(/<input\b[^>]*>/g)) {
    const name = attribute(tag, "name");
    if (!name || name === "_csrf") continue;
    const type = attribute(tag, "type") ?? "text";
    if (type === "checkbox" || type === "radio") {
      if (attribute(tag, "checked") !== undefined) fields[name] = attribute(tag, "value") ?? "on";
    } else fields[name] = attribute(tag, "value") ?? "";
  }
  for (const [, tag, text] of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attribute(tag ?? "", "name");
    if (name) fields[name] = decode(text ?? "");
  }
  for (const [, tag, options] of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attribute(tag ?? "", "name");
    if (!name) continue;
    const all = [...(options ?? "").matchAll(/<option\b[^>]*>/g)].map(([o]) => o);
    const chosen = all.find((o) => attribute(o, "selected") !== undefined) ?? all[0];
    fields[name] = chosen ? (attribute(chosen, "value") ?? "") : "";
  }
  return fields;
}
