/**
 * URLs the router cannot read. A path holding `%` sequences that decode to no UTF-8 text
 * (`%C0%AF`, `%FF`, a lone `%`) makes Fastify's router answer a bare JSON 400 of its own, before
 * any hook, route or error handler: no page in the visitor's language, no problem+json, no
 * security headers. Escaping such sequences as text (`%25C0%25AF`) lets the request reach its
 * route, whose own validation refuses the odd parameter as it refuses any other.
 */
const RUN = /(?:%[0-9A-Fa-f]{2})+|%/g;

const decodes = (text: string): boolean => {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
};

/** The URL with every undecodable `%` sequence of its path escaped; unchanged when all decode. */
export function escapeUndecodable(url: string): string {
  const queryAt = url.indexOf("?");
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (decodes(path)) return url;
  const escaped = path.replace(RUN, (run) => (decodes(run) ? run : run.replaceAll("%", "%25")));
  return queryAt === -1 ? escaped : escaped + url.slice(queryAt);
}
