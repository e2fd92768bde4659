import { describe, expect, it } from "vitest";
import { escapeUndecodable } from "./bad-urls.js";

describe("escapeUndecodable", () => {
  it("leaves a URL whose path decodes as it is, query included", () => {
    for (const url of ["/en/members/UY", "/en/members?q=%zz", "/fr/r%C3%A9seau/%F0%9F%98%80", "/"]) expect(escapeUndecodable(url)).toBe(url);
  });

  it("escapes the sequences that decode to no text, and only those", () => {
    expect(escapeUndecodable("/api/v1/organizations/%C0%AF")).toBe("/api/v1/organizations/%25C0%25AF");
    expect(escapeUndecodable("/en/members/%FF?date=%FF")).toBe("/en/members/%25FF?date=%FF");
    expect(escapeUndecodable("/en/network/a%zz%C3%A9%")).toBe("/en/network/a%25zz%C3%A9%25");
    for (const url of ["/x/%C0%AF", "/%", "/%E2%82", "/a%2"]) expect(() => decodeURIComponent(escapeUndecodable(url))).not.toThrow();
  });
});
