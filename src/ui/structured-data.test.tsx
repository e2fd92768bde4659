import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { JsonLd, jsonLdText } from "./structured-data.js";

describe("JSON-LD", () => {
  it("cannot be closed or turned into markup by what an editor typed", () => {
    const hostile = { name: '</script><script>alert(1)</script><!-- & \u2028', url: "https://x.example/?a=1&b=<2>" };
    const html = renderToString(<JsonLd data={hostile} />);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).not.toContain("<!--");
    expect(html.startsWith('<script type="application/ld+json">')).toBe(true);
    const inside = html.slice('<script type="application/ld+json">'.length, -"</script>".length);
    expect(JSON.parse(inside)).toEqual(hostile);
  });

  it("escapes <, >, & and the line separators as \\u sequences", () => {
    expect(jsonLdText({ a: "<>&\u2028\u2029" })).toBe('{"a":"\\u003c\\u003e\\u0026\\u2028\\u2029"}');
  });
});
