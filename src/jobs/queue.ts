import { Logger, type LogLevel, parseCronItems, run, runMigrations, runOnce, type TaskList, type WorkerEvents } from "graphile-worker";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { survivesLostConnections, type Tables } from "../db/database.js";
import type { AppContext, PlatformModule } from "../module.js";

/**
 * The job queue: graphile-worker over the platform's own PostgreSQL (schema `graphile_worker`),
 * so there is no extra server, and a job is enqueued in the same transaction as the change that
 * causes it: it exists only if that change commits. A task that throws is retried with
 * exponential backoff (exp(min(attempts, 10)) seconds: ~3 s, ~7 s, ~20 s, … up to ~6 h; 25
 * attempts by default). Workers on several app nodes share the queue safely (SKIP LOCKED).
 */

export type Task = NonNullable<PlatformModule["tasks"]>[string];

/** Where the queue's warnings and errors go: a pino logger or the console both fit. */
export interface QueueLog {
  warn(message: string): void;
  error(message: string): void;
}

/** graphile-worker logs every job at info level; we keep only what needs a human. */
function queueLogger(log: QueueLog): Logger {
  return new Logger((scope) => (level: LogLevel, message: string) => {
    const where = scope.taskIdentifier ? `[jobs ${scope.taskIdentifier}${scope.jobId ? ` #${scope.jobId}` : ""}] ` : "[jobs] ";
    if (level === "error") log.error(where + message);
    else if (level === "warning") log.warn(where + message);
  });
}

/**
 * Creates or upgrades the queue's schema (`graphile_worker`); called after `migrate()` by whoever
 * opens the platform (`openPlatform`, the tests' global setup). It runs on a
 * connection of its own: the caller may hold one of `pool`'s, and graphile-worker leaves an error
 * listener on every client it touches, which would log when the app's pool later closes.
 */
export async function installQueue(pool: pg.Pool, log: QueueLog = console): Promise<void> {
  const own = new pg.Pool({ ...pool.options, max: 1 });
  try {
    await runMigrations({ pgPool: own, logger: queueLogger(log) });
  } finally {
    await own.end();
  }
}

export interface EnqueueOptions {
  /** A job with the same key that has not started yet is replaced instead of added again. */
  jobKey?: string;
  /** Not before this instant (default: now). */
  runAt?: Date;
  /** Attempts before the job is given up (default 25). */
  maxAttempts?: number;
}

/**
 * Adds a job through the given transaction, so it runs only if the transaction commits (workers
 * hear of it at commit, through LISTEN/NOTIFY). Returns the job's id.
 */
export async function enqueue(trx: Kysely<Tables>, task: string, payload: object, options: EnqueueOptions = {}): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    select (graphile_worker.add_job(
      ${task},
      ${JSON.stringify(payload)}::json,
      run_at => ${options.runAt ?? null}::timestamptz,
      max_attempts => ${options.maxAttempts ?? null}::int,
      job_key => ${options.jobKey ?? null}::text
    )).id::text as id`.execute(trx);
  return rows[0]!.id;
}

export interface WorkerOptions {
  /**
   * The database holding the queue: a connection string (the worker opens a pool of its own and
   * closes it when stopped; preferred) or a pool the caller owns and closes.
   */
  connectionString?: string;
  pgPool?: pg.Pool;
  tasks: Record<string, Task>;
  /**
   * Tasks to run on a schedule (crontab patterns, UTC). graphile-worker records each tick it has
   * scheduled in the database, so with several app nodes a tick still runs once.
   */
  schedules?: { task: string; pattern: string }[];
  ctx: AppContext;
  log?: QueueLog;
  /** Jobs run at once by this process (default 4). */
  concurrency?: number;
  /** Milliseconds between looks for jobs whose retry time has come (default 2000). New jobs arrive at once. */
  pollInterval?: number;
}

/** graphile-worker's task list: each task gets its payload and the platform's context. */
function taskList(tasks: Record<string, Task>, ctx: AppContext): TaskList {
  return Object.fromEntries(Object.entries(tasks).map(([name, task]) => [name, (payload: unknown) => task(payload, ctx)]));
}

/**
 * graphile-worker's options, and a function that closes the pool opened here. We open it rather
 * than graphile-worker because its own pool is ended without waiting and loses its error listener
 * first, so a database stopping right after the worker would crash the process.
 */
function runnerOptions(options: WorkerOptions, connections: number) {
  let pgPool = options.pgPool;
  let close = async () => {};
  if (!pgPool) {
    const own = new pg.Pool({ connectionString: options.connectionString, max: connections, application_name: "trade4msmes-jobs" });
    own.on("error", () => {}); // an idle connection dropped by the server is replaced on next use
    survivesLostConnections(own); // and one in use does not end the process either
    pgPool = own;
    close = () => own.end();
  }
  const runner = {
    pgPool,
    taskList: taskList(options.tasks, options.ctx),
    logger: queueLogger(options.log ?? console),
    // The process owns its signals (src/main.ts stops the worker with the web server).
    noHandleSignals: true,
    pollInterval: options.pollInterval ?? 2000,
  };
  return { runner, close };
}

export interface JobWorker {
  /** Finishes the jobs in hand, then stops taking new ones and closes its connections. */
  stop(): Promise<void>;
  /** graphile-worker's events (`job:success`, `job:error`, `job:complete`, …), for metrics and tests. */
  events: WorkerEvents;
}

/** Runs jobs continuously until stopped. */
export async function startWorker(options: WorkerOptions): Promise<JobWorker> {
  const concurrency = options.concurrency ?? 4;
  // One connection per running job, one listening for new jobs, one spare.
  const { runner, close } = runnerOptions(options, concurrency + 2);
  try {
    const parsedCronItems = parseCronItems(
      (options.schedules ?? []).map((s) => ({ task: s.task, match: s.pattern, identifier: `${s.task}@${s.pattern}` })),
    );
    const running = await run({ ...runner, concurrency, parsedCronItems });
    return {
      events: running.events,
      async stop() {
        await running.stop();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Runs every job that is due now, one at a time, then returns (for the CLI and tests). */
export async function runJobsOnce(options: Omit<WorkerOptions, "concurrency" | "pollInterval">): Promise<void> {
  const { runner, close } = runnerOptions(options, 2);
  try {
    await runOnce(runner);
  } finally {
    await close();
  }
}
