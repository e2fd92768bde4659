import { describe, expect, it } from "vitest";
import { redactUrl } from "./request-log.js";

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
