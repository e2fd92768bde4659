import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli.js";
import { testDatabase } from "./db.js";

let t: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => {
  t = await testDatabase();
});
afterAll(() => t.close());

const cliEnv = () => ({ ...process.env, DATABASE_URL: t.url, LOG_LEVEL: "silent", PUBLIC_URL: "https://trade4msmes.example" });

/** Runs the real command line against this file's database. */
const cli = (...args: string[]) => runCli(cliEnv(), ...args);

describe("trade4msmes users create-admin", () => {
  it("creates an admin without a password and prints a single-use link to set one", async () => {
    const { code, stdout } = await cli("users", "create-admin", "Head.Of.Unit@WTO.example", "--name", "Head of Unit");
    expect(code).toBe(0);
    expect(stdout).toMatch(/Created head\.of\.unit@wto\.example\. To set the password, open within 7 days \(once only\):\nhttps:\/\/trade4msmes\.example\/en\/password\/[A-Za-z0-9_-]{43}\n/);
    const user = await t.db.selectFrom("users").selectAll().where("email", "=", "head.of.unit@wto.example").executeTakeFirstOrThrow();
    expect(user).toMatchObject({ role: "admin", name: "Head of Unit", password_hash: null });
    const audit = await t.db.selectFrom("audit_log").select("actor").where("entity", "=", "user").where("entity_id", "=", String(user.id)).execute();
    expect(audit.map((a) => a.actor)).toEqual(["system:cli"]);
  });

  it("makes an existing account admin, keeping its password", async () => {
    const before = await t.db.selectFrom("users").select(["password_hash"]).where("email", "=", "partner-itc@demo.test").executeTakeFirstOrThrow();
    const { code, stdout } = await cli("users", "create-admin", "partner-itc@demo.test");
    expect(code).toBe(0);
    expect(stdout).toContain("Made admin: partner-itc@demo.test.");
    const after = await t.db.selectFrom("users").selectAll().where("email", "=", "partner-itc@demo.test").executeTakeFirstOrThrow();
    expect(after).toMatchObject({ role: "admin", organization_slug: null, password_hash: before.password_hash });
  });

  it("refuses something that is not an email address, and writes nothing", async () => {
    const count = async () => (await t.db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;
    const before = await count();
    const { code, stderr } = await cli("users", "create-admin", "not an address");
    expect(code).toBe(2);
    expect(stderr).toContain('"not an address" is not an email address');
    expect(await count()).toBe(before);
  });
});

/**
 * Runs the real command line and notes when each line of its output arrived and when the process
 * ended (milliseconds since it was started).
 */
function cliTimed(...args: string[]): Promise<{ code: number | null; lines: { at: number; text: string }[]; exitedAt: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["bin/trade4msmes.js", ...args], { env: cliEnv(), stdio: ["ignore", "pipe", "pipe"] });
    const lines: { at: number; text: string }[] = [];
    let pending = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      const at = performance.now() - started;
      pending += chunk;
      const parts = pending.split("\n");
      pending = parts.pop() ?? "";
      for (const text of parts) lines.push({ at, text });
    });
    child.stderr.resume();
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, lines, exitedAt: performance.now() - started });
    });
  });
}

/** How long after saying it is done a command's process ended (ms). */
function lingering(run: Awaited<ReturnType<typeof cliTimed>>, doneLine: RegExp): number {
  const done = run.lines.find((l) => doneLine.test(l.text));
  expect(done, run.lines.map((l) => l.text).join("\n")).toBeDefined();
  return run.exitedAt - (done?.at ?? 0);
}

describe("trade4msmes backup and restore", () => {
  const memberships = async () =>
    (await t.db.selectFrom("group_memberships").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;

  it("puts back, from the file, what the backup wrote; each command exits as soon as it is done", async () => {
    const dir = await mkdtemp(join(tmpdir(), "t4m-cli-"));
    const file = join(dir, "backup.json");
    const before = await memberships();
    const backup = await cliTimed("backup", file);
    expect(backup.code).toBe(0);
    // Closing the pool and leaving takes milliseconds; an idle connection left open used to hold
    // the process for the pool's 10-second idle timeout. 3 s is a wide margin on a loaded machine.
    expect(lingering(backup, /^Backed up \d+ tables, \d+ rows, to /)).toBeLessThan(3_000);

    await t.db.deleteFrom("group_memberships").where("economy_code", "=", "UY").execute();
    expect(await memberships()).toBe(before - 1);
    const restore = await cliTimed("restore", file);
    expect(restore.code).toBe(0);
    expect(lingering(restore, /^Restored \d+ rows into \d+ tables\.$/)).toBeLessThan(3_000);
    expect(await memberships()).toBe(before);
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses a file that is not a backup, says why, and changes nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "t4m-cli-"));
    const file = join(dir, "truncated.json");
    await writeFile(file, '{"format":"trade4msmes-backup","version":1,"migrations":[],"tables":{"group_memberships":[');
    const before = await memberships();
    const { code, stderr } = await cli("restore", file);
    expect(code).toBe(1);
    expect(stderr).toContain("This file is not a Trade4MSMEs backup");
    expect(await memberships()).toBe(before);
    const missing = await cli("restore", join(dir, "absent.json"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Cannot read");
    await rm(dir, { recursive: true, force: true });
  });
});
