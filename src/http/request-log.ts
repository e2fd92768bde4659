import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from "fastify";

/**
 * What the request log may say about a request. The request log writes the URL of a request (at
 * `info` of one that failed or was slow, at `debug` of every one), and some URLs carry a secret (a password link is `/{lang}/password/<token>`), so the
 * URL is logged with every secret replaced by `[secret]`:
 *
 * - a route parameter whose name says it holds one (`token`, `secret`, or ending in `Token` or
 *   `Secret`, e.g. `/:lang/password/:token`) is replaced whole: name a new secret-bearing
 *   parameter so and its value never reaches a log;
 * - anything else that looks like one of the platform's secrets (a `t4m_` API token, or a run of
 *   32 or more base64url characters with a capital letter or a digit in it, which a random
 *   256-bit secret always has) is replaced wherever it appears, path or query: a link mistyped
 *   into a path no route knows, or a token pasted into a query string;
 * - the value of a query parameter named like a secret (token, secret, password, key, signature)
 *   is replaced whatever it looks like.
 *
 * Headers are never logged (they carry the session cookie and `Authorization`), nor bodies.
 */
export const REDACTED = "[secret]";

const SECRET_PARAM = /^(token|secret)$|(Token|Secret)$/;
const SECRET_QUERY_NAME = /token|secret|passw|key|sig/i;
const SECRET_LOOKING = /t4m_[^/?&#=;\s]*|[A-Za-z0-9_-]{32,}/g;

const hideLookalikes = (text: string) =>
  text.replace(SECRET_LOOKING, (run) => (run.startsWith("t4m_") || /[A-Z0-9]/.test(run) ? REDACTED : run));

/** The path and query of a URL as the log may show them. `route` is the matched pattern, if any. */
export function redactUrl(url: string, route?: string): string {
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? undefined : url.slice(q + 1);

  let segments = path.split("/");
  const pattern = route?.split("/");
  if (pattern && !route?.includes("*") && pattern.length === segments.length) {
    segments = segments.map((segment, i) => {
      const name = /^:(\w+)$/.exec(pattern[i] ?? "")?.[1];
      return name && SECRET_PARAM.test(name) ? REDACTED : segment;
    });
  }
  const safePath = hideLookalikes(segments.join("/"));
  if (query === undefined) return safePath;

  const safeQuery = query
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      if (eq === -1) return hideLookalikes(pair);
      const name = pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // A malformed escape: judge the name as written.
      }
      return SECRET_QUERY_NAME.test(decoded) ? `${hideLookalikes(name)}=${REDACTED}` : hideLookalikes(pair);
    })
    .join("&");
  return `${safePath}?${safeQuery}`;
}

/** Pino's request fields (as Fastify logs them) with the URL redacted, and no headers. */
export function requestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url ?? "", request.routeOptions?.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

type LoggerOption = FastifyServerOptions["logger"];

/**
 * The logger options with the redacting request serializer in place; whoever configures the
 * logger (the CLI, a test capturing lines) gets it. `false` stays off.
 */
export function withRedaction(logger: LoggerOption): LoggerOption {
  if (logger === false || logger === undefined) return logger;
  const options = logger === true ? {} : logger;
  return { ...options, serializers: { ...options.serializers, req: requestForLog as never } };
}

/** A request slower than this is logged at `info` even when it succeeds. */
export const SLOW_REQUEST_MS = 1000;

/**
 * Fastify's per-request log lines, kept to what needs a person at `info`: one line for each
 * request that failed (4xx, 5xx, an error) or took longer than SLOW_REQUEST_MS, with the method,
 * address, status and time. A request that went well is logged at `debug` (its two usual lines),
 * so `LOG_LEVEL=debug` gives the full access log.
 *
 * Why: `npm run bench` measured the two info lines of every request as the largest single cost
 * of serving a cached page (README, Benchmarks). The counts and times of all requests are in
 * `/metrics`, per route.
 */
export class RequestLog extends LogController {
  private readonly slowMs: number;

  constructor(options: ConstructorParameters<typeof LogController>[0] & { slowMs?: number } = {}) {
    super(options);
    this.slowMs = options.slowMs ?? SLOW_REQUEST_MS;
  }

  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.debug({ req: request }, "incoming request");
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error) {
      reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, "request errored");
    } else if (reply.statusCode >= 400 || reply.elapsedTime >= this.slowMs) {
      reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, "request completed");
    } else {
      reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, "request completed");
    }
  }
}
