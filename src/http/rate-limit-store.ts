import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import { sql } from "kysely";
import type { Db } from "../db/database.js";

/**
 * A store for `@fastify/rate-limit` that keeps the counters in PostgreSQL (the unlogged table
 * `rate_limit_windows`), so every app node counts against the same limit: two nodes do not
 * double it. Fixed windows: the first hit of a key opens a window of `timeWindow` ms, each hit
 * in it adds one, and the first hit after it ends opens the next. Each hit is one atomic
 * `insert … on conflict do update … returning`, so parallel hits on any node never lose a count.
 *
 * The plugin builds the store itself (`new Store(options)`), hence a factory that closes over
 * the database. `continueExceeding` and `exponentialBackoff` are not supported (refused, rather
 * than silently ignored).
 */


interface Settings {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  routeInfo?: { method?: string | string[]; url?: string };
}

export function postgresRateLimitStore(
  db: Db,
  /** Windows that ended are deleted at most this often per process, by the hit that comes next. */
  { cleanEveryMs = 60_000 }: { cleanEveryMs?: number } = {},
): FastifyRateLimitStoreCtor {
  let lastCleaned = 0;
  const clean = async () => {
    if (Date.now() - lastCleaned < cleanEveryMs) return;
    lastCleaned = Date.now();
    await sql`delete from rate_limit_windows where resets_at < now()`.execute(db);
  };

  const hit = async (key: string, timeWindow: number) => {
    const { rows } = await sql<{ current: number; ttl: number }>`
      insert into rate_limit_windows as w (key, hits, resets_at)
      values (${key}, 1, now() + make_interval(secs => ${timeWindow / 1000}))
      on conflict (key) do update set
        hits = case when w.resets_at <= now() then 1 else w.hits + 1 end,
        resets_at = case when w.resets_at <= now() then excluded.resets_at else w.resets_at end
      returning hits as current, greatest(0, ceil(extract(epoch from resets_at - now()) * 1000))::int as ttl`.execute(db);
    await clean();
    return rows[0] ?? { current: 1, ttl: timeWindow };
  };

  const peek = async (key: string) => {
    const { rows } = await sql<{ current: number; ttl: number }>`
      select hits as current, greatest(0, ceil(extract(epoch from resets_at - now()) * 1000))::int as ttl
      from rate_limit_windows where key = ${key} and resets_at > now()`.execute(db);
    return rows[0] ?? { current: 0, ttl: 0 };
  };

  class PostgresRateLimitStore implements FastifyRateLimitStore {
    /** Keys are per route: the same address has a count for each limited route. */
    private readonly prefix: string;

    constructor(settings: Settings = {}) {
      if (settings.continueExceeding || settings.exponentialBackoff) {
        throw new Error("The PostgreSQL rate-limit store supports neither continueExceeding nor exponentialBackoff");
      }
      const { method, url } = settings.routeInfo ?? {};
      this.prefix = `${[method ?? ""].flat().join(",")} ${url ?? ""}|`;
    }

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number) {
      hit(this.prefix + key, timeWindow).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void) {
      peek(this.prefix + key).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    /** Called with the route's merged rate-limit settings (its `routeInfo` names the route). */
    child(routeOptions: unknown): FastifyRateLimitStore {
      return new PostgresRateLimitStore(routeOptions as Settings);
    }
  }
  return PostgresRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
