import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

/** The cookies a response sets, as a Cookie header value. */
const cookiesOf = (res: { cookies: { name: string; value: string }[] }) => res.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";

async function signIn(email: string, password: string) {
  const form = await t.app.inject({ method: "GET", url: "/en/sign-in" });
  const cookie = cookiesOf(form);
  const res = await t.app.inject({
    method: "POST",
    url: "/en/sign-in",
    headers: { cookie },
    payload: { email, password, _csrf: csrfIn(form.body) },
  });
  return res;
}

describe("sign-in", () => {
  it("signs a demo admin in and lets them see the accounts", async () => {
    const res = await signIn("admin@demo.test", "demo-password-2022");
    expect(res.statusCode).toBe(303);
    const session = res.cookies.find((c) => c.name === "t4m_session");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    const users = await t.app.inject({ method: "GET", url: "/en/admin/users", headers: { cookie: `t4m_session=${session?.value}` } });
    expect(users.statusCode).toBe(200);
    expect(users.body).toContain("delegate-uy@demo.test");
  });
  it("refuses a wrong password with the same message as an unknown address", async () => {
    const wrong = await signIn("admin@demo.test", "not-the-password");
    const unknown = await signIn("nobody@demo.test", "not-the-password");
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toContain("The email address or the password is not right.");
    expect(wrong.body.replace(/value="[^"]*"/g, "")).toBe(unknown.body.replace(/value="[^"]*"/g, "").replace("nobody@", "admin@"));
  });
});
