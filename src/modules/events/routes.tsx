import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { publicOrigin } from "../../config.js";
import type { FieldProblem } from "../../errors.js";
import { notFound } from "../../errors.js";
import { pageCount, readPageQuery, registerCollection } from "../../http/collections.js";
import { submitForm } from "../../http/edit-form.js";
import { formFields } from "../../http/forms.js";
import { relatedSections } from "../../http/related.js";
import { messages } from "../../i18n/catalogue.js";
import { editFromForm, formValuesOf, postedTextFields } from "../../i18n/content.js";
import { LANGS, type Lang } from "../../i18n/lang.js";
import type { App, AppContext } from "../../module.js";
import { Confirm } from "../../ui/components.js";
import { historyOf, historyPageOf } from "../audit/service.js";
import { eventsCollection } from "./collection.js";
import { EVENT_FORM_FIELDS, type EventFormInput, EventFormPage, EventsAdminPage } from "./pages/AdminPages.js";
import { EventPage } from "./pages/EventPage.js";
import { EventsPage } from "./pages/EventsPage.js";
import { presentEvent } from "./present.js";
import type { EventRow } from "./repo.js";
import { EventSlug } from "./schema.js";
import * as events from "./service.js";
import { wallClock } from "./zones.js";

const LangParam = z.object({ lang: z.enum(LANGS) });
const IdParam = LangParam.extend({ id: z.string().max(80) });
const PAGE_SIZE = 50;
const ADMIN_PAGE_SIZE = 50;

const NOTICES = { saved: "events.admin.saved", created: "events.admin.created", deleted: "events.admin.deleted" } as const;
const notice = (query: unknown, lang: Lang): string | undefined => {
  const done = (query as Record<string, unknown> | undefined)?.done;
  return typeof done === "string" && Object.hasOwn(NOTICES, done) ? messages(lang)(NOTICES[done as keyof typeof NOTICES]) : undefined;
};

const slugOf = (id: string): string => {
  if (!EventSlug.safeParse(id).success) throw notFound();
  return id;
};

/** The fields a post is read for: the plain ones, and each control of the two texts. */
const formNames = (body: unknown, creating: boolean): string[] => [
  ...(creating ? ["slug"] : []),
  ...EVENT_FORM_FIELDS,
  ...postedTextFields("title", body),
  ...postedTextFields("summary", body),
];

/** A form's text as the schema takes it: the texts' controls make one edit each. */
function fromForm(input: EventFormInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (!field.startsWith("title.") && !field.startsWith("summary.")) out[field] = value ?? "";
  }
  out.title = editFromForm("title", input as Record<string, string>);
  out.summary = editFromForm("summary", input as Record<string, string>);
  return out;
}

const hhmm = (at: Date, zone: string) => {
  const w = wallClock(at, zone);
  return `${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
};

/** The stored event as its form shows it. */
function formValues(row: EventRow): EventFormInput {
  return {
    kind: row.kind,
    precision: row.precision,
    date: row.starts_on,
    start_time: row.starts_at ? hhmm(row.starts_at, row.time_zone) : "",
    end_time: row.ends_at ? hhmm(row.ends_at, row.time_zone) : "",
    time_zone: row.time_zone,
    format: row.format ?? "",
    languages: row.languages.join(", "),
    location: row.location ?? "",
    registration_url: row.registration_url ?? "",
    recording_url: row.recording_url ?? "",
    related_meetings: row.related_meetings.join(", "),
    related_guides: row.related_guides.join(", "),
    source: row.source,
    title_written_by_us: row.title_written_by_us ? "yes" : "",
    ...formValuesOf("title", row.title),
    ...formValuesOf("summary", row.summary),
  };
}

export function eventsRoutes(app: App, ctx: AppContext) {
  const { db, config } = ctx;
  registerCollection(app, ctx, eventsCollection);
  const calendarOptions = (lang: Lang) => ({ name: messages(lang)("events.calendarName"), origin: publicOrigin(config) });
  const sendCalendar = (reply: FastifyReply, name: string, body: string) =>
    reply
      .type("text/calendar; charset=utf-8")
      .header("Content-Disposition", `inline; filename="${name}.ics"`)
      .header("Cache-Control", "public, max-age=300")
      .send(body);

  app.get("/:lang/events", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const lang: Lang = request.params.lang;
    const { input, parsed, links } = readPageQuery(eventsCollection, request.query, ["kind", "year"]);
    return app.pages.send(
      request,
      reply,
      lang,
      async ({ t }) => {
        if (!parsed.ok) return { title: t("events.title"), body: <EventsPage input={input} query={links} problems={parsed.problems} /> };
        const { page, ...filter } = parsed.value;
        const list = await events.listEvents(request.actor, db, { ...filter, lang, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
        return {
          title: t("events.title"),
          description: t("events.navDescription"),
          body: <EventsPage input={input} query={links} problems={[]} result={{ ...list, page, pages: pageCount(list.total, PAGE_SIZE) }} />,
        };
      },
      { status: parsed.ok ? 200 : 400, query: ["kind", "year", "page"] },
    );
  });

  app.get("/:lang/events.ics", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    return sendCalendar(reply, "trade4msmes-events", await events.allEventsCalendar(request.actor, db, lang, calendarOptions(lang)));
  });

  app.get("/:lang/events/:id.ics", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    const slug = slugOf(request.params.id);
    return sendCalendar(reply, slug, await events.eventCalendar(request.actor, db, slug, lang, calendarOptions(lang)));
  });

  app.get("/:lang/events/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    const event = await events.getEvent(request.actor, db, slugOf(request.params.id), lang);
    return app.pages.send(request, reply, lang, async ({ t }) => ({
      title: event.title,
      description: event.summary ?? undefined,
      body: (
        <EventPage
          event={event}
          links={await events.eventLinks(request.actor, db, event, lang)}
          related={await relatedSections(ctx, { on: "event", id: event.id, actor: request.actor, lang, t })}
        />
      ),
    }));
  });

  // --- The back office (the Secretariat) ----------------------------------------------------------

  app.get("/:lang/admin/events", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    const raw = Number((request.query as Record<string, unknown>).page);
    const page = Number.isInteger(raw) && raw >= 1 && raw <= 1000 ? raw : 1;
    const list = await events.listEventsForAdmin(request.actor, db, lang, page, ADMIN_PAGE_SIZE);
    return app.pages.send(request, reply, lang, ({ t }) => ({ title: t("events.admin.title"), body: <EventsAdminPage list={list} notice={notice(request.query, lang)} /> }), {
      cache: false,
    });
  });

  const editPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    lang: Lang,
    slug: string,
    props: { input?: EventFormInput; problems?: FieldProblem[]; status?: number; notice?: string },
  ) => {
    const row = await events.getEventForEdit(request.actor, db, slug);
    const history = await historyOf(db, { entity: "event", entityId: slug }, historyPageOf(request.query));
    const event = presentEvent(row, lang);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("events.admin.editTitle", { title: event.title }),
        body: (
          <EventFormPage
            event={event}
            title={row.title}
            summary={row.summary}
            input={props.input ?? formValues(row)}
            problems={props.problems ?? []}
            history={history}
            notice={props.notice}
          />
        ),
      }),
      { status: props.status ?? 200, cache: false },
    );
  };

  const newPage = (request: FastifyRequest, reply: FastifyReply, lang: Lang, props: { input: EventFormInput; problems?: FieldProblem[]; status?: number }) => {
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({ title: t("events.admin.newTitle"), body: <EventFormPage input={props.input} problems={props.problems ?? []} /> }),
      { status: props.status ?? 200, cache: false },
    );
  };

  app.get("/:lang/admin/events/new", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    events.authorizeAdministerEvents(request.actor);
    return newPage(request, reply, request.params.lang, { input: { kind: "webinar", precision: "time", time_zone: "Europe/Zurich" } });
  });

  app.post("/:lang/admin/events", { schema: { hide: true, params: LangParam } }, async (request, reply) => {
    const { lang } = request.params;
    events.authorizeAdministerEvents(request.actor);
    return submitForm(request.body, reply, {
      fields: formNames(request.body, true),
      save: async (input) => {
        const row = await events.createEvent(request.actor, db, fromForm(input));
        return `/${lang}/admin/events/${row.slug}?done=created`;
      },
      show: ({ input, problems, status }) => newPage(request, reply, lang, { input, problems, status }),
    });
  });

  app.get("/:lang/admin/events/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    events.authorizeAdministerEvents(request.actor);
    return editPage(request, reply, lang, slugOf(request.params.id), { notice: notice(request.query, lang) });
  });

  app.post("/:lang/admin/events/:id", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    events.authorizeAdministerEvents(request.actor);
    const slug = slugOf(request.params.id);
    await events.getEventForEdit(request.actor, db, slug);
    return submitForm(request.body, reply, {
      fields: formNames(request.body, false),
      save: async (input) => {
        await events.updateEvent(request.actor, db, slug, fromForm(input));
        return `/${lang}/admin/events/${slug}?done=saved`;
      },
      show: ({ input, problems, status }) => editPage(request, reply, lang, slug, { input, problems, status }),
    });
  });

  /** Removing an event: a page that asks first (works without JavaScript), then the post that does it. */
  app.get("/:lang/admin/events/:id/delete", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    events.authorizeDeleteEvents(request.actor);
    const slug = slugOf(request.params.id);
    const event = presentEvent(await events.getEventForEdit(request.actor, db, slug), lang);
    return app.pages.send(
      request,
      reply,
      lang,
      ({ t }) => ({
        title: t("events.admin.deleteQuestion", { title: event.title }),
        body: (
          <Confirm
            action={`/${lang}/admin/events/${slug}/delete`}
            question={t("events.admin.deleteQuestion", { title: event.title })}
            consequence={t("events.admin.deleteConsequence")}
            confirm={t("events.admin.delete")}
            cancelHref={`/${lang}/admin/events/${slug}`}
          />
        ),
      }),
      { cache: false },
    );
  });

  app.post("/:lang/admin/events/:id/delete", { schema: { hide: true, params: IdParam } }, async (request, reply) => {
    const { lang } = request.params;
    events.authorizeDeleteEvents(request.actor);
    const slug = slugOf(request.params.id);
    // Without the confirmation's field (a stray post), nothing is removed: back to the event.
    if (formFields(request.body, ["confirm"]).confirm !== "yes") {
      await events.getEventForEdit(request.actor, db, slug);
      return reply.redirect(`/${lang}/admin/events/${slug}`, 303);
    }
    await events.deleteEvent(request.actor, db, slug);
    return reply.redirect(`/${lang}/admin/events?done=deleted`, 303);
  });
}
