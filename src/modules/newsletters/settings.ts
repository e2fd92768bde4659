import { z } from "zod";
import type { Config } from "../../config.js";

/** The newsletters' environment variables, validated at start-up with the platform's. */
export const newslettersEnv = {
  /** At most this many newsletter emails leave per minute (each sending of an issue). */
  NEWSLETTER_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(600),
  /**
   * Seconds a claimed delivery is held by the process sending it. A claim older than this (the
   * process died) is sent again, with the same Message-ID; keep it above the SMTP timeouts (80 s).
   */
  NEWSLETTER_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  /** Seconds one job of a sending runs before handing over to the next (so a crash resumes soon). */
  NEWSLETTER_BATCH_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /** The address of the `mailto:` unsubscribe (RFC 2369); none when unset. */
  NEWSLETTER_UNSUBSCRIBE_MAILTO: z.email().optional(),
  /**
   * The mailbox that receives bounces (e.g. `bounces@example.org`). When set, each newsletter is
   * sent from `bounces+d<delivery>@example.org` (VERP), so a later report names its delivery.
   */
  NEWSLETTER_BOUNCE_ADDRESS: z.email().optional(),
  /** Permanent bounces (of distinct issues) after which a subscriber is suspended. */
  NEWSLETTER_BOUNCES_TO_SUSPEND: z.coerce.number().int().min(1).max(100).default(2),
};

const Settings = z.object(newslettersEnv);
export const newslettersSettings = (config: Config): z.output<typeof Settings> => Settings.parse(config);
