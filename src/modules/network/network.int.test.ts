import { parse } from "csv-parse/sync";
import { scopeGrants } from "../../actor.js";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/db.js";
import { type Actor, PUBLIC, type Role, systemActor } from "../../actor.js";
import { buildApp } from "../../app.js";
import { loadConfig } from "../../config.js";
import type { App } from "../../module.js";
import { historyOf } from "../audit/service.js";
import { modules } from "../index.js";
import { networkModule } from "./index.js";
import * as network from "./service.js";

let database: Awaited<ReturnType<typeof testDatabase>>;
let db: Awaited<ReturnType<typeof testDatabase>>["db"];
beforeAll(async () => {
  database = await testDatabase();
  db = database.db;
  // The test template is seeded from the registered modules only; this one may not be yet.
  await network.seedOrganizations(systemActor("seed"), db);
});
afterAll(() => database.close());

let nextId = 1;
/** A signed-in user with a role and, for a delegate or partner, the one thing they act for. */
function user(role: Role, scope: { organization?: string; economy?: string } = {}): Actor {
  const id = nextId++;
  return {
    kind: "user",
    id,
    email: `${role}${id}@example.org`,
    name: `${role[0]?.toUpperCase()}${role.slice(1)} Person ${id}`,
    role,
    grants: scopeGrants(scope),
    via: "session",
  };
}

/** A profile edit with these texts (the other languages left as they are). */
const profile = (texts: Record<string, string>) => Object.fromEntries(Object.entries(texts).map(([lang, text]) => [lang, { text }]));
/** The stored profile texts of an organization, per language. */
const texts = async (slug: string) => {
  const stored = (await row(slug))?.profile as { values: Record<string, { text: string }> };
  return Object.fromEntries(Object.entries(stored.values).map(([lang, v]) => [lang, v.text]));
};

const row = (slug: string) => sql<Record<string, unknown>>`select * from organizations where slug = ${slug}`.execute(db).then((r) => r.rows[0]);
const auditCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db)).rows[0]?.n);

describe("seedOrganizations", () => {
  it("loads the 17 participants of 2022, each with its source and website", async () => {
    const { items, total } = await network.listOrganizations(PUBLIC, db, { lang: "en" });
    expect(total).toBe(17);
    expect(items.map((o) => o.slug).sort()).toEqual(
      ["adb", "eclac", "ebrd", "escap", "escwa", "idb", "ilo", "itc", "itu", "oecd", "uncitral", "unece", "uneca", "unido", "wco", "wipo", "world-bank"].sort(),
    );
    for (const o of items) {
      expect(o.source).toBe("MSME Group Annual Report 2022 (draft), Trade4MSMEs Network");
      expect(o.website).toMatch(/^https:\/\/[a-z.]+\.[a-z]+$/);
      expect(o.verifiedOn).toBeNull();
    }
    const kinds: Record<string, number> = {};
    for (const o of items) kinds[o.kind] = (kinds[o.kind] ?? 0) + 1;
    expect(kinds).toEqual({ development_bank: 4, international_organization: 8, regional_commission: 5 });
  });

  it("names each organization as it names itself in English, French and Spanish", async () => {
    const itc = await network.getOrganization(PUBLIC, db, "itc", "fr");
    expect(itc).toMatchObject({ name: "Centre du commerce international", acronym: "ITC", website: "https://intracen.org" });
    expect(itc.names.es).toBe("Centro de Comercio Internacional");
    const acronyms = async (slug: string) => (await network.getOrganization(PUBLIC, db, slug, "en")).acronyms;
    expect(await acronyms("ilo")).toEqual({ en: "ILO", fr: "OIT", es: "OIT" });
    expect(await acronyms("oecd")).toEqual({ en: "OECD", fr: "OCDE", es: "OCDE" });
    expect(await acronyms("wco")).toEqual({ en: "WCO", fr: "OMD", es: "OMA" });
    expect(await acronyms("eclac")).toEqual({ en: "ECLAC", fr: "CEPALC", es: "CEPAL" });
    expect(await acronyms("uncitral")).toEqual({ en: "UNCITRAL", fr: "CNUDCI", es: "CNUDMI" });
  });

  it("is idempotent and keeps what a partner wrote", async () => {
    await network.updateOrganization(user("partner", { organization: "wco" }), db, "wco", {
      profile: profile({ en: "Customs tools for small traders." }),
      website: "https://www.wcoomd.org/en.aspx",
    });
    await network.updateOrganization(user("partner", { organization: "ilo" }), db, "ilo", { profile: profile({ fr: "Revu par son partenaire." }) });
    const before = await auditCount();
    expect(await network.seedOrganizations(systemActor("seed"), db)).toEqual({ organizations: 17, created: 0, updated: 0 });
    expect(await auditCount()).toBe(before);
    expect(await row("wco")).toMatchObject({ website: "https://www.wcoomd.org/en.aspx" });
    expect(await texts("wco")).toEqual({ en: "Customs tools for small traders." });
    expect((await texts("ilo")).fr).toBe("Revu par son partenaire.");
  });

  it("writes the demo profiles: every language given is current, the others missing", async () => {
    const adb = await network.getOrganization(PUBLIC, db, "adb", "fr");
    expect(adb).toMatchObject({ descriptionLang: "en", descriptionSourceLang: "en", translations: { en: { status: "current" }, fr: { status: "missing" }, es: { status: "missing" } } });
    expect(adb.description).toMatch(/^The Asian Development Bank/);
    const es = await network.getOrganization(PUBLIC, db, "ilo", "es");
    expect(es).toMatchObject({ descriptionLang: "es", translations: { en: { status: "current" }, es: { status: "current" } } });
    expect(es.description).toMatch(/^La Organización Internacional del Trabajo/);
  });

  it("puts back a curated name someone changed, and records it", async () => {
    await sql`update organizations set name_en = 'Something else' where slug = 'itu'`.execute(db);
    expect(await network.seedOrganizations(systemActor("seed"), db)).toMatchObject({ created: 0, updated: 1 });
    expect((await row("itu"))?.name_en).toBe("International Telecommunication Union");
    const [last] = (await historyOf(db, { entity: "organization", entityId: "itu" })).entries;
    expect(last).toMatchObject({ actor: "system:seed", action: "update" });
    expect(last?.before).toMatchObject({ name_en: "Something else" });
  });

  it("is refused to anyone but the platform itself", async () => {
    await expect(network.seedOrganizations(PUBLIC, db)).rejects.toMatchObject({ status: 401 });
    await expect(network.seedOrganizations(user("admin"), db)).rejects.toMatchObject({ status: 403 });
  });
});

describe("reading the Network", () => {
  it("is open to the public: list, search in any language, one profile", async () => {
    const es = await network.listOrganizations(PUBLIC, db, { lang: "es", q: "cepal" });
    expect(es.items.map((o) => o.slug)).toEqual(["eclac"]);
    expect(es.items[0]?.name).toBe("Comisión Económica para América Latina y el Caribe");
    // Accents and case do not matter; a % is text, not a wildcard.
    expect((await network.listOrganizations(PUBLIC, db, { lang: "fr", q: "DEVELOPPEMENT INDUSTRIEL" })).items.map((o) => o.slug)).toEqual(["unido"]);
    expect((await network.listOrganizations(PUBLIC, db, { lang: "en", q: "%" })).total).toBe(0);
    expect((await network.listOrganizations(PUBLIC, db, { lang: "en", kind: "regional_commission" })).total).toBe(5);
  });

  it("sorts by name in the reader's language", async () => {
    for (const lang of ["en", "fr", "es"] as const) {
      const names = (await network.listOrganizations(PUBLIC, db, { lang })).items.map((o) => o.name);
      expect(names).toEqual([...names].sort(new Intl.Collator(lang, { sensitivity: "base" }).compare));
    }
  });

  it("answers 404 for an unknown organization", async () => {
    await expect(network.getOrganization(PUBLIC, db, "nowhere", "en")).rejects.toMatchObject({ status: 404 });
  });

  it("offers choices and checks slugs for the accounts module", async () => {
    const choices = await network.listOrganizationChoices(db, "fr");
    expect(choices).toHaveLength(17);
    expect(choices).toContainEqual({ slug: "wipo", name: "Organisation Mondiale de la Propriété Intellectuelle (OMPI)" });
    expect(choices).toContainEqual({ slug: "world-bank", name: "Banque mondiale" });
    expect(await network.organizationExists(db, "itc")).toBe(true);
    expect(await network.organizationExists(db, "wto")).toBe(false);
  });
});

describe("updateOrganization", () => {
  it("is refused to the public (401) and changes nothing", async () => {
    const before = await row("itc");
    await expect(network.updateOrganization(PUBLIC, db, "itc", { profile: profile({ en: "x" }) })).rejects.toMatchObject({ status: 401 });
    expect(await row("itc")).toEqual(before);
  });

  it("lets a partner update their own organization, with before and after in the audit log", async () => {
    const partner = user("partner", { organization: "itc" });
    const after = await network.updateOrganization(partner, db, "itc", {
      profile: profile({ en: "  Helps small firms trade: market analysis tools and trade information.  ", fr: "Aide les petites entreprises à exporter.", es: "" }),
    });
    expect(after.profile).toMatchObject({
      source: "en",
      values: { en: { text: "Helps small firms trade: market analysis tools and trade information." }, fr: { text: "Aide les petites entreprises à exporter." } },
    });
    expect(after.profile.values.es).toBeUndefined();
    const [entry] = (await historyOf(db, { entity: "organization", entityId: "itc" })).entries;
    expect(entry).toMatchObject({ actor: partner.kind === "user" ? partner.email : "", action: "update" });
    // The trail shows the profile per language, with each language's status.
    expect(entry?.before).toMatchObject({ slug: "itc" });
    expect(entry?.before).not.toHaveProperty("profile.en");
    expect(entry?.after).toMatchObject({
      slug: "itc",
      "profile.source": "en",
      "profile.fr": "Aide les petites entreprises à exporter.",
      "profile.fr.status": "current",
    });
    // Falls back to another language where the profile is not translated yet.
    expect(await network.getOrganization(PUBLIC, db, "itc", "es")).toMatchObject({ description: "Helps small firms trade: market analysis tools and trade information.", descriptionLang: "en" });
  });

  it("writes nothing when nothing changes", async () => {
    const partner = user("partner", { organization: "itc" });
    const before = await auditCount();
    await network.updateOrganization(partner, db, "itc", { website: "https://intracen.org" });
    expect(await auditCount()).toBe(before);
  });

  it("answers another organization's partner as if the record did not exist (404), and changes nothing", async () => {
    const partner = user("partner", { organization: "itc" });
    const before = await row("oecd");
    const history = (await historyOf(db, { entity: "organization", entityId: "oecd" })).entries;
    await expect(network.updateOrganization(partner, db, "oecd", { profile: profile({ en: "Not mine" }) })).rejects.toMatchObject({ status: 404 });
    await expect(network.verifyOrganization(partner, db, "oecd")).rejects.toMatchObject({ status: 404 });
    expect(await row("oecd")).toEqual(before);
    expect((await historyOf(db, { entity: "organization", entityId: "oecd" })).entries).toEqual(history);
  });

  it("refuses a partner the names, acronyms, kind and source of their own organization", async () => {
    const partner = user("partner", { organization: "itc" });
    for (const input of [{ name_en: "ITC!" }, { acronym_fr: "CCI" }, { kind: "development_bank" }, { source: "me" }]) {
      await expect(network.updateOrganization(partner, db, "itc", input)).rejects.toMatchObject({ status: 403 });
    }
    expect((await row("itc"))?.name_en).toBe("International Trade Centre");
  });

  it("refuses a member's delegate (403)", async () => {
    const delegate = user("delegate", { economy: "UY" });
    await expect(network.updateOrganization(delegate, db, "itc", { profile: profile({ en: "x" }) })).rejects.toMatchObject({ status: 403 });
    await expect(network.verifyOrganization(delegate, db, "itc")).rejects.toMatchObject({ status: 403 });
    await expect(network.getOrganizationForEdit(delegate, db, "itc")).rejects.toMatchObject({ status: 403 });
  });

  it("lets an editor of the Secretariat update any organization, names included", async () => {
    const editor = user("editor");
    const earlier = ((await historyOf(db, { entity: "organization", entityId: "oecd" })).entries).length;
    await network.updateOrganization(editor, db, "oecd", { profile: profile({ fr: "Analyses et données sur les PME." }), name_en: "OECD (renamed)" });
    expect(await row("oecd")).toMatchObject({ name_en: "OECD (renamed)" });
    expect(await texts("oecd")).toEqual({ fr: "Analyses et données sur les PME." });
    await network.updateOrganization(editor, db, "oecd", { name_en: "Organisation for Economic Co-operation and Development" });
    const history = (await historyOf(db, { entity: "organization", entityId: "oecd" })).entries;
    expect(history).toHaveLength(earlier + 2);
    expect(history[0]).toMatchObject({ actor: editor.kind === "user" ? editor.email : "", action: "update" });
    expect(history[0]?.before).toMatchObject({ name_en: "OECD (renamed)" });
  });

  it("rejects bad input field by field and writes nothing", async () => {
    const partner = user("partner", { organization: "idb" });
    const before = await row("idb");
    const audit = await auditCount();
    const error = await network
      .updateOrganization(partner, db, "idb", { website: "http://www.iadb.org", profile: profile({ en: "x".repeat(2001) }) })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, code: "invalid_input" });
    const fields = (error as { fields: { field: string; message: string }[] }).fields;
    expect(fields.map((f) => f.field).sort()).toEqual(["profile.en.text", "website"]);
    expect(fields.find((f) => f.field === "profile.en.text")).toMatchObject({ message: "validation.too_big", values: { maximum: 2000 } });
    // Exactly the limit is fine (and line ends count as one character, as in the browser).
    const longest = `${"x".repeat(1000)}\r\n${"y".repeat(999)}`;
    await expect(network.updateOrganization(partner, db, "idb", { profile: profile({ de: "Hallo", en: "Hello" }) })).rejects.toMatchObject({
      status: 400,
      fields: [{ field: "profile.de", message: "validation.unknownLanguage" }],
    });
    await expect(network.updateOrganization(partner, db, "idb", { profile: { en: { text: "Hi", draft: "yes" } } })).rejects.toMatchObject({
      status: 400,
      fields: [{ field: "profile.en.draft" }],
    });
    for (const website of ["javascript:alert(1)", "https://", "not a url", "ftp://iadb.org"]) {
      await expect(network.updateOrganization(partner, db, "idb", { website })).rejects.toMatchObject({ status: 400 });
    }
    await expect(network.updateOrganization(partner, db, "idb", { colour: "red" })).rejects.toMatchObject({ status: 400 });
    await expect(network.updateOrganization(partner, db, "idb", "website=x")).rejects.toMatchObject({ status: 400 });
    expect(await row("idb")).toEqual(before);
    expect(await auditCount()).toBe(audit);
    await network.updateOrganization(partner, db, "idb", { profile: profile({ en: longest }) });
    expect((await texts("idb")).en).toHaveLength(2000);
  });

  it("keeps the original under its translations: it cannot be emptied alone, nor moved to a language without text", async () => {
    const partner = user("partner", { organization: "unido" });
    await network.updateOrganization(partner, db, "unido", { profile: profile({ en: "Original", fr: "Traduction" }) });
    const before = await row("unido");
    await expect(network.updateOrganization(partner, db, "unido", { profile: profile({ en: "" }) })).rejects.toMatchObject({
      status: 400,
      fields: [{ field: "profile.en.text", message: "content.errors.sourceCleared" }],
    });
    await expect(network.updateOrganization(partner, db, "unido", { profile: { source: "es" } })).rejects.toMatchObject({
      status: 400,
      fields: [{ field: "profile.source", message: "content.errors.sourceWithoutText" }],
    });
    expect(await row("unido")).toEqual(before);
    // Moved to French first, the English may go.
    await network.updateOrganization(partner, db, "unido", { profile: { source: "fr", en: { text: "" } } });
    expect(await network.getOrganization(PUBLIC, db, "unido", "en")).toMatchObject({ description: "Traduction", descriptionLang: "fr", descriptionSourceLang: "fr" });
  });

  it("answers 404 to the Secretariat for an unknown organization", async () => {
    await expect(network.updateOrganization(user("admin"), db, "nowhere", { profile: profile({ en: "x" }) })).rejects.toMatchObject({ status: 404 });
  });

  it("tells an edit screen which fields the actor may change", async () => {
    const partner = user("partner", { organization: "wipo" });
    const forPartner = await network.getOrganizationForEdit(partner, db, "wipo");
    expect(forPartner.values).toMatchObject({ slug: "wipo", name_fr: "Organisation Mondiale de la Propriété Intellectuelle" });
    expect(forPartner.editable.sort()).toEqual(["profile", "website"]);
    expect((await network.getOrganizationForEdit(user("editor"), db, "wipo")).editable).toContain("name_en");
    expect(network.editableFields(partner, "itc")).toEqual([]);
  });
});

describe("verifyOrganization", () => {
  it("records today and the name of the person who checked the profile", async () => {
    const partner = user("partner", { organization: "itc" });
    const verified = await network.verifyOrganization(partner, db, "itc");
    const today = new Date().toISOString().slice(0, 10);
    const name = partner.kind === "user" ? partner.name : "";
    expect(name).toMatch(/^Partner Person \d+$/);
    expect(verified).toMatchObject({ verified_on: today, verified_by: name });
    expect(await network.getOrganization(PUBLIC, db, "itc", "en")).toMatchObject({ verifiedOn: today, verifiedBy: name });
    const [entry] = (await historyOf(db, { entity: "organization", entityId: "itc" })).entries;
    expect(entry?.before).toMatchObject({ verified_on: null, verified_by: null });
    expect(entry?.after).toMatchObject({ verified_on: today });
  });

  it("is refused to the public", async () => {
    await expect(network.verifyOrganization(PUBLIC, db, "itc")).rejects.toMatchObject({ status: 401 });
  });
});

describe("createOrganization", () => {
  const input = {
    slug: "unctad",
    acronym_en: "UNCTAD",
    acronym_fr: "CNUCED",
    acronym_es: "UNCTAD",
    name_en: "United Nations Conference on Trade and Development",
    name_fr: "Conférence des Nations Unies sur le commerce et le développement",
    name_es: "Conferencia de las Naciones Unidas sobre Comercio y Desarrollo",
    kind: "international_organization",
    website: "https://unctad.org",
    source: "test",
  };

  it("is for the Secretariat only", async () => {
    await expect(network.createOrganization(PUBLIC, db, input)).rejects.toMatchObject({ status: 401 });
    await expect(network.createOrganization(user("partner", { organization: "itc" }), db, input)).rejects.toMatchObject({ status: 403 });
    expect(await network.organizationExists(db, "unctad")).toBe(false);
  });

  it("adds a participant once, and refuses the same slug again", async () => {
    const admin = user("admin");
    expect(await network.createOrganization(admin, db, input)).toMatchObject({ slug: "unctad", verified_on: null, profile: { values: {} } });
    expect(((await historyOf(db, { entity: "organization", entityId: "unctad" })).entries)[0]).toMatchObject({ action: "create", before: null });
    await expect(network.createOrganization(admin, db, input)).rejects.toMatchObject({ status: 409, fields: [{ field: "slug" }] });
    await expect(network.createOrganization(admin, db, { ...input, slug: "Bad Slug", network_joined_on: "2020-01-01" })).rejects.toMatchObject({
      status: 400,
      fields: [{ field: "slug" }, { field: "network_joined_on" }],
    });
    await sql`delete from organizations where slug = 'unctad'`.execute(db);
  });
});

describe("the database itself", () => {
  it("refuses what the schemas refuse, whoever writes", async () => {
    const insert = (values: Record<string, string | null>) =>
      sql`insert into organizations (slug, acronym_en, acronym_fr, acronym_es, name_en, name_fr, name_es, kind, website, source)
          values (${values.slug ?? "x-org"}, 'X', 'X', 'X', 'X', 'X', 'X', ${values.kind ?? "development_bank"}, ${values.website ?? "https://x.org"}, 'test')`.execute(db);
    await expect(insert({ slug: "Bad" })).rejects.toThrow(/check/);
    await expect(insert({ website: "http://x.org" })).rejects.toThrow(/check/);
    await expect(insert({ kind: "club" })).rejects.toThrow(/check/);
    await expect(sql`update organizations set verified_on = '2026-01-01' where slug = 'adb'`.execute(db)).rejects.toThrow(/check/);
  });

  it("keeps every profile a translatable text of at most 2000 characters per language", async () => {
    const stamp = "2026-12-01T09:00:00.000Z";
    const set = (value: unknown) => sql`update organizations set profile = ${JSON.stringify(value)}::jsonb where slug = 'wipo'`.execute(db);
    const valid = [
      { values: {} },
      { source: "en", values: { en: { text: "x".repeat(2000), editedAt: stamp } } },
      // A language the platform does not have yet needs no migration.
      { source: "de", values: { de: { text: "Hallo", editedAt: stamp, draft: true }, en: { text: "Hi", editedAt: stamp } } },
    ];
    for (const value of valid) await set(value);
    const invalid = [
      [],
      "text",
      {},
      { values: [] },
      { source: "en", values: {} },
      { values: { en: { text: "Hi", editedAt: stamp } } },
      { source: "fr", values: { en: { text: "Hi", editedAt: stamp } } },
      { source: "en", values: { en: { text: "x".repeat(2001), editedAt: stamp } } },
      { source: "en", values: { en: { text: "", editedAt: stamp } } },
      { source: "en", values: { en: { text: 1, editedAt: stamp } } },
      { source: "en", values: { en: { text: "Hi", editedAt: "yesterday" } } },
      { source: "en", values: { en: { text: "Hi" } } },
      { source: "en", values: { en: { text: "Hi", editedAt: stamp, draft: "yes" } } },
      { source: "en", values: { en: { text: "Hi", editedAt: stamp, colour: "red" } } },
      { source: "EN", values: { EN: { text: "Hi", editedAt: stamp } } },
      { source: "en", values: { en: { text: "Hi", editedAt: stamp } }, extra: 1 },
    ];
    for (const value of invalid) await expect(set(value), JSON.stringify(value).slice(0, 60)).rejects.toThrow(/organizations_profile_shape/);
    await set({ values: {} });
  });
});

describe("routes", () => {
  let app: App;
  beforeAll(async () => {
    app = await buildApp({ config: loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" }), database, logger: false });
    // Until the module is listed in src/modules/index.ts, register its routes here.
    if (!modules.includes(networkModule)) await networkModule.routes?.(app, { config: loadConfig({ NODE_ENV: "test" }), db });
    await app.ready();
  });
  afterAll(() => app.close());
  const get = (url: string) => app.inject({ method: "GET", url });

  it("lists the organizations as JSON and CSV", async () => {
    const res = await get("/api/v1/organizations?lang=fr&kind=development_bank");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((o: { acronym: string }) => o.acronym)).toEqual(["BAsD", "BERD", "BID", "Banque mondiale"]);
    const csv = await get("/api/v1/organizations.csv?lang=es");
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    const records = parse(csv.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(17);
    expect(csv.body).toContain("eclac,Comisión Económica para América Latina y el Caribe,CEPAL");
    // The profile in the list's language, else its original, with the statuses per language.
    expect(records.find((r) => r.slug === "adb")).toMatchObject({ description_lang: "en", description_source_lang: "en", description_status_en: "current", description_status_es: "missing" });
    expect(records.find((r) => r.slug === "ilo")).toMatchObject({ description_lang: "es", description_status_es: "current" });
    expect(records.find((r) => r.slug === "ilo")?.description).toMatch(/^La Organización Internacional del Trabajo/);
    expect((await get("/api/v1/organizations?kind=club")).statusCode).toBe(400);
  });

  it("gives one organization, 404 for an unknown one", async () => {
    expect((await get("/api/v1/organizations/wco?lang=es")).json()).toMatchObject({ acronym: "OMA", name: "Organización Mundial de Aduanas" });
    const missing = await get("/api/v1/organizations/nowhere");
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect((await get("/api/v1/organizations/NOT%20A%20SLUG")).statusCode).toBe(404);
  });

  it("shows the Network page in each language, the count taken from the data", async () => {
    for (const [lang, lede] of [["en", "Launched on June 8, 2022, the Trade4MSMEs Network counts 17 participants"], ["fr", "Lancé le 8 juin 2022, le Réseau Trade4MSMEs compte 17 participants"], ["es", "Creada el 8 de junio de 2022, la Red Trade4MSMEs cuenta con 17 participantes"]]) {
      const res = await get(`/${lang}/network`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toContain(lede);
      const rows = res.body.split("<tbody>")[1]?.split("</tbody>")[0]?.match(/<tr>/g) ?? [];
      expect(rows).toHaveLength(17);
    }
    const filtered = await get("/fr/network?kind=regional_commission&q=");
    expect(filtered.body).toContain("compte 17 participants");
    expect(filtered.body).toContain("5 participants");
    const bad = await get("/en/network?kind=club");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#field-kind"');
  });

  it("shows a profile with its verification, and sends upper-case slugs to the canonical address", async () => {
    await network.verifyOrganization(user("partner", { organization: "itc" }), db, "itc");
    const res = await get("/en/network/itc");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<h1>International Trade Centre (ITC)</h1>");
    expect(res.body).toContain('href="https://intracen.org"');
    expect(res.body).toMatch(/Last verified on [A-Z][a-z]+ \d+, \d{4} by Partner Person/);
    expect((await get("/es/network/oecd")).body).toContain("Aún no verificado");
    const upper = await get("/en/network/ITC");
    expect(upper.statusCode).toBe(301);
    expect(upper.headers.location).toBe("/en/network/itc");
    expect((await get("/fr/network/nowhere")).statusCode).toBe(404);
  });
});
