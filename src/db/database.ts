import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";

/**
 * The typed shape of the database. Each module adds its own tables to this interface from its
 * `schema.ts` (declaration merging), so a new capability plugs in without editing this file:
 *
 *   declare module "../../db/database.js" { interface Tables { economies: EconomyTable } }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the modules.
export interface Tables {}

export type Db = Kysely<Tables>;

// Dates stay plain `YYYY-MM-DD` strings: a membership date is a calendar day, not an instant.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// bigint counts (count(*)) fit in a JS number for everything this platform counts.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function createDb(url: string, max = 10): { db: Db; pool: pg.Pool } {
  // While the server is unreachable a request must fail fast (503, `database_unavailable`)
  // rather than wait: a connection that cannot be made within 3 s is an error.
  const pool = new pg.Pool({ connectionString: url, max, application_name: "trade4msmes", connectionTimeoutMillis: 3000 });
  // An idle connection closed by the server (restart, failover) must not crash the process:
  // the pool drops it and opens a new one on next use.
  pool.on("error", () => {});
  survivesLostConnections(pool);
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}

/**
 * node-postgres listens for a connection's errors only while it is idle in the pool: one checked
 * out between two queries (a transaction in progress, the job queue's) when the server dies
 * emits 'error' with nobody listening, which ends the process. Every connection gets a listener
 * for its whole life; the request holding it then fails on its next query ("not queryable",
 * answered as `database_unavailable`), and the pool drops the connection when it is released.
 */
export function survivesLostConnections(pool: pg.Pool): void {
  pool.on("connect", (client) => {
    client.on("error", () => {});
  });
}

/** SQLSTATEs of a server shutting down, starting up, or a connection that failed or was lost. */
const UNAVAILABLE_CODES = new Set(["57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006"]);
const UNAVAILABLE_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/** What node-postgres says, with no code, when a connection could not be made or was cut. */
const UNAVAILABLE_MESSAGES = /^(timeout exceeded when trying to connect|Connection terminated( unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)/;

/**
 * Whether an error says that the database cannot be reached (down, restarting, the network cut),
 * rather than that a query was wrong: such a request may succeed if tried again in a moment.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 3) return false;
  const { code, message, errors, cause } = error as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_ERRNOS.has(code))) return true;
  if (typeof message === "string" && UNAVAILABLE_MESSAGES.test(message)) return true;
  // Node reports a refused connection to a name with several addresses as an AggregateError.
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}
