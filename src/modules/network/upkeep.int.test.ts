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
    expect(organizations.items.every((o) => "networkJoinedOn" in o && o.networkJoinedOn === null)).toBe(true);
    expect((await get("/api/v1/platform-partners?colour=red")).statusCode).toBe(400);
  });
});

describe("the monthly staleness report", () => {
  it("is scheduled once a month", () => {
    expect(collectSchedules(modules)).toContainEqual({ task: "network.staleness-report", pattern: "0 7 1 * *" });
  });

  it("emails each partner the items of their organization not verified in the window, and nobody with nothing due", async () => {
    await sql`update organizations set verified_on = current_date - 400, verified_by = 'Demo Partner at ITC' where slug = 'itc'`.execute(t.database.db);
    await sql`update organizations set verified_on = current_date, verified_by = 'Demo Partner at OECD' where slug = 'oecd'`.execute(t.database.db);
    const config = loadPlatformConfig({ SMTP_URL: smtp.url, PUBLIC_URL: "https://trade4msmes.example", LOG_LEVEL: "silent" });
    const sent = await sendStalenessReports({ db: t.database.db, config });
    expect(sent.emails).toBeGreaterThanOrEqual(1);
    await runJobsOnce({ pgPool: t.database.pool, tasks: collectTasks(modules), ctx: { config, db: t.database.db }, log: { warn: () => {}, error: () => {} } });
    const toItc = smtp.received.filter((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === "partner-itc@demo.test");
    expect(toItc).toHaveLength(1);
    expect(toItc[0]?.subject).toBe("1 item to verify for International Trade Centre (ITC) on Trade4MSMEs");
    expect(toItc[0]?.text).toContain("The profile of International Trade Centre: last verified on");
    expect(toItc[0]?.text).toContain("https://trade4msmes.example/en/admin/network/itc");
    expect(smtp.received.some((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === "partner-oecd@demo.test")).toBe(false);
  });
});
