import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../../../test/app.js";
import { visitor } from "../../../test/session.js";

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function email(status: "failed" | "sent" | "sending" | "queued", to: string, queuedAgo = "1 hour") {
  const { id } = await t.database.db
    .insertInto("outbox_emails")
    .values({ kind: "accounts.reset", to_address: to, subject: "Trade4MSMEs: choose a new password", text_body: "secret link https://x/en/password/SECRET", html_body: null, message_id: `<${to}@test>`, status, last_error: status === "failed" ? "connect ECONNREFUSED 127.0.0.1:25" : null, sent_at: status === "sent" ? new Date() : null })
    .returning("id")
    .executeTakeFirstOrThrow();
  await sql`update outbox_emails set created_at = now() - ${queuedAgo}::interval where id = ${id}`.execute(t.database.db);
  return id;
}

describe("the email outbox", () => {
  it("shows an admin what failed, never the bodies, and sends a failed email again", async () => {
    const failed = await email("failed", "lost@example.org");
    await email("sent", "fine@example.org");
    const admin = await visitor(t.app, "admin@demo.test");
    const dashboard = await admin.get("/en/admin");
    expect(dashboard.body).toContain('href="/en/admin/outbox?status=failed"');
    expect(dashboard.body).toContain("email not delivered");
    const page = await admin.get("/en/admin/outbox?status=failed");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("lost@example.org");
    expect(page.body).toContain("ECONNREFUSED");
    expect(page.body).not.toContain("fine@example.org");
    expect(page.body).not.toContain("SECRET");

    const retried = await admin.submit("/en/admin/outbox", `/en/admin/outbox/${failed}/retry`, {});
    expect(retried.statusCode).toBe(303);
    const row = await t.database.db.selectFrom("outbox_emails").select("status").where("id", "=", failed).executeTakeFirstOrThrow();
    expect(row.status).toBe("queued");
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from graphile_worker._private_jobs j join graphile_worker._private_tasks k on k.id = j.task_id
      where k.identifier = 'mail.send' and j.payload->>'id' = ${String(failed)}`.execute(t.database.db);
    expect(rows[0]?.n).toBe(1);
    const audit = await t.database.db.selectFrom("audit_log").select(["actor", "after"]).where("entity", "=", "email").where("entity_id", "=", String(failed)).execute();
    expect(audit).toEqual([{ actor: "admin@demo.test", after: { status: "queued" } }]);
  });

  it("does not send again an email that went out or is on its way, but does one stuck for long", async () => {
    const admin = await visitor(t.app, "admin@demo.test");
    const sent = await email("sent", "done@example.org");
    const sending = await email("sending", "busy@example.org", "1 minute");
    expect((await admin.submit("/en/admin/outbox", `/en/admin/outbox/${sent}/retry`, {})).statusCode).toBe(404);
    expect((await admin.submit("/en/admin/outbox", `/en/admin/outbox/${sending}/retry`, {})).statusCode).toBe(404);
    const stuck = await email("sending", "stuck@example.org", "1 hour");
    expect((await admin.submit("/en/admin/outbox", `/en/admin/outbox/${stuck}/retry`, {})).statusCode).toBe(303);
    // Queued long ago and never sent: its job is gone (e.g. after restoring a backup).
    const waiting = await email("queued", "waiting@example.org", "1 minute");
    expect((await admin.submit("/en/admin/outbox", `/en/admin/outbox/${waiting}/retry`, {})).statusCode).toBe(404);
    const orphan = await email("queued", "orphan@example.org", "2 hours");
    expect((await admin.submit("/en/admin/outbox", `/en/admin/outbox/${orphan}/retry`, {})).statusCode).toBe(303);
  });

  it("does not offer to send again an email whose single-use link is gone", async () => {
    const admin = await visitor(t.app, "admin@demo.test");
    const gone = await email("failed", "given-up@example.org");
    await t.database.db.updateTable("outbox_emails").set({ secret_count: 1, secrets: null }).where("id", "=", gone).execute();
    const page = await admin.get("/en/admin/outbox?status=failed");
    expect(page.body).toContain("given-up@example.org");
    expect(page.body).toContain("Its single-use link is no longer kept");
    expect(page.body).not.toContain(`/en/admin/outbox/${gone}/retry`);
    expect((await admin.submit("/en/admin/outbox", `/en/admin/outbox/${gone}/retry`, {})).statusCode).toBe(404);
  });

  it("is for admins only", async () => {
    const editor = await visitor(t.app, "editor@demo.test");
    expect((await editor.get("/en/admin/outbox")).statusCode).toBe(403);
    expect((await editor.get("/en/admin")).body).not.toContain("/en/admin/outbox");
    const anonymous = await visitor(t.app);
    expect((await anonymous.get("/en/admin/outbox")).headers.location).toBe("/en/sign-in?next=%2Fen%2Fadmin%2Foutbox");
  });
});
