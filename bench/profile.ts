/**
 * Where the time of serving one page goes: starts the platform as `npm start` does, under
 * `node --cpu-prof`, loads the page with autocannon, stops the platform and prints the functions
 * that took the most time of their own, and the share of our own code's hooks.
 *
 *   npx tsx bench/profile.ts [path]        (default /en/)
 *   BENCH_SECONDS=5 LOG_LEVEL=info npx tsx bench/profile.ts /en/members
 *
 * The profile itself is kept (its path is printed) for Chrome DevTools or speedscope.
 */
import { spawn } from "node:child_process";
import { chmod, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";

const PATH = process.argv[2] ?? "/en/";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const work = await mkdtemp(join(tmpdir(), "t4m-profile-"));
await chmod(work, 0o755); // run as root, the embedded PostgreSQL runs as "postgres" and must reach it
const port = await freePort();
const spawnedAt = performance.now();
const app = spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${join(work, "prof")}`, "--import", "tsx", "src/main.ts", "start"], {
  env: { ...process.env, PORT: String(port), DATA_DIR: join(work, "data"), LOG_LEVEL: process.env.LOG_LEVEL ?? "info", NODE_ENV: "production", METRICS_TOKEN: "profile-".padEnd(40, "x") },
  stdio: ["ignore", "ignore", "inherit"],
});
const url = `http://127.0.0.1:${port}${PATH}`;
for (let i = 0; ; i++) {
  if (app.exitCode !== null || i > 600) throw new Error("the platform did not start");
  try {
    if ((await fetch(url)).ok) break;
  } catch {
    // not up yet
  }
  await new Promise((r) => setTimeout(r, 100));
}
// Only the samples taken under load count, not start-up (initdb, migrations, demo data, compiling).
const loadFrom = (performance.now() - spawnedAt) * 1000;
await autocannon({ url, connections: 50, duration: SECONDS, headers: { "accept-encoding": "gzip", "accept-language": "en" } });
app.kill("SIGINT");
await new Promise((r) => app.once("exit", r));

const dir = join(work, "prof");
// One profile per thread (tsx runs a loader thread): the main thread's is the first of the process.
const file = join(dir, (await readdir(dir)).filter((f) => f.endsWith(".cpuprofile")).sort()[0] ?? "");
const profile = JSON.parse(await readFile(file, "utf8")) as Profile;
await rm(join(work, "data"), { recursive: true, force: true });
const self = new Map<number, number>();
let elapsed = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  elapsed += delta;
  if (elapsed >= loadFrom) self.set(id, (self.get(id) ?? 0) + delta);
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
const idle = profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").reduce((a, n) => a + (self.get(n.id) ?? 0), 0);
const byFunction = new Map<string, number>();
for (const node of profile.nodes) {
  const { functionName, url: where, lineNumber } = node.callFrame;
  const short = where.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/src\//, "src/");
  const key = `${functionName || "(anonymous)"}  ${short}${where ? `:${lineNumber + 1}` : ""}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + (self.get(node.id) ?? 0));
}
const busy = total - idle;
console.log(`${PATH}: ${(busy / 1e6).toFixed(1)} s busy of ${(total / 1e6).toFixed(1)} s profiled\n`);
console.log("self %  function");
for (const [key, time] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
  if (key.startsWith("(idle)")) continue;
  console.log(`${((100 * time) / busy).toFixed(1).padStart(6)}  ${key}`);
}

// Inclusive time of our own source files: hooks, rendering, the page cache.
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const inclusive = new Map<string, number>();
for (const [id, time] of self) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)?.callFrame;
    if (!frame || !/\/src\//.test(frame.url) || /node_modules/.test(frame.url)) continue;
    const key = `${frame.functionName || "(anonymous)"}  ${frame.url.replace(/^.*\/src\//, "src/")}:${frame.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + time);
  }
}
console.log("\nincl. %  our functions (with what they call)");
for (const [key, time] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${((100 * time) / busy).toFixed(1).padStart(6)}  ${key}`);
console.log(`\nprofile: ${file}`);
