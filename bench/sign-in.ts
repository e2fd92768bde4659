/**
 * Sign-in timing: does a wrong password for an existing account take as long as any password for
 * an address with no account? (If not, timing tells an attacker which addresses have accounts.)
 * Also what a signed-in page costs over an anonymous one (the session lookup).
 *
 *   npx tsx bench/sign-in.ts          (SIGN_INS=40 by default)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { openPlatform, seedDemo } from "../src/platform.js";

const ROUNDS = Number(process.env.SIGN_INS ?? 40);
const dir = await mkdtemp(join(tmpdir(), "t4m-bench-signin-"));
await import("node:fs/promises").then((fs) => fs.chmod(dir, 0o755));
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent", FORM_RATE_LIMIT: "100000", JOBS: "false" });
const database = await openPlatform(config, () => {});
try {
  await seedDemo(database.db, () => {}, config);
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  const form = await app.inject({ method: "GET", url: "/en/sign-in" });
  const cookie = form.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? "";
  const attempt = async (email: string, password: string) => {
    // A fresh address per attempt for wrong passwords, so the lockout never kicks in.
    const start = process.hrtime.bigint();
    const res = await app.inject({ method: "POST", url: "/en/sign-in", headers: { cookie }, payload: { email, password, _csrf: csrf } });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    return { ms, status: res.statusCode };
  };
  const series = { "existing account, wrong password": [] as number[], "no such account": [] as number[], "right password": [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    // Interleaved, so that drift in machine load hits all three alike.
    await database.db.deleteFrom("sign_in_failures").execute();
    series["existing account, wrong password"].push((await attempt("editor@demo.test", `wrong-${i}`)).ms);
    series["no such account"].push((await attempt(`nobody-${i}@demo.test`, `wrong-${i}`)).ms);
    series["right password"].push((await attempt("editor@demo.test", "demo-password-2022")).ms);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)] ?? 0;
  console.log(`sign-in over ${ROUNDS} rounds (argon2id 19 MiB, 2 passes):`);
  for (const [name, xs] of Object.entries(series)) console.log(`  ${name.padEnd(34)} median ${median(xs).toFixed(1)} ms   p90 ${p90(xs).toFixed(1)} ms`);
  const ratio = median(series["no such account"]) / median(series["existing account, wrong password"]);
  console.log(`  ratio unknown / known-wrong: ${ratio.toFixed(2)} (1.00 = indistinguishable)`);

  // The cost of a session on a page view.
  const signedIn = await app.inject({ method: "POST", url: "/en/sign-in", headers: { cookie }, payload: { email: "editor@demo.test", password: "demo-password-2022", _csrf: csrf } });
  const session = signedIn.cookies.find((c) => c.name === "t4m_session")?.value;
  const time = async (headers: Record<string, string>, n = 300) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await app.inject({ method: "GET", url: "/en/members/UY", headers });
    return Number(process.hrtime.bigint() - start) / 1e6 / n;
  };
  await time({}, 50);
  const anonymous = await time({});
  const withSession = await time({ cookie: `t4m_session=${session}` });
  console.log(`page /en/members/UY: anonymous (page cache) ${anonymous.toFixed(2)} ms, signed in (session lookup, rendered) ${withSession.toFixed(2)} ms`);
  await app.close();
} finally {
  await database.close();
  await rm(dir, { recursive: true, force: true });
}
