import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./database.js";

describe("isDatabaseUnavailable", () => {
  it("knows a database that is down, restarting or cut off from a query that is wrong", () => {
    const coded = (code: string, message = "x") => Object.assign(new Error(message), { code });
    for (const code of ["57P01", "57P02", "57P03", "08000", "08003", "08006", "ECONNREFUSED"]) expect(isDatabaseUnavailable(coded(code)), code).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([coded("ECONNREFUSED")]))).toBe(true);
    for (const code of ["23505", "42P01", "22P02", "40001"]) expect(isDatabaseUnavailable(coded(code)), code).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
