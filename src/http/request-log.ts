import { type FastifyReply, type FastifyRequest, LogController } from "fastify";

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
