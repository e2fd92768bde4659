import { createReadStream } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Backup, createBackup, RestoreError, restoreBackup, writeBackup, writeBackupFile } from "../src/db/backup.js";
import { testDatabase } from "./db.js";

/**
 * Backups written and read as streams: a table far bigger than one batch goes out in batches and
 * comes back whole, through a real file read in small chunks.
 */

const MANY = 20_000;
let source: Awaited<ReturnType<typeof testDatabase>>;
let target: Awaited<ReturnType<typeof testDatabase>>;
let dir: string;

/** A fingerprint of a table's content in id order. */
async function fingerprint(pool: typeof source.pool, table: string) {
  const { rows } = await pool.query<{ n: number; md5: string }>(
    `select count(*)::int as n, md5(coalesce(string_agg(to_jsonb(t)::text, E'\\n' order by t.id), '')) as md5 from ${table} t`,
  );
  return rows[0];
}

beforeAll(async () => {
  [source, target] = await Promise.all([testDatabase(), testDatabase()]);
  dir = await mkdtemp(join(tmpdir(), "t4m-backup-"));
  // Rows of every shape a backup must carry: quotes, backslashes, newlines, non-Latin text,
  // nested JSON, nulls, and text that looks like the backup's own punctuation.
  await source.pool.query(
    `insert into audit_log (actor, action, entity, entity_id, before, after)
     select 'system:test', (array['create', 'update', 'delete'])[1 + i % 3], 'bulk', i::text,
            case when i % 3 = 0 then null else jsonb_build_object('n', i, 'note', 'quote " backslash \\ end') end,
            jsonb_build_object('i', i, 'text', E'line\\nbreak ], { "tables": ', 'name', 'Côte d''Ivoire – 中国 😀', 'list', jsonb_build_array(i, null, true))
     from generate_series(1, $1) i`,
    [MANY],
  );
});
afterAll(async () => {
  await Promise.all([source?.close(), target?.close()]);
  await rm(dir, { recursive: true, force: true });
});

describe("a backup of a table of many rows", () => {
  it("is written in batches and restored whole from the file, read in small chunks", async () => {
    const before = await fingerprint(source.pool, "audit_log");
    expect(before?.n).toBeGreaterThan(MANY);
    const file = join(dir, "many.json");
    const counts = await writeBackupFile(source.pool, file, { batchSize: 997 });
    expect(counts.audit_log).toBe(before?.n);
    expect(await readdir(dir), "no partial file left beside it").toEqual(["many.json"]);

    // The file keeps the format backups always had.
    const parsed = JSON.parse(await readFile(file, "utf8")) as Backup;
    expect(parsed).toMatchObject({ format: "trade4msmes-backup", version: 1 });
    expect(parsed.tables.audit_log).toHaveLength(before?.n ?? 0);

    // Read in 1 KB chunks: rows, strings, escapes and multi-byte characters fall across the cuts.
    const restored = await restoreBackup(target.pool, createReadStream(file, { highWaterMark: 1024 }), { batchSize: 333 });
    expect(restored.audit_log).toBe(before?.n);
    expect(await fingerprint(target.pool, "audit_log")).toEqual(before);
    expect((await createBackup(target.pool)).tables).toEqual(parsed.tables);
  });

  it("holds the same rows whatever the batch size", async () => {
    const small = await createBackup(source.pool, { batchSize: 7 });
    const large = await createBackup(source.pool, { batchSize: 50_000 });
    expect(small.tables).toEqual(large.tables);
    expect(Object.keys(small.tables)).toEqual(Object.keys(large.tables));
  });

  it("passes each row of a table through its transform on the way out", async () => {
    const backup = await createBackup(source.pool, { transforms: { audit_log: ({ before: _, ...row }) => ({ ...row, actor: "system:redacted" }) } });
    const rows = backup.tables.audit_log as Record<string, unknown>[];
    expect(rows.every((r) => r.actor === "system:redacted" && !("before" in r))).toBe(true);
    expect((backup.tables.economies as unknown[]).length).toBe(166);
  });

  it("leaves no file when the backup cannot be written, and ends its transaction", async () => {
    const failing = new Writable({
      write(_chunk, _encoding, callback) {
        callback(new Error("disk full"));
      },
    });
    await expect(writeBackup(source.pool, failing)).rejects.toThrow("disk full");
    // The pool's connections all came back, none left inside the backup's transaction.
    const { rows } = await source.pool.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'",
    );
    expect(rows[0]?.n).toBe(0);
  });
});

describe("restoring refuses what is not a backup, and changes nothing", () => {
  const cases: [string, string, RegExp][] = [
    ["cut short", '{"format":"trade4msmes-backup","version":1,"migrations":[],"tables":{"audit_log":[{"id":1', /ends before its last table/],
    ["not JSON", "this is not json", /not a Trade4MSMEs backup/],
    ["a trailing comma", '{"format":"trade4msmes-backup","version":1,"migrations":[],"tables":{"audit_log":[],}}', /not valid JSON at character 85/],
    ["a row that is not an object", '{"format":"trade4msmes-backup","version":1,"migrations":[],"tables":{"audit_log":[1]}}', /A row of audit_log is not an object/],
    ["another format", '{"format":"other","version":1,"migrations":[],"tables":{}}', /not a Trade4MSMEs backup/],
    ["no tables", '{"format":"trade4msmes-backup","version":1,"migrations":[]}', /not a Trade4MSMEs backup/],
    ["a table this installation lacks", '{"format":"trade4msmes-backup","version":1,"migrations":[],"tables":{"nope":[]}}', /tables this installation lacks: nope/],
    ["a migration this installation lacks", '{"format":"trade4msmes-backup","version":1,"migrations":["209901010000_future.sql"],"tables":{}}', /lacks: 209901010000_future\.sql/],
  ];
  it.each(cases)("%s", async (_name, text, message) => {
    const before = await fingerprint(target.pool, "audit_log");
    const error = await restoreBackup(target.pool, [text.slice(0, 10), text.slice(10)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreError);
    expect((error as Error).message).toMatch(message);
    expect(await fingerprint(target.pool, "audit_log")).toEqual(before);
  });
});
