import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { isDatabaseUnavailable } from "../db/database.js";

/**
 * Sessions this node checked against the database lately, for the moments the database cannot be
 * reached: a person signed in a minute ago stays signed in during an outage, so that a form they
 * post is shown back to them with what they typed (nothing can be saved meanwhile) rather than
 * sending them to a sign-in page that cannot work either. Only used when the lookup fails because
 * the database is down, only for a session seen within `windowMs`, and keyed by a digest of the
 * secret (the secret itself is not kept). A session found ended is forgotten at once.
 */
export class SessionMemory<T> {
  private readonly seen: LRUCache<string, { value: T; at: number }>;

  constructor(
    private readonly windowMs = 10 * 60 * 1000,
    max = 10_000,
  ) {
    this.seen = new LRUCache({ max });
  }

  async resolve(secret: string, lookup: (secret: string) => Promise<T | null>, now = Date.now): Promise<T | null> {
    const key = createHash("sha256").update(secret).digest("base64url");
    try {
      const found = await lookup(secret);
      if (found) this.seen.set(key, { value: found, at: now() });
      else this.seen.delete(key);
      return found;
    } catch (error) {
      const kept = isDatabaseUnavailable(error) ? this.seen.get(key) : undefined;
      if (kept && now() - kept.at <= this.windowMs) return kept.value;
      throw error;
    }
  }
}
