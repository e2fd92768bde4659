import type { App } from "../src/module.js";

/** What a test needs from an `inject` answer. */
export type Answer = { statusCode: number; body: string; headers: Record<string, unknown>; cookies: { name: string; value: string }[] };

export const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";

/**
 * A browser-like visitor: signs in through the real form, keeps its session cookie, and sends
 * each form back with the page's CSRF token.
 */
export async function visitor(app: App, email?: string, password = "demo-password-2022") {
  let cookie = "";
  const get = (url: string) => app.inject({ method: "GET", url, headers: cookie ? { cookie } : {} }) as Promise<Answer>;
  /** Posts a form as if submitted from the page at `from` (its CSRF token goes along). */
  const submit = async (from: string, action: string, fields: Record<string, string>) => {
    const page = await get(from);
    const fresh = page.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    if (fresh) cookie = [cookie, fresh].filter(Boolean).join("; ");
    return app.inject({ method: "POST", url: action, payload: { ...fields, _csrf: csrfIn(page.body) }, headers: { cookie } }) as Promise<Answer>;
  };
  if (email) {
    const res = await submit("/en/sign-in", "/en/sign-in", { email, password });
    const session = res.cookies.find((c) => c.name === "t4m_session");
    if (res.statusCode !== 303 || !session) throw new Error(`could not sign in as ${email}: ${res.statusCode}`);
    cookie = `t4m_session=${session.value}`;
  }
  return { get, submit, cookie: () => cookie };
}
