import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { publicOrigin } from "../../config.js";
import { AppError, type FieldProblem, notFound } from "../../errors.js";
import { fileStore } from "../../files/index.js";
import { readUpload, sendStoredFile } from "../../http/uploads.js";
import { pageCount, readPageQuery, registerCollection } from "../../http/collections.js";
import { submitForm } from "../../http/edit-form.js";
import { formFields } from "../../http/forms.js";
import { messages } from "../../i18n/catalogue.js";
import { editFromForm, formValuesOf, postedTextFields } from "../../i18n/content.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { historyOf, historyPageOf } from "../audit/service.js";
import { meetingsCollection } from "./collection.js";
import { meetingsCalendar } from "./ical.js";
import { MAIN_FIELDS, type MeetingFormInput, MeetingFormPage, MeetingsAdminPage, ROW_FIELDS, ROW_PARTS, type RowPart, SlidesForm } from "./pages/AdminPages.js";
import { MeetingPage } from "./pages/MeetingPage.js";
import { relatedSections } from "../../http/related.js";
import { MeetingsPage } from "./pages/MeetingsPage.js";
import type { MeetingRecord } from "./repo.js";
import { MAX_ROWS, MeetingDetail, SlidesUpload } from "./schema.js";
import * as meetings from "./service.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
const IdParam = LangParam.extend({ id: z.string().max(20) });
const PAGE_SIZE = 100;
const ADMIN_PAGE_SIZE = 25;
/** Empty rows offered under the filled ones of each part. */
const SPARE_ROWS = 2;

const NOTICES = { saved: "meetings.admin.saved", created: "meetings.admin.created", uploaded: "meetings.admin.slides.uploaded" } as const;
const notice = (query: unknown, lang: Lang): string | undefined => {
  const done = (query as Record<string, unknown> | undefined)?.done;
  return typeof done === "string" && Object.hasOwn(NOTICES, done) ? messages(lang)(NOTICES[done as keyof typeof NOTICES]) : undefined;
};

const adminId = (id: string): number => {
  if (!/^[1-9][0-9]{0,9}$/.test(id) || Number(id) > 2_147_483_647) throw notFound();
  return Number(id);
};

/** The highest row number a post names for a part (`agenda.7.topic` → 7), within the bound. */
function postedRows(body: unknown, part: RowPart): number {
  if (!body || typeof body !== "object") return 0;
  let most = 0;
  const pattern = new RegExp(`^${part}\\.([1-9][0-9]?|100)\\.`);
  for (const key of Object.keys(body)) {
    const n = Number(pattern.exec(key)?.[1] ?? 0);
    if (n > most) most = n;
  }
  const declared = Number(formFields(body, [`_rows.${part}`])[`_rows.${part}`]);
  return Math.min(MAX_ROWS, Math.max(most, Number.isInteger(declared) && declared > 0 ? declared : 0));
}

/** Every control a post of the form is read for. */
function formNames(body: unknown): string[] {
  const names: string[] = [...MAIN_FIELDS, ...postedTextFields("notes", body)];
  for (const part of ROW_PARTS) {
    for (let n = 1; n <= postedRows(body, part); n++) for (const field of ROW_FIELDS[part]) names.push(`${part}.${n}.${field}`);
  }
  return names;
}

const blank = (v: string | undefined) => v === undefined || v.trim() === "";
const orNull = (v: string | undefined) => (blank(v) ? null : (v ?? "").trim());

/**
 * The service's input from the form as typed: rows left entirely empty are skipped; which row
 * number each kept row had, so problems are shown at the right fieldset.
 */
function fromForm(input: MeetingFormInput, body: unknown): { value: Record<string, unknown>; rowNumbers: Record<RowPart, number[]> } {
  const rowNumbers = { agenda: [], speakers: [], presentations: [], welcomed: [] } as Record<RowPart, number[]>;
  const rows: Record<RowPart, Record<string, unknown>[]> = { agenda: [], speakers: [], presentations: [], welcomed: [] };
  for (const part of ROW_PARTS) {
    for (let n = 1; n <= postedRows(body, part); n++) {
      const get = (field: string) => input[`${part}.${n}.${field}`];
      // A row's choice boxes have a default (a topic, a kind of presenter): only typed text makes a row.
      // The hidden id of a presentation on record does not either: a row emptied is a row removed.
      const typed = ROW_FIELDS[part].filter((f) => f !== "topic" && f !== "presenter_kind" && f !== "id").some((f) => !blank(get(f)));
      if (!typed) continue;
      rowNumbers[part].push(n);
      const titles = { en: get("title_en") ?? "", fr: get("title_fr") ?? "", es: get("title_es") ?? "" };
      if (part === "agenda") rows.agenda.push({ topic: get("topic") ?? "", annex: orNull(get("annex")), title: titles, source: get("source") ?? "" });
      if (part === "speakers")
        rows.speakers.push({ name: orNull(get("name")), role: orNull(get("role")), economy_code: orNull(get("economy_code")), organization_slug: orNull(get("organization_slug")), source: get("source") ?? "" });
      if (part === "presentations")
        rows.presentations.push({
          id: orNull(get("id")),
          title: titles,
          presenter_kind: get("presenter_kind") ?? "",
          economy_code: orNull(get("economy_code")),
          organization_slug: orNull(get("organization_slug")),
          presenter_name: orNull(get("presenter_name")),
          presenter_affiliation: orNull(get("presenter_affiliation")),
          invited_by: orNull(get("invited_by")),
          agenda_position: orNull(get("agenda_position")),
          source: get("source") ?? "",
        });
      if (part === "welcomed") rows.welcomed.push({ economy_code: get("economy_code") ?? "", source: get("source") ?? "" });
    }
  }
  const notes = editFromForm("notes", input as Record<string, string>);
  const value: Record<string, unknown> = {
    ...(blank(input.slug) ? {} : { slug: (input.slug ?? "").trim() }),
    kind: input.kind ?? "",
    held_on: (input.held_on ?? "").trim(),
    starts_at: orNull(input.starts_at),
    time_zone: orNull(input.time_zone),
    format: orNull(input.format),
    notice_symbol: orNull(input.notice_symbol),
    summary_symbol: orNull(input.summary_symbol),
    title: { en: input.title_en ?? "", fr: input.title_fr ?? "", es: input.title_es ?? "" },
    ...(Object.keys(notes).length ? { notes } : {}),
    source: input.source ?? "",
    ...rows,
  };
  return { value, rowNumbers };
}

/** Problems at the service's paths (`agenda.0.title.en`) moved to the form's controls (`agenda.3.title_en`). */
function atControls(problems: FieldProblem[], rowNumbers: Record<RowPart, number[]>): FieldProblem[] {
  return problems.map((p) => {
    const row = /^(agenda|speakers|presentations|welcomed)\.(\d+)\.(.+)$/.exec(p.field);
    if (row) {
      const [, part, index, rest] = row;
      const n = rowNumbers[part as RowPart][Number(index)] ?? Number(index) + 1;
      return { ...p, field: `${part}.${n}.${(rest ?? "").replace(/^title\.(en|fr|es)$/, "title_$1")}` };
    }
    const title = /^title\.(en|fr|es)$/.exec(p.field);
    if (title) return { ...p, field: `title_${title[1]}` };
    return p;
  });
}

/** A stored meeting as its form shows it. */
function formOf(record: MeetingRecord): MeetingFormInput {
  const m = record.meeting;
  const text = (stored: { values: Partial<Record<Lang, { text: string }>> }, l: Lang) => stored.values[l]?.text ?? "";
  const out: MeetingFormInput = {
    slug: m.slug,
    kind: m.kind,
    held_on: m.held_on,
    starts_at: m.starts_at ?? "",
    time_zone: m.time_zone ?? "",
    format: m.format ?? "",
    notice_symbol: m.notice_symbol ?? "",
    summary_symbol: m.summary_symbol ?? "",
    title_en: text(m.title, "en"),
    title_fr: text(m.title, "fr"),
    title_es: text(m.title, "es"),
    source: m.source,
    ...formValuesOf("notes", m.notes),
  };
  for (const a of record.agenda) {
    const n = a.position;
    Object.assign(out, {
      [`agenda.${n}.topic`]: a.topic,
      [`agenda.${n}.annex`]: a.annex ? String(a.annex) : "",
      [`agenda.${n}.title_en`]: text(a.title, "en"),
      [`agenda.${n}.title_fr`]: text(a.title, "fr"),
      [`agenda.${n}.title_es`]: text(a.title, "es"),
      [`agenda.${n}.source`]: a.source,
    });
  }
  for (const s of record.speakers) {
    const n = s.position;
    Object.assign(out, {
      [`speakers.${n}.name`]: s.name ?? "",
      [`speakers.${n}.role`]: s.role ?? "",
      [`speakers.${n}.economy_code`]: s.economy_code ?? "",
      [`speakers.${n}.organization_slug`]: s.organization_slug ?? "",
      [`speakers.${n}.source`]: s.source,
    });
  }
  for (const p of record.presentations) {
    const n = p.position;
    Object.assign(out, {
      [`presentations.${n}.id`]: String(p.id),
      [`presentations.${n}.title_en`]: text(p.title, "en"),
      [`presentations.${n}.title_fr`]: text(p.title, "fr"),
      [`presentations.${n}.title_es`]: text(p.title, "es"),
      [`presentations.${n}.presenter_kind`]: p.presenter_kind,
      [`presentations.${n}.economy_code`]: p.economy_code ?? "",
      [`presentations.${n}.organization_slug`]: p.organization_slug ?? "",
      [`presentations.${n}.presenter_name`]: p.presenter_name ?? "",
      [`presentations.${n}.presenter_affiliation`]: p.presenter_affiliation ?? "",
      [`presentations.${n}.invited_by`]: p.invited_by ?? "",
      [`presentations.${n}.agenda_position`]: p.agenda_position ? String(p.agenda_position) : "",
      [`presentations.${n}.source`]: p.source,
    });
  }
  record.welcomed.forEach((w, i) => {
    Object.assign(out, { [`welcomed.${i + 1}.economy_code`]: w.economy_code, [`welcomed.${i + 1}.source`]: w.source });
  });
  return out;
}

export function meetingsRoutes(app: App, ctx: AppContext) {
  const { db } = ctx;
  const store = fileStore(ctx.config);
  registerCollection(app, ctx, meetingsCollection);

  app.get(
    "/api/v1/meetings/:id",
    {
      schema: {
        tags: ["meetings"],
        summary: "One meeting with its agenda, speakers, presentations and the members it welcomed",
        params: z.object({ id: z.string().max(60).meta({ description: "The meeting's id, or its slug (2022-02-08)" }) }),
        querystring: z.object({ lang: z.enum(LANGS).default("en") }).strict(),
        response: { 200: MeetingDetail },
      },
    },
    async (request) => meetings.getMeeting(request.actor, db, request.params.id, request.query.lang),
  );

  app.get("/:lang/meetings", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const { input, parsed, links } = readPageQuery(meetingsCollection, request.query, ["year", "kind"]);
    const years = await meetings.meetingYears(request.actor, db);
    return app.pages.send(
      request,
      reply,
      lang,
      async ({ t }) => {
        if (!parsed.ok) return { title: t("meetings.title"), body: <MeetingsPage input={input} query={links} problems={parsed.problems} years={years} /> };
        const { page, ...filter } = parsed.value;
        const list = await meetings.listMeetings(request.actor, db, { ...filter, lang, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
        return {
          title: filter.year ? t("meetings.titleYear", { year: filter.year }) : t("meetings.title"),
          description: t("meetings.navDescription"),
          body: <MeetingsPage input={input} query={links} problems={[]} years={years} year={filter.year} result={{ ...list, page, pages: pageCount(list.total, PAGE_SIZE) }} />,
        };
      },
      { status: parsed.ok ? 200 : 400, query: ["year", "kind", "page"] },
    );
  });

  app.get("/:lang/meetings.ics", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const body = await meetingsCalendar(request.actor, db, lang, publicOrigin(ctx.config));
    return reply
      .type("text/calendar; charset=utf-8")
      .header("Content-Disposition", `inline; filename="trade4msmes-meetings-${lang}.ics"`)
      .header("Cache-Control", "public, max-age=300")
      .send(body);
  });

  /** A presentation's slides in a language, as an attachment with its name (restricted ones kept private). */
  app.get(
    "/:lang/meetings/:key/slides/:presentation/:version",
    { schema: { hide: true, params: LangParam.extend({ key: z.string().max(80), presentation: z.string().max(12), version: z.enum(LANGS) }) } },
    async (request, reply) => {
      const { lang, key, presentation, version } = request.params;
      const found = await meetings.slidesFile(request.actor, db, key, adminId(presentation), version);
      if (key !== found.slug) return reply.redirect(`/${lang}/meetings/${found.slug}/slides/${presentation}/${version}`, 301);
      return sendStoredFile(request, reply, store, {
        key: found.file.storage_key,
        name: found.file.name,
        kind: found.kind,
        sha256: found.file.sha256,
        disposition: "attachment",
        cache: found.restricted ? "private" : "public",
      });
    },
  );

  app.get("/:lang/meetings/:key", { schema: { hide: true, params: LangParam.extend({ key: z.string().max(80) }) } }, async (request, reply) => {
    const { lang, key } = request.params;
    const meeting = await meetings.getMeeting(request.actor, db, key, lang);
    // One address per meeting: its id leads to its slug.
    if (key !== meeting.slug) return reply.redirect(`/${lang}/meetings/${meeting.slug}`, 301);
    const titles = await meetings.documentTitles(request.actor, db, [meeting.noticeSymbol, meeting.summarySymbol], lang);
    return app.pages.send(request, reply, lang, async ({ t }) => ({
      title: meeting.title,
      description: meeting.notes?.slice(0, 200) ?? undefined,
      body: <MeetingPage meeting={meeting} titles={titles} related={await relatedSections(ctx, { on: "meeting", id: meeting.slug, actor: request.actor, lang, t })} />,
    }));
  });

  // --- The back office ------------------------------------------------------------------------

  app.get("/:lang/admin/meetings", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const raw = formFields(request.query, ["page"]);
    const page = /^[1-9][0-9]{0,4}$/.test(raw.page) ? Number(raw.page) : 1;
    const list = await meetings.listMeetingsForAdmin(request.actor, db, { lang, page, pageSize: ADMIN_PAGE_SIZE });
    return app.pages.send(request, reply, lang, ({ t }) => ({ title: t("meetings.admin.title"), body: <MeetingsAdminPage list={list} query={new URLSearchParams()} /> }), { cache: false });
  });

  const rowsToShow = (filled: Record<RowPart, number>, more?: string): Record<RowPart, number> =>
    Object.fromEntries(ROW_PARTS.map((part) => [part, Math.min(MAX_ROWS, filled[part] + (more === part ? 1 : 0))])) as Record<RowPart, number>;

  const formPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    props: {
      id?: number;
      input?: MeetingFormInput;
      problems?: FieldProblem[];
      status?: number;
      notice?: string;
      rows?: Record<RowPart, number>;
      upload?: { input: Record<string, string>; problems: FieldProblem[] };
    },
  ) => {
    // Asks first who is asking: the public is sent to sign in, others than the Secretariat get 403.
    const choices = await meetings.choicesFor(request.actor, db, lang);
    const edit = props.id === undefined ? undefined : await meetings.getMeetingForEdit(request.actor, db, props.id, lang);
    const history = props.id === undefined ? undefined : await historyOf(db, { entity: "meeting", entityId: String(props.id) }, historyPageOf(request.query));
    const stored = edit ? formOf(edit.record) : { kind: "open_ended" };
    const filled = edit
      ? { agenda: edit.record.agenda.length + SPARE_ROWS, speakers: edit.record.speakers.length + SPARE_ROWS, presentations: edit.record.presentations.length + SPARE_ROWS, welcomed: edit.record.welcomed.length + SPARE_ROWS }
      : { agenda: 3, speakers: 2, presentations: 2, welcomed: 1 };
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: edit ? t("meetings.admin.editTitle", { title: edit.detail.title }) : t("meetings.admin.newTitle"),
        body: (
          <MeetingFormPage
            meeting={edit?.detail}
            notes={edit?.record.meeting.notes}
            input={props.input ?? stored}
            problems={props.problems ?? []}
            rows={props.rows ?? rowsToShow(filled)}
            choices={choices}
            history={history}
            notice={props.notice}
            uploads={edit && <SlidesForm meeting={edit.detail} input={props.upload?.input ?? {}} problems={props.upload?.problems ?? []} />}
          />
        ),
      }),
      { status: props.status ?? 200, cache: false },
    );
  };

  /** The form posted: "add one more" shows it again with a row more; saving saves or shows the problems. */
  const handlePost = async (request: FastifyRequest, reply: FastifyReply, lang: Lang, id?: number) => {
    const body = request.body;
    const rows = Object.fromEntries(ROW_PARTS.map((part) => [part, Math.max(1, postedRows(body, part))])) as Record<RowPart, number>;
    const more = formFields(body, ["_more"])._more;
    if (ROW_PARTS.includes(more as RowPart)) {
      return formPage(request, reply, lang, { id, input: formFields(body, formNames(body)), rows: rowsToShow(rows, more) });
    }
    let rowNumbers: Record<RowPart, number[]> = { agenda: [], speakers: [], presentations: [], welcomed: [] };
    return submitForm(body, reply, {
      fields: formNames(body),
      save: async (input) => {
        const form = fromForm(input, body);
        rowNumbers = form.rowNumbers;
        if (id === undefined) {
          const created = await meetings.createMeeting(request.actor, db, form.value);
          return `/${lang}/admin/meetings/${created}?done=created`;
        }
        const { removedFiles } = await meetings.updateMeeting(request.actor, db, id, form.value);
        // The slides of presentations removed: their records are gone with the change; now their files.
        for (const key of removedFiles) await store.delete(key);
        return `/${lang}/admin/meetings/${id}?done=saved`;
      },
      show: ({ input, problems, status }) => formPage(request, reply, lang, { id, input, problems: atControls(problems, rowNumbers), status, rows }),
    });
  };

  app.get("/:lang/admin/meetings/new", { schema: { hide: true, params: LangParam } }, async (request, reply) => formPage(request, reply, request.params.lang, {}));

  app.post("/:lang/admin/meetings", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    meetings.authorizeCreate(request.actor);
    return handlePost(request, reply, request.params.lang);
  });

  app.get("/:lang/admin/meetings/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang, id } = request.params;
    meetings.authorizeUpdate(request.actor);
    return formPage(request, reply, lang, { id: adminId(id), notice: notice(request.query, lang) });
  });

  app.post("/:lang/admin/meetings/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang, id } = request.params;
    meetings.authorizeUpdate(request.actor);
    return handlePost(request, reply, lang, adminId(id));
  });

  /** Slides (PDF or PPTX) for one of the meeting's presentations, in a language. */
  app.uploads.post("/:lang/admin/meetings/:id/slides", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    // Who may upload comes first: nothing of the file is read for anyone else; then the meeting.
    meetings.authorizeUpdate(request.actor);
    const id = adminId(request.params.id);
    await meetings.getMeetingForEdit(request.actor, db, id, lang);
    const upload = await readUpload(request, { allow: meetings.SLIDES_ALLOWED, fields: SlidesUpload });
    if (!upload.ok) return formPage(request, reply, lang, { id, status: upload.status, upload: { input: upload.input, problems: upload.problems } });
    if (!upload.file) throw new Error("an upload without its file was accepted");
    const stored = await upload.file.keep(store);
    let replaced: string | null;
    try {
      ({ replaced } = await meetings.attachSlides(request.actor, db, id, upload.fields, { key: stored.key, name: upload.file.name, type: upload.file.mime, size: stored.size, sha256: stored.sha256 }));
    } catch (error) {
      // Nothing recorded, nothing kept.
      await store.delete(stored.key);
      if (error instanceof AppError && error.status === 400) return formPage(request, reply, lang, { id, status: 400, upload: { input: upload.input, problems: error.fields } });
      throw error;
    }
    if (replaced) await store.delete(replaced);
    return reply.redirect(`/${lang}/admin/meetings/${id}?done=uploaded#slides-title`, 303);
  });
}
