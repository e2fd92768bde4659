import pg from "pg";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectSchedules, collectTasks } from "../src/jobs/worker.js";
import type { PlatformModule } from "../src/module.js";
import { modules } from "../src/modules/index.js";
import { installCacheTriggers, loadPlatformConfig } from "../src/platform.js";
import { testDatabase } from "./db.js";

let t: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.close());

/** The notifications the cache listener of an app node would hear while `work` runs. */
async function heard(work: () => Promise<unknown>): Promise<string[]> {
  const listener = new pg.Client({ connectionString: t.url });
  await listener.connect();
  const tables: string[] = [];
  listener.on("notification", (n) => tables.push(n.payload ?? ""));
  await listener.query("listen t4m_changes");
  await work();
  // A round trip after the change: notifications sent before it have arrived.
  await listener.query("select 1");
  await listener.end();
  return tables;
}

describe("cacheTables", () => {
  it("gives every declared table the trigger that clears the page cache, without a migration of the module's", async () => {
    const declared = modules.flatMap((m) => m.cacheTables ?? []);
    expect(declared).toEqual(expect.arrayContaining(["economies", "group_memberships", "organizations"]));
    await t.pool.query("create table hook_probe (id int)");
    const probe: PlatformModule = { name: "probe", cacheTables: ["hook_probe"] };
    modules.push(probe);
    try {
      expect(await heard(() => t.pool.query("insert into hook_probe values (1)"))).toEqual([]);
      expect(await installCacheTriggers(t.pool)).toContain("hook_probe");
      // Installing again is harmless (every start does it).
      await installCacheTriggers(t.pool);
      expect(await heard(() => t.pool.query("insert into hook_probe values (2)"))).toEqual(["hook_probe"]);
    } finally {
      modules.splice(modules.indexOf(probe), 1);
    }
    expect(await heard(() => sql`update organizations set updated_at = now() where slug = 'itc'`.execute(t.db))).toEqual(["organizations"]);
  });

  it("refuses something that is not a table name", async () => {
    const bad: PlatformModule = { name: "bad", cacheTables: ["x; drop table economies"] };
    modules.push(bad);
    try {
      await expect(installCacheTriggers(t.pool)).rejects.toThrow(/not a table name/);
    } finally {
      modules.splice(modules.indexOf(bad), 1);
    }
  });
});

describe("schedules", () => {
  it("name tasks that exist: the sessions' housekeeping runs every quarter hour", () => {
    expect(collectSchedules(modules)).toContainEqual({ task: "accounts.housekeeping", pattern: "*/15 * * * *" });
    expect(collectTasks(modules)["accounts.housekeeping"]).toBeTypeOf("function");
    expect(() => collectSchedules([{ name: "x", schedules: [{ task: "nope", pattern: "* * * * *" }] }])).toThrow(/"nope"/);
  });

  it("the housekeeping task forgets timed-out sessions", async () => {
    const config = loadPlatformConfig({ NODE_ENV: "test" });
    const user = await sql<{ id: number }>`select id from users order by id limit 1`.execute(t.db);
    const id = user.rows[0]?.id;
    await sql`insert into sessions (id_hash, user_id, csrf_token, created_at, last_seen_at)
              values (sha256('stale-probe'::bytea), ${id}, 'x', now() - interval '3 hours', now() - interval '3 hours')`.execute(t.db);
    const count = async () => (await sql<{ n: number }>`select count(*)::int as n from sessions where id_hash = sha256('stale-probe'::bytea)`.execute(t.db)).rows[0]?.n;
    expect(await count()).toBe(1);
    await collectTasks(modules)["accounts.housekeeping"]?.({}, { config, db: t.db });
    expect(await count()).toBe(0);
  });
});

describe("the nightly search rebuild", () => {
  it("is scheduled, and puts back a document the index lost", async () => {
    expect(collectSchedules(modules)).toContainEqual({ task: "search.reindex", pattern: "30 2 * * *" });
    const count = async () => (await sql<{ n: number }>`select count(*)::int as n from search_documents where kind = 'member' and record_id = 'UY'`.execute(t.db)).rows[0]?.n;
    await sql`delete from search_documents where kind = 'member' and record_id = 'UY'`.execute(t.db);
    expect(await count()).toBe(0);
    await collectTasks(modules)["search.reindex"]?.({}, { config: loadPlatformConfig({ NODE_ENV: "test" }), db: t.db });
    expect(await count()).toBe(3);
  });
});

describe("related", () => {
  it("puts another module's section on a member's and an organization's page, escaped, and leaves out an empty one", async () => {
    const { testApp } = await import("./app.js");
    const app = await testApp();
    const asked: string[] = [];
    const probe: PlatformModule = {
      name: "probe",
      related: [
        {
          on: "member",
          async section(_ctx, target) {
            asked.push(`${target.on}:${target.id}:${target.lang}:${target.actor.kind}`);
            return {
              title: `Probe <b>${target.id}</b>`,
              items: [{ href: `/${target.lang}/probe/1`, label: "<script>x</script>", meta: "2022" }],
              total: 3,
              more: { href: `/${target.lang}/probe?member=${target.id}`, label: "All three" },
            };
          },
        },
        { on: "organization", section: async () => null },
      ],
    };
    modules.push(probe);
    try {
      const member = await app.app.inject(`/fr/members/UY`);
      expect(member.statusCode).toBe(200);
      expect(asked).toEqual(["member:UY:fr:public"]);
      expect(member.body).toContain("Probe &lt;b>UY&lt;/b>");
      expect(member.body).toContain('<a href="/fr/probe/1">&lt;script>x&lt;/script></a>');
      expect(member.body).toContain('href="/fr/probe?member=UY"');
      // The OECD gave the Group no presentation in the demo data (meetings adds a section for those who did).
      const organization = await app.app.inject(`/en/network/oecd`);
      expect(organization.statusCode).toBe(200);
      expect(organization.body).not.toContain('class="related"');
    } finally {
      modules.splice(modules.indexOf(probe), 1);
      await app.close();
    }
  });
});
