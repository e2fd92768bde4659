/**
 * Public page throughput: the platform (its own process, page cache on) against nginx serving the
 * very same HTML saved to disk, measured in the same run on the same machine, so the ratio means
 * something whatever the machine. autocannon, 50 connections, plain HTTP/1.1 without compression.
 *
 *   npm run bench                 (needs nginx: apt-get install nginx-light)
 *   BENCH_SECONDS=5 npm run bench
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
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

async function load(url: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers: HEADERS });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors (${JSON.stringify(result.statusCodeStats)})`);
  }
  return { rps: result.requests.average, p99: result.latency.p99, bytes: result.throughput.average };
}

const work = await mkdtemp(join(tmpdir(), "t4m-bench-"));
await import("node:fs/promises").then((fs) => fs.chmod(work, 0o755));
const children: ChildProcess[] = [];
try {
  // 1. The platform, in its own process, as `npm start` runs it.
  const appPort = await freePort();
  const app = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "start"], {
    env: { ...process.env, PORT: String(appPort), DATA_DIR: join(work, "data"), LOG_LEVEL: "warn", NODE_ENV: "production" },
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
  console.log(`autocannon: ${CONNECTIONS} connections, ${SECONDS} s per run, Accept-Encoding: gzip\n`);
  console.log("page      server      req/s     p99 ms   ratio to nginx");
  for (const [name, path] of PAGES) {
    const ours = await load(`${appBase}${path}`);
    const theirs = await load(`${nginxBase}${path}`);
    const row = (server: string, r: typeof ours, ratio: string) =>
      console.log(`${name.padEnd(9)} ${server.padEnd(10)} ${r.rps.toFixed(0).padStart(8)} ${String(r.p99).padStart(9)}   ${ratio}`);
    row("nginx", theirs, "1.00");
    row("trade4msmes", ours, (ours.rps / theirs.rps).toFixed(2));
  }
} finally {
  for (const child of children) child.kill("SIGINT");
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once("exit", r)))));
  await rm(work, { recursive: true, force: true });
}
