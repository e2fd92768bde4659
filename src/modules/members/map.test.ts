import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { escapeXml, renderMembersMap } from "./map.js";

/** The 27 EU member states (the caller expands "European Union" into these). */
const EU = [
  "040", "056", "100", "191", "196", "203", "208", "233", "246", "250", "276", "300", "348", "372",
  "380", "428", "440", "442", "470", "528", "616", "620", "642", "703", "705", "724", "752",
];

/** 68 other real WTO members, including many small ones drawn as points. */
const OTHERS = [
  "032", "036", "076", "124", "152", "156", "170", "188", "218", "222", "858", "702", "344", "446",
  "158", "048", "438", "756", "578", "352", "826", "392", "410", "608", "360", "458", "764", "704",
  "116", "418", "496", "398", "417", "268", "051", "498", "804", "008", "807", "792", "376", "682",
  "784", "634", "414", "512", "504", "818", "566", "404", "646", "384", "120", "516", "480", "604",
  "600", "484", "320", "340", "591", "214", "388", "780", "052", "028", "662", "882",
];

const MEMBERS_95 = [...EU, ...OTHERS].map((numeric) => ({ numeric, name: `Member ${numeric}` }));

function render(members: { numeric: string | null; name: string }[]): string {
  return renderMembersMap({
    members,
    title: "Members of the MSME Group",
    description: "World map with the members shaded; the full list is in the table below.",
  });
}

/** Crude well-formedness check: every element is closed, in order. */
function assertBalancedTags(svg: string): void {
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z]+)\b[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name as string);
  }
  expect(stack).toEqual([]);
}

/** The `d` of the (single) land path. */
function landPath(svg: string): string {
  const match = /<path class="land"[^>]* d="([^"]*)"/.exec(svg);
  expect(match).not.toBeNull();
  return match?.[1] ?? "";
}

/** The `d` of the member path titled `name`, if any. */
function memberPath(svg: string, name: string): string | undefined {
  const re = new RegExp(`<path class="member"[^>]* d="([^"]*)"><title>${name}</title></path>`);
  return re.exec(svg)?.[1];
}

describe("renderMembersMap", () => {
  it("returns an accessible, well-formed SVG", () => {
    const svg = render(MEMBERS_95);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(svg).toMatch(/^<svg [^>]*role="img"/);
    expect(svg).toMatch(/^<svg [^>]*aria-labelledby="map-title map-desc"/);
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 960 \d+"/);
    expect(svg).toContain('<title id="map-title">Members of the MSME Group</title>');
    expect(svg).toContain('<desc id="map-desc">World map with the members shaded; the full list is in the table below.</desc>');
    assertBalancedTags(svg);
  });

  it("draws a shape for a large member and points for small ones", () => {
    const svg = render([
      { numeric: "858", name: "Uruguay" },
      { numeric: "702", name: "Singapore" },
      { numeric: "344", name: "Hong Kong, China" },
      { numeric: "446", name: "Macao, China" },
    ]);
    expect(memberPath(svg, "Uruguay")).toMatch(/^M[\d.]/);
    for (const name of ["Singapore", "Hong Kong, China", "Macao, China"]) {
      expect(svg).toMatch(new RegExp(`<circle class="member-point"[^>]* cx="[\\d.]+" cy="[\\d.]+" r="[\\d.]+"><title>${name}</title></circle>`));
    }
    expect(svg.match(/class="member"/g)).toHaveLength(1);
    expect(svg.match(/class="member-point"/g)).toHaveLength(3);
  });

  it("draws a member shape instead of its grey land shape", () => {
    const uruguay = memberPath(render([{ numeric: "858", name: "Uruguay" }]), "Uruguay") ?? "";
    expect(uruguay.length).toBeGreaterThan(0);
    expect(landPath(render([{ numeric: "858", name: "Uruguay" }]))).not.toContain(uruguay);
    expect(landPath(render([]))).toContain(uruguay);
  });

  it("escapes names, title and description", () => {
    const svg = renderMembersMap({
      members: [
        { numeric: "858", name: '<b>&"x"' },
        { numeric: "384", name: "Côte d'Ivoire" },
      ],
      title: "A <i>map</i> & more",
      description: "</desc><script>alert(1)</script>",
    });
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("<title>&lt;b&gt;&amp;&quot;x&quot;</title>");
    expect(svg).toContain("<title>Côte d&#39;Ivoire</title>");
    expect(svg).toContain('<title id="map-title">A &lt;i&gt;map&lt;/i&gt; &amp; more</title>');
    expect(svg).not.toContain("<script");
    assertBalancedTags(svg);
  });

  it("escapeXml handles all five special characters", () => {
    expect(escapeXml(`<>&"'`)).toBe("&lt;&gt;&amp;&quot;&#39;");
    expect(escapeXml("plain")).toBe("plain");
  });

  it("has no member elements without members", () => {
    const svg = render([]);
    expect(svg).not.toContain('class="member"');
    expect(svg).not.toContain("member-point");
    expect(landPath(svg).length).toBeGreaterThan(1000);
    assertBalancedTags(svg);
  });

  it("skips null, unknown and repeated codes", () => {
    const svg = render([
      { numeric: null, name: "European Union" },
      { numeric: "999", name: "Nowhere" },
      { numeric: "858", name: "Uruguay" },
      { numeric: "858", name: "Uruguay again" },
    ]);
    expect(svg).not.toContain("European Union");
    expect(svg).not.toContain("Nowhere");
    expect(svg).not.toContain("Uruguay again");
    expect(svg.match(/class="member"/g)).toHaveLength(1);
  });

  it("keeps a 95-member map small", () => {
    expect(MEMBERS_95).toHaveLength(95);
    const svg = render(MEMBERS_95);
    const gzipped = gzipSync(svg).length;
    expect(gzipped).toBeLessThan(35_000);
    // Every member code in the list is known to the map data.
    const drawn = (svg.match(/class="member"/g)?.length ?? 0) + (svg.match(/class="member-point"/g)?.length ?? 0);
    expect(drawn).toBe(95);
  });

  it("is CSP-safe: no style attribute, style element or script", () => {
    const svg = render(MEMBERS_95);
    expect(svg).not.toMatch(/\sstyle=/);
    expect(svg).not.toContain("<style");
    expect(svg).not.toContain("<script");
    expect(svg).not.toMatch(/\son[a-z]+=/);
  });

  it("writes compact, valid path data", () => {
    const svg = render(MEMBERS_95);
    for (const [, d] of svg.matchAll(/ d="([^"]*)"/g)) {
      expect(d).toMatch(/^M[-\d. Mmlz]+$/);
      expect(d).not.toContain("NaN");
    }
    expect(svg).not.toMatch(/c[xy]="NaN"/);
  });

  it("renders the same output every time", () => {
    expect(render(MEMBERS_95)).toBe(render(MEMBERS_95));
  });
});
