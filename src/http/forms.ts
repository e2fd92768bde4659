import type { z } from "zod";
import { check } from "./validation.js";

/**
 * Reading HTML form posts. Bodies arrive as whatever a client sends (strings, repeated fields,
 * JSON objects); a form handler takes only the named text fields, so that what is shown back to
 * the person is exactly what they typed, and everything else is ignored.
 */
export function formFields<K extends string>(body: unknown, names: readonly K[]): Record<K, string> {
  const source = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  const out = {} as Record<K, string>;
  for (const name of names) {
    const value = source[name];
    const first = Array.isArray(value) ? value[0] : value;
    out[name] = typeof first === "string" ? first.slice(0, 10_000) : "";
  }
  return out;
}

/**
 * Where to go after signing in: only a path on this site in the page's language space, never
 * another origin (`//evil.example`, `/\evil`) — an open redirect would make phishing easy.
 */
export function safeNext(next: string | undefined, fallback: string): string {
  if (!next || !/^\/(en|fr|es)\/[^\\]*$/.test(next) || next.startsWith("//")) return fallback;
  if (/^\/(en|fr|es)\/sign-(in|out)/.test(next)) return fallback;
  return next;
}

/**
 * The filters of a back-office list, read from its query string: the text as typed (shown back
 * in the form), the parsed filter (an empty field means "no filter"; `page` as sent), and the
 * query the page's links carry on.
 */
export function listFilters<S extends z.ZodType, K extends string>(query: unknown, names: readonly K[], schema: S) {
  const input = formFields(query, names);
  const page = (query as Record<string, unknown> | undefined)?.page;
  const given = Object.fromEntries(Object.entries({ ...input, page }).filter(([, v]) => v !== "" && v !== undefined));
  return { input, parsed: check(schema, given), links: new URLSearchParams((Object.entries(input) as [string, string][]).filter(([, v]) => v !== "")) };
}

/** `?done=…` after a POST → redirect → GET: which notice to show (anything else shows none). */
export function doneNotice<T extends string>(query: unknown, allowed: readonly T[]): T | undefined {
  const value = (query as Record<string, unknown> | undefined)?.done;
  return allowed.find((a) => a === value);
}
