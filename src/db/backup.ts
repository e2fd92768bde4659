import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StringDecoder } from "node:string_decoder";
import type pg from "pg";

/**
 * Logical backups: every table of the platform as JSON rows, restorable into any PostgreSQL with
 * the same migrations. Needs no pg_dump (the embedded cluster ships none) and reads back exactly:
 * a backup of a restored database equals the backup it came from.
 */
export interface Backup {
  format: "trade4msmes-backup";
  version: 1;
  createdAt: string;
  migrations: string[];
  tables: Record<string, unknown[]>;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The platform's tables, parents before children (foreign keys), schema_migrations excluded. */
async function tablesInOrder(client: pg.ClientBase): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind = 'r' and c.relname <> 'schema_migrations'
     order by c.relname`,
  );
  const { rows: edges } = await client.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent from pg_constraint k
     join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
     join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'f' and n.nspname = current_schema() and c.oid <> p.oid`,
  );
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const edge of edges) if (edge.child === table) visit(edge.parent);
    ordered.push(table);
  };
  for (const { name } of tables) visit(name);
  return ordered;
}

/**
 * The columns a backup holds and a restore writes: not generated ones, and not those whose
 * comment starts with `secret` (`comment on column t.c is 'secret: …'`), which hold what must
 * never leave the database, such as the link tokens of emails not sent yet. A restore leaves
 * those at their default (null).
 */
async function writableColumns(client: pg.ClientBase, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select column_name as name from information_schema.columns c
     where table_schema = current_schema() and table_name = $1 and is_generated = 'NEVER'
       and coalesce(col_description(format('%I.%I', c.table_schema, c.table_name)::regclass, c.ordinal_position::int), '') not like 'secret%'
     order by ordinal_position`,
    [table],
  );
  return rows.map((r) => r.name);
}

/** A row on its way into a backup, as JSON would give it; returns what the backup keeps of it. */
export type RowTransform = (row: Record<string, unknown>) => Record<string, unknown>;

export interface BackupOptions {
  /** Rows fetched per round trip (default 1,000): all that a backup holds in memory at once. */
  batchSize?: number;
  /** Per table, a rewrite of each row on its way into the backup (to leave something out, say). */
  transforms?: Readonly<Record<string, RowTransform>>;
}

/** Rows per table, in the order the backup holds them. */
export type BackupCounts = Record<string, number>;

/** The columns of a table's primary key, in key order (none for a table without one). */
async function primaryKey(client: pg.ClientBase, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select a.attname as name from pg_index i
     join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
     where i.indrelid = $1::regclass and i.indisprimary
     order by array_position(i.indkey::int2[], a.attnum)`,
    [ident(table)],
  );
  return rows.map((r) => r.name);
}

/**
 * The backup as JSON text, piece by piece: every table read in batches through a cursor (in
 * primary-key order, or whole-row order for a table without one), all inside one repeatable-read
 * transaction, so the pieces together are one consistent snapshot. The text is the format above
 * (`Backup`), so files written before streaming restore as they always did. Fills `counts`.
 */
export async function* backupText(pool: pg.Pool, options: BackupOptions = {}, counts: BackupCounts = {}): AsyncGenerator<string> {
  const batchSize = options.batchSize ?? 1000;
  const client = await pool.connect();
  try {
    await client.query("begin isolation level repeatable read read only");
    const { rows: migrations } = await client.query<{ name: string }>("select name from schema_migrations order by name");
    const createdAt = new Date().toISOString();
    yield `{"format":"trade4msmes-backup","version":1,"createdAt":${JSON.stringify(createdAt)},"migrations":${JSON.stringify(migrations.map((m) => m.name))},"tables":{`;
    let firstTable = true;
    for (const table of await tablesInOrder(client)) {
      const columns = (await writableColumns(client, table)).map(ident).join(", ");
      const key = await primaryKey(client, table);
      const order = key.length ? key.map((c) => `t.${ident(c)}`).join(", ") : "t";
      const transform = options.transforms?.[table];
      await client.query(`declare backup_rows no scroll cursor for select to_json(t)::text as row from (select ${columns} from ${ident(table)}) t order by ${order}`);
      yield `${firstTable ? "" : ","}${JSON.stringify(table)}:[`;
      firstTable = false;
      let n = 0;
      for (;;) {
        const { rows } = await client.query<{ row: string }>(`fetch forward ${batchSize} from backup_rows`);
        if (rows.length === 0) break;
        const texts = transform ? rows.map((r) => JSON.stringify(transform(JSON.parse(r.row)))) : rows.map((r) => r.row);
        yield (n ? "," : "") + texts.join(",");
        n += rows.length;
      }
      await client.query("close backup_rows");
      counts[table] = n;
      yield "]";
    }
    yield "}}";
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    // Also reached when the reader stops early (the file could not be written): the generator's
    // return() ends the transaction here. A rollback after a commit only warns.
    await client.query("rollback").catch(() => {});
    client.release();
  }
}

/** Streams a backup into `out` as it is read; resolves with the rows per table once all is written. */
export async function writeBackup(pool: pg.Pool, out: NodeJS.WritableStream, options: BackupOptions = {}): Promise<BackupCounts> {
  const counts: BackupCounts = {};
  await pipeline(Readable.from(backupText(pool, options, counts)), out);
  return counts;
}

/**
 * Writes a backup file: first beside it under a temporary name, then renamed into place, so a
 * backup that fails half-way never leaves a truncated file that looks like a backup.
 */
export async function writeBackupFile(pool: pg.Pool, file: string, options: BackupOptions = {}): Promise<BackupCounts> {
  const partial = `${file}.partial-${process.pid}`;
  try {
    const counts = await writeBackup(pool, createWriteStream(partial), options);
    await rename(partial, file);
    return counts;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/**
 * The whole backup as a value, for tests and small tools. It holds every row in memory at once:
 * the command line streams (`writeBackupFile`) instead.
 */
export async function createBackup(pool: pg.Pool, options: BackupOptions = {}): Promise<Backup> {
  const pieces: string[] = [];
  for await (const piece of backupText(pool, options)) pieces.push(piece);
  return JSON.parse(pieces.join("")) as Backup;
}

export class RestoreError extends Error {}

const NOT_A_BACKUP = "This file is not a Trade4MSMEs backup (format trade4msmes-backup, version 1).";

/** What the scanner finds in a backup's text, in file order. */
export type BackupEvent =
  | { kind: "meta"; key: string; value: unknown }
  | { kind: "table"; table: string }
  | { kind: "row"; table: string; text: string };

interface Frame {
  kind: "object" | "array";
  /** The member being read, in an object (kept only where it matters: the top and `tables`). */
  key: string | null;
  expect: "key" | "colon" | "value" | "comma";
  /** Members or elements read so far. */
  count: number;
}

interface Capture {
  what: "key" | "meta" | "row";
  /** How deep the value kept sits (frames open around it). */
  depth: number;
  /** Its text in the chunks before this one, and where it starts in this one. */
  parts: string[];
  from: number;
  size: number;
}

/** The largest top-level member other than `tables` a backup may have (its list of migrations). */
const META_LIMIT = 1 << 20;
const SCALAR = /[-+.0-9A-Za-z]/;

/**
 * Reads a backup's JSON text as it arrives, in chunks of any size, without building it: it hands
 * back each top-level member but `tables` as a value, and each row of each table as its own JSON
 * text, holding only the row (or member) it is in the middle of. Text not shaped
 * `{ …, "tables": { "name": [ {row}, … ], … } }` is a RestoreError; a row's own JSON is checked
 * by PostgreSQL when it is stored.
 */
export class BackupScanner {
  #stack: Frame[] = [];
  #started = false;
  #finished = false;
  #inString = false;
  #escaped = false;
  #inScalar = false;
  #capture: Capture | null = null;
  #table = "";
  #position = 0;
  #events: BackupEvent[] = [];
  #sawTables = false;

  /** Whether the text had a `tables` member (an object). */
  get sawTables(): boolean {
    return this.#sawTables;
  }

  write(chunk: string): BackupEvent[] {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as string;
      if (this.#inString) {
        if (this.#escaped) this.#escaped = false;
        else if (c === "\\") this.#escaped = true;
        else if (c === '"') {
          this.#inString = false;
          this.#ends(chunk, i + 1);
        }
        continue;
      }
      if (this.#inScalar) {
        if (SCALAR.test(c)) continue;
        this.#inScalar = false;
        this.#ends(chunk, i);
      }
      if (c === " " || c === "\n" || c === "\r" || c === "\t") continue;
      if (this.#finished) this.#fail(i);
      const frame = this.#stack.at(-1);
      if (c === "{" || c === "[") {
        this.#starts(i, c === "{" ? "object" : "array");
        this.#stack.push({ kind: c === "{" ? "object" : "array", key: null, expect: c === "{" ? "key" : "value", count: 0 });
      } else if (c === "}" || c === "]") {
        // After a member or an element, or at once after the opening; never after a comma.
        if (!frame || frame.kind !== (c === "}" ? "object" : "array") || (frame.expect !== "comma" && frame.count > 0)) this.#fail(i);
        if (frame.expect !== "comma" && frame.expect !== (frame.kind === "object" ? "key" : "value")) this.#fail(i);
        this.#stack.pop();
        if (this.#stack.length === 0) this.#finished = true;
        this.#ends(chunk, i + 1);
      } else if (c === ":") {
        if (frame?.expect !== "colon") this.#fail(i);
        frame.expect = "value";
      } else if (c === ",") {
        if (frame?.expect !== "comma") this.#fail(i);
        frame.expect = frame.kind === "object" ? "key" : "value";
      } else if (c === '"' && frame?.kind === "object" && frame.expect === "key") {
        this.#inString = true;
        frame.expect = "colon";
        if (this.#stack.length <= 2 && !this.#capture) this.#capture = { what: "key", depth: this.#stack.length, parts: [], from: i, size: 0 };
      } else if (c === '"') {
        this.#inString = true;
        this.#starts(i, "scalar");
      } else if (SCALAR.test(c)) {
        this.#inScalar = true;
        this.#starts(i, "scalar");
      } else this.#fail(i);
    }
    if (this.#capture) {
      const rest = chunk.slice(this.#capture.from);
      this.#capture.parts.push(rest);
      this.#capture.size += rest.length;
      this.#capture.from = 0;
      if (this.#capture.what !== "row" && this.#capture.size > META_LIMIT) throw new RestoreError(NOT_A_BACKUP);
    }
    this.#position += chunk.length;
    return this.#events.splice(0);
  }

  /** Says the text has ended; anything left open is an error. */
  end(): BackupEvent[] {
    if (this.#inScalar) {
      this.#inScalar = false;
      this.#ends("", 0);
    }
    if (!this.#finished) throw new RestoreError(`${NOT_A_BACKUP} It ends before its last table is complete.`);
    return this.#events.splice(0);
  }

  #fail(i: number): never {
    throw new RestoreError(`${NOT_A_BACKUP} It is not valid JSON at character ${this.#position + i + 1}.`);
  }

  /** A value begins at chunk[i]: where it is says what it must be and whether it is kept. */
  #starts(i: number, kind: Frame["kind"] | "scalar") {
    const frame = this.#stack.at(-1);
    const depth = this.#stack.length;
    if (!frame) {
      if (this.#started || kind !== "object") throw new RestoreError(NOT_A_BACKUP);
      this.#started = true;
      return;
    }
    if (frame.expect !== "value") this.#fail(i);
    frame.expect = "comma";
    frame.count++;
    if (this.#capture) return; // part of a member or a row being kept
    if (depth === 1 && frame.key !== "tables") {
      this.#capture = { what: "meta", depth, parts: [], from: i, size: 0 };
    } else if (depth === 1) {
      if (kind !== "object") throw new RestoreError(NOT_A_BACKUP);
      this.#sawTables = true;
    } else if (depth === 2) {
      if (kind !== "array" || frame.key === null) throw new RestoreError(NOT_A_BACKUP);
      this.#table = frame.key;
      this.#events.push({ kind: "table", table: frame.key });
    } else if (kind !== "object") {
      throw new RestoreError(`${NOT_A_BACKUP} A row of ${this.#table} is not an object.`);
    } else {
      this.#capture = { what: "row", depth, parts: [], from: i, size: 0 };
    }
  }

  /** A value (or key) ended just before chunk[end]: hands it on if it was being kept. */
  #ends(chunk: string, end: number) {
    const capture = this.#capture;
    if (!capture || capture.depth !== this.#stack.length) return;
    this.#capture = null;
    capture.parts.push(chunk.slice(capture.from, end));
    const text = capture.parts.join("");
    if (capture.what === "key") {
      const frame = this.#stack.at(-1);
      if (frame) frame.key = JSON.parse(text) as string;
    } else if (capture.what === "meta") {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new RestoreError(NOT_A_BACKUP);
      }
      this.#events.push({ kind: "meta", key: this.#stack[0]?.key ?? "", value });
    } else {
      this.#events.push({ kind: "row", table: this.#table, text });
    }
  }
}

/** A backup as a value, or its text as it comes (a file's read stream, chunks of a string). */
export type BackupSource = Backup | AsyncIterable<string | Uint8Array> | Iterable<string>;

export interface RestoreOptions {
  /** Rows sent per round trip (default 1,000; fewer when they are large). */
  batchSize?: number;
}

/** Rows are sent to the database at least every this many characters. */
const BATCH_TEXT = 4 << 20;

async function* textOf(source: BackupSource): AsyncGenerator<string> {
  if (typeof source === "string") {
    yield source;
    return;
  }
  if (!(Symbol.asyncIterator in source) && !(Symbol.iterator in source)) {
    yield JSON.stringify(source);
    return;
  }
  const decoder = new StringDecoder("utf8");
  for await (const chunk of source as AsyncIterable<string | Uint8Array>) yield typeof chunk === "string" ? chunk : decoder.write(chunk as Buffer);
  yield decoder.end();
}

/**
 * Replaces every table's content with the backup's, in one transaction: all or nothing. The text
 * is read as it comes: rows go in batches into a temporary table, so memory holds one batch (at
 * most 1,000 rows or about 4 MB of text) whatever the size of the backup, and the file's table
 * order need not follow this database's foreign keys. The header (`format`, `version`,
 * `migrations`) must come before `tables`, as every backup writes it.
 */
export async function restoreBackup(pool: pg.Pool, source: BackupSource, options: RestoreOptions = {}): Promise<Record<string, number>> {
  const batchSize = options.batchSize ?? 1000;
  const client = await pool.connect();
  try {
    await client.query("begin");
    const { rows } = await client.query<{ name: string }>("select name from schema_migrations order by name");
    const applied = new Set(rows.map((r) => r.name));
    const order = await tablesInOrder(client);
    await client.query("create temporary table restore_rows (table_name text not null, seq bigint not null, row json not null) on commit drop");

    const meta: Record<string, unknown> = {};
    let headerChecked = false;
    const checkHeader = () => {
      if (meta.format !== "trade4msmes-backup" || meta.version !== 1 || !Array.isArray(meta.migrations)) throw new RestoreError(NOT_A_BACKUP);
      const missing = (meta.migrations as unknown[]).filter((m) => typeof m !== "string" || !applied.has(m));
      if (missing.length) {
        throw new RestoreError(`The backup needs migrations this installation lacks: ${missing.join(", ")}. Update the platform first.`);
      }
      headerChecked = true;
    };

    const inFile = new Map<string, number>();
    let batch: string[] = [];
    let batchTable = "";
    let batchText = 0;
    let seq = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      try {
        await client.query(
          `insert into restore_rows (table_name, seq, row)
           select $1, $2::bigint + ordinality, value from json_array_elements($3::json) with ordinality`,
          [batchTable, seq, `[${batch.join(",")}]`],
        );
      } catch (error) {
        if ((error as { code?: string }).code === "22P02") throw new RestoreError(`${NOT_A_BACKUP} A row of ${batchTable} is not valid JSON.`);
        throw error;
      }
      seq += batch.length;
      batch = [];
      batchText = 0;
    };

    const scanner = new BackupScanner();
    const take = async (events: BackupEvent[]) => {
      for (const event of events) {
        if (event.kind === "meta") {
          meta[event.key] = event.value;
        } else if (event.kind === "table") {
          if (!headerChecked) checkHeader();
          if (!order.includes(event.table)) throw new RestoreError(`The backup has tables this installation lacks: ${event.table}`);
          if (inFile.has(event.table)) throw new RestoreError(`${NOT_A_BACKUP} It lists ${event.table} twice.`);
          inFile.set(event.table, 0);
        } else {
          if (event.table !== batchTable || batch.length >= batchSize || batchText >= BATCH_TEXT) await flush();
          batchTable = event.table;
          batch.push(event.text);
          batchText += event.text.length;
          inFile.set(event.table, (inFile.get(event.table) ?? 0) + 1);
        }
      }
    };
    for await (const text of textOf(source)) await take(scanner.write(text));
    await take(scanner.end());
    await flush();
    if (!headerChecked) checkHeader();
    if (!scanner.sawTables) throw new RestoreError(NOT_A_BACKUP);

    await client.query("create index on restore_rows (table_name, seq)");
    await client.query(`truncate ${order.map(ident).join(", ")} restart identity cascade`);
    const counts: Record<string, number> = {};
    for (const table of order) {
      counts[table] = inFile.get(table) ?? 0;
      if (counts[table] === 0) continue;
      const columns = (await writableColumns(client, table)).map(ident);
      await client.query(
        `insert into ${ident(table)} (${columns.join(", ")}) overriding system value
         select ${columns.map((c) => `p.${c}`).join(", ")}
         from restore_rows r cross join lateral json_populate_record(null::${ident(table)}, r.row) p
         where r.table_name = $1 order by r.seq`,
        [table],
      );
      // Sequences (serial and identity columns) continue after the restored rows.
      const { rows: sequences } = await client.query<{ seq: string; col: string }>(
        `select pg_get_serial_sequence($1, column_name) as seq, column_name as col from information_schema.columns
         where table_schema = current_schema() and table_name = $2 and pg_get_serial_sequence($1, column_name) is not null`,
        [ident(table), table],
      );
      for (const { seq: sequence, col } of sequences) {
        await client.query(`select setval($1, coalesce((select max(${ident(col)}) from ${ident(table)}), 0) + 1, false)`, [sequence]);
      }
    }
    await client.query("commit");
    return counts;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
