import { resolve } from "node:path";
import { z } from "zod";

/**
 * Everything the platform reads from its environment, validated once at start-up.
 * No other file reads `process.env`: they receive a `Config`.
 */
const ConfigSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public origin used in absolute links (sitemaps, feeds, emails). */
  PUBLIC_URL: z.url().optional(),
  /** Any PostgreSQL >= 15. Without it an embedded cluster runs in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  /** Port of the embedded cluster; 0 picks a free one. */
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Set when a TLS-terminating proxy sits in front: enables HSTS and Secure cookies. */
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /** Seconds a rendered public page may be served from memory. 0 disables the cache. */
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).default(60),
  /** A session ends after this many minutes without a request (OWASP ASVS 3.3). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** A session ends this many hours after sign-in, however active. */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** Requests per minute and address to each public form (sign-in, password reset, …). */
  FORM_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** Where email goes: `smtp://user:pass@host:587` (or `smtps://`). Without it, `.eml` files in OUTBOX_DIR. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  /** The sender of every email. */
  MAIL_FROM: z.string().min(3).default("Trade4MSMEs <no-reply@trade4msmes.localhost>"),
  /** Folder for `.eml` files when SMTP_URL is not set (default: DATA_DIR/outbox). */
  OUTBOX_DIR: z.string().min(1).optional(),
  /**
   * The secret Prometheus sends (`Authorization: Bearer …`) to read `/metrics`. Without it
   * `/metrics` does not exist (404).
   */
  METRICS_TOKEN: z
    .string()
    .regex(/^[\x21-\x7e]{32,}$/, "must be at least 32 characters without spaces (e.g. the output of openssl rand -hex 32)")
    .optional(),
  /** Where uploaded files are stored on disk (default: DATA_DIR/files). */
  FILES_DIR: z.string().min(1).optional(),
  /** The largest file an upload may carry, in bytes (default 20 MB). */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  /** Whether this process runs background jobs (email). Several app nodes may all run them. */
  JOBS: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
});

export type Config = Omit<z.output<typeof ConfigSchema>, "DATA_DIR" | "OUTBOX_DIR" | "FILES_DIR"> & { DATA_DIR: string; OUTBOX_DIR: string; FILES_DIR: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/**
 * Reads the configuration, reporting every invalid variable at once: the platform's and those
 * that modules declare (`PlatformModule.env`, passed here by `loadPlatformConfig`).
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, moduleVariables: readonly z.ZodRawShape[] = []): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  let schema: z.ZodObject = ConfigSchema;
  for (const shape of moduleVariables) {
    const taken = Object.keys(shape).filter((name) => name in schema.shape);
    if (taken.length) throw new Error(`Environment variable declared twice: ${taken.join(", ")}`);
    schema = schema.extend(shape);
  }
  const parsed = schema.safeParse(present) as ReturnType<typeof ConfigSchema.safeParse>;
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const dataDir = resolve(parsed.data.DATA_DIR);
  return {
    ...parsed.data,
    DATA_DIR: dataDir,
    OUTBOX_DIR: resolve(dataDir, parsed.data.OUTBOX_DIR ?? "outbox"),
    FILES_DIR: resolve(dataDir, parsed.data.FILES_DIR ?? "files"),
  };
}

/**
 * The address people reach the platform at, without a trailing slash: `PUBLIC_URL`, else this
 * machine's `http://localhost:PORT` as the start-up message prints it. For absolute links (emails,
 * the sitemap, feeds, `hreflang` alternates).
 */
export function publicOrigin(config: Pick<Config, "PUBLIC_URL" | "HOST" | "PORT">): string {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/+$/, "");
  const local = ["127.0.0.1", "0.0.0.0", "::", "::1"].includes(config.HOST);
  return `http://${local ? "localhost" : config.HOST}:${config.PORT}`;
}
