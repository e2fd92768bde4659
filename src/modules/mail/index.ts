import type { PlatformModule } from "../../module.js";
import { SendEmailJob } from "./schema.js";
import { mailRoutes } from "./routes.js";
import { countUndelivered, SEND_TASK, sendQueuedEmail } from "./service.js";

/**
 * Email: other modules call `queueEmail` (service.ts) inside their transaction; the job queue
 * runs `mail.send`, which delivers through SMTP or writes `.eml` files to the outbox folder.
 */
export const mailModule: PlatformModule = {
  name: "mail",
  routes: mailRoutes,
  admin: {
    nav: [{ path: "/admin/outbox", label: "mail.admin.title", roles: ["admin"] }],
    async attention(actor, { db }) {
      return [{ message: "mail.admin.attention", count: await countUndelivered(actor, db), path: "/admin/outbox?status=failed" }];
    },
  },
  tasks: {
    [SEND_TASK]: async (payload, ctx) => {
      await sendQueuedEmail(ctx, SendEmailJob.parse(payload).id);
    },
  },
};
