/**
 * The package tracker's cost: how long `/{lang}/package` takes to render (page cache off) and how
 * much it weighs gzipped, over the demo data and then with every MSME Group member holding a
 * confirmed record on every annex (the largest matrix the tracker can show), in a scratch database.
 *
 *   npx tsx bench/package.ts          (PACKAGE_ROUNDS=30 by default)
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { buildApp } from "../src/app.js";
import { loadPlatformConfig, openPlatform, seedDemo } from "../src/platform.js";

const ROUNDS = Number(process.env.PACKAGE_ROUNDS ?? 30);
const dir = await mkdtemp(join(tmpdir(), "t4m-bench-package-"));
await chmod(dir, 0o755);
const config = loadPlatformConfig({ DATA_DIR: dir, LOG_LEVEL: "silent", JOBS: "false", PAGE_CACHE_SECONDS: "0" });
const database = await openPlatform(config, () => {});
await seedDemo(database.db, () => {}, config);
const app = await buildApp({ config, database, logger: false });
await app.ready();

const quantile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

async function measure(label: string, url: string) {
  const times: number[] = [];
  let size = 0;
  let status = 0;
  for (let i = 0; i < ROUNDS + 3; i++) {
    const start = performance.now();
    const res = await app.inject({ method: "GET", url });
    const ms = performance.now() - start;
    status = res.statusCode;
    size = gzipSync(res.body).length;
    if (i >= 3) times.push(ms); // the first renders warm the map's geometry and the query plans
  }
  console.log(`${label.padEnd(44)} ${String(status).padEnd(4)} median ${quantile(times, 0.5).toFixed(1).padStart(6)} ms  p95 ${quantile(times, 0.95).toFixed(1).padStart(6)} ms  ${(size / 1024).toFixed(1)} KB gzipped`);
}

try {
  console.log(`${ROUNDS} rounds each, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  await measure("demo data: /en/package", "/en/package");
  await measure("demo data: /en/package?annex=5", "/en/package?annex=5");
  await measure("demo data: /en/package/UY", "/en/package/UY");
  const members = await database.db.selectFrom("group_memberships").select("economy_code").where("group_code", "=", "msme").execute();
  const statuses = ["not_started", "in_progress", "done", "not_applicable"] as const;
  await database.db.deleteFrom("package_records").execute();
  await database.db
    .insertInto("package_records")
    .values(
      members.flatMap((m, i) =>
        [1, 2, 3, 4, 5, 6].map((annex) => ({
          economy_code: m.economy_code,
          annex,
          status: statuses[(i + annex) % 4] ?? "done",
          status_on: `202${1 + ((i + annex) % 5)}-0${1 + ((i * annex) % 9)}-15`,
          reported_by: "bench",
          reported_on: "2026-01-01",
          confirmed_by: "bench",
          confirmed_on: "2026-01-01",
        })),
      ),
    )
    .execute();
  console.log(`${members.length} members × 6 annexes = ${members.length * 6} confirmed records`);
  await measure("full matrix: /en/package", "/en/package");
  await measure("full matrix: /en/package?annex=3&status=done", "/en/package?annex=3&status=done");
  await measure("full matrix: /api/v1/package/implementation", "/api/v1/package/implementation?limit=500");
} finally {
  await app.close();
  await database.close();
  await rm(dir, { recursive: true, force: true });
}
