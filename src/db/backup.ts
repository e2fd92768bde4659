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

export async function createBackup(pool: pg.Pool): Promise<Backup> {
  const client = await pool.connect();
  try {
    // One snapshot for every table.
    await client.query("begin isolation level repeatable read read only");
    const { rows: migrations } = await client.query<{ name: string }>("select name from schema_migrations order by name");
    const tables: Record<string, unknown[]> = {};
    for (const table of await tablesInOrder(client)) {
      const columns = (await writableColumns(client, table)).map(ident).join(", ");
      const { rows } = await client.query<{ rows: unknown[] | null }>(
        `select coalesce(json_agg(t order by t), '[]') as rows from (select ${columns} from ${ident(table)}) t`,
      );
      tables[table] = rows[0]?.rows ?? [];
    }
    await client.query("commit");
    return { format: "trade4msmes-backup", version: 1, createdAt: new Date().toISOString(), migrations: migrations.map((m) => m.name), tables };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export class RestoreError extends Error {}

/** Replaces every table's content with the backup's, in one transaction: all or nothing. */
export async function restoreBackup(pool: pg.Pool, backup: Backup): Promise<Record<string, number>> {
  if (backup?.format !== "trade4msmes-backup" || backup.version !== 1 || typeof backup.tables !== "object") {
    throw new RestoreError("This file is not a Trade4MSMEs backup (format trade4msmes-backup, version 1).");
  }
  const client = await pool.connect();
  try {
    await client.query("begin");
    const { rows } = await client.query<{ name: string }>("select name from schema_migrations order by name");
    const applied = rows.map((r) => r.name);
    const missing = backup.migrations.filter((m) => !applied.includes(m));
    if (missing.length) {
      throw new RestoreError(`The backup needs migrations this installation lacks: ${missing.join(", ")}. Update the platform first.`);
    }
    const order = await tablesInOrder(client);
    const unknown = Object.keys(backup.tables).filter((t) => !order.includes(t));
    if (unknown.length) throw new RestoreError(`The backup has tables this installation lacks: ${unknown.join(", ")}`);
    await client.query(`truncate ${order.map(ident).join(", ")} restart identity cascade`);
    const counts: Record<string, number> = {};
    for (const table of order) {
      const data = backup.tables[table] ?? [];
      counts[table] = data.length;
      if (data.length === 0) continue;
      const columns = (await writableColumns(client, table)).map(ident).join(", ");
      await client.query(
        `insert into ${ident(table)} (${columns}) overriding system value
         select ${columns} from json_populate_recordset(null::${ident(table)}, $1::json)`,
        [JSON.stringify(data)],
      );
      // Sequences (serial and identity columns) continue after the restored rows.
      const { rows: sequences } = await client.query<{ seq: string; col: string }>(
        `select pg_get_serial_sequence($1, column_name) as seq, column_name as col from information_schema.columns
         where table_schema = current_schema() and table_name = $2 and pg_get_serial_sequence($1, column_name) is not null`,
        [ident(table), table],
      );
      for (const { seq, col } of sequences) {
        await client.query(`select setval($1, coalesce((select max(${ident(col)}) from ${ident(table)}), 0) + 1, false)`, [seq]);
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
