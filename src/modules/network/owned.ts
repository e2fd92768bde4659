import type { Actor } from "../../actor.js";
import type { Db } from "../../db/database.js";
import type { Lang } from "../../i18n/lang.js";
import { listGuides, listTools } from "../knowledge/service.js";
import type { Organization, OrganizationDetail, OrganizationWithUpkeep, OwnedItem, Upkeep } from "./schema.js";
import { listOrganizations } from "./service.js";

/**
 * The guides and tools a Network organization owns on the knowledge platform, read through the
 * knowledge service (which names owners through the Network's service: the dependency runs one
 * way, this file being imported by no service of ours). Published items only: what readers see.
 */

/** At most this many items of each kind per organization (partners own a handful each). */
export const OWNED_MAX = 50;

/** The day `days` days before today (UTC), `YYYY-MM-DD`. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** The guides then the tools an organization owns, each with when it was last verified (bounded). */
export async function ownedItemsOf(actor: Actor, db: Db, organization: string, lang: Lang): Promise<{ items: OwnedItem[]; total: number }> {
  const page = { limit: OWNED_MAX, offset: 0 };
  const [guides, tools] = await Promise.all([listGuides(actor, db, { lang, owner: organization }, page), listTools(actor, db, { lang, owner: organization }, page)]);
  const items: OwnedItem[] = [
    ...guides.items.map((g) => ({ kind: "guide" as const, slug: g.slug, title: g.title, titleLang: g.titleLang, url: g.url, lastVerifiedOn: g.verified?.on ?? null })),
    ...tools.items.map((t) => ({ kind: "tool" as const, slug: t.slug, title: t.name.text, titleLang: t.name.lang, url: t.url, lastVerifiedOn: t.verified?.on ?? null })),
  ];
  return { items, total: guides.total + tools.total };
}

/** Whether an item was verified within the window (the staleness report's rule). */
export const isCurrent = (item: Pick<OwnedItem, "lastVerifiedOn">, days: number): boolean => item.lastVerifiedOn !== null && item.lastVerifiedOn >= daysAgo(days);

/** "Keeps N items current; last verified …": counted over the items read (see OWNED_MAX). */
export function upkeepOf(items: readonly OwnedItem[], total: number, days: number): Upkeep {
  const verified = items.map((i) => i.lastVerifiedOn).filter((d): d is string => d !== null);
  return {
    items: total,
    current: items.filter((i) => isCurrent(i, days)).length,
    lastVerifiedOn: verified.sort().at(-1) ?? null,
    windowDays: days,
  };
}

/** An organization as the API gives it: its owned items and its record of keeping them current. */
export async function withUpkeep<T extends Organization | OrganizationDetail>(actor: Actor, db: Db, organization: T, lang: Lang, days: number) {
  const { items, total } = await ownedItemsOf(actor, db, organization.slug, lang);
  return { ...organization, ownedItems: items, upkeep: upkeepOf(items, total, days) };
}

/** One page of the Network's participants, each with its owned items and upkeep (the list's API, downloads and page). */
export async function listOrganizationsWithUpkeep(
  actor: Actor,
  db: Db,
  query: Parameters<typeof listOrganizations>[2],
  days: number,
): Promise<{ items: OrganizationWithUpkeep[]; total: number }> {
  const { items, total } = await listOrganizations(actor, db, query);
  const out: OrganizationWithUpkeep[] = [];
  // One at a time: a page holds at most 500 organizations and the pool is shared.
  for (const o of items) out.push(await withUpkeep(actor, db, o, query.lang, days));
  return { items: out, total };
}
