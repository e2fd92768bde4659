import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { PUBLIC } from "../../actor.js";
import { ANNEXES, STATUSES, type Status } from "./schema.js";
import { quarterOf } from "./stats.js";
import { tracker } from "./service.js";

/**
 * The tracker's figures are counts of its records: over generated records (some confirmed, some
 * not), the matrix cells, the per-annex totals and the per-quarter progress the service gives
 * agree with the same counts made here by hand from the generated records, through the database.
 */
let t: Awaited<ReturnType<typeof testApp>>;
let members: string[] = [];
beforeAll(async () => {
  t = await testApp({ PAGE_CACHE_SECONDS: "0" });
  const rows = await t.database.db.selectFrom("group_memberships").select("economy_code").where("group_code", "=", "msme").orderBy("economy_code").execute();
  members = rows.map((r) => r.economy_code).slice(0, 30);
});
afterAll(() => t.close());

const day = fc
  .date({ min: new Date("2020-12-01T00:00:00Z"), max: new Date("2026-06-30T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const record = fc.record({
  member: fc.integer({ min: 0, max: 29 }),
  annex: fc.constantFrom(...ANNEXES),
  status: fc.constantFrom(...STATUSES),
  date: fc.option(day, { nil: null }),
  confirmed: fc.boolean(),
});

const text = { mapTitle: "map", mapDescription: (n: number) => `${n}` };

describe("the tracker's counts", () => {
  it("agree with the records they count (matrix, per-annex totals, per-quarter progress)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(record, { maxLength: 40, selector: (r) => `${r.member}:${r.annex}` }), async (generated) => {
        const db = t.database.db;
        const records = generated.map((r) => ({
          ...r,
          member: members[r.member] as string,
          // Work under way or done always has a date (a database rule).
          date: r.status === "in_progress" || r.status === "done" ? (r.date ?? "2022-10-12") : r.date,
        }));
        await db.deleteFrom("package_records").execute();
        if (records.length > 0) {
          await db
            .insertInto("package_records")
            .values(
              records.map((r) => ({
                economy_code: r.member,
                annex: r.annex,
                status: r.status,
                status_on: r.date,
                reported_by: "property test",
                reported_on: "2026-01-01",
                confirmed_by: r.confirmed ? "property test" : null,
                confirmed_on: r.confirmed ? "2026-01-01" : null,
              })),
            )
            .execute();
        }
        const shown = await tracker(PUBLIC, db, {}, "en", text);
        const confirmed = records.filter((r) => r.confirmed);

        // Every confirmed record is one cell, with its status; nothing else is.
        const cells = shown.rows.flatMap((row) => Object.entries(row.cells).map(([annex, item]) => `${row.code}:${annex}:${item?.status}`));
        expect(cells.sort()).toEqual(confirmed.map((r) => `${r.member}:${r.annex}:${r.status}`).sort());

        // Per annex and status.
        for (const annex of ANNEXES) {
          for (const status of STATUSES) {
            expect(shown.totals[annex][status], `annex ${annex} ${status}`).toBe(confirmed.filter((r) => r.annex === annex && r.status === status).length);
          }
        }

        // Per quarter: done records dated in or before it.
        for (const q of shown.progress) {
          const doneBy = (annex: number) => confirmed.filter((r) => r.annex === annex && r.status === ("done" as Status) && r.date && quarterOf(r.date) <= q.quarter).length;
          for (const annex of ANNEXES) expect(q.byAnnex[annex], `${q.quarter} annex ${annex}`).toBe(doneBy(annex));
          expect(q.total).toBe(ANNEXES.reduce((n, a) => n + doneBy(a), 0));
        }
        // The last quarter holds every done record (all generated dates are in the past).
        expect(shown.progress.at(-1)?.total).toBe(confirmed.filter((r) => r.status === "done").length);

        // With a status filter, each member shown has a cell of that status.
        const filtered = await tracker(PUBLIC, db, { status: "in_progress" }, "en", text);
        expect(filtered.rows.map((r) => r.code).sort()).toEqual([...new Set(confirmed.filter((r) => r.status === "in_progress").map((r) => r.member))].sort());
      }),
      { numRuns: 15 },
    );
  });
});
