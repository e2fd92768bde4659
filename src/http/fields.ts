import { z } from "zod";

/**
 * Shared fields of forms and the API.
 *
 * A web address typed in a form or sent to the API: trimmed, bounded, https (or http where a
 * caller allows it), a real domain, and no white space or control character inside. The URL
 * parser accepts `https://example.org/ a` (it would encode the space), but the tables refuse any
 * white space in an address, so without the last rule such input reached the database and failed
 * there (a 500, found by the hostile-input test); it is now a mistake at its field.
 */
export function webAddress({ max = 300, http = false }: { max?: number; http?: boolean } = {}) {
  return z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\s\p{Cc}]+$/u)
    .pipe(z.url({ protocol: http ? /^https?$/ : /^https$/, hostname: z.regexes.domain }));
}

/**
 * A calendar day as `YYYY-MM-DD`, the year 0000 refused (PostgreSQL has no year zero), for forms
 * and query strings; `example` is what the API description shows.
 */
export function isoDay(example: string) {
  return z.iso
    .date()
    .refine((day) => !day.startsWith("0000"), { error: "validation.invalid" })
    .meta({ example });
}
