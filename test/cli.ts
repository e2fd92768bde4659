import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Runs the real command line (`bin/trade4msmes.js`) with this environment; resolves with its exit code and output. */
export async function runCli(env: Record<string, string | undefined>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["bin/trade4msmes.js", ...args], { env: { ...process.env, LOG_LEVEL: "silent", ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
