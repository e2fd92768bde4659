import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sql } from "kysely";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Db } from "../db/database.js";
import type { App } from "../module.js";
import { sendProblem } from "./error-handler.js";
import { AppError } from "../errors.js";
import type { PageCache } from "./page-cache.js";

/**
 * `/metrics` for Prometheus, served only to the holder of METRICS_TOKEN
 * (`Authorization: Bearer <token>`); without a token configured the address does not exist.
 *
 * - `t4m_http_request_duration_seconds{method, route, status}`: a histogram per route pattern
 *   (`/:lang/members`, never the address asked, so the number of series stays bounded) and status
 *   class (`2xx` …); its `_count` is the number of requests.
 * - `t4m_page_cache_lookups_total{result="hit"|"miss"}`, `t4m_page_cache_entries`,
 *   `t4m_page_cache_bytes`: the public page cache (`src/http/page-cache.ts`).
 * - `t4m_jobs{task, state}`: the job queue by state: `ready` (due now), `scheduled` (due later),
 *   `running`, `retrying` (failed at least once, will be tried again), `failed` (gave up after
 *   its last attempt). The queue's depth is ready + scheduled + retrying.
 * - `t4m_emails{status}`: the outbox by status (`queued`, `sending`, `sent`, `failed`).
 * - The process: CPU, memory, event-loop delay, garbage collection (prom-client's defaults).
 *
 * The request histogram is updated as requests end; everything else is read when Prometheus
 * scrapes, from the cache's own counters and from two aggregate queries (bounded in rows and in
 * time), so that no other part of the platform has to report to this one.
 */
export interface MetricsSources {
  token: string | undefined;
  db: Db;
  cache: PageCache;
  /** The queue's task names, reported at 0 while they have no jobs. */
  tasks: readonly string[];
}

const JOB_STATES = ["ready", "scheduled", "running", "retrying", "failed"] as const;
const EMAIL_STATUSES = ["queued", "sending", "sent", "failed"] as const;
/** Requests that matched no route share one label. */
const UNMATCHED = "(unmatched)";

export function registerMetrics(app: App, sources: MetricsSources): void {
  const { token } = sources;
  // The route exists either way, so that the platform's route list does not depend on configuration.
  if (!token) {
    app.get("/metrics", { schema: { hide: true }, config: { ownAuthorization: true } }, (_request, reply) => reply.callNotFound());
    return;
  }

  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: "t4m_http_request_duration_seconds",
    help: "Time from the request's arrival to the end of its response, per route pattern and status class",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const readings = scrapeReadings(registry, sources);

  app.addHook("onResponse", (request, reply, done) => {
    const status = reply.statusCode;
    requests.observe(
      { method: request.method, route: request.routeOptions.url ?? UNMATCHED, status: status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : "other" },
      reply.elapsedTime / 1000,
    );
    done();
  });

  const expected = createHash("sha256").update(token).digest();
  const authorized = (request: FastifyRequest) => {
    const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
    // Hashes of equal length, compared in constant time: the answer's timing tells nothing of the token.
    return given !== undefined && timingSafeEqual(createHash("sha256").update(given).digest(), expected);
  };

  app.get("/metrics", { schema: { hide: true }, config: { ownAuthorization: true } }, async (request, reply: FastifyReply) => {
    reply.header("Cache-Control", "no-store");
    if (!authorized(request)) {
      reply.header("WWW-Authenticate", 'Bearer realm="metrics"');
      return sendProblem(request, reply, new AppError(401, "invalid_metrics_token", "errors.metricsToken"));
    }
    await readings.refresh(request);
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

/** The metrics read at scrape time, and the function that reads them. */
function scrapeReadings(registry: Registry, { db, cache, tasks }: MetricsSources) {
  const registers = [registry];
  const lookups = new Counter({ name: "t4m_page_cache_lookups_total", help: "Public page cache lookups, by result", labelNames: ["result"] as const, registers });
  const entries = new Gauge({ name: "t4m_page_cache_entries", help: "Pages held in the public page cache", registers });
  const bytes = new Gauge({ name: "t4m_page_cache_bytes", help: "Bytes held by the public page cache (as it counts them)", registers });
  const jobs = new Gauge({ name: "t4m_jobs", help: "Jobs in the queue, by task and state", labelNames: ["task", "state"] as const, registers });
  const emails = new Gauge({ name: "t4m_emails", help: "Emails in the outbox, by status", labelNames: ["status"] as const, registers });

  return {
    async refresh(request: FastifyRequest): Promise<void> {
      lookups.reset();
      lookups.inc({ result: "hit" }, cache.hits);
      lookups.inc({ result: "miss" }, cache.misses);
      entries.set(cache.size);
      bytes.set(cache.bytes);
      jobs.reset();
      emails.reset();
      try {
        const { queue, outbox } = await countJobsAndEmails(db);
        for (const task of tasks) for (const state of JOB_STATES) jobs.set({ task, state }, 0);
        for (const row of queue) jobs.set({ task: row.task, state: row.state }, row.n);
        for (const status of EMAIL_STATUSES) emails.set({ status }, 0);
        for (const row of outbox) emails.set({ status: row.status }, row.n);
      } catch (error) {
        // The process's own metrics are still worth serving; the queue's and outbox's are left out.
        request.log.warn({ err: error }, "metrics: could not read the job queue and outbox");
      }
    },
  };
}

/**
 * Two aggregate reads in one short transaction: at most a few hundred rows (tasks × states, and
 * four statuses), and never more than two seconds, however large the tables grow. The queue is
 * read through graphile-worker's public view `graphile_worker.jobs` (over `_private_jobs`); a job
 * that succeeded is deleted, so one not locked with attempts made has failed and waits for its
 * retry, or has used all its attempts.
 */
async function countJobsAndEmails(db: Db) {
  return db.transaction().execute(async (trx) => {
    await sql`set local statement_timeout = '2s'`.execute(trx);
    const queue = await sql<{ task: string; state: string; n: number }>`
      select task_identifier as task,
             case when locked_at is not null then 'running'
                  when attempts >= max_attempts then 'failed'
                  when attempts > 0 then 'retrying'
                  when run_at > now() then 'scheduled'
                  else 'ready' end as state,
             count(*)::int as n
      from graphile_worker.jobs
      group by 1, 2
      order by 1, 2
      limit 1000`.execute(trx);
    const outbox = await sql<{ status: string; n: number }>`
      select status, count(*)::int as n from outbox_emails group by status order by status limit 10`.execute(trx);
    return { queue: queue.rows, outbox: outbox.rows };
  });
}
