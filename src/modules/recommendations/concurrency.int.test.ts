import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/db.js";
import { csrfIn } from "../../../test/session.js";
import { buildApp } from "../../app.js";
import { createDb } from "../../db/database.js";
import type { App } from "../../module.js";
import { loadPlatformConfig } from "../../platform.js";

/**
 * The bar: 50 "issue" actions at once, split over two app nodes (each with its own connection
 * pool) over one database, give 50 distinct, consecutive INF/MSME/P symbols, each recommendation
 * exactly one. Each node's pool holds a connection for each of its 25 requests: the issues then
 * queue on the series' counter row in PostgreSQL, not for a connection (a request that waits
 * more than 3 s for one is answered 503 "try again" by design, which a loaded CI machine reaches
 * with the default pool).
 */
const COUNT = 50;
let database: Awaited<ReturnType<typeof testDatabase>>;
let first: ReturnType<typeof createDb>;
let second: ReturnType<typeof createDb>;
let a: App;
let b: App;
const config = () => loadPlatformConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", JOBS: "false" });

beforeAll(async () => {
  database = await testDatabase();
  first = createDb(database.url, COUNT / 2 + 1);
  second = createDb(database.url, COUNT / 2 + 1);
  a = await buildApp({ config: config(), database: { ...database, ...first }, logger: false });
  b = await buildApp({ config: config(), database: { ...database, ...second }, logger: false });
  await Promise.all([a.ready(), b.ready()]);
});
afterAll(async () => {
  await a.close();
  await b.close();
  await first.db.destroy();
  await second.db.destroy();
  await database.close();
});

/** An editor signed in on a node: the session cookie and a form token to send with each post. */
async function editorOn(app: App) {
  const form = await app.inject({ method: "GET", url: "/en/sign-in" });
  let cookie = form.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const signIn = await app.inject({ method: "POST", url: "/en/sign-in", payload: { email: "editor@demo.test", password: "demo-password-2022", _csrf: csrfIn(form.body) }, headers: { cookie } });
  const session = signIn.cookies.find((c) => c.name === "t4m_session");
  if (!session) throw new Error("could not sign in");
  cookie = `t4m_session=${session.value}`;
  const page = await app.inject({ method: "GET", url: "/en/admin/recommendations", headers: { cookie } });
  const fresh = page.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  return { cookie: [cookie, fresh].filter(Boolean).join("; "), csrf: csrfIn(page.body) };
}

describe("issuing concurrently on two app nodes", () => {
  it(`gives ${COUNT} parallel issues ${COUNT} distinct consecutive INF/MSME/P symbols`, async () => {
    const db = database.db;
    // 50 confirmed submissions under review, as the workflow leaves them.
    const ids: number[] = [];
    for (let i = 0; i < COUNT; i++) {
      const row = await sql<{ id: number }>`
        insert into recommendations (kind, status, submitter, email, lang, title, body, tracking_token_hash, confirmed_at)
        values ('submission', 'under_review', 'Trader', ${`trader${i}@example.org`}, 'en', ${`Concurrent recommendation ${i}`}, 'A recommendation written for the concurrency test.', ${Buffer.from(`tracking-${i}`)}, now())
        returning id::int as id`.execute(db);
      ids.push(Number(row.rows[0]?.id));
    }
    const start = (await sql<{ n: number }>`select coalesce(max(number), 0)::int as n from documents where series = 'INF/MSME/P'`.execute(db)).rows[0]?.n ?? 0;
    const [onA, onB] = await Promise.all([editorOn(a), editorOn(b)]);
    const answers = await Promise.all(
      ids.map((id, i) => {
        const [app, who] = i % 2 === 0 ? [a, onA] : [b, onB];
        return app.inject({ method: "POST", url: `/en/admin/recommendations/${id}/issue`, payload: { _csrf: who.csrf }, headers: { cookie: who.cookie } });
      }),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(ids.map(() => 303));
    const rows = (await sql<{ id: number; symbol: string; number: number }>`
      select r.id::int as id, r.symbol, d.number from recommendations r join documents d on d.id = r.document_id where r.id = any(${ids}) order by d.number`.execute(db)).rows;
    expect(rows).toHaveLength(COUNT);
    expect(new Set(rows.map((r) => r.symbol)).size).toBe(COUNT);
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: COUNT }, (_, i) => start + i + 1));
    expect(rows.every((r) => r.symbol === `INF/MSME/P/${r.number}`)).toBe(true);
    // No registry document of the series without its recommendation.
    const series = (await sql<{ n: number }>`select count(*)::int as n from documents where series = 'INF/MSME/P'`.execute(db)).rows[0]?.n;
    expect(series).toBe(COUNT + start);
  });

  it("refuses in the database a second symbol for one recommendation, or one symbol for two", async () => {
    const db = database.db;
    const two = (await sql<{ id: number; symbol: string; document_id: number }>`select id::int as id, symbol, document_id from recommendations where symbol is not null order by id limit 2`.execute(db)).rows;
    const [first, other] = two;
    await expect(sql`update recommendations set symbol = ${first?.symbol}, document_id = ${first?.document_id} where id = ${other?.id}`.execute(db)).rejects.toThrow(/unique/);
    await expect(sql`update recommendations set symbol = null where id = ${first?.id}`.execute(db)).rejects.toThrow(/check/);
  });
});
