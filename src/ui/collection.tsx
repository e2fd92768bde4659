import type { ComponentChildren } from "preact";
import type { z } from "zod";
import type { FieldProblem } from "../errors.js";
import { DataTable, Downloads, Field, Filters, Pagination } from "./components.js";
import { usePage } from "./context.js";
import { fieldSchema, maxLengthOf } from "./limits.js";

/**
 * How a public list looks: its filter form, its table, its pagination and its download links.
 * A collection (`src/http/collections.tsx`) declares these once; every list of the platform is
 * drawn by the components here, so all lists look and behave alike.
 */

/** One column of a list: its heading (a message key) and how a row shows in HTML and in CSV. */
export interface CollectionColumn<Row> {
  /** The column's name in CSV and in tests (`name`, `region`). */
  key: string;
  /** Message key of the heading in the HTML table; without it the column is only in downloads. */
  label?: string;
  /** The cell in CSV; without it the column is only in the HTML table. */
  csv?: (row: Row) => string | number | null | undefined;
  /** The cell in HTML; by default the CSV value as text. */
  cell?: (row: Row) => ComponentChildren;
  /** The row's heading cell (`<th scope="row">`): what names the row. */
  rowHeader?: boolean;
}

/** A filter above a list. `label`, `hint` and `any` are message keys. */
export type FilterField =
  | { name: string; type: "search" | "text" | "date"; label: string; hint?: string; min?: string }
  | {
      name: string;
      type: "select";
      label: string;
      hint?: string;
      /** The first choice, meaning "no filter". */
      any: string;
      /** The choices; a label is a message key unless `raw` (a value shown as it is). */
      options: readonly { value: string; label: string; raw?: boolean }[];
    };

/** The filter form: values as typed, each field's error beside it, limits from the schema. */
export function CollectionFilters({
  action,
  label,
  submit,
  fields,
  schema,
  input,
  problems,
}: {
  action: string;
  label: string;
  submit: string;
  fields: readonly FilterField[];
  schema: z.ZodType;
  input: Record<string, string>;
  problems: FieldProblem[];
}) {
  const { t } = usePage();
  return (
    <Filters action={action} label={label} submit={submit}>
      {fields.map((f) => (
        <Field key={f.name} name={f.name} label={t(f.label)} hint={f.hint ? t(f.hint) : undefined} problems={problems}>
          {(attrs) =>
            f.type === "select" ? (
              <select {...attrs}>
                <option value="">{t(f.any)}</option>
                {withTyped(f.options, input[f.name] ?? "").map((o) => (
                  <option key={o.value} value={o.value} selected={input[f.name] === o.value}>
                    {o.raw ? o.label : t(o.label)}
                  </option>
                ))}
              </select>
            ) : f.type === "date" ? (
              <input {...attrs} type="date" value={input[f.name] ?? ""} min={f.min} />
            ) : (
              f.type === "search" ? (
                <input {...attrs} type="search" value={input[f.name] ?? ""} maxLength={maxLengthOf(fieldSchema(schema, f.name))} autoComplete="off" />
              ) : (
                <input {...attrs} type="text" value={input[f.name] ?? ""} maxLength={maxLengthOf(fieldSchema(schema, f.name))} />
              )
            )
          }
        </Field>
      ))}
    </Filters>
  );
}

/** A choice typed into the address that is not among the options stays visible (and selected). */
function withTyped(options: readonly { value: string; label: string; raw?: boolean }[], typed: string) {
  if (!typed || options.some((o) => o.value === typed)) return options;
  return [...options, { value: typed, label: typed, raw: true }];
}

export interface CollectionResult<Row> {
  items: Row[];
  total: number;
  /** False when the list stopped counting: `total` is then a lower bound. */
  totalExact?: boolean;
  page: number;
  pages: number;
}

/** The table of one page of rows, then the page links and the downloads of the same query. */
export function CollectionTable<Row>({
  caption,
  columns,
  result,
  rowKey,
  query,
  downloads,
  empty,
}: {
  caption: string;
  columns: readonly CollectionColumn<Row>[];
  result: CollectionResult<Row>;
  rowKey: (row: Row) => string;
  /** The filters the page links carry on. */
  query: URLSearchParams;
  downloads: { csv: string; json: string };
  /** What to say when nothing matches. */
  empty: string;
}) {
  const { t } = usePage();
  return (
    <>
      {result.items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <DataTable
          caption={caption}
          rows={result.items}
          rowKey={rowKey}
          columns={columns
            .filter((c) => c.label)
            .map((c) => ({
              header: t(c.label as string),
              rowHeader: c.rowHeader,
              cell: c.cell ?? ((row: Row) => String(c.csv?.(row) ?? "—")),
            }))}
        />
      )}
      <Pagination page={result.page} pages={result.pages} query={query} />
      <Downloads
        links={[
          { href: downloads.csv, label: t("list.csv") },
          { href: downloads.json, label: t("list.json") },
        ]}
      />
    </>
  );
}
