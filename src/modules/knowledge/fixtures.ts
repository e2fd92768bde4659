import { fileURLToPath } from "node:url";
import { systemActor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { formValuesOf } from "../../i18n/content.js";
import * as repo from "./repo.js";
import { seedKnowledge } from "./service.js";

/** A few guides, topics, terms and tools of our own, in the demo content's format, for tests. */
export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

/** Loads the fixtures (idempotent), through the same loader as the demo content. */
export const seedKnowledgeFixtures = (db: Db) => seedKnowledge(systemActor("seed"), db, FIXTURES);

/** A guide's edit form as the page shows it (sending it back changes nothing), for tests. */
export async function guideFormOf(db: Db, slug: string): Promise<Record<string, string>> {
  const row = await repo.findGuide(db, slug);
  if (!row) throw new Error(`no guide ${slug}`);
  const links = await repo.guideLinks(db, slug);
  return {
    ...formValuesOf("body", row.body),
    audience: row.audience,
    track: row.track ?? "",
    steps: row.steps ? "yes" : "",
    status: row.status,
    owner: row.owner_org ?? "secretariat",
    topics: links.topics.join(" "),
    tools: links.tools.join(" "),
    glossary: links.glossary.join(" "),
    related: links.related.join(" "),
    sources: row.sources.map((s) => `${s.label} | ${s.url}`).join("\n"),
  };
}
