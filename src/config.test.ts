import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("gives working defaults for a fresh machine", () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATA_DIR.endsWith(".data")).toBe(true);
  });

  it("lists every invalid variable, not just the first", () => {
    try {
      loadConfig({ PORT: "not-a-port", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join("\n");
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/LOG_LEVEL/);
    }
  });

  it("keeps uploaded files under DATA_DIR/files and takes up to 20 MB, unless told otherwise", () => {
    const config = loadConfig({ DATA_DIR: "/srv/t4m" });
    expect(config.FILES_DIR).toBe("/srv/t4m/files");
    expect(config.UPLOAD_MAX_BYTES).toBe(20 * 1024 * 1024);
    expect(loadConfig({ DATA_DIR: "/srv/t4m", FILES_DIR: "/mnt/files", UPLOAD_MAX_BYTES: "5000000" })).toMatchObject({ FILES_DIR: "/mnt/files", UPLOAD_MAX_BYTES: 5_000_000 });
    expect(() => loadConfig({ UPLOAD_MAX_BYTES: "12" })).toThrow(/UPLOAD_MAX_BYTES/);
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("takes a METRICS_TOKEN only long enough to be a secret", () => {
    expect(loadConfig({}).METRICS_TOKEN).toBeUndefined();
    const token = "0123456789abcdef0123456789abcdef";
    expect(loadConfig({ METRICS_TOKEN: token }).METRICS_TOKEN).toBe(token);
    for (const weak of ["short", `${token.slice(1)} `, "x".repeat(31)]) {
      expect(() => loadConfig({ METRICS_TOKEN: weak }), weak).toThrow(/METRICS_TOKEN/);
    }
  });
});

describe("variables a module declares", () => {
  const newsletter = { NEWSLETTER_BATCH: z.coerce.number().int().min(1).default(50) };

  it("are read with their defaults beside the platform's", () => {
    const config = loadConfig({ PORT: "4000" }, [newsletter]) as ReturnType<typeof loadConfig> & { NEWSLETTER_BATCH: number };
    expect(config.PORT).toBe(4000);
    expect(config.NEWSLETTER_BATCH).toBe(50);
  });

  it("are listed together with the platform's problems", () => {
    try {
      loadConfig({ PORT: "x", NEWSLETTER_BATCH: "0" }, [newsletter]);
      expect.unreachable();
    } catch (error) {
      const problems = (error as ConfigError).problems.join("\n");
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/NEWSLETTER_BATCH/);
    }
  });

  it("may not take a name that is already declared", () => {
    expect(() => loadConfig({}, [{ PORT: z.string() }])).toThrow(/declared twice: PORT/);
  });
});
