import { describe, expect, it } from "vitest";
import { type Actor, grantedIds, grantOf, holds, scopeGrants } from "./actor.js";
import { AppError } from "./errors.js";
import { authorize, decide, definePolicy } from "./policy.js";

const delegate = (economy: string): Actor => ({ kind: "user", id: 1, email: "d@example.org", name: "D", role: "delegate", grants: [{ on: "economy", id: economy }], via: "session" });
const policy = definePolicy<"read" | "edit" | "delete", { economy: string }>("probe", {
  read: () => true,
  edit: (actor, { economy }) => (holds(actor, "economy", economy) ? "allow" : actor.kind === "user" ? "hidden" : "deny"),
});

const thrown = (work: () => void) => {
  try {
    work();
  } catch (error) {
    return error as AppError;
  }
  return undefined;
};

describe("authorize", () => {
  it("lets through what a rule allows", () => {
    expect(thrown(() => authorize(policy, { kind: "public" }, "read", { economy: "UY" }))).toBeUndefined();
    expect(thrown(() => authorize(policy, delegate("UY"), "edit", { economy: "UY" }))).toBeUndefined();
  });
  it("answers the public 401 and everyone else 403, with the same codes everywhere", () => {
    expect(thrown(() => authorize(policy, { kind: "public" }, "edit", { economy: "UY" }))).toMatchObject({ status: 401, code: "unauthenticated", messageKey: "errors.unauthenticated" });
    expect(thrown(() => authorize(policy, { kind: "system", name: "x" }, "edit", { economy: "UY" }))).toMatchObject({ status: 403, code: "forbidden" });
  });
  it("answers 404 as if the record did not exist when the rule hides it", () => {
    expect(thrown(() => authorize(policy, delegate("AR"), "edit", { economy: "UY" }))).toMatchObject({ status: 404, code: "not_found" });
  });
  it("denies an action without a rule", () => {
    expect(decide(policy, delegate("UY"), "delete", { economy: "UY" })).toBe("deny");
    expect(thrown(() => authorize(policy, delegate("UY"), "delete", { economy: "UY" }))).toBeInstanceOf(AppError);
  });
});

describe("grants", () => {
  it("say what a person acts for, whatever kinds of record later capabilities add", () => {
    const judge: Actor = { kind: "user", id: 2, email: "j@example.org", name: "J", role: "partner", grants: [{ on: "organization", id: "itc" }, { on: "competition", id: "2022" }, { on: "competition", id: "2023" }], via: "token" };
    expect(holds(judge, "organization", "itc")).toBe(true);
    expect(holds(judge, "organization", "oecd")).toBe(false);
    expect(grantedIds(judge, "competition")).toEqual(["2022", "2023"]);
    expect(grantOf(judge, "economy")).toBeNull();
    expect(holds({ kind: "public" }, "organization", "itc")).toBe(false);
    expect(scopeGrants({ economy: "UY", organization: null })).toEqual([{ on: "economy", id: "UY" }]);
  });
});
