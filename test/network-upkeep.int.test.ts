import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "./app.js";
import { runCli } from "./cli.js";
import { visitor } from "./session.js";

/**
 * The Network's upkeep through the module hooks: an environment variable (NETWORK_VERIFY_DAYS),
 * a command (`network stale`) and the dashboard's attention items.
 */
let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
  await sql`update organizations set verified_on = current_date - 40, verified_by = 'Demo Partner at ITC' where slug = 'itc'`.execute(t.database.db);
  await sql`update organizations set verified_on = current_date, verified_by = 'Secretariat' where slug = 'oecd'`.execute(t.database.db);
  await sql`update organizations set verified_on = current_date - 400, verified_by = 'Secretariat' where slug = 'wco'`.execute(t.database.db);
});
afterAll(() => t.close());

const cli = (env: Record<string, string>, ...args: string[]) => runCli({ DATABASE_URL: t.database.url, ...env }, ...args);

describe("trade4msmes network stale", () => {
  it("lists the profiles not verified in the window, least recently verified first", async () => {
    const { code, stdout } = await cli({}, "network", "stale", "--days", "30", "--lang", "fr");
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    const slugs = lines.slice(0, -1).map((l) => l.split("\t")[0]);
    expect(slugs).toContain("itc");
    expect(slugs).toContain("wco");
    expect(slugs).not.toContain("oecd");
    // Never verified first, then the oldest verification.
    expect(slugs.indexOf("wco")).toBeLessThan(slugs.indexOf("itc"));
    expect(lines.find((l) => l.startsWith("itc\t"))).toMatch(/^itc\tCentre du commerce international\tverified \d{4}-\d{2}-\d{2} by Demo Partner at ITC$/);
    expect(lines.at(-1)).toBe(`${slugs.length} organizations not verified in the last 30 days.`);
  });

  it("takes its default window from NETWORK_VERIFY_DAYS, and refuses a bad one with the others", async () => {
    const year = await cli({ NETWORK_VERIFY_DAYS: "365" }, "network", "stale");
    expect(year.stdout).toContain("wco\t");
    expect(year.stdout).not.toContain("itc\t");
    const bad = await cli({ NETWORK_VERIFY_DAYS: "0", PORT: "x" }, "network", "stale");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/NETWORK_VERIFY_DAYS/);
    expect(bad.stderr).toMatch(/PORT/);
    expect((await cli({}, "network", "stale", "--days", "zero")).code).not.toBe(0);
    // Three runs of the real command line, each ~5 s to start on a busy machine.
  }, 90_000);
});

describe("the dashboard", () => {
  it("counts the profiles due for verification, in the reader's language", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    expect((await editor.get("/en/admin")).body).toContain("1 organization not verified in the last 365 days");
    expect((await editor.get("/fr/admin")).body).toContain("1 organisation non vérifiée depuis plus de 365 jours");
  });
});
