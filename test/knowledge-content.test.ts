/**
 * The knowledge platform's demo content (data/demo/knowledge/): every file has the shape the
 * loader expects, every slug a file names exists, and the translations that are missing or
 * outdated are exactly the ones left so on purpose (so that the fallback notes and the translation
 * queue have something real to show). Plain files, no database.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const ROOT = join(import.meta.dirname, "..", "data", "demo");
const DIR = join(ROOT, "knowledge");
const LANGS = ["en", "fr", "es"] as const;
type Lang = (typeof LANGS)[number];

/** Left without a translation on purpose: guide slug → the languages that have no file. */
const INTENDED_MISSING: Record<string, Lang[]> = {
  "competition-policy-and-msmes": ["es"],
  "investment-facilitation-and-msmes": ["es"],
  "reverse-logistics-policy": ["fr"],
  "trade-remedies-and-small-firms": ["fr"],
};
/** Marked outdated on purpose: the translation lacks the English version's latest section. */
const INTENDED_OUTDATED: Record<string, Lang[]> = {
  "does-my-product-qualify-for-a-lower-tariff": ["fr"],
  "what-rules-apply-to-my-product": ["es"],
  "how-do-i-get-paid": ["fr"],
};
/** Glossary definitions left missing in one language on purpose. */
const INTENDED_MISSING_DEFINITIONS: Record<string, Lang[]> = {
  "open-account": ["es"],
  lei: ["es"],
  "ata-carnet": ["fr"],
};

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const text = z.string().trim().min(1);
const trilingual = z.object({ en: text, fr: text, es: text }).strict();
const url = z.url({ protocol: /^https$/ });
const isoDate = z.iso.date();

const Topic = z
  .object({ slug, added2022: z.boolean(), title: trilingual, summary: trilingual, source: text })
  .strict();
const Term = z
  .object({
    slug,
    term: trilingual,
    definition: z.object({ en: text, fr: text.optional(), es: text.optional() }).strict(),
    source: url,
  })
  .strict();
const Tool = z
  .object({
    slug,
    name: trilingual,
    owner: slug.nullable(),
    ownerName: text.optional(),
    question: trilingual,
    languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
    cost: z.enum(["free", "free-registration", "paid"]),
    url,
    source: url,
  })
  .strict();
const GuideMeta = z
  .object({
    slug,
    audience: z.enum(["business", "policymaker"]),
    track: z.enum(["goods", "services", "both"]).nullable(),
    topics: z.array(slug).min(1),
    owner: slug,
    related: z.array(slug),
    tools: z.array(slug),
    glossary: z.array(slug),
    steps: z.boolean(),
    sources: z.array(z.object({ label: text, url }).strict()).min(1).max(3),
    verified: z.object({ by: text, on: isoDate }).strict().nullable(),
    sourceLang: z.literal("en"),
    outdated: z.array(z.enum(["fr", "es"])),
  })
  .strict();

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, "utf8"));
const organizations = new Set(z.array(z.object({ slug }).loose()).parse(readJson(join(ROOT, "organizations.json"))).map((o) => o.slug));
const topics = z.array(Topic).parse(readJson(join(DIR, "topics.json")));
const glossary = z.array(Term).parse(readJson(join(DIR, "glossary.json")));
const tools = z.array(Tool).parse(readJson(join(DIR, "tools.json")));
const guideDirs = readdirSync(join(DIR, "guides"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const guides = guideDirs.map((dir) => {
  const meta = GuideMeta.parse(readJson(join(DIR, "guides", dir, "meta.json")));
  const bodies: Partial<Record<Lang, string>> = {};
  for (const lang of LANGS) {
    const file = join(DIR, "guides", dir, `${lang}.md`);
    if (existsSync(file)) bodies[lang] = readFileSync(file, "utf8");
  }
  return { dir, meta, bodies };
});

const slugs = <T extends { slug: string }>(items: T[]) => new Set(items.map((i) => i.slug));
const unique = (values: string[]) => new Set(values).size === values.length;
/** Words of a Markdown text, link targets left out. */
const wordCount = (md: string) => (md.replace(/\]\([^)]*\)/g, "]").match(/[\p{L}\p{N}]+/gu) ?? []).length;
const sections = (md: string) => md.split("\n").filter((l) => l.startsWith("## "));

describe("knowledge demo content", () => {
  it("has 20 unique topics, the 10 added in 2022 among them", () => {
    expect(topics).toHaveLength(20);
    expect(unique(topics.map((t) => t.slug))).toBe(true);
    expect(topics.filter((t) => t.added2022).map((t) => t.slug).sort()).toEqual(
      [
        "competition-policy",
        "exchange-rates",
        "government-procurement",
        "investment-facilitation",
        "paperless-trade-standards",
        "regional-trade-agreements",
        "reverse-logistics",
        "think-small-first",
        "trade-remedies",
        "voluntary-sustainability-standards",
      ].sort(),
    );
  });

  it("has at least 60 unique glossary terms, defined in every language except the intended gaps", () => {
    expect(glossary.length).toBeGreaterThanOrEqual(60);
    expect(unique(glossary.map((t) => t.slug))).toBe(true);
    const gaps: Record<string, Lang[]> = {};
    for (const t of glossary) {
      const missing = LANGS.filter((l) => t.definition[l] === undefined);
      if (missing.length > 0) gaps[t.slug] = missing;
    }
    expect(gaps).toEqual(INTENDED_MISSING_DEFINITIONS);
  });

  it("lists tools whose owner is a Network organization, or names the owner when it is not one", () => {
    expect(unique(tools.map((t) => t.slug))).toBe(true);
    for (const t of tools) {
      if (t.owner === null) expect(t.ownerName, t.slug).toBeTruthy();
      else expect(organizations.has(t.owner), `${t.slug}: owner ${t.owner}`).toBe(true);
    }
  });

  it("gives every guide a meta.json that matches its folder and names only slugs that exist", () => {
    const guideSlugs = new Set(guideDirs);
    const topicSlugs = slugs(topics);
    const termSlugs = slugs(glossary);
    const toolSlugs = slugs(tools);
    for (const { dir, meta } of guides) {
      expect(meta.slug).toBe(dir);
      expect(meta.owner === "secretariat" || organizations.has(meta.owner), `${dir}: owner ${meta.owner}`).toBe(true);
      for (const s of meta.topics) expect(topicSlugs.has(s), `${dir}: topic ${s}`).toBe(true);
      for (const s of meta.related) expect(guideSlugs.has(s) && s !== dir, `${dir}: related ${s}`).toBe(true);
      for (const s of meta.tools) expect(toolSlugs.has(s), `${dir}: tool ${s}`).toBe(true);
      for (const s of meta.glossary) expect(termSlugs.has(s), `${dir}: term ${s}`).toBe(true);
      for (const list of [meta.topics, meta.related, meta.tools, meta.glossary]) expect(unique(list), dir).toBe(true);
      // Business guides follow a goods or services track; policymaker guides have none.
      if (meta.audience === "business") expect(meta.track, dir).not.toBeNull();
      else expect(meta.track, dir).toBeNull();
    }
  });

  it("gives every topic at least one business guide and one policymaker guide", () => {
    for (const t of topics) {
      const inTopic = guides.filter((g) => g.meta.topics.includes(t.slug));
      expect(inTopic.some((g) => g.meta.audience === "business"), `${t.slug}: business`).toBe(true);
      expect(inTopic.some((g) => g.meta.audience === "policymaker"), `${t.slug}: policymaker`).toBe(true);
    }
    expect(guides.length).toBeGreaterThanOrEqual(40);
  });

  it("uses every tool in at least one guide", () => {
    const used = new Set(guides.flatMap((g) => g.meta.tools));
    expect(tools.map((t) => t.slug).filter((s) => !used.has(s))).toEqual([]);
  });

  it("leaves missing and outdated only the translations left so on purpose", () => {
    const missing: Record<string, Lang[]> = {};
    const outdated: Record<string, Lang[]> = {};
    for (const { dir, meta, bodies } of guides) {
      expect(bodies.en, `${dir}: en.md`).toBeDefined();
      const absent = LANGS.filter((l) => bodies[l] === undefined);
      if (absent.length > 0) missing[dir] = absent;
      if (meta.outdated.length > 0) outdated[dir] = meta.outdated;
      for (const l of meta.outdated) expect(bodies[l], `${dir}: outdated ${l} must exist`).toBeDefined();
    }
    expect(missing).toEqual(INTENDED_MISSING);
    expect(outdated).toEqual(INTENDED_OUTDATED);
  });

  it("lets a reader see what an outdated translation lacks: the English has a section more", () => {
    for (const [dir, langs] of Object.entries(INTENDED_OUTDATED)) {
      const g = guides.find((x) => x.dir === dir)!;
      for (const l of langs) expect(sections(g.bodies[l]!).length, `${dir}/${l}`).toBe(sections(g.bodies.en!).length - 1);
    }
  });

  it("writes each guide as a question title, a lede and sections, in plain Markdown of a readable length", () => {
    for (const { dir, meta, bodies } of guides) {
      for (const [lang, md] of Object.entries(bodies)) {
        const where = `${dir}/${lang}.md`;
        const lines = md.split("\n");
        expect(lines[0], where).toMatch(/^# \S.*\?$/);
        expect(lines[1], where).toBe("");
        expect(lines[2], where).toMatch(/^[^#\s-]/);
        expect(sections(md).length, where).toBeGreaterThanOrEqual(2);
        expect(md.split("\n").filter((l) => l.startsWith("# ")), where).toHaveLength(1);
        const words = wordCount(md);
        expect(words, where).toBeGreaterThanOrEqual(150);
        expect(words, where).toBeLessThanOrEqual(600);
        expect(md, `${where}: raw HTML`).not.toMatch(/<\/?[a-zA-Z!][^>]*>/);
        for (const m of md.matchAll(/\]\(([^)]*)\)/g)) expect(m[1], where).toMatch(/^https:\/\//);
        if (meta.steps) expect(sections(md).length, where).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it("uses each glossary term it lists in the text, so the loader can link its first occurrence", () => {
    const terms = new Map(glossary.map((t) => [t.slug, t.term]));
    const unlinked: string[] = [];
    for (const { dir, meta, bodies } of guides) {
      for (const lang of LANGS) {
        const md = bodies[lang];
        // An outdated translation may lack the section where a term first appears in English.
        if (md === undefined || meta.outdated.includes(lang as "fr" | "es")) continue;
        // As the renderer links: a whole word or phrase, any case, outside headings and link texts.
        let prose = md
          .split("\n")
          .filter((l) => !l.startsWith("#"))
          .join("\n")
          .replace(/\[[^\]]*\]\([^)]*\)/g, " ");
        // Longest terms first, and a linked occurrence is used up (as "tariff" inside "MFN tariff").
        const listed = meta.glossary.map((s) => terms.get(s)![lang]).sort((x, y) => y.length - x.length);
        for (const term of listed) {
          const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "iu");
          const m = pattern.exec(prose);
          if (m === null) unlinked.push(`${dir}/${lang}: "${term}"`);
          else prose = prose.slice(0, m.index) + " ".repeat(m[0].length) + prose.slice(m.index + m[0].length);
        }
      }
    }
    expect(unlinked).toEqual([]);
  });
});
