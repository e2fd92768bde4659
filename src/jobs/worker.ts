import type { Config } from "../config.js";
import type { Database } from "../db/connect.js";
import type { PlatformModule } from "../module.js";
import { type JobWorker, type QueueLog, startWorker, type Task } from "./queue.js";

/** Every module's tasks by name; two modules may not claim the same name. */
export function collectTasks(modules: PlatformModule[]): Record<string, Task> {
  const tasks: Record<string, Task> = {};
  for (const module of modules) {
    for (const [name, task] of Object.entries(module.tasks ?? {})) {
      if (tasks[name]) throw new Error(`Two modules define the job task "${name}"`);
      tasks[name] = task;
    }
  }
  return tasks;
}

/** Every module's schedules, checked against the tasks they name. */
export function collectSchedules(modules: PlatformModule[]): { task: string; pattern: string }[] {
  const tasks = collectTasks(modules);
  const schedules = modules.flatMap((m) => m.schedules ?? []);
  for (const s of schedules) {
    if (!tasks[s.task]) throw new Error(`A schedule names the task "${s.task}", which no module defines`);
  }
  return schedules;
}

/**
 * Starts this process's job worker, unless JOBS=false (e.g. on app nodes kept for web traffic
 * only). Returns undefined when no worker runs; otherwise stop it before closing the database.
 */
export async function startJobs(
  config: Config,
  database: Database,
  modules: PlatformModule[],
  log: QueueLog = console,
): Promise<JobWorker | undefined> {
  if (!config.JOBS) return undefined;
  return startWorker({
    connectionString: database.url,
    tasks: collectTasks(modules),
    schedules: collectSchedules(modules),
    ctx: { config, db: database.db },
    log,
  });
}
