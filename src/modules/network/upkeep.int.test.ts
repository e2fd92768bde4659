import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { smtpServer } from "../../../test/smtp.js";
import { runJobsOnce } from "../../jobs/queue.js";
import { collectSchedules, collectTasks } from "../../jobs/worker.js";
import { loadPlatformConfig } from "../../platform.js";
import { modules } from "../index.js";
import { sendStalenessReports } from "./upkeep.js";

/** The Network's upkeep (participation, issue 12): the platform's own partners, join dates, the monthly staleness report. */
let t: Awaited<ReturnType<typeof testApp>>;
let smtp: Awaited<ReturnType<typeof smtpServer>>;
beforeAll(async () => {
  smtp = await smtpServer();
  t = await testApp({ JOBS: "false" });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});
const get = (url: string) => t.app.inject({ method: "GET", url });

describe("the platform's partners", () => {
  it("are shown on the Network's page apart from its participants, in each language", async () => {
    const en = await get("/en/network");
    const section = en.body.slice(en.body.indexOf('id="platform-partners-title"'));
    expect(section).toContain("UK Institute of Export and International Trade (IOE&amp;IT)</strong>: strategic partner");
    expect(section).toContain("Google</strong>: funding grant");
    expect(section).toContain("Trade Finance Global (TFG)</strong>: partner giving the platform greater visibility");
    const fr = await get("/fr/network");
    expect(fr.body).toContain("Partenaires de la plateforme");
    expect(fr.body).toContain("Google</strong>: subvention");
  });

  it("are in their own API, not among the organizations, whose entries carry a join date", async () => {
    const partners = JSON.parse((await get("/api/v1/platform-partners?lang=es")).body) as { items: { slug: string; role: string }[]; total: number };
    expect(partners.total).toBe(3);
    expect(partners.items.map((p) => p.slug).sort()).toEqual(["google", "ioe-it", "trade-finance-global"]);
    const organizations = JSON.parse((await get("/api/v1/organizations?limit=500")).body) as { items: Record<string, unknown>[]; total: number };
    expect(organizations.total).toBe(17);
    expect(organizations.items.some((o) => o.slug === "google")).toBe(false);
    // The report dates the Network's launch, not each participant's joining: the dates are kept unknown.
    expect(organizations.items.every((o) => o.joinedOn === null && o.networkJoinedOn === null)).toBe(true);
    expect((await get("/api/v1/platform-partners?colour=red")).statusCode).toBe(400);
  });
});

describe("the guides and tools an organization keeps current", () => {
  it("are listed on its page with links, and its record counts those verified in the window, in each language", async () => {
    await sql`update knowledge_guides set verified_on = current_date - 10, verified_by = 'Demo Partner at ITC' where slug = 'which-market-should-i-sell-to'`.execute(t.database.db);
    await sql`update knowledge_guides set verified_on = current_date - 400, verified_by = 'Demo Partner at ITC' where slug = 'should-i-get-a-sustainability-certification'`.execute(t.database.db);
    await sql`update knowledge_tools set verified_on = current_date - 500, verified_by = 'Demo Partner at ITC' where slug = 'trade-map'`.execute(t.database.db);
    const en = (await get("/en/network/itc")).body;
    const section = en.slice(en.indexOf('id="owned-title"'));
    expect(section).toContain('<a href="/en/guides/which-market-should-i-sell-to">');
    expect(section).toContain('<a href="/en/tools#tool-trade-map">');
    // Two guides and six tools; one verified 10 days ago, two 400 and 500 days ago (outside the 365-day window).
    expect(en).toMatch(/Keeps 1 of 8 items current \(verified in the last 365 days\); last verified on [A-Z][a-z]+ \d{1,2}, \d{4}</);
    expect(section).toContain("not yet verified");
    const fr = (await get("/fr/network/itc")).body;
    expect(fr).toContain("Tient à jour 1 éléments sur 8");
    expect(fr).toContain("Guides et outils qu’elle tient à jour");
    const es = (await get("/es/network/itc")).body;
    expect(es).toContain("Mantiene al día 1 de 8 elementos");
    // An organization that owns nothing has no such section.
    expect((await get("/en/network/ebrd")).body).not.toContain('id="owned-title"');
  });

  it("are in the organizations API, one and all, bounded, with the join date", async () => {
    type WithItems = { slug: string; joinedOn: string | null; ownedItems: { kind: string }[]; upkeep: Record<string, unknown> };
    const one = JSON.parse((await get("/api/v1/organizations/itc?lang=fr")).body) as WithItems;
    expect(one.joinedOn).toBeNull();
    expect(one.ownedItems).toHaveLength(8);
    expect(one.ownedItems).toContainEqual(expect.objectContaining({ kind: "guide", slug: "which-market-should-i-sell-to", lastVerifiedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }));
    expect(one.ownedItems).toContainEqual(expect.objectContaining({ kind: "tool", slug: "standards-map", lastVerifiedOn: null, url: "/fr/tools#tool-standards-map" }));
    expect(one.upkeep).toMatchObject({ items: 8, current: 1, windowDays: 365 });
    const all = JSON.parse((await get("/api/v1/organizations?limit=500")).body) as { items: WithItems[] };
    const wipo = all.items.find((o) => o.slug === "wipo");
    expect(wipo?.ownedItems.map((i) => i.kind).sort()).toEqual(["guide", "guide", "tool", "tool"]);
    expect(all.items.find((o) => o.slug === "ebrd")?.ownedItems).toEqual([]);
    const csv = (await get("/api/v1/organizations.csv")).body;
    expect(csv.split("\n")[0]).toContain("upkeep,items_current,items_last_verified_on");
    // The Network's page shows it per participant.
    expect((await get("/en/network")).body).toContain("1 of 8");
  });
});

describe("the monthly staleness report", () => {
  it("is scheduled once a month", () => {
    expect(collectSchedules(modules)).toContainEqual({ task: "network.staleness-report", pattern: "0 7 1 * *" });
  });

  it("emails each partner the items of their organization not verified in the window, and nobody with nothing due", async () => {
    await sql`update organizations set verified_on = current_date - 400, verified_by = 'Demo Partner at ITC' where slug = 'itc'`.execute(t.database.db);
    await sql`update organizations set verified_on = current_date, verified_by = 'Demo Partner at OECD' where slug = 'oecd'`.execute(t.database.db);
    await sql`update knowledge_guides set verified_on = current_date, verified_by = 'Demo Partner at OECD' where owner_org = 'oecd'`.execute(t.database.db);
    const config = loadPlatformConfig({ SMTP_URL: smtp.url, PUBLIC_URL: "https://trade4msmes.example", LOG_LEVEL: "silent" });
    const sent = await sendStalenessReports({ db: t.database.db, config });
    expect(sent.emails).toBeGreaterThanOrEqual(1);
    await runJobsOnce({ pgPool: t.database.pool, tasks: collectTasks(modules), ctx: { config, db: t.database.db }, log: { warn: () => {}, error: () => {} } });
    const toItc = smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === "partner-itc@demo.test");
    expect(toItc).toHaveLength(1);
    // Its profile, one guide and six tools (the other guide was verified 10 days ago, above).
    expect(toItc[0]?.subject).toBe("8 items to verify for International Trade Centre (ITC) on Trade4MSMEs");
    expect(toItc[0]?.text).toContain("The profile of International Trade Centre: last verified on");
    expect(toItc[0]?.text).toContain("https://trade4msmes.example/en/admin/network/itc");
    expect(toItc[0]?.text).toContain('The tool "Trade Map": last verified on');
    expect(toItc[0]?.text).toContain("https://trade4msmes.example/en/admin/tools/trade-map");
    expect(toItc[0]?.text).toContain("https://trade4msmes.example/en/admin/guides/should-i-get-a-sustainability-certification");
    expect(toItc[0]?.text).not.toContain("which-market-should-i-sell-to");
    expect(smtp.received.some((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === "partner-oecd@demo.test")).toBe(false);
  });
});
