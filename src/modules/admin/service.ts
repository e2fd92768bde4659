import type { Actor } from "../../actor.js";
import type { AdminNavEntry, AppContext, Attention } from "../../module.js";
import { authorize, definePolicy } from "../../policy.js";

/** The dashboard is for anyone signed in. */
const adminPolicy = definePolicy<"open">("admin", { open: (actor) => actor.kind === "user" });

/**
 * The back office's front page: what needs attention, gathered from every module, and the
 * screens the actor's role can use. Anyone signed in may open it; the public is sent to sign in.
 */
export async function dashboard(actor: Actor, ctx: AppContext): Promise<{ attention: Attention[]; screens: AdminNavEntry[] }> {
  authorize(adminPolicy, actor, "open", undefined);
  if (actor.kind !== "user") return { attention: [], screens: [] };
  const attention: Attention[] = [];
  for (const module of ctx.modules ?? []) {
    if (module.admin?.attention) attention.push(...(await module.admin.attention(actor, ctx)));
  }
  const screens = (ctx.modules ?? []).flatMap((m) => m.admin?.nav ?? []).filter((e) => e.roles.includes(actor.role));
  return { attention: attention.filter((a) => a.count > 0), screens };
}
