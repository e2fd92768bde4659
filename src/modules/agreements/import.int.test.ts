import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../actor.js";
import { runCli } from "../../../test/cli.js";
import { testDatabase } from "../../../test/db.js";
import { parseExport } from "./rows.js";
import { importAgreements, rtaNameMap } from "./service.js";
import { readExport } from "./workbook.js";

/**
 * The importer of the WTO RTA database's export, against a real PostgreSQL: a small workbook
 * written here (always), and the real export from ../shared/data when it is there.
 */
const REAL_FILE = "/work/shared/data/wto-rta/WTO_RTA_AllRTAs.xlsx";

let t: Awaited<ReturnType<typeof testDatabase>>;
let dir: string;
beforeAll(async () => {
  t = await testDatabase();
  dir = await mkdtemp(join(tmpdir(), "t4m-rta-"));
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const HEADER = [
  "RTA ID", "RTA Name", "Coverage", "Type", "Notification", "Status", "Date of Signature (G)", "Date of Signature (S)",
  "Date of Notification (G)", "Date of Notification (S)", "Date of Entry into Force (G)", "Date of Entry into Force (S)",
  "Inactive Date", "Accession?", "RTA Composition", "Region", "Cross-regional", "All Parties WTO members?",
  "Current signatories", "Original signatories", "Specific Entry/Exit dates", "Remarks",
];

type Row = Partial<Record<(typeof HEADER)[number], unknown>>;

/** A workbook shaped like the WTO's export, with the oddities of a real one. */
async function writeFixture(name: string, rows: Row[], changes: unknown[][] = []): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("AllRTAs");
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(HEADER.map((h) => r[h] ?? null));
  const history = wb.addWorksheet("RTA Changes");
  history.addRow(["RTA ID", "RTA Name", "Parties concerned", "Changes affect", "Date of notification of changes", "Date of signature of changes", "Date of entry into force of changes", "Remarks"]);
  for (const c of changes) history.addRow(c);
  const file = join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const FIXTURE: Row[] = [
  {
    "RTA ID": 900001,
    "RTA Name": "  Fixture - Korea, Republic of  ",
    Coverage: "Goods & Services",
    Type: "FTA & EIA",
    Notification: "GATT Art. XXIV & GATS Art. V",
    Status: "In Force ",
    "Date of Signature (G)": new Date(Date.UTC(2019, 1, 12)),
    "Date of Entry into Force (G)": 43873, // a serial: 12 February 2020
    "Date of Entry into Force (S)": "16-Jul-23",
    "Accession?": "No",
    "RTA Composition": "Bilateral",
    Region: "East Asia; South America ",
    "Cross-regional": " Yes",
    "Current signatories": "Korea, Republic of; Chile",
    "Original signatories": "Korea, Republic of; Chile",
    "Specific Entry/Exit dates": "Chile(01-Jan-9999 - )",
  },
  {
    "RTA ID": 900002,
    "RTA Name": "Fixture - EFTA - Atlantis",
    Coverage: "Goods",
    Type: "FTA",
    Status: "In Force",
    "Date of Signature (G)": "01-Feb-2020",
    "Current signatories": "Atlantis; European Free Trade Association (EFTA)",
  },
  { "RTA ID": 900003, "RTA Name": "Fixture - bad date", Status: "Inactive", "Date of Signature (G)": "31-Feb-2019", "Current signatories": "Chile; Peru" },
];
const CHANGES = [[900001, "Fixture - Korea, Republic of", " Korea, Republic of, Chile", "Goods", new Date(Date.UTC(2021, 2, 1)), "15-Jan-21", null, "A change of the schedules."]];

async function importFile(file: string, options: { dryRun?: boolean } = {}) {
  const sheets = await readExport(file);
  return importAgreements(systemActor("test"), t.db, parseExport(sheets.agreements, sheets.changes, await rtaNameMap()), options);
}

describe("importing a workbook shaped like the WTO export", () => {
  it("reads dates of every kind and names with commas, and reports each row it cannot take with its row number", async () => {
    const file = await writeFixture("fixture.xlsx", FIXTURE, CHANGES);
    const report = await importFile(file);
    expect(report.rowsRead).toBe(3);
    expect(report.created).toEqual([900001]);
    expect(report.rejected).toEqual([
      { sheet: "AllRTAs", row: 3, rtaId: 900002, column: "Current signatories", text: "Atlantis", problem: "unknown_name" },
      { sheet: "AllRTAs", row: 4, rtaId: 900003, column: "Date of Signature (G)", text: "31-Feb-2019", problem: "invalid_date" },
    ]);
    const row = await t.db.selectFrom("agreements").selectAll().where("rta_id", "=", 900001).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      name: "Fixture - Korea, Republic of",
      status: "in_force",
      coverage: "goods_services",
      signed_goods: "2019-02-12",
      in_force_goods: "2020-02-12",
      in_force_services: "2023-07-16",
      in_force_on: "2020-02-12",
      regions: ["East Asia", "South America"],
      cross_regional: true,
    });
    const parties = await t.db.selectFrom("agreement_parties").select(["role", "party"]).where("rta_id", "=", 900001).orderBy("role").orderBy("position").execute();
    expect(parties).toEqual([
      { role: "current", party: "KR" },
      { role: "current", party: "CL" },
      { role: "original", party: "KR" },
      { role: "original", party: "CL" },
    ]);
    const dates = await t.db.selectFrom("agreement_member_dates").selectAll().where("rta_id", "=", 900001).execute();
    expect(dates).toEqual([{ rta_id: 900001, economy: "CL", entry_on: null, last_day: null, pending: true }]);
    const changes = await t.db.selectFrom("agreement_changes").selectAll().where("rta_id", "=", 900001).execute();
    expect(changes).toEqual([
      { rta_id: 900001, position: 1, parties: "Korea, Republic of; Chile", affects: "goods", notified_on: "2021-03-01", signed_on: "2021-01-15", in_force_on: null, remarks: "A change of the schedules." },
    ]);
    const audit = await t.db.selectFrom("audit_log").select(["action", "entity_id"]).where("entity", "=", "agreement").where("entity_id", "=", "900001").execute();
    expect(audit).toEqual([{ action: "create", entity_id: "900001" }]);
  });

  it("changes nothing when the same file comes again", async () => {
    const file = await writeFixture("fixture.xlsx", FIXTURE, CHANGES);
    const auditBefore = await t.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const report = await importFile(file);
    expect(report.created).toEqual([]);
    expect(report.updated).toEqual([]);
    expect(report.unchanged).toBe(1);
    expect(report.written).toBe(false);
    const auditAfter = await t.db.selectFrom("audit_log").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(auditAfter.n).toBe(auditBefore.n);
  });

  it("updates an agreement a newer export changes, and the audit trail keeps what changed", async () => {
    const newer = FIXTURE.map((r) => (r["RTA ID"] === 900001 ? { ...r, Status: "Inactive", "Inactive Date": "01-Jan-25", "Specific Entry/Exit dates": "Chile(01-Mar-2021 - )" } : r));
    const file = await writeFixture("newer.xlsx", newer, CHANGES);
    const dry = await importFile(file, { dryRun: true });
    expect(dry.updated).toEqual([900001]);
    expect((await t.db.selectFrom("agreements").select("status").where("rta_id", "=", 900001).executeTakeFirstOrThrow()).status).toBe("in_force");
    const report = await importFile(file);
    expect(report.updated).toEqual([900001]);
    const row = await t.db.selectFrom("agreements").select(["status", "inactive_on"]).where("rta_id", "=", 900001).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "inactive", inactive_on: "2025-01-01" });
    const entry = await t.db.selectFrom("audit_log").select(["before", "after"]).where("entity", "=", "agreement").where("entity_id", "=", "900001").where("action", "=", "update").executeTakeFirstOrThrow();
    expect(entry.before).toEqual({ status: "in_force", inactive_on: null, specific_dates: "CL(pending - )" });
    expect(entry.after).toEqual({ status: "inactive", inactive_on: "2025-01-01", specific_dates: "CL(2021-03-01 - )" });
  });

  it("refuses a file that is not a spreadsheet, by its content", async () => {
    const { writeFile } = await import("node:fs/promises");
    const file = join(dir, "not-really.xlsx");
    await writeFile(file, "RTA ID,RTA Name\n1,x\n");
    await expect(readExport(file)).rejects.toMatchObject({ status: 400, messageKey: "agreements.import.notXlsx" });
  });

  it("from the command line: a report, the rows rejected with their numbers, exit code 1; --dry-run writes nothing", async () => {
    const file = await writeFixture("cli.xlsx", [{ ...FIXTURE[0], "RTA ID": 900010 }, FIXTURE[1] as Row]);
    const env = { DATABASE_URL: t.url, LOG_LEVEL: "silent", PUBLIC_URL: "https://trade4msmes.example" };
    const dry = await runCli(env, "import", "rta", file, "--dry-run");
    expect(dry.stdout).toContain("2 agreements read (0 history rows): 1 created, 0 updated, 0 unchanged, 1 rows rejected.");
    expect(dry.stderr).toContain('Rejected: AllRTAs row 3 (RTA 900002), Current signatories: name not in the alias table "Atlantis"');
    expect(dry.stdout).toContain("Dry run: nothing was written.");
    expect(dry.code).toBe(1);
    expect(await t.db.selectFrom("agreements").select("rta_id").where("rta_id", "=", 900010).executeTakeFirst()).toBeUndefined();
    const run = await runCli(env, "import", "rta", file);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Written.");
    expect(await t.db.selectFrom("agreements").select("rta_id").where("rta_id", "=", 900010).executeTakeFirst()).toEqual({ rta_id: 900010 });
  }, 60_000);
});

/** The status column as the test reads it itself, mapped to the platform's codes. */
const STATUS_OF: Record<string, string> = {
  "In Force": "in_force",
  "In force for at least one Party": "in_force_partly",
  "Early announcement-Signed": "signed",
  "Early announcement-Under negotiation": "negotiating",
  Inactive: "inactive",
};

describe.skipIf(!existsSync(REAL_FILE))(`the real WTO export (${REAL_FILE})`, () => {
  it("imports all 655 agreements, with the counts by status the file itself gives, then nothing changes on a second import", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(REAL_FILE);
    const sheet = wb.getWorksheet("AllRTAs");
    const expected: Record<string, number> = {};
    const ids = new Set<number>();
    sheet?.eachRow((row, n) => {
      if (n === 1) return;
      const status = String(row.getCell(6).value).trim();
      const code = STATUS_OF[status] ?? `unknown:${status}`;
      expected[code] = (expected[code] ?? 0) + 1;
      ids.add(Number(row.getCell(1).value));
    });
    expect(ids.size).toBe(655);

    const report = await importFile(REAL_FILE);
    expect(report.rowsRead).toBe(655);
    expect(report.rejected).toEqual([]);
    expect(report.created.length + report.updated.length + report.unchanged).toBe(655);
    const counts = await t.db
      .selectFrom("agreements")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("rta_id", "in", [...ids])
      .groupBy("status")
      .execute();
    expect(Object.fromEntries(counts.map((c) => [c.status, c.n]))).toEqual(expected);
    expect((await t.db.selectFrom("agreement_changes").select((eb) => eb.fn.countAll<number>().as("n")).where("rta_id", "in", [...ids]).executeTakeFirstOrThrow()).n).toBe(354);

    const again = await importFile(REAL_FILE);
    expect(again.created).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(again.unchanged).toBe(655);
    expect(again.written).toBe(false);
  }, 120_000);

  const agreement = async (id: number) => t.db.selectFrom("agreements").selectAll().where("rta_id", "=", id).executeTakeFirstOrThrow();
  const parties = async (id: number, role: "current" | "original") =>
    (await t.db.selectFrom("agreement_parties").select("party").where("rta_id", "=", id).where("role", "=", role).orderBy("position").execute()).map((p) => p.party);
  const dates = async (id: number) =>
    (await t.db.selectFrom("agreement_member_dates").select(["economy", "entry_on", "last_day", "pending"]).where("rta_id", "=", id).orderBy("economy").execute());
  const changes = async (id: number) => Number((await t.db.selectFrom("agreement_changes").select((eb) => eb.fn.countAll<number>().as("n")).where("rta_id", "=", id).executeTakeFirstOrThrow()).n);

  it("has a dozen agreements field by field as the export gives them", async () => {
    expect(await agreement(1218)).toMatchObject({
      name: "Comprehensive and Progressive Agreement for Trans-Pacific Partnership (CPTPP) - Accession of the United Kingdom",
      status: "in_force_partly", coverage: "goods_services", type: "FTA & EIA", notification: "GATT Art. XXIV & GATS Art. V",
      signed_goods: "2023-07-16", signed_services: "2023-07-16", notified_goods: "2024-12-10", in_force_goods: "2024-12-15", in_force_services: "2024-12-15",
      accession: true, composition: "Plurilateral", regions: ["Oceania", "East Asia", "North America", "South America", "Europe"], cross_regional: true, all_wto_members: true,
    });
    expect(await parties(1218, "current")).toEqual(["AU", "BN", "CA", "CL", "JP", "MY", "MX", "NZ", "PE", "SG", "VN", "GB"]);
    expect(await dates(1218)).toEqual([
      { economy: "AU", entry_on: "2024-12-24", last_day: null, pending: false },
      { economy: "CA", entry_on: null, last_day: null, pending: true },
      { economy: "MX", entry_on: null, last_day: null, pending: true },
    ]);

    expect(await agreement(836)).toMatchObject({ name: "EU - Japan", status: "in_force", signed_goods: "2018-07-17", notified_goods: "2019-01-14", in_force_goods: "2019-02-01", composition: "Bilateral; One Party is an RTA", regions: ["East Asia", "Europe"] });
    expect(await parties(836, "current")).toEqual(["JP", "EU"]);
    expect(await dates(836)).toEqual([{ economy: "GB", entry_on: null, last_day: "2020-12-31", pending: false }]);
    expect((await agreement(836)).remarks).toMatch(/^Official Journal of the European Union: L 330 of 27-Dec-2018\./);

    expect(await agreement(1087)).toMatchObject({ name: "United States-Mexico-Canada Agreement (USMCA/CUSMA/T-MEC)", status: "in_force", signed_goods: "2018-11-30", notified_goods: "2020-09-16", in_force_goods: "2020-07-01", regions: ["North America"], cross_regional: false });
    expect(await parties(1087, "current")).toEqual(["CA", "MX", "US"]);

    expect(await agreement(122)).toMatchObject({ name: "North American Free Trade Agreement (NAFTA)", status: "inactive", in_force_goods: "1994-01-01", inactive_on: "2020-07-01", notified_services: "1995-03-01" });
    expect(await parties(122, "current")).toEqual([]);
    expect(await parties(122, "original")).toEqual(["CA", "MX", "US"]);

    expect(await agreement(598)).toMatchObject({ name: "EFTA - India", status: "signed", signed_goods: "2024-03-10", in_force_goods: "2025-10-01", coverage: "goods_services" });
    expect(await parties(598, "current")).toEqual(["IN", "EFTA"]);

    expect(await agreement(158)).toMatchObject({ name: "EU - India", status: "negotiating", coverage: "goods_services", signed_goods: null, regions: ["West Asia", "Europe"] });
    expect(await parties(158, "current")).toEqual([]);

    expect(await agreement(713)).toMatchObject({ name: "The Cross-Straits Economic Cooperation Framework Agreement (ECFA)", status: "signed", coverage: null, signed_goods: "2010-06-29", in_force_goods: "2010-09-12" });
    expect(await parties(713, "current")).toEqual(["CN", "TW"]);

    expect(await agreement(1171)).toMatchObject({ name: "ASEAN Trade in Services Agreement (ATISA)", status: "in_force_partly", coverage: "services", type: "EIA", notification: "GATS Art. V", signed_services: "2020-10-07", in_force_services: "2021-04-05", signed_goods: null });
    expect((await dates(1171)).find((d) => d.economy === "PH")).toEqual({ economy: "PH", entry_on: null, last_day: null, pending: true });

    expect(await agreement(437)).toMatchObject({ name: "ASEAN - Australia - New Zealand", status: "in_force", in_force_goods: "2010-01-01", composition: "Plurilateral; One Party is an RTA" });
    expect(await parties(437, "current")).toEqual(["AU", "NZ", "ASEAN"]);

    expect(await agreement(152)).toMatchObject({ name: "European Free Trade Association (EFTA)", signed_goods: "1960-01-04", signed_services: "2001-06-21", notified_goods: "1959-11-14", in_force_goods: "1960-05-03", in_force_services: "2002-06-01" });
    expect(await parties(152, "current")).toEqual(["IS", "LI", "NO", "CH"]);
    expect(await parties(152, "original")).toEqual(["AT", "DK", "NO", "PT", "SE", "CH", "GB"]);
    expect((await dates(152)).find((d) => d.economy === "FI")).toEqual({ economy: "FI", entry_on: "1986-01-01", last_day: "1994-12-31", pending: false });

    expect(await agreement(5)).toMatchObject({ name: "EFTA - Egypt", coverage: "goods", type: "FTA", in_force_goods: "2007-08-01" });
    expect(await changes(5)).toBe(4);

    expect(await agreement(135)).toMatchObject({ name: "Latin American Integration Association (LAIA)", type: "PSA", notification: "Enabling Clause", in_force_goods: "1981-03-18" });
    expect(await changes(135)).toBe(231);
    expect(await dates(135)).toEqual([{ economy: "CU", entry_on: "1999-08-26", last_day: null, pending: false }]);

    // CEFTA: states that left when they joined the EU are original signatories with a last day.
    expect(await parties(4, "original")).toContain("BG");
    expect(await parties(4, "current")).not.toContain("BG");
    expect((await dates(4)).find((d) => d.economy === "BG")).toEqual({ economy: "BG", entry_on: null, last_day: "2007-01-01", pending: false });
  });
});
