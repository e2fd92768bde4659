import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { messages } from "../i18n/catalogue.js";
import { isLang, type Lang } from "../i18n/lang.js";
import type { App } from "../module.js";
import { ErrorSummary, Form } from "../ui/components.js";
import { usePage } from "../ui/context.js";
import { isDatabaseUnavailable } from "../db/database.js";
import { AppError, DATABASE_RETRY_AFTER_SECONDS, databaseUnavailable, type FieldProblem, invalidInput, notFound } from "../errors.js";
import { negotiateLang } from "./negotiate.js";
import type { PageRenderer } from "./pages.js";
import { fieldProblems } from "./validation.js";

const BY_STATUS: Record<number, [code: string, key: string]> = {
  400: ["bad_request", "errors.badRequest"],
  401: ["unauthenticated", "errors.unauthenticated"],
  403: ["forbidden", "errors.forbidden"],
  404: ["not_found", "errors.notFound"],
  405: ["method_not_allowed", "errors.methodNotAllowed"],
  406: ["not_acceptable", "errors.badRequest"],
  413: ["too_large", "errors.tooLarge"],
  415: ["unsupported_media_type", "errors.unsupportedMediaType"],
  429: ["too_many_requests", "errors.tooManyRequests"],
};

/** Whatever was thrown, as an AppError; unknown errors become a 500 with no detail. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // The database is down or restarting: not a failure of ours to hide behind a 500.
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = (error as { validationContext?: string }).validationContext;
    // A path that does not fit the route's parameters (`/de/…`, a malformed code) names no page.
    if (part === "params") return notFound();
    return invalidInput(fieldProblems(error.validation, part === "body" || part === "querystring" ? "" : part));
  }
  const status = (error as FastifyError)?.statusCode;
  if (status && status >= 400 && status < 500) {
    const [code, key] = BY_STATUS[status] ?? ["bad_request", "errors.badRequest"];
    return new AppError(status, code, key);
  }
  return new AppError(500, "internal", "errors.internal");
}

export function requestLang(request: FastifyRequest): Lang {
  const prefix = request.url.split("/")[1];
  if (isLang(prefix)) return prefix;
  const query = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLang(query)) return query;
  return negotiateLang(request.headers["accept-language"]);
}

/** RFC 9457 problem details, in the language the client asked for. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const t = messages(requestLang(request));
  const body: Record<string, unknown> = {
    type: `about:blank#${error.code}`,
    title: t(error.messageKey),
    status: error.status,
    code: error.code,
  };
  if (error.fields.length) {
    body.errors = error.fields.map((f: FieldProblem) => ({ field: f.field, detail: t(f.message, f.values) }));
  }
  return reply.code(error.status).type("application/problem+json; charset=utf-8").header("Cache-Control", "no-store").send(body);
}

function ErrorBody({ error }: { error: AppError }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t(error.messageKey)}</h1>
      <ErrorSummary problems={error.fields} />
      <p>{error.code === "database_unavailable" ? t("errors.unavailableHelp") : t(`errors.help.${error.status >= 500 ? "server" : error.status === 404 ? "notFound" : "client"}`)}</p>
      <p>
        <a href={`/${lang}/`}>{t("errors.backHome")}</a>
      </p>
    </>
  );
}

/** A field a person would not want shown back or carried along: it is typed again. */
const SECRET_FIELD = /password|secret|token/i;

/** The fields of a posted form, as name → values, leaving out the secret ones. */
export function keptFields(body: unknown): [string, string[]][] {
  if (!body || typeof body !== "object" || Array.isArray(body)) return [];
  return Object.entries(body as Record<string, unknown>)
    .filter(([name]) => !SECRET_FIELD.test(name))
    .map(([name, value]): [string, string[]] => [name, (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string")])
    .filter(([, values]) => values.length > 0);
}

/**
 * A form posted while the database could not be reached, when the page's own form could not be
 * shown again either (its page reads the database first): everything typed goes back in hidden
 * fields, to be sent again unchanged with one button, and is shown so the person sees it is kept.
 */
function KeptPost({ action, fields }: { action: string; fields: [string, string[]][] }) {
  const { t } = usePage();
  return (
    <>
      <Form action={action} label={t("errors.keptTitle")}>
        {fields.flatMap(([name, values]) => values.map((value, i) => <input type="hidden" name={name} value={value} key={`${name}-${i}`} />))}
        <button type="submit">{t("errors.sendAgain")}</button>
      </Form>
      <h2>{t("errors.keptTitle")}</h2>
      <dl class="kept">
        {fields.map(([name, values]) => (
          <>
            <dt>{name}</dt>
            {values.map((value) => (
              <dd>{value}</dd>
            ))}
          </>
        ))}
      </dl>
    </>
  );
}

export function registerErrorHandling(app: App, pages: PageRenderer) {
  const respond = (error: AppError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.code === "database_unavailable") reply.header("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
    else if (error.status === 429 || error.status === 503) reply.header("Retry-After", reply.getHeader("retry-after") ?? "60");
    // The API answers problem+json; everything else is a page for a person.
    if (request.url.startsWith("/api/")) return sendProblem(request, reply, error);
    const lang = requestLang(request);
    // A page that needs an account: go and sign in, then come back here.
    if (error.status === 401 && request.actor?.kind !== "user") {
      const next = request.method === "GET" ? `?next=${encodeURIComponent(request.url)}` : "";
      return reply.header("Cache-Control", "no-store").redirect(`/${lang}/sign-in${next}`, 303);
    }
    const kept = error.code === "database_unavailable" && request.method === "POST" ? keptFields(request.body) : [];
    return pages.send(
      request,
      reply,
      lang,
      () => ({
        title: messages(lang)(error.messageKey),
        body: (
          <>
            <ErrorBody error={error} />
            {kept.length > 0 && <KeptPost action={request.url} fields={kept} />}
          </>
        ),
      }),
      {
      status: error.status,
      cache: false,
    });
  };

  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    // The database is down: a public page rendered before is better than an error (stale-if-error).
    if (appError.code === "database_unavailable") {
      const stale = pages.answerStale(request, reply);
      if (stale) {
        request.log.warn({ err: error }, "database unavailable; served a stale page");
        return stale;
      }
    }
    if (appError.code === "database_unavailable") request.log.warn({ err: error }, "database unavailable");
    else if (appError.status >= 500) request.log.error({ err: error }, "request failed");
    return respond(appError, request, reply);
  });
  app.setNotFoundHandler((request, reply) => respond(notFound(), request, reply));
}
