import { fileURLToPath } from "node:url";
import { systemActor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { seedKnowledge } from "./service.js";

/** A few guides, topics, terms and tools of our own, in the demo content's format, for tests. */
export const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

/** Loads the fixtures (idempotent), through the same loader as the demo content. */
export const seedKnowledgeFixtures = (db: Db) => seedKnowledge(systemActor("seed"), db, FIXTURES);
