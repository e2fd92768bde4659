import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "./app.js";
import { visitor } from "./session.js";

/**
 * The back office is used from delegations' offices and phones on slow links too: each page, as
 * sent (gzip), stays under 20 KB with no JavaScript. Measured 2026-11-27: 1–3.5 KB.
 */
const BUDGET = 20 * 1024;

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp({ FORM_RATE_LIMIT: "1000" });
});
afterAll(() => t.close());

describe("page weight of signing in and the back office", () => {
  it.each([
    ["/en/sign-in", null],
    ["/en/password/forgot", null],
    ["/en/admin", "admin@demo.test"],
    ["/en/admin/members", "admin@demo.test"],
    ["/en/admin/members/UY", "admin@demo.test"],
    ["/en/admin/users", "admin@demo.test"],
    ["/en/admin/audit", "admin@demo.test"],
    ["/en/admin/network", "admin@demo.test"],
    ["/en/admin/network/itc", "admin@demo.test"],
    ["/en/account", "admin@demo.test"],
    // package, reviews (issue 11)
    ["/en/admin/package", "editor@demo.test"],
    ["/en/admin/package/new", "editor@demo.test"],
    ["/en/admin/package/new", "delegate-uy@demo.test"],
    ["/en/admin/reviews", "editor@demo.test"],
    ["/en/admin/reviews/new", "editor@demo.test"],
    // meetings, reports: the largest demo meeting (8 February 2022, id 1) and the 2022 report
    ["/en/admin/meetings/1", "admin@demo.test"],
    ["/en/admin/meetings/new", "admin@demo.test"],
    ["/en/admin/reports/annual/2022", "admin@demo.test"],
    ["/en/meetings/2022-02-08", null],
    ["/en/reports/annual/2022", null],
  ])("%s weighs under 20 KB gzipped and ships no script", async (url, email) => {
    const v = await visitor(t.app, email ?? undefined);
    const res = await v.get(url);
    expect(res.statusCode).toBe(200);
    expect(gzipSync(res.body).length).toBeLessThan(BUDGET);
    expect(res.body).not.toMatch(/<script\b/i);
  });
});
