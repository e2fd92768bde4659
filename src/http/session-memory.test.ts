import { describe, expect, it } from "vitest";
import { SessionMemory } from "./session-memory.js";

const down = () => Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));

describe("SessionMemory", () => {
  it("answers for a session checked lately only while the database is down, and only within its window", async () => {
    let now = 0;
    const clock = () => now;
    const memory = new SessionMemory<string>(60_000);
    expect(await memory.resolve("secret", async () => "alice", clock)).toBe("alice");
    now = 59_000;
    expect(await memory.resolve("secret", down, clock)).toBe("alice");
    await expect(memory.resolve("other", down, clock), "never seen").rejects.toThrow("ECONNREFUSED");
    now = 61_000;
    await expect(memory.resolve("secret", down, clock), "seen too long ago").rejects.toThrow("ECONNREFUSED");
  });

  it("forgets a session found ended, and never hides an error that is not an outage", async () => {
    const memory = new SessionMemory<string>(60_000);
    await memory.resolve("secret", async () => "alice");
    await expect(memory.resolve("secret", () => Promise.reject(new Error("syntax error")))).rejects.toThrow("syntax error");
    expect(await memory.resolve("secret", async () => null)).toBeNull();
    await expect(memory.resolve("secret", down)).rejects.toThrow("ECONNREFUSED");
  });
});
