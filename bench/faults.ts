/**
 * What visitors get while the embedded PostgreSQL dies and comes back: the platform runs as
 * `npm start` does (its own process, embedded cluster, demo data, page cache on) under a bounded
 * autocannon load on loopback; a few seconds in, the cluster's postmaster is killed with SIGKILL,
 * and the platform's supervisor starts it again. Printed: seconds from the kill until /readyz
 * answers 200 again, the share of requests answered 200 during the outage (pages from the cache)
 * and 503 (told to come back), the share of other 5xx (target 0), and whether every row committed
 * before the kill is still there afterwards.
 *
 *   npx tsx bench/faults.ts
 *   FAULTS_SECONDS=20 FAULTS_CONNECTIONS=10 npx tsx bench/faults.ts
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { openEmbeddedCluster } from "../src/db/embedded.js";

const SECONDS = Number(process.env.FAULTS_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.FAULTS_CONNECTIONS ?? 8);
/** Seconds of load before the kill. */
const KILL_AFTER = 4;
/** Rows committed before the kill, checked afterwards. */
const ROWS = 2_000;
/** Public pages the cache has seen (served stale during the outage), pages it has not, and API reads. */
const CACHED = ["/en/", "/fr/members", "/es/network", "/en/members/UY", "/fr/network/itc"];
const UNCACHED = ["/en/members?q=ur", "/es/members?region=europe"];
const API = ["/api/v1/members?limit=5", "/api/v1/organizations"];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function status(url: string): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

async function waitReady(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`the platform exited (${child.exitCode})`);
    if ((await status(`${base}/readyz`)) === 200) return;
    await sleep(100);
  }
  throw new Error("the platform did not become ready");
}

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), "t4m-faults-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "start"], {
    env: { ...process.env, NODE_ENV: "development", DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "error", PAGE_CACHE_SECONDS: "2" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  try {
    console.log("Starting the platform on a fresh data folder (migrations and demo data)…");
    await waitReady(base, child);

    // Rows committed before the kill, in a table of the bench's own.
    const cluster = await openEmbeddedCluster(dataDir);
    const client = new pg.Client({ connectionString: cluster.urlFor("trade4msmes") });
    await client.connect();
    await client.query("create table bench_faults (id int primary key, note text not null)");
    await client.query("insert into bench_faults select i, md5(i::text) from generate_series(1, $1) i", [ROWS]);
    const auditBefore = Number((await client.query("select count(*) from audit_log")).rows[0].count);
    await client.end();

    // The cache has seen these pages; with PAGE_CACHE_SECONDS=2 they are stale by the time of the kill.
    for (const path of CACHED) await status(base + path);

    const counts = { before: new Map<number, number>(), outage: new Map<number, number>(), after: new Map<number, number>() };
    let phase: keyof typeof counts = "before";
    const requests = [...CACHED, ...UNCACHED, ...API].map((path) => ({ method: "GET" as const, path }));
    let finish: (result: autocannon.Result) => void = () => {};
    let fail: (error: unknown) => void = () => {};
    const finished = new Promise<autocannon.Result>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
    const load = autocannon(
      { url: base, connections: CONNECTIONS, duration: SECONDS, requests, timeout: 10, headers: { "accept-language": "en" } },
      (error, result) => (error ? fail(error) : finish(result)),
    );
    load.on("response", (_client, statusCode) => {
      const bucket = counts[phase];
      bucket.set(statusCode, (bucket.get(statusCode) ?? 0) + 1);
    });

    await sleep(KILL_AFTER * 1000);
    const pid = Number((await readFile(join(dataDir, "pg", "postmaster.pid"), "utf8")).split("\n")[0]);
    const killedAt = performance.now();
    process.kill(pid, "SIGKILL");
    phase = "outage";
    console.log(`Killed the embedded PostgreSQL (pid ${pid}) with SIGKILL, ${KILL_AFTER} s into the load.`);
    // /readyz is asked on its own connection, beside the load.
    let down = true;
    while (performance.now() - killedAt < 60_000) {
      if ((await status(`${base}/readyz`)) === 200) {
        down = false;
        break;
      }
      await sleep(50);
    }
    const recovered = (performance.now() - killedAt) / 1000;
    phase = "after";
    const result = await finished;
    if (down) throw new Error("/readyz did not answer 200 within 60 s of the kill");

    const again = await openEmbeddedCluster(dataDir);
    const check = new pg.Client({ connectionString: again.urlFor("trade4msmes") });
    await check.connect();
    const kept = Number((await check.query("select count(*) from bench_faults where note = md5(id::text)")).rows[0].count);
    const auditAfter = Number((await check.query("select count(*) from audit_log")).rows[0].count);
    await check.end();

    const sum = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    const share = (m: Map<number, number>, test: (s: number) => boolean) => {
      const all = sum(m);
      const n = [...m].filter(([s]) => test(s)).reduce((a, [, c]) => a + c, 0);
      return all ? `${((100 * n) / all).toFixed(1)} %` : "–";
    };
    const describe = (m: Map<number, number>) =>
      [...m]
        .sort(([a], [b]) => a - b)
        .map(([s, c]) => `${s}×${c}`)
        .join(" ");
    console.log("");
    console.log(`Load: ${CONNECTIONS} connections, ${SECONDS} s, ${requests.length} addresses (cached pages, uncached pages, API); ${result.requests.total} requests, ${result.errors} connection errors, ${result.timeouts} timeouts.`);
    console.log(`Seconds from the kill until /readyz answered 200 again: ${recovered.toFixed(2)}`);
    for (const name of ["before", "outage", "after"] as const) {
      const m = counts[name];
      console.log(
        `${name.padEnd(7)} ${String(sum(m)).padStart(7)} requests · 200: ${share(m, (s) => s === 200).padStart(7)} · 503: ${share(m, (s) => s === 503).padStart(7)} · other 5xx: ${share(m, (s) => s >= 500 && s !== 503).padStart(7)}   (${describe(m)})`,
      );
    }
    const otherErrors = [...counts.before, ...counts.outage, ...counts.after].filter(([s]) => s >= 500 && s !== 503).reduce((a, [, c]) => a + c, 0);
    console.log(`5xx other than 503 over the whole run: ${otherErrors} (target 0)`);
    console.log(`Rows committed before the kill and still there: ${kept} of ${ROWS}; audit records ${auditBefore} before, ${auditAfter} after.`);
    if (kept !== ROWS || auditAfter < auditBefore) process.exitCode = 1;
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
