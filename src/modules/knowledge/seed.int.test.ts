import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { type Actor, systemActor } from "../../actor.js";
import { FIXTURES, seedKnowledgeFixtures } from "./fixtures.js";
import { saveItem } from "./items.js";
import * as repo from "./repo.js";
import { seedKnowledge, seedOutcome } from "./service.js";

/**
 * Seeding again after the content files changed: the demo items the seed wrote follow their files;
 * an item an editor changed since is never overwritten.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let dir: string;
beforeAll(async () => {
  t = await testApp({ PAGE_CACHE_SECONDS: "0" });
  await seedKnowledgeFixtures(t.database.db);
  dir = await mkdtemp(join(tmpdir(), "t4m-knowledge-seed-"));
  await cp(FIXTURES, dir, { recursive: true });
});
afterAll(async () => {
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const editor: Actor = { kind: "user", id: 1, email: "editor@example.org", name: "Seed Test Editor", role: "editor", grants: [], via: "session" };
const seed = () => seedKnowledge(systemActor("seed"), t.database.db, dir);
const seedAudits = async () => Number((await sql<{ n: number }>`select count(*)::int as n from audit_log where actor like '%seed%'`.execute(t.database.db)).rows[0]?.n);
async function edit(file: string, change: (text: string) => string) {
  const path = join(dir, file);
  await writeFile(path, change(await readFile(path, "utf8")));
}

describe("seeding the content files again", () => {
  it("changes nothing when the files did not change", async () => {
    const before = await seedAudits();
    expect(await seed()).toEqual({ created: 0, updated: 0, kept: 0, skipped: false });
    expect(await seedAudits()).toBe(before);
  });

  it("updates the seeded items whose files changed, audited, and the search index with them", async () => {
    await edit("glossary.json", (s) => s.replace("The criteria that decide where a product comes from.", "The criteria that decide where a product comes from, product by product."));
    await edit("guides/export-rules-of-origin/en.md", (s) => `${s.trimEnd()}\n\nKeep the supplier's declarations: a zorbification audit may ask for them.\n`);
    const before = await seedAudits();
    expect(await seed()).toEqual({ created: 0, updated: 2, kept: 0, skipped: false });
    expect((await repo.findTerm(t.database.db, "rules-of-origin"))?.definition.values.en?.text).toBe("The criteria that decide where a product comes from, product by product.");
    const guide = await repo.findGuide(t.database.db, "export-rules-of-origin");
    expect(guide?.body.values.en?.text).toContain("zorbification");
    // The French translation stays marked outdated, as its file says; the page shows the new text.
    expect(guide?.basis.fr).not.toContain("zorbification");
    expect((await t.app.inject({ method: "GET", url: "/en/guides/export-rules-of-origin" })).body).toContain("zorbification audit");
    const found = (await t.app.inject({ method: "GET", url: "/api/v1/search?q=zorbification" })).json() as { items: { url: string }[] };
    expect(found.items.map((i) => i.url)).toEqual(["/en/guides/export-rules-of-origin"]);
    expect(await seedAudits()).toBe(before + 2);
    const audit = await sql<{ action: string }>`select action from audit_log where entity = 'glossary_term' and entity_id = 'rules-of-origin' order by id desc limit 1`.execute(t.database.db);
    expect(audit.rows[0]?.action).toBe("update");
    // And again: nothing more to do.
    expect(await seed()).toMatchObject({ created: 0, updated: 0, kept: 0 });
  });

  it("never overwrites what an editor changed since", async () => {
    const form = { owner: "secretariat", status: "published", source: "https://www.wto.org/english/tratop_e/tariffs_e/tariffs_e.htm" };
    await saveItem(editor, t.database.db, "glossary", "tariff", form, { definition: { en: { text: "A duty on imports, as the editor wrote it." } } });
    await edit("glossary.json", (s) => s.replace(/("slug": "tariff"[\s\S]*?"definition": \{"en": ")[^"]*/, "$1A tax on goods, as the files now say."));
    expect(await seed()).toEqual({ created: 0, updated: 0, kept: 1, skipped: false });
    expect((await repo.findTerm(t.database.db, "tariff"))?.definition.values.en?.text).toBe("A duty on imports, as the editor wrote it.");
  });

  it("decides from three hashes", () => {
    expect(seedOutcome("a", "a", "a")).toBe("same");
    expect(seedOutcome("a", null, "a")).toBe("adopt");
    expect(seedOutcome("a", "a", "b")).toBe("update");
    expect(seedOutcome("c", "a", "b")).toBe("kept");
    expect(seedOutcome("a", null, "b")).toBe("kept");
  });
});
