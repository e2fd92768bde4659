import { once } from "node:events";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../test/db.js";
import { loadConfig } from "../config.js";
import type { AppContext } from "../module.js";
import { enqueue, runJobsOnce, startWorker } from "./queue.js";
import { collectTasks } from "./worker.js";

let t: Awaited<ReturnType<typeof testDatabase>>;
let ctx: AppContext;
beforeAll(async () => {
  t = await testDatabase();
  ctx = { config: loadConfig({ DATABASE_URL: t.url }), db: t.db };
});
afterAll(() => t.close());

const quiet = { warn: () => {}, error: () => {} };

/** The queue's jobs of one task (the public `jobs` view hides payloads). */
async function jobsOf(task: string) {
  const { rows } = await sql<{ payload: { n: number }; attempts: number; run_at: Date; last_error: string | null; in_future: boolean }>`
    select j.payload, j.attempts, j.run_at, j.last_error, j.run_at > now() + interval '1 second' as in_future
    from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id
    where k.identifier = ${task} order by j.id`.execute(t.db);
  return rows;
}

describe("enqueue", () => {
  it("adds a job only when the transaction commits", async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await enqueue(trx, "test.rollback", { n: 1 });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await jobsOf("test.rollback")).toEqual([]);

    await t.db.transaction().execute((trx) => enqueue(trx, "test.rollback", { n: 2 }));
    expect((await jobsOf("test.rollback")).map((j) => j.payload)).toEqual([{ n: 2 }]);
  });

  it("replaces a waiting job with the same key instead of adding another", async () => {
    await enqueue(t.db, "test.keyed", { n: 1 }, { jobKey: "k", runAt: new Date(Date.now() + 60_000) });
    await enqueue(t.db, "test.keyed", { n: 2 }, { jobKey: "k", runAt: new Date(Date.now() + 60_000) });
    expect((await jobsOf("test.keyed")).map((j) => j.payload)).toEqual([{ n: 2 }]);
  });
});

describe("workers", () => {
  it("run each task with its payload and the platform's context, and forget finished jobs", async () => {
    const seen: unknown[] = [];
    await enqueue(t.db, "test.once", { n: 7 });
    await runJobsOnce({
      connectionString: t.url,
      ctx,
      log: quiet,
      tasks: {
        "test.once": async (payload, context) => {
          seen.push(payload, context === ctx);
        },
      },
    });
    expect(seen).toEqual([{ n: 7 }, true]);
    expect(await jobsOf("test.once")).toEqual([]);
  });

  it("retry a failing task later, with backoff, until it succeeds", async () => {
    let calls = 0;
    const errors: string[] = [];
    const worker = await startWorker({
      connectionString: t.url,
      ctx,
      pollInterval: 200,
      log: { warn: () => {}, error: (line) => errors.push(line) },
      tasks: {
        "test.flaky": async () => {
          calls++;
          if (calls === 1) throw new Error("not yet");
        },
      },
    });
    try {
      const first = once(worker.events, "job:complete");
      await t.db.transaction().execute((trx) => enqueue(trx, "test.flaky", { n: 1 }));
      await first;
      const [job] = await jobsOf("test.flaky");
      expect(job).toMatchObject({ attempts: 1, last_error: expect.stringContaining("not yet"), in_future: true });
      expect(errors.join("\n")).toContain("not yet");
      // exp(1) ≈ 2.7 s later, the worker's poll finds it again.
      const [{ error }] = await once(worker.events, "job:complete");
      expect(error).toBeFalsy();
      expect(calls).toBe(2);
      expect(await jobsOf("test.flaky")).toEqual([]);
    } finally {
      await worker.stop();
    }
  });
});

describe("collectTasks", () => {
  it("refuses two modules defining the same task", () => {
    const task = async () => {};
    expect(Object.keys(collectTasks([{ name: "a", tasks: { "a.x": task } }, { name: "b" }]))).toEqual(["a.x"]);
    expect(() => collectTasks([{ name: "a", tasks: { x: task } }, { name: "b", tasks: { x: task } }])).toThrow(/x/);
  });
});
