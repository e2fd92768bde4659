import { z } from "zod";
import { LANGS } from "../../i18n/lang.js";
import type { PlatformModule } from "../../module.js";
import { DashboardPage } from "./pages/DashboardPage.js";
import { dashboard } from "./service.js";

/** `/{lang}/admin`: the back office's dashboard. Each module brings its own screens. */
export const adminModule: PlatformModule = {
  name: "admin",
  routes(app, ctx) {
    app.get("/:lang/admin", { schema: { hide: true, params: z.object({ lang: z.enum(LANGS) }) } }, async (request, reply) => {
      const { attention, screens } = await dashboard(request.actor, ctx);
      return app.pages.send(request, reply, request.params.lang, ({ t }) => ({ title: t("admin.title"), body: <DashboardPage attention={attention} screens={screens} /> }), {
        cache: false,
      });
    });
  },
};
