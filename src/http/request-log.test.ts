import { Writable } from "node:stream";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { RequestLog, redactUrl, withRedaction } from "./request-log.js";

const secret = "Qm9vdHN0cmFwIHRoZSBzZWNyZXQgZm9yIHRlc3Rz4xY"; // 43 base64url characters, like newSecret()

describe("redactUrl", () => {
  it("replaces a route parameter named as a secret, whatever it holds", () => {
    expect(redactUrl(`/en/password/${secret}`, "/:lang/password/:token")).toBe("/en/password/[secret]");
    expect(redactUrl("/en/password/short", "/:lang/password/:token")).toBe("/en/password/[secret]");
    expect(redactUrl("/fr/unsubscribe/abc?x=1", "/:lang/unsubscribe/:unsubscribeToken")).toBe("/fr/unsubscribe/[secret]?x=1");
    expect(redactUrl("/en/password/forgot", "/:lang/password/forgot")).toBe("/en/password/forgot");
  });

  it("replaces what looks like a secret where no route says so: a mistyped link, a token in a query", () => {
    expect(redactUrl(`/en/password/${secret}/`)).toBe("/en/password/[secret]/");
    expect(redactUrl(`/en/password/${secret})`, undefined)).toBe("/en/password/[secret])");
    expect(redactUrl("/api/v1/me?t=t4m_abc-DEF_123")).toBe("/api/v1/me?t=[secret]");
    expect(redactUrl(`/en/sign-in?next=%2Fen%2Fpassword%2F${secret}`)).not.toContain(secret);
  });

  it("replaces the value of a query parameter named as a secret", () => {
    expect(redactUrl("/en/members?token=abc&q=uruguay")).toBe("/en/members?token=[secret]&q=uruguay");
    expect(redactUrl("/x?api_key=1&Password=2&signature=3")).toBe("/x?api_key=[secret]&Password=[secret]&signature=[secret]");
  });

  it("leaves ordinary addresses alone", () => {
    for (const url of [
      "/en/members?region=americas&date=2022-12-31&limit=50",
      "/es/network/international-trade-centre-and-partners",
      "/en/members/UY",
      "/api/v1/members.csv?q=C%C3%B4te",
    ]) {
      expect(redactUrl(url)).toBe(url);
    }
  });
});

/** A server logging at `level` into an array of parsed lines, with RequestLog as its log controller. */
async function server(level: string, slowMs = 1000) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const app = Fastify({ logger: withRedaction({ level, stream }), logController: new RequestLog({ slowMs }) });
  app.get("/ok", async () => "fine");
  app.get("/redirect", async (_request, reply) => reply.redirect("/ok", 303));
  app.get("/boom", async () => {
    throw new Error("broken");
  });
  app.get("/password/:token", async (_request, reply) => reply.code(410).send("expired"));
  app.get("/slow", async () => {
    await new Promise((r) => setTimeout(r, 30));
    return "late";
  });
  await app.ready();
  return { app, lines };
}

describe("RequestLog", () => {
  it("at info, logs nothing for a request that went well, one line with the address for one that failed", async () => {
    const { app, lines } = await server("info");
    expect((await app.inject("/ok")).statusCode).toBe(200);
    expect((await app.inject("/redirect")).statusCode).toBe(303);
    expect(lines, "nothing for 200 and 303").toEqual([]);
    expect((await app.inject("/nowhere?x=1")).statusCode).toBe(404);
    expect((await app.inject("/boom")).statusCode).toBe(500);
    const completed = lines.filter((l) => l.msg === "request completed");
    expect(completed.map((l) => [(l.req as { url: string }).url, (l.res as { statusCode: number }).statusCode])).toEqual([
      ["/nowhere?x=1", 404],
      ["/boom", 500],
    ]);
    for (const line of completed) {
      expect(line.level).toBe(30);
      expect(line.responseTime).toEqual(expect.any(Number));
      expect((line.req as { method: string }).method).toBe("GET");
    }
    await app.close();
  });

  it("keeps a secret in the address out of the line it writes", async () => {
    const { app, lines } = await server("info");
    expect((await app.inject(`/password/${secret}`)).statusCode).toBe(410);
    expect(lines.map((l) => (l.req as { url: string }).url)).toEqual(["/password/[secret]"]);
    expect(JSON.stringify(lines)).not.toContain(secret);
    await app.close();
  });

  it("at info, logs a request slower than the threshold even when it went well", async () => {
    const { app, lines } = await server("info", 20);
    await app.inject("/ok");
    await app.inject("/slow");
    expect(lines.map((l) => [l.msg, (l.req as { url: string }).url])).toEqual([["request completed", "/slow"]]);
    await app.close();
  });

  it("at debug, gives the full access log: two lines per request", async () => {
    const { app, lines } = await server("debug");
    await app.inject("/ok");
    const mine = lines.filter((l) => l.msg === "incoming request" || l.msg === "request completed");
    expect(mine.map((l) => [l.msg, l.level])).toEqual([
      ["incoming request", 20],
      ["request completed", 20],
    ]);
    expect(mine[0]?.req).toMatchObject({ url: "/ok" });
    await app.close();
  });
});
