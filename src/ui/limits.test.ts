import { describe, expect, it } from "vitest";
import { z } from "zod";
import { maxLengthOf } from "./limits.js";

describe("maxLengthOf", () => {
  it("finds a string's limit through optional, default, nullable, preprocess and pipes", () => {
    expect(maxLengthOf(z.string().trim().max(100).optional().meta({ description: "x" }))).toBe(100);
    expect(maxLengthOf(z.string().max(30).default(""))).toBe(30);
    expect(maxLengthOf(z.preprocess((v) => v, z.string().trim().max(1000).nullable()))).toBe(1000);
    expect(maxLengthOf(z.string().trim().toUpperCase().pipe(z.string().max(2)))).toBe(2);
    expect(maxLengthOf(z.string().max(50).max(20))).toBe(20);
  });
  it("says nothing when there is no limit or no text", () => {
    expect(maxLengthOf(z.string())).toBeUndefined();
    expect(maxLengthOf(z.number().max(3))).toBeUndefined();
    expect(maxLengthOf(undefined)).toBeUndefined();
  });
});
