/**
 * Public page throughput: the platform (its own process, page cache on) against nginx serving the
 * very same HTML saved to disk, measured in the same run on the same machine, so the ratio means
 * something whatever the machine. autocannon, 50 connections, plain HTTP/1.1, gzip.
 * The platform runs as in production: LOG_LEVEL=info and /metrics on. Also printed: requests
 * per CPU-second each server used (Linux), which other work on the machine disturbs far less
 * than requests per second.
 *
 *   npm run bench                 (needs nginx: apt-get install nginx-light)
 *   BENCH_SECONDS=5 npm run bench
 *   LOG_LEVEL=warn BENCH_METRICS=0 npm run bench    (what logging and metrics cost)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";

/** Seconds of load per page and server, given in turns of SLICE_SECONDS. */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SLICE_SECONDS = 1;
const LOG_LEVEL = process.env.LOG_LEVEL ?? "info";
/** BENCH_METRICS=0 runs without METRICS_TOKEN, to see what the request metrics cost. */
const METRICS = process.env.BENCH_METRICS !== "0";
const CONNECTIONS = 50;
const PAGES = [
  ["home", "/en/"],
  ["members", "/en/members"],
] as const;
const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
/** What a browser sends: both servers answer with the same gzip bytes' worth of page. */
const HEADERS = { "accept-language": "en", "accept-encoding": "gzip" };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited (${child.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

/**
 * CPU seconds a process has used so far (Linux `/proc`; NaN elsewhere), with its children's
 * when asked (nginx's worker is the master's child; the platform's children are PostgreSQL,
 * which a cached page does not reach).
 */
function cpuSeconds(pid: number | undefined, withChildren: boolean): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    let seconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime
    if (withChildren) {
      const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
      for (const kid of kids ? kids.split(" ") : []) seconds += cpuSeconds(Number(kid), true);
    }
    return seconds;
  } catch {
    return Number.NaN;
  }
}
/** Linux's USER_HZ, the unit of /proc/<pid>/stat times, is 100 on every common build. */
const CLOCK_TICKS = 100;

interface Server {
  url: string;
  cpu: () => number;
}

interface Slice {
  requests: number;
  seconds: number;
  cpu: number;
  p99: number;
}

async function load(server: Server, seconds: number): Promise<Slice> {
  const cpuBefore = server.cpu();
  const result = await autocannon({ url: server.url, connections: CONNECTIONS, duration: seconds, headers: HEADERS });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${server.url}: ${result.non2xx} non-2xx, ${result.errors} errors (${JSON.stringify(result.statusCodeStats)})`);
  }
  return { requests: result.requests.total, seconds: result.duration, cpu: server.cpu() - cpuBefore, p99: result.latency.p99 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const total = (slices: Slice[], field: "requests" | "seconds" | "cpu") => slices.reduce((n, s) => n + s[field], 0);
const rate = (slices: Slice[]) => total(slices, "requests") / total(slices, "seconds");
/** Requests served per second of CPU the server used: what a busy machine disturbs least. */
const perCpu = (slices: Slice[]) => total(slices, "requests") / total(slices, "cpu");

/**
 * Both servers loaded in turns of SLICE_SECONDS, in the order A B B A A B …, so that whatever
 * else the machine does during the run (other tests, say) weighs on both alike: the ratio of the
 * totals is then steadier than that of two runs one after the other.
 */
async function compare(ours: Server, theirs: Server) {
  const turns = Math.max(2, Math.round(SECONDS / SLICE_SECONDS));
  const slices = { ours: [] as Slice[], theirs: [] as Slice[] };
  for (let i = 0; i < turns; i++) {
    const order = i % 2 === 0 ? (["ours", "theirs"] as const) : (["theirs", "ours"] as const);
    for (const who of order) slices[who].push(await load(who === "ours" ? ours : theirs, SECONDS / turns));
  }
  const perTurn = slices.ours.map((s, i) => s.requests / s.seconds / ((slices.theirs[i]?.requests ?? 0) / (slices.theirs[i]?.seconds ?? 1)));
  const summary = (mine: Slice[]) => ({ rps: rate(mine), p99: median(mine.map((s) => s.p99)), perCpu: perCpu(mine) });
  return {
    ours: summary(slices.ours),
    theirs: summary(slices.theirs),
    ratio: rate(slices.ours) / rate(slices.theirs),
    cpuRatio: perCpu(slices.ours) / perCpu(slices.theirs),
    spread: [Math.min(...perTurn), Math.max(...perTurn)],
  };
}

const work = await mkdtemp(join(tmpdir(), "t4m-bench-"));
await import("node:fs/promises").then((fs) => fs.chmod(work, 0o755));
const children: ChildProcess[] = [];
try {
  // 1. The platform, in its own process, as `npm start` runs it.
  const appPort = await freePort();
  //    Logging at LOG_LEVEL (default info, as in production) and metrics on, as a real installation runs.
  const metricsToken = randomBytes(32).toString("hex");
  const app = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "start"], {
    env: {
      ...process.env,
      PORT: String(appPort),
      DATA_DIR: join(work, "data"),
      LOG_LEVEL: LOG_LEVEL,
      NODE_ENV: "production",
      METRICS_TOKEN: METRICS ? metricsToken : "",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(app);
  const appBase = `http://127.0.0.1:${appPort}`;
  await waitFor(`${appBase}/healthz`, app);

  // 2. nginx serving the same HTML from disk, one worker like the one Node.js process.
  const root = join(work, "www");
  for (const [, path] of PAGES) {
    const html = await (await fetch(`${appBase}${path}`)).text();
    const file = join(root, path.endsWith("/") ? `${path}index.html` : path);
    await mkdir(join(file, ".."), { recursive: true });
    await writeFile(file, html);
    await writeFile(`${file}.gz`, gzipSync(html, { level: 9 })); // served by gzip_static
  }
  const nginxPort = await freePort();
  const conf = join(work, "nginx.conf");
  await writeFile(
    conf,
    `worker_processes 1;
daemon off;
pid ${join(work, "nginx.pid")};
error_log ${join(work, "nginx-error.log")} warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  default_type text/html;
  gzip_static on;
  client_body_temp_path ${work}/tmp-body;
  proxy_temp_path ${work}/tmp-proxy;
  fastcgi_temp_path ${work}/tmp-fastcgi;
  uwsgi_temp_path ${work}/tmp-uwsgi;
  scgi_temp_path ${work}/tmp-scgi;
  server {
    listen 127.0.0.1:${nginxPort};
    root ${root};
    index index.html;
    location = /en { return 301 /en/; }
  }
}
`,
  );
  const nginx = spawn(NGINX, ["-c", conf, "-p", work], { stdio: ["ignore", "ignore", "inherit"] });
  children.push(nginx);
  const nginxBase = `http://127.0.0.1:${nginxPort}`;
  await waitFor(`${nginxBase}/en/`, nginx);

  // Warm both (page cache, JIT), then measure.
  for (const [, path] of PAGES) {
    await autocannon({ url: `${appBase}${path}`, connections: 10, amount: 2000 });
    await autocannon({ url: `${nginxBase}${path}`, connections: 10, amount: 2000 });
  }
  console.log(
    `autocannon: ${CONNECTIONS} connections, ${SECONDS} s per page and server in turns of ${SLICE_SECONDS} s, Accept-Encoding: gzip; LOG_LEVEL=${LOG_LEVEL}, metrics ${METRICS ? "on" : "off"}\n`,
  );
  console.log("page      server         req/s   p99 ms   ratio to nginx (lowest–highest turn)   req per CPU-s   ratio");
  const appCpu = () => cpuSeconds(app.pid, false);
  const nginxCpu = () => cpuSeconds(nginx.pid, true);
  for (const [name, path] of PAGES) {
    const { ours, theirs, ratio, cpuRatio, spread } = await compare({ url: `${appBase}${path}`, cpu: appCpu }, { url: `${nginxBase}${path}`, cpu: nginxCpu });
    const row = (server: string, r: typeof ours, text: string, cpuText: string) =>
      console.log(
        `${name.padEnd(9)} ${server.padEnd(11)} ${r.rps.toFixed(0).padStart(8)} ${String(r.p99).padStart(8)}   ${text.padEnd(37)} ${r.perCpu.toFixed(0).padStart(13)}   ${cpuText}`,
      );
    row("nginx", theirs, "1.00", "1.00");
    row("trade4msmes", ours, `${ratio.toFixed(2)} (${spread.map((x) => x.toFixed(2)).join("–")})`, cpuRatio.toFixed(2));
  }
  if (METRICS) {
    // The run is visible in the metrics, as Prometheus would see it.
    const text = await (await fetch(`${appBase}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
    const hits = /^t4m_page_cache_lookups_total\{result="hit"\} (\d+)/m.exec(text)?.[1];
    console.log(`\n/metrics: ${hits ?? "?"} page cache hits`);
  }
} finally {
  for (const child of children) child.kill("SIGINT");
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))));
  await rm(work, { recursive: true, force: true });
}
