import { z } from "zod";
import type { Config } from "../../config.js";

/** The Network's environment variables, validated at start-up with the platform's. */
export const networkEnv = {
  /** After how many days a verified profile is due to be verified again (dashboard, `network stale`). */
  NETWORK_VERIFY_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
};

const Settings = z.object(networkEnv);

/** The Network's settings from a loaded configuration (defaults when a test built it without them). */
export const networkSettings = (config: Config): z.output<typeof Settings> => Settings.parse(config);
