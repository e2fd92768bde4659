import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../actor.js";
import type { App, AppContext } from "../module.js";
import type { CollectionColumn } from "../ui/collection.js";
import { defuseFormula } from "./csv.js";
import { formFields } from "./forms.js";
import { check } from "./validation.js";

/**
 * One declaration per list (members, the Network, the audit log, …), from which the platform
 * derives the JSON list (`{ items, total }` with `limit`/`offset`), CSV and JSON downloads of the
 * same query (streamed), their OpenAPI entries, and what the HTML page needs to read its filters.
 * The page itself draws the list with `CollectionFilters` and `CollectionTable` (src/ui/collection.tsx).
 */
export interface Collection<F extends z.ZodRawShape, Row> {
  /** The API address, e.g. `/api/v1/members`; the downloads are at `.csv` and `.json` beside it. */
  api: string;
  /** OpenAPI tag and one-line summary. */
  tag: string;
  summary: string;
  /** The filters, each optional; the kit adds `limit` and `offset` (API) or `page` (pages). */
  filters: z.ZodObject<F>;
  /** A rule across filters (e.g. a period that does not run backwards), with its problem. */
  refine?: { check: (filter: z.output<z.ZodObject<F>>) => boolean; path: string[]; message: string };
  /** A presented row, as it leaves the server (OpenAPI and the API's response check). */
  item: z.ZodType<Row>;
  /** The API's page size: default and maximum. */
  limit?: { default: number; max: number };
  /** The columns, for the HTML table and the CSV. */
  columns: readonly CollectionColumn<Row>[];
  /**
   * One page of the list that this actor may see. Throws AppError 401/403 when they may not. A
   * list that stops counting at a bound says so with `totalExact: false` (`total` is then a lower
   * bound; left out when exact); the API passes it on. Downloads count every row they write.
   */
  list(actor: Actor, ctx: AppContext, filter: z.output<z.ZodObject<F>>, page: { limit: number; offset: number }): Promise<{ items: Row[]; total: number; totalExact?: boolean }>;
  /**
   * Every row of the query, for downloads. By default pages through `list` 500 rows at a time;
   * a large list supplies its own (e.g. keyset pagination), so memory stays bounded either way.
   */
  stream?(actor: Actor, ctx: AppContext, filter: z.output<z.ZodObject<F>>): AsyncIterable<Row>;
  /** The download's file name, without extension. */
  fileName(filter: z.output<z.ZodObject<F>>): string;
  /** Checked before the query is read, so that a stranger learns nothing from a 400. */
  authorize?(actor: Actor): void;
  /** Personal data: never kept by shared caches. */
  private?: boolean;
}

/** Declares a collection (an identity function that checks its shape). */
export const defineCollection = <F extends z.ZodRawShape, Row>(collection: Collection<F, Row>) => collection;

// biome-ignore lint/suspicious/noExplicitAny: a list of collections of any row type
type AnyCollection = Collection<any, any>;

function refined<S extends z.ZodType>(collection: AnyCollection, schema: S): S {
  const rule = collection.refine;
  return rule ? (schema.refine((v) => rule.check(v as never), { path: rule.path, message: rule.message }) as unknown as S) : schema;
}

/** The API's query: the filters, `limit` and `offset`, nothing else. */
export function apiQuery(collection: AnyCollection) {
  const limit = collection.limit ?? { default: 100, max: 500 };
  return refined(
    collection,
    collection.filters
      .extend({
        limit: z.coerce.number().int().min(1).max(limit.max).default(limit.default),
        offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
      })
      .strict(),
  );
}

/** The downloads' query: the filters alone (every matching row is sent). */
export function downloadQuery(collection: AnyCollection) {
  return refined(collection, collection.filters.strict());
}

/** A page's query: the filters and a page number. */
export function pageQuery(collection: AnyCollection) {
  return refined(collection, collection.filters.extend({ page: z.coerce.number().int().min(1).max(100_000).default(1) }));
}

async function* pages<Row>(collection: Collection<z.ZodRawShape, Row>, actor: Actor, ctx: AppContext, filter: never): AsyncIterable<Row> {
  const size = 500;
  for (let offset = 0; ; offset += size) {
    const { items } = await collection.list(actor, ctx, filter, { limit: size, offset });
    yield* items;
    if (items.length < size) return;
  }
}

const rowsOf = (collection: AnyCollection, actor: Actor, ctx: AppContext, filter: never) =>
  collection.stream ? collection.stream(actor, ctx, filter) : pages(collection, actor, ctx, filter);

const attachment = (reply: FastifyReply, name: string, extension: string) =>
  reply.header("Content-Disposition", `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, "-")}.${extension}"`);

/** The CSV columns of a collection, in order. */
export const csvColumns = <Row>(collection: { columns: readonly CollectionColumn<Row>[] }) => collection.columns.filter((c) => c.csv);

/** Every row as CSV for spreadsheets (BOM, formulas defused), written as rows are read. */
export function csvStream<Row>(columns: readonly CollectionColumn<Row>[], rows: AsyncIterable<Row>): Readable {
  const csv = stringify({ bom: true });
  const cells = columns.filter((c) => c.csv);
  const write = async () => {
    csv.write(cells.map((c) => defuseFormula(c.key)));
    for await (const row of rows) {
      // Wait for the reader when it is slower than the database (bounded memory).
      if (!csv.write(cells.map((c) => defuseFormula(c.csv?.(row))))) await new Promise((resolve) => csv.once("drain", resolve));
    }
    csv.end();
  };
  write().catch((error) => csv.destroy(error));
  return csv;
}

/** Every row as `{ "items": [...], "total": n }`, written as rows are read. */
function jsonStream<Row>(rows: AsyncIterable<Row>): Readable {
  return Readable.from(
    (async function* () {
      yield '{"items":[';
      let total = 0;
      for await (const row of rows) {
        yield `${total ? "," : ""}${JSON.stringify(row)}`;
        total++;
      }
      yield `],"total":${total}}`;
    })(),
  );
}

/** Registers a collection's API list and its two downloads. */
export function registerCollection(app: App, ctx: AppContext, collection: AnyCollection) {
  const guard = collection.authorize
    ? { onRequest: async (request: FastifyRequest) => collection.authorize?.(request.actor) }
    : {};
  const cacheControl = (reply: FastifyReply) => {
    if (collection.private) reply.header("Cache-Control", "private, no-store");
  };
  app.get(
    collection.api,
    {
      ...guard,
      schema: {
        tags: [collection.tag],
        summary: collection.summary,
        querystring: apiQuery(collection),
        response: {
          200: z.object({
            items: z.array(collection.item),
            total: z.number().int(),
            totalExact: z.boolean().optional().meta({ description: "Present, and false, when the list stopped counting at a bound: `total` is then a lower bound" }),
          }),
        },
      },
    },
    async (request, reply) => {
      cacheControl(reply);
      const { limit, offset, ...filter } = request.query as { limit: number; offset: number };
      return collection.list(request.actor, ctx, filter as never, { limit, offset });
    },
  );
  app.get(
    `${collection.api}.csv`,
    {
      ...guard,
      schema: { tags: [collection.tag], summary: `${collection.summary} (CSV, every row)`, querystring: downloadQuery(collection), produces: ["text/csv"] },
    },
    async (request, reply) => {
      const filter = request.query as never;
      // Asking for the first row before answering: a refusal is still a proper error response.
      await collection.list(request.actor, ctx, filter, { limit: 1, offset: 0 });
      cacheControl(reply);
      attachment(reply, collection.fileName(filter), "csv").type("text/csv; charset=utf-8");
      return reply.send(csvStream(collection.columns, rowsOf(collection, request.actor, ctx, filter)));
    },
  );
  app.get(
    `${collection.api}.json`,
    {
      ...guard,
      schema: { tags: [collection.tag], summary: `${collection.summary} (JSON file, every row)`, querystring: downloadQuery(collection) },
    },
    async (request, reply) => {
      const filter = request.query as never;
      await collection.list(request.actor, ctx, filter, { limit: 1, offset: 0 });
      cacheControl(reply);
      attachment(reply, collection.fileName(filter), "json").type("application/json; charset=utf-8");
      return reply.send(jsonStream(rowsOf(collection, request.actor, ctx, filter)));
    },
  );
}

/**
 * A list page's filters read from its address: the text as typed (shown back in the form), the
 * parsed filter and page (empty fields mean "no filter"), or the problems per field; and the
 * query that page links and downloads carry on.
 */
export function readPageQuery<F extends z.ZodRawShape, Row>(collection: Collection<F, Row>, query: unknown, names: readonly (keyof F & string)[]) {
  const input = formFields(query, names) as Record<string, string>;
  const page = formFields(query, ["page"]).page;
  const given = Object.fromEntries(Object.entries({ ...input, page }).filter(([, v]) => v !== ""));
  const parsed = check(pageQuery(collection), given) as
    | { ok: true; value: z.output<z.ZodObject<F>> & { page: number } }
    | { ok: false; problems: import("../errors.js").FieldProblem[] };
  const links = new URLSearchParams(Object.entries(input).filter(([, v]) => v !== ""));
  return { input, parsed, links };
}

/** The download addresses of the list a page shows, with the filters it fixes (`lang`, `group`). */
export function downloadLinks(collection: AnyCollection, links: URLSearchParams, fixed: Record<string, string> = {}) {
  const q = new URLSearchParams(links);
  for (const [k, v] of Object.entries(fixed)) q.set(k, v);
  const s = q.toString();
  return { csv: `${collection.api}.csv${s ? `?${s}` : ""}`, json: `${collection.api}.json${s ? `?${s}` : ""}` };
}

/** Page count for a total. */
export const pageCount = (total: number, size: number) => Math.max(1, Math.ceil(total / size));
