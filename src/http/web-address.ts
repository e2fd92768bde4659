import { z } from "zod";

/**
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
