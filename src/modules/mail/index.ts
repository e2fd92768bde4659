import type { PlatformModule } from "../../module.js";
import { SendEmailJob } from "./schema.js";
import { SEND_TASK, sendQueuedEmail } from "./service.js";

/**
 * Email: other modules call `queueEmail` (service.ts) inside their transaction; the job queue
 * runs `mail.send`, which delivers through SMTP or writes `.eml` files to the outbox folder.
 */
export const mailModule: PlatformModule = {
  name: "mail",
  tasks: {
    [SEND_TASK]: async (payload, ctx) => {
      await sendQueuedEmail(ctx, SendEmailJob.parse(payload).id);
    },
  },
};
