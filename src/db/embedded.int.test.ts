import { mkdtemp, rm } from "node:fs/promises";
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
