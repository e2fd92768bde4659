import type { FastifyRateLimitStore } from "@fastify/rate-limit";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/db.js";
import { postgresRateLimitStore } from "./rate-limit-store.js";

let t: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.close());

const WINDOW = 60_000;
const hit = (store: FastifyRateLimitStore, key: string, window = WINDOW) =>
  new Promise<{ current: number; ttl: number }>((resolve, reject) => store.incr(key, (error, result) => (error || !result ? reject(error) : resolve(result)), window, 10));
const peek = (store: FastifyRateLimitStore, key: string) =>
  new Promise<{ current: number; ttl: number }>((resolve, reject) =>
    (store as unknown as { read: FastifyRateLimitStore["incr"] }).read(key, (error, result) => (error || !result ? reject(error) : resolve(result)), WINDOW, 10),
  );

/** A route's store, as the plugin makes it for a route with `config.rateLimit`. */
const storeFor = (url: string, options?: { cleanEveryMs?: number }) => {
  const Store = postgresRateLimitStore(t.db, options);
  return new Store({}).child({ routeInfo: { method: "POST", url } } as never);
};

describe("the PostgreSQL rate-limit store", () => {
  it("counts hits in a window and says how long it has left", async () => {
    const store = storeFor("/counted");
    const results = [await hit(store, "10.0.0.1"), await hit(store, "10.0.0.1"), await hit(store, "10.0.0.1")];
    expect(results.map((r) => r.current)).toEqual([1, 2, 3]);
    for (const r of results) expect(r.ttl).toBeGreaterThan(WINDOW - 5_000);
    for (const r of results) expect(r.ttl).toBeLessThanOrEqual(WINDOW);
    expect(await peek(store, "10.0.0.1")).toMatchObject({ current: 3 });
    expect(await peek(store, "10.0.0.1")).toMatchObject({ current: 3 });
    expect(await peek(store, "10.0.0.9")).toEqual({ current: 0, ttl: 0 });
  });

  it("never loses a hit when they arrive together, from one store or from two processes' stores", async () => {
    const one = storeFor("/together");
    const two = storeFor("/together");
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => hit(i % 2 ? one : two, "10.0.0.2")));
    expect(results.map((r) => r.current).sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it("keeps a count per route and per address", async () => {
    const a = storeFor("/a");
    const b = storeFor("/b");
    await hit(a, "10.0.0.3");
    await hit(a, "10.0.0.3");
    expect((await hit(b, "10.0.0.3")).current).toBe(1);
    expect((await hit(a, "10.0.0.4")).current).toBe(1);
  });

  it("opens a new window after the last one ended, and deletes ended windows", async () => {
    const store = storeFor("/windows", { cleanEveryMs: 0 });
    await hit(store, "10.0.0.5");
    await hit(store, "10.0.0.5");
    await sql`update rate_limit_windows set resets_at = now() - interval '1 second' where key like '%/windows|%'`.execute(t.db);
    await sql`insert into rate_limit_windows (key, hits, resets_at) values ('POST /gone|10.9.9.9', 7, now() - interval '1 hour')`.execute(t.db);
    expect((await hit(store, "10.0.0.5")).current).toBe(1);
    const { rows } = await sql<{ key: string }>`select key from rate_limit_windows where resets_at < now()`.execute(t.db);
    expect(rows).toEqual([]);
  });

  it("refuses settings it would otherwise ignore", () => {
    const Store = postgresRateLimitStore(t.db);
    expect(() => new Store({ continueExceeding: true } as never)).toThrow(/continueExceeding/);
  });
});
