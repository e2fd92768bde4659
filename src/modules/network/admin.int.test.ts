import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { csrfIn, visitor } from "../../../test/session.js";

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const PASSWORD = "demo-password-2022";

/** The cookies a response sets, as a Cookie header value. */
interface Session {
  cookie: string;
  csrf: string;
}

/** Signs a demo account in through the sign-in form; returns its session cookie and CSRF token. */
async function signIn(email: string): Promise<Session> {
  const v = await visitor(t.app, email, PASSWORD);
  return { cookie: v.cookie(), csrf: csrfIn((await v.get("/en/account")).body) };
}

const get = (session: Session | null, url: string) => t.app.inject({ method: "GET", url, headers: session ? { cookie: session.cookie } : {} });
const post = (session: Session, url: string, payload: Record<string, string>, { csrf = true } = {}) =>
  t.app.inject({ method: "POST", url, headers: { cookie: session.cookie }, payload: csrf ? { ...payload, _csrf: session.csrf } : payload });

const row = async (slug: string) =>
  (await sql<Record<string, unknown>>`select * from organizations where slug = ${slug}`.execute(t.database.db)).rows[0];
const auditCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(t.database.db)).rows[0]?.n);

let partner: Session;
let editor: Session;
beforeAll(async () => {
  partner = await signIn("partner-itc@demo.test");
  editor = await signIn("editor@demo.test");
  expect(partner.csrf).not.toBe("");
});

describe("the Network's back-office list", () => {
  it("sends the public to sign in and back", async () => {
    const res = await get(null, "/en/admin/network");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/en/sign-in?next=${encodeURIComponent("/en/admin/network")}`);
  });

  it("shows a partner only their own organization, without the button to add one", async () => {
    const res = await get(partner, "/en/admin/network");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/en/admin/network/itc"');
    expect(res.body).not.toContain('href="/en/admin/network/oecd"');
    expect(res.body).not.toContain("New organization");
    expect(res.body).toContain("1 participant");
  });

  it("shows the Secretariat every organization, a search and the button to add one", async () => {
    const res = await get(editor, "/en/admin/network");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/en/admin/network/oecd"');
    expect(res.body).toContain('href="/en/admin/network/new"');
    expect(res.body).toContain('role="search"');
    const found = await get(editor, "/en/admin/network?q=ocde");
    expect(found.body).toContain('href="/en/admin/network/oecd"');
    expect(found.body).not.toContain('href="/en/admin/network/itc"');
  });

  it("refuses a delegate", async () => {
    const delegate = await signIn("delegate-uy@demo.test");
    expect((await get(delegate, "/en/admin/network")).statusCode).toBe(403);
  });

  it("counts the organizations never verified on the dashboard, for the Secretariat and for a partner", async () => {
    const never = Number((await sql<{ n: number }>`select count(*)::int as n from organizations where verified_on is null`.execute(t.database.db)).rows[0]?.n);
    const dashboard = await get(editor, "/en/admin");
    expect(dashboard.body).toContain(`${never} organizations never verified`);
    expect(dashboard.body).toContain('href="/en/admin/network"');
  });
});

describe("editing an organization", () => {
  it("lets ITC's partner change ITC's website, with the change in the history on the edit page", async () => {
    const form = await get(partner, "/en/admin/network/itc");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="website"');
    expect(form.body).not.toContain('name="name_en"');
    const res = await post(partner, "/en/admin/network/itc", {
      website: "https://www.intracen.org/msme",
      "profile.en.text": "Trade tools for small firms.",
      "profile.fr.text": "",
      "profile.es.text": "",
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/en/admin/network/itc?done=saved");
    expect(await row("itc")).toMatchObject({ website: "https://www.intracen.org/msme", profile: { source: "en", values: { en: { text: "Trade tools for small firms." } } } });
    const page = await get(partner, "/en/admin/network/itc?done=saved");
    expect(page.body).toContain("Your changes are saved.");
    expect(page.body).toContain('value="https://www.intracen.org/msme"');
    const history = page.body.slice(page.body.indexOf('id="history-title"'));
    expect(history).toContain("partner-itc@demo.test");
    expect(history).toContain("<ins>https://www.intracen.org/msme</ins>");
    expect(history).toContain("<code>profile.en</code>: <del>—</del> → <ins>Trade tools for small firms.</ins>");
  });

  it("ignores identity fields in a partner's post", async () => {
    const res = await post(partner, "/en/admin/network/itc", { website: "https://intracen.org", name_en: "Renamed" });
    expect(res.statusCode).toBe(303);
    expect(await row("itc")).toMatchObject({ name_en: "International Trade Centre", website: "https://intracen.org" });
  });

  it("does not even tell a partner another organization's pages exist (404), and writes nothing", async () => {
    expect((await get(partner, "/en/admin/network/oecd")).statusCode).toBe(404);
    const before = await row("oecd");
    const audits = await auditCount();
    const res = await post(partner, "/en/admin/network/oecd", { website: "https://evil.example" });
    expect(res.statusCode).toBe(404);
    const verify = await post(partner, "/en/admin/network/oecd/verify", {});
    expect(verify.statusCode).toBe(404);
    expect(await row("oecd")).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it("re-renders a bad website with the address kept and the error linked to its field", async () => {
    const before = await row("itc");
    const res = await post(partner, "/en/admin/network/itc", { website: "http://intracen.org/<b>", "profile.en.text": "Kept text" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('value="http://intracen.org/&lt;b>"');
    expect(res.body).toContain(">Kept text</textarea>");
    expect(res.body).toContain('<a href="#field-website">Enter a full address starting with https://');
    expect(res.body).toMatch(/id="field-website"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-website"/);
    expect(res.body).toContain('id="field-website-error"');
    expect(await row("itc")).toEqual(before);
  });

  it("takes a website with white space inside as a mistake at its field, not a failure (the table refuses such an address)", async () => {
    const before = await row("itc");
    for (const website of ["https://intracen.org/ a", "https://intracen.org/\ta"]) {
      const res = await post(partner, "/en/admin/network/itc", { website, "profile.en.text": "Kept text" });
      expect(res.statusCode, website).toBe(400);
      expect(res.body).toContain('<a href="#field-website">');
      expect(res.body).toContain(">Kept text</textarea>");
    }
    expect(await row("itc")).toEqual(before);
  });

  it("shows the error in the page's language", async () => {
    const res = await post(partner, "/es/admin/network/itc", { website: "http://intracen.org" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Introduzca una dirección completa que empiece por https://");
  });

  it("refuses a post without the CSRF token (403) and writes nothing", async () => {
    const before = await row("itc");
    const audits = await auditCount();
    const res = await post(partner, "/en/admin/network/itc", { website: "https://forged.example" }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(await row("itc")).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it("marks the profile as verified by the partner, shown with the shared verified line", async () => {
    const res = await post(partner, "/en/admin/network/itc/verify", {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/en/admin/network/itc?done=verified");
    expect(await row("itc")).toMatchObject({ verified_by: "Demo Partner at ITC" });
    const page = await get(partner, "/en/admin/network/itc?done=verified");
    expect(page.body).toContain("Marked as verified today.");
    expect(page.body).toMatch(/<p class="verified">Last verified by Demo Partner at ITC on [A-Z][a-z]+ \d+, \d{4}\.<\/p>/);
    const list = await get(partner, "/en/admin/network");
    expect(list.body).toMatch(/, by Demo Partner at ITC/);
  });

  it("renders the back office in French", async () => {
    const res = await get(partner, "/fr/admin/network/itc");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('lang="fr"');
    expect(res.body).toContain("Site web");
    expect(res.body).toContain("Voir la page publique");
    expect(res.body).toContain("Historique");
    const list = await get(editor, "/fr/admin/network");
    expect(list.body).toContain("Nouvelle organisation");
    expect(list.body).toContain("Dernière vérification");
  });
});

describe("adding an organization", () => {
  const unctad = {
    slug: "unctad",
    name_en: "UN Trade and Development",
    name_fr: "ONU Commerce et développement",
    name_es: "ONU Comercio y Desarrollo",
    acronym_en: "UNCTAD",
    acronym_fr: "CNUCED",
    acronym_es: "UNCTAD",
    kind: "international_organization",
    website: "https://unctad.org",
    "profile.en.text": "",
    "profile.fr.text": "",
    "profile.es.text": "",
    network_joined_on: "",
    source: "https://unctad.org",
  };

  it("lets the editor add one, then edit its identity", async () => {
    const form = await get(editor, "/en/admin/network/new");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="slug"');
    const res = await post(editor, "/en/admin/network", unctad);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/en/admin/network/unctad?done=created");
    expect(await row("unctad")).toMatchObject({ acronym_fr: "CNUCED", network_joined_on: null, profile: { values: {} }, verified_on: null });
    const page = await get(editor, "/en/admin/network/unctad?done=created");
    expect(page.body).toContain("The organization is added to the Network.");
    expect(page.body).toContain("Not verified yet.");
    expect(page.body).toContain('name="name_en"');
    expect((await get(null, "/en/network/unctad")).statusCode).toBe(200);
  });

  it("keeps the form when the identifier is taken", async () => {
    const res = await post(editor, "/en/admin/network", { ...unctad, slug: "itc", name_en: "Another" });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('<a href="#field-slug">');
    expect(res.body).toContain('value="Another"');
  });

  it("is for the Secretariat only", async () => {
    expect((await get(partner, "/en/admin/network/new")).statusCode).toBe(403);
    const res = await post(partner, "/en/admin/network", { ...unctad, slug: "partner-made" });
    expect(res.statusCode).toBe(403);
    expect(await row("partner-made")).toBeUndefined();
    expect((await get(null, "/en/admin/network/new")).statusCode).toBe(303);
  });
});
