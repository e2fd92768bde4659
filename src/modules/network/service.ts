import { readFile } from "node:fs/promises";
import { type Actor, isSecretariat } from "../../actor.js";
import type { Db } from "../../db/database.js";
import { AppError, invalidInput, notFound } from "../../errors.js";
import { check } from "../../http/validation.js";
import { auditedText, EMPTY_TEXT, mergeText, problemsAt, publishedTexts, type StoredText, type TextEdit } from "../../i18n/content.js";
import type { Lang } from "../../i18n/lang.js";
import type { SitemapEntry } from "../../module.js";
import { actorLabel, type Change, recordChanges } from "../audit/service.js";
import { authorizeNetwork, editableScope, mayNetwork } from "./policy.js";
import { byName, presentChoice, presentOrganization, presentOrganizationDetail } from "./present.js";
import * as repo from "./repo.js";
import type { OrganizationChanges, OrganizationRow } from "./repo.js";
import {
  IDENTITY_FIELDS,
  type Organization,
  OrganizationCreateInput,
  type OrganizationChoice,
  type OrganizationDetail,
  type OrganizationEditableField,
  OrganizationProfileInput,
  type OrganizationsList,
  type OrganizationsQuery,
  OrganizationUpdateInput,
  Profile,
} from "./schema.js";

export type { OrganizationRow } from "./repo.js";
// For the annual report (reports module): the day the Network was launched, from which an
// organization without a join date on record counts as a participant.
export { NETWORK_LAUNCHED_ON } from "./schema.js";

export const today = () => new Date().toISOString().slice(0, 10);

const ENTITY = "organization";

/** The participants of the Network, filtered, sorted by name in the reader's language. */
export async function listOrganizations(
  actor: Actor,
  db: Db,
  query: Pick<OrganizationsQuery, "lang"> & Partial<Pick<OrganizationsQuery, "q" | "kind" | "limit" | "offset">>,
): Promise<OrganizationsList> {
  authorizeNetwork(actor, "read");
  const { rows, total } = await repo.pageOrganizations(db, { q: query.q, kind: query.kind, lang: query.lang, limit: query.limit ?? 100, offset: query.offset ?? 0 });
  return { items: rows.map((row) => presentOrganization(row, query.lang)), total };
}

/** One organization's public profile; 404 when there is none with this slug. */
export async function getOrganization(actor: Actor, db: Db, slug: string, lang: Lang): Promise<OrganizationDetail> {
  authorizeNetwork(actor, "read");
  const row = await repo.findOrganization(db, slug);
  if (!row) throw notFound();
  return presentOrganizationDetail(row, lang);
}

/**
 * An organization's published profile texts per language (null where missing or a draft), e.g.
 * for the search index; 404 when there is no such organization. Takes a transaction, so that an
 * index can be filled in the transaction that changes the profile.
 */
export async function getProfileTexts(actor: Actor, db: Db, slug: string): Promise<Record<Lang, string | null>> {
  authorizeNetwork(actor, "read");
  const row = await repo.findOrganization(db, slug);
  if (!row) throw notFound();
  return publishedTexts(row.profile);
}

/** Whether an organization with this slug exists (e.g. to check a partner account's scope). */
export async function organizationExists(db: Db, slug: string): Promise<boolean> {
  return repo.organizationExists(db, slug);
}

/** Slug and "Name (ACRONYM)" of every organization, sorted by name, for select boxes. */
export async function listOrganizationChoices(db: Db, lang: Lang): Promise<OrganizationChoice[]> {
  return (await repo.listOrganizations(db)).map((row) => presentChoice(row, lang)).sort(byName(lang));
}

/** One page of the organizations an actor may edit, in the back office. */
export interface EditableOrganizations {
  items: Organization[];
  total: number;
  page: number;
  pages: number;
}

/**
 * The organizations the actor may edit, sorted by name in the reader's language: all of them for
 * the Secretariat, their own for a partner; 401 for the public, 403 for anyone else.
 */
export async function listEditableOrganizations(
  actor: Actor,
  db: Db,
  query: { lang: Lang; q?: string; page: number; pageSize: number },
): Promise<EditableOrganizations> {
  const scope = editableScope(actor);
  const { rows, total } = await repo.pageOrganizations(db, {
    q: query.q,
    ...scope,
    lang: query.lang,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const pages = Math.max(1, Math.ceil(total / query.pageSize));
  return { items: rows.map((row) => presentOrganization(row, query.lang)), total, page: query.page, pages };
}

/** How many of the organizations the actor may edit have never been verified (0 for those who edit none). */
export async function countNeverVerified(actor: Actor, db: Db): Promise<number> {
  if (!mayNetwork(actor, "administer")) return 0;
  return repo.countNeverVerified(db, editableScope(actor));
}

/** Whether the actor may add an organization to the Network (to offer the button). */
export const mayCreateOrganization = (actor: Actor): boolean => mayNetwork(actor, "create");

/** The fields of a new organization, for the Secretariat's form; 401/403 for anyone else. */
export function newOrganizationFields(actor: Actor): (keyof OrganizationCreateInput)[] {
  authorizeNetwork(actor, "create");
  return Object.keys(OrganizationCreateInput.shape) as (keyof OrganizationCreateInput)[];
}

/** The fields of this organization the actor may change (empty when none). */
export function editableFields(actor: Actor, slug: string): OrganizationEditableField[] {
  if (!mayNetwork(actor, "update", slug)) return [];
  const profile = Object.keys(OrganizationProfileInput.shape) as OrganizationEditableField[];
  return mayNetwork(actor, "updateIdentity") ? [...profile, ...IDENTITY_FIELDS] : profile;
}

/** What an edit screen needs: the stored values in every language and which of them the actor may change. */
export async function getOrganizationForEdit(
  actor: Actor,
  db: Db,
  slug: string,
): Promise<{ values: OrganizationRow; editable: OrganizationEditableField[] }> {
  authorizeNetwork(actor, "update", slug);
  const values = await repo.findOrganization(db, slug);
  if (!values) throw notFound();
  return { values, editable: editableFields(actor, slug) };
}

const hasIdentityField = (input: unknown): boolean =>
  typeof input === "object" && input !== null && IDENTITY_FIELDS.some((field) => Object.hasOwn(input, field));

/**
 * The profile after an edit: statuses follow from what changed (see src/i18n/content.ts); a
 * problem (the original emptied under its translations) is a 400 at its form field.
 */
function editedProfile(stored: StoredText, edit: TextEdit): { value: StoredText; changed: boolean } {
  const merged = mergeText(stored, edit, new Date());
  if (!merged.ok) throw invalidInput(problemsAt("profile", merged.problems));
  // The database's CHECK says the same; this names the rule before a write is tried.
  return { value: Profile.stored.parse(merged.value), changed: merged.changed };
}

/** A row as the audit trail keeps it: the profile per language, with each language's status. */
const audited = ({ profile, ...row }: OrganizationRow) => ({ ...row, ...auditedText("profile", profile) });

/**
 * Changes an organization. Its partner (or the Secretariat) may change the website and the profile
 * texts; only the Secretariat may change names, acronyms, kind, joining date and source. Fields left
 * out stay as they are; an empty profile text clears that language. Returns the organization as stored.
 */
export async function updateOrganization(actor: Actor, db: Db, slug: string, input: unknown): Promise<OrganizationRow> {
  authorizeNetwork(actor, "update", slug);
  if (hasIdentityField(input)) authorizeNetwork(actor, "updateIdentity");
  const parsed = check(isSecretariat(actor) ? OrganizationUpdateInput : OrganizationProfileInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  return db.transaction().execute(async (trx) => {
    const before = await repo.findOrganization(trx, slug, { forUpdate: true });
    if (!before) throw notFound();
    const { profile, ...fields } = parsed.value;
    const changes: OrganizationChanges = {};
    for (const [field, value] of Object.entries(fields) as [keyof OrganizationChanges, unknown][]) {
      if (value !== undefined && value !== before[field]) Object.assign(changes, { [field]: value });
    }
    if (profile !== undefined) {
      const edited = editedProfile(before.profile, profile);
      if (edited.changed) changes.profile = edited.value;
    }
    if (Object.keys(changes).length === 0) return before;
    const after = await repo.updateOrganization(trx, slug, changes);
    if (!after) throw notFound();
    await recordChanges(trx, actor, [{ action: "update", entity: ENTITY, entityId: slug, before: audited(before), after: audited(after) }]);
    return after;
  });
}

/** Marks the organization's profile as checked today by the acting person. */
export async function verifyOrganization(actor: Actor, db: Db, slug: string): Promise<OrganizationRow> {
  authorizeNetwork(actor, "verify", slug);
  // The policy lets only signed-in people verify; the name is what readers see next to the date.
  const verifier = actor.kind === "user" ? actor.name : actorLabel(actor);
  return db.transaction().execute(async (trx) => {
    const before = await repo.findOrganization(trx, slug, { forUpdate: true });
    if (!before) throw notFound();
    const after = await repo.updateOrganization(trx, slug, { verified_on: today(), verified_by: verifier });
    if (!after) throw notFound();
    await recordChanges(trx, actor, [{ action: "update", entity: ENTITY, entityId: slug, before: audited(before), after: audited(after) }]);
    return after;
  });
}

const slugTaken = () =>
  new AppError(409, "conflict", "network.slugTaken", [{ field: "slug", message: "network.slugTaken" }]);

function newRow(input: Omit<OrganizationCreateInput, "profile">, profile: StoredText = EMPTY_TEXT): OrganizationRow {
  return {
    slug: input.slug,
    acronym_en: input.acronym_en,
    acronym_fr: input.acronym_fr,
    acronym_es: input.acronym_es,
    name_en: input.name_en,
    name_fr: input.name_fr,
    name_es: input.name_es,
    kind: input.kind,
    website: input.website,
    profile,
    network_joined_on: input.network_joined_on ?? null,
    source: input.source,
    verified_on: null,
    verified_by: null,
  };
}

/** Adds a participant to the Network (Secretariat only); 409 when the slug is taken. */
export async function createOrganization(actor: Actor, db: Db, input: unknown): Promise<OrganizationRow> {
  authorizeNetwork(actor, "create");
  const parsed = check(OrganizationCreateInput, input);
  if (!parsed.ok) throw invalidInput(parsed.problems);
  const { profile, ...fields } = parsed.value;
  const row = newRow(fields, profile === undefined ? EMPTY_TEXT : editedProfile(EMPTY_TEXT, profile).value);
  return db.transaction().execute(async (trx) => {
    if (!(await repo.insertOrganization(trx, row))) throw slugTaken();
    await recordChanges(trx, actor, [{ action: "create", entity: ENTITY, entityId: row.slug, after: audited(row) }]);
    return row;
  });
}

/** One organization in `data/demo/organizations.json`. */
interface DemoOrganization {
  slug: string;
  kind: string;
  acronyms: Record<Lang, string>;
  names: Record<Lang, string>;
  website: string;
  networkJoinedOn: string | null;
  source: string;
  /** A profile to start with, per language (the first in the platform's order is its original). */
  profile?: Partial<Record<Lang, string>>;
}

/** The curated facts the seed keeps current; the website and profile belong to the partner once created. */
const CURATED = ["acronym_en", "acronym_fr", "acronym_es", "name_en", "name_fr", "name_es", "kind", "network_joined_on", "source"] as const;

/**
 * Loads the hand-curated participants of the Network. Idempotent: a new organization is created
 * (with the demo profile, every language written counting as current), an existing one gets the
 * curated names, kind and source, and keeps what its partner wrote.
 */
export async function seedOrganizations(actor: Actor, db: Db): Promise<{ organizations: number; created: number; updated: number }> {
  authorizeNetwork(actor, "seed");
  const file = new URL("../../../data/demo/organizations.json", import.meta.url);
  const demo = JSON.parse(await readFile(file, "utf8")) as DemoOrganization[];
  const rows = demo.map((d, i) => {
    const parsed = check(OrganizationCreateInput, {
      slug: d.slug,
      acronym_en: d.acronyms.en,
      acronym_fr: d.acronyms.fr,
      acronym_es: d.acronyms.es,
      name_en: d.names.en,
      name_fr: d.names.fr,
      name_es: d.names.es,
      kind: d.kind,
      website: d.website,
      network_joined_on: d.networkJoinedOn,
      source: d.source,
      ...(d.profile ? { profile: Object.fromEntries(Object.entries(d.profile).map(([lang, text]) => [lang, { text }])) } : {}),
    });
    if (!parsed.ok) {
      throw new Error(`organizations.json, entry ${i + 1} (${d.slug}): ${parsed.problems.map((p) => p.field).join(", ")} not valid`);
    }
    const { profile, ...fields } = parsed.value;
    return newRow(fields, profile === undefined ? EMPTY_TEXT : editedProfile(EMPTY_TEXT, profile).value);
  });
  return db.transaction().execute(async (trx) => {
    const changes: Change[] = [];
    for (const row of rows) {
      const before = await repo.findOrganization(trx, row.slug, { forUpdate: true });
      if (!before) {
        if (await repo.insertOrganization(trx, row)) changes.push({ action: "create", entity: ENTITY, entityId: row.slug, after: audited(row) });
        continue;
      }
      const update: OrganizationChanges = {};
      for (const field of CURATED) if (before[field] !== row[field]) Object.assign(update, { [field]: row[field] });
      if (Object.keys(update).length === 0) continue;
      const after = await repo.updateOrganization(trx, row.slug, update);
      if (after) changes.push({ action: "update", entity: ENTITY, entityId: row.slug, before: audited(before), after: audited(after) });
    }
    await recordChanges(trx, actor, changes);
    return {
      organizations: rows.length,
      created: changes.filter((c) => c.action === "create").length,
      updated: changes.filter((c) => c.action === "update").length,
    };
  });
}

// --- Sitemap and feeds ----------------------------------------------------------------------

/** A bound far above the Network's few dozen participants. */
const MAX_ORGANIZATIONS = 1000;

/** For the sitemap: the Network's page and every organization's, with when each last changed. */
export async function networkPages(actor: Actor, db: Db): Promise<SitemapEntry[]> {
  authorizeNetwork(actor, "read");
  const rows = await repo.organizationPageDates(db, MAX_ORGANIZATIONS);
  const newest = rows.reduce<Date | undefined>((max, r) => (!max || r.lastmod > max ? r.lastmod : max), undefined);
  return [
    { path: "/network", lastmod: newest?.toISOString() },
    ...rows.map((r) => ({ path: `/network/${r.slug}`, lastmod: r.lastmod.toISOString() })),
  ];
}

/** An organization whose profile someone confirmed, for the "recently verified" feed. */
export interface VerifiedOrganization {
  organization: Organization;
  verifiedOn: string;
  /** When it was verified, as precisely as the record tells. */
  verifiedAt: Date;
}

/** The organizations most recently verified, newest first, presented in `lang`. */
export async function recentlyVerifiedOrganizations(actor: Actor, db: Db, lang: Lang, limit: number): Promise<VerifiedOrganization[]> {
  authorizeNetwork(actor, "read");
  const rows = await repo.recentlyVerifiedOrganizations(db, Math.min(Math.max(limit, 0), MAX_ORGANIZATIONS));
  return rows.map(({ verified_at, ...row }) => ({ organization: presentOrganization(row, lang), verifiedOn: row.verified_on ?? "", verifiedAt: verified_at }));
}

/** The day `days` days before today (UTC), `YYYY-MM-DD`. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/**
 * The organizations whose profile nobody has confirmed in the last `days` days (or ever), least
 * recently verified first, for the Network's upkeep: the Secretariat sees all, a partner their own.
 */
export async function staleOrganizations(actor: Actor, db: Db, days: number, lang: Lang, limit = 1000) {
  const scope = actor.kind === "system" ? {} : editableScope(actor);
  const rows = await repo.staleOrganizations(db, daysAgo(days), limit, scope);
  return rows.map((r) => ({ slug: r.slug, name: r[`name_${lang}`], verifiedOn: r.verified_on, verifiedBy: r.verified_by }));
}

/** How many organizations the actor may edit were verified once, but not in the last `days` days. */
export async function countStale(actor: Actor, db: Db, days: number): Promise<number> {
  if (!mayNetwork(actor, "administer")) return 0;
  return repo.countVerifiedBefore(db, daysAgo(days), editableScope(actor));
}
