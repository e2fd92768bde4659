import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { openEmbeddedCluster } from "./embedded.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function query(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL", () => {
  it("is shared by a second process on the same data folder, and keeps its data across restarts", async () => {
    const dir = await mkdtemp(join(tmpdir(), "t4m-embedded-"));
    dirs.push(dir);
    const server = await openEmbeddedCluster(dir);
    expect(server.owned).toBe(true);
    await query(server.adminUrl, "create table kept (n int); insert into kept values (42)");

    // What a CLI command does while the server runs: find the running cluster, start none.
    const cli = await openEmbeddedCluster(dir);
    expect(cli.owned).toBe(false);
    expect(cli.adminUrl).toBe(server.adminUrl);
    expect(await query(cli.adminUrl, "select n from kept")).toEqual([{ n: 42 }]);
    await cli.stop(); // not the owner: must leave the cluster running
    expect(await query(server.adminUrl, "select 1 as up")).toEqual([{ up: 1 }]);

    await server.stop();
    await expect(query(server.adminUrl, "select 1")).rejects.toThrow();

    const again = await openEmbeddedCluster(dir);
    try {
      expect(again.owned).toBe(true);
      expect(await query(again.adminUrl, "select n from kept")).toEqual([{ n: 42 }]);
      const [search] = await query(again.adminUrl, "select to_tsvector('french', 'accords régionaux')::text as v");
      expect(search.v).toContain("accord");
    } finally {
      await again.stop();
    }
  });
});

/** The postmaster's process id, from its lock file. */
const postmasterPid = async (dir: string) => Number((await readFile(join(dir, "pg", "postmaster.pid"), "utf8")).split("\n")[0]);

/** Asks until the cluster answers (bounded: about 30 s). */
async function answering(url: string): Promise<boolean> {
  for (let i = 0; i < 150; i++) {
    try {
      await query(url, "select 1");
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return false;
}

describe("a supervised embedded PostgreSQL", () => {
  it("is started again after kill -9, on the same port, with every committed row", async () => {
    const dir = await mkdtemp(join(tmpdir(), "t4m-embedded-"));
    dirs.push(dir);
    const lines: string[] = [];
    const failures: Error[] = [];
    const server = await openEmbeddedCluster(dir, { log: (l) => lines.push(l), onFailure: (e) => failures.push(e) });
    try {
      await query(server.adminUrl, "create table kept (n int); insert into kept select generate_series(1, 1000)");
      const before = await postmasterPid(dir);
      process.kill(before, "SIGKILL");
      expect(await answering(server.adminUrl)).toBe(true);
      expect(await postmasterPid(dir)).not.toBe(before);
      expect(await query(server.adminUrl, "select count(*)::int as n from kept")).toEqual([{ n: 1000 }]);
      expect(lines.join("\n")).toMatch(/exited unexpectedly \(SIGKILL\); starting it again/);
      expect(lines.join("\n")).toMatch(/running again on port/);
      expect(failures).toEqual([]);
    } finally {
      await server.stop();
    }
    // Stopped when asked: not started again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expect(query(server.adminUrl, "select 1")).rejects.toThrow();
  });

  it("says why, and gives up, when it cannot start again (its data folder is gone)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "t4m-embedded-"));
    dirs.push(dir);
    let failure: Error | undefined;
    const gaveUp = new Promise<void>((resolve) => {
      void openEmbeddedCluster(dir, {
        restartDelays: [50, 50, 50],
        onFailure: (error) => {
          failure = error;
          resolve();
        },
      }).then(async (server) => {
        const pid = await postmasterPid(dir);
        await rm(join(dir, "pg"), { recursive: true, force: true });
        process.kill(pid, "SIGKILL");
        void server;
      });
    });
    await gaveUp;
    expect(failure?.message).toMatch(/could not be started again: its data folder .* is gone/);
  });
});

describe("an embedded PostgreSQL left running by a killed platform", () => {
  it("is taken over by the next process, which then stops it when it stops", async () => {
    const dir = await mkdtemp(join(tmpdir(), "t4m-embedded-"));
    dirs.push(dir);
    // (This handle stands for the dead platform: it must not start the cluster again itself.)
    const first = await openEmbeddedCluster(dir, { restartDelays: [] });
    await query(first.adminUrl, "create table kept (n int); insert into kept values (7)");
    // The platform that started it dies without stopping it (kill -9): its pid is gone.
    const gone = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => gone.once("exit", resolve));
    await writeFile(join(dir, "pg-owner"), `${gone.pid}\n`);

    const lines: string[] = [];
    const next = await openEmbeddedCluster(dir, { log: (l) => lines.push(l) });
    expect(next.owned).toBe(true);
    expect(lines.join("\n")).toMatch(/Taking over the embedded PostgreSQL left running/);
    expect(await query(next.adminUrl, "select n from kept")).toEqual([{ n: 7 }]);
    // A command run meanwhile finds its owner alive and leaves it alone.
    const cli = await openEmbeddedCluster(dir);
    expect(cli.owned).toBe(false);
    await cli.stop();
    expect(await query(next.adminUrl, "select 1 as up")).toEqual([{ up: 1 }]);

    await next.stop();
    await expect(query(next.adminUrl, "select 1")).rejects.toThrow();
    await first.stop(); // its process is the one that took it over here: already stopped
  });
});
