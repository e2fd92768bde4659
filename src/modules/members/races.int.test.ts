import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/db.js";
import type { Actor } from "../../actor.js";
import { AppError } from "../../errors.js";
import * as members from "./service.js";

/**
 * Two people at once: the database's constraints and row locks decide, the loser is told which
 * field, and the audit log holds exactly what happened.
 */
let t: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.close());

const editor = (id: number): Actor => ({ kind: "user", id, email: `editor${id}@example.org`, name: `Editor ${id}`, role: "editor", grants: [], via: "session" });
const audits = async (entity: string, id: string) =>
  (await sql<{ action: string; actor: string }>`select action, actor from audit_log where entity = ${entity} and entity_id = ${id} order by id`.execute(t.db)).rows;

const economy = (code: string, name: string) => ({ code, name_en: name, name_fr: name, name_es: name, region: "asia", numeric_code: "", wto_member_since: "", source: "https://www.wto.org" });

describe("adding the same economy twice at once", () => {
  it("creates it once, audits one creation, and tells the other person the code is taken (409 at the field)", async () => {
    const results = await Promise.allSettled([
      members.createEconomy(editor(1), t.db, economy("XA", "First")),
      members.createEconomy(editor(2), t.db, economy("XA", "Second")),
      members.createEconomy(editor(3), t.db, economy("XA", "Third")),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      const error = (r as PromiseRejectedResult).reason as AppError;
      expect(error).toBeInstanceOf(AppError);
      expect(error.status).toBe(409);
      expect(error.fields).toEqual([{ field: "code", message: "members.admin.codeTaken" }]);
    }
    const log = await audits("economy", "XA");
    expect(log.map((l) => l.action)).toEqual(["create"]);
    const stored = (await sql<{ name_en: string }>`select name_en from economies where code = 'XA'`.execute(t.db)).rows[0];
    // The stored name is the winner's, and the audit names the winner.
    const winner = results.findIndex((r) => r.status === "fulfilled") + 1;
    expect(stored?.name_en).toBe(["First", "Second", "Third"][winner - 1]);
    expect(log[0]?.actor).toBe(`editor${winner}@example.org`);
  });
});

describe("recording a membership twice at once", () => {
  it("records one creation, and the second change as an update from what the first wrote", async () => {
    await members.createEconomy(editor(1), t.db, economy("XB", "Probe"));
    const form = (source: string) => ({ joined_on: "2022-07-15", joined_precision: "day", left_on: "", source });
    await Promise.all([members.saveMembership(editor(1), t.db, "XB", form("INF/MSME/R/33")), members.saveMembership(editor(2), t.db, "XB", form("INF/MSME/R/34"))]);
    const log = (await sql<{ action: string; before: { source?: string } | null; after: { source?: string } }>`
      select action, before, after from audit_log where entity = 'group_membership' and entity_id = 'msme:XB' order by id`.execute(t.db)).rows;
    expect(log.map((l) => l.action)).toEqual(["create", "update"]);
    // The update's "before" is exactly what the creation wrote: no change is lost from the trail.
    expect(log[1]?.before?.source).toBe(log[0]?.after.source);
    const stored = (await sql<{ source: string }>`select source from group_memberships where economy_code = 'XB'`.execute(t.db)).rows[0];
    expect(stored?.source).toBe(log[1]?.after.source);
  });

  it("keeps every concurrent edit of an economy in the trail, each before equal to the previous after", async () => {
    const names = ["A", "B", "C", "D", "E"];
    await Promise.all(names.map((n, i) => {
        const { code: _, ...fields } = economy("XB", `Probe ${n}`);
        return members.updateEconomy(editor(i + 1), t.db, "XB", fields);
      }));
    const log = (await sql<{ before: { name_en: string }; after: { name_en: string } }>`
      select before, after from audit_log where entity = 'economy' and entity_id = 'XB' and action = 'update' order by id`.execute(t.db)).rows;
    expect(log).toHaveLength(names.length);
    for (let i = 1; i < log.length; i++) expect(log[i]?.before.name_en).toBe(log[i - 1]?.after.name_en);
  });
});

describe("a numeric code another economy has", () => {
  it("is refused at its field (409), on adding and on editing, and nothing is written", async () => {
    const taken = (await sql<{ numeric_code: string }>`select numeric_code from economies where code = 'UY'`.execute(t.db)).rows[0]?.numeric_code ?? "";
    expect(taken).toMatch(/^\d{3}$/);
    const audits = async () => Number((await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(t.db)).rows[0]?.n);
    const before = await audits();
    for (const attempt of [
      () => members.createEconomy(editor(1), t.db, { ...economy("XC", "Probe"), numeric_code: taken }),
      () => {
        const { code: _, ...fields } = economy("AR", "Argentina");
        return members.updateEconomy(editor(1), t.db, "AR", { ...fields, numeric_code: taken });
      },
    ]) {
      const error = await attempt().then(
        () => undefined,
        (e: unknown) => e as AppError,
      );
      expect(error).toBeInstanceOf(AppError);
      expect(error?.status).toBe(409);
      expect(error?.fields).toEqual([{ field: "numeric_code", message: "members.admin.numericCodeTaken" }]);
    }
    expect(await audits()).toBe(before);
    expect((await sql<{ n: number }>`select count(*)::int as n from economies where code = 'XC'`.execute(t.db)).rows[0]?.n).toBe(0);
  });
});
