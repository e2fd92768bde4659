import { z } from "zod";
import { negotiateLang } from "../../http/negotiate.js";
import { LANGS } from "../../i18n/lang.js";
import type { PlatformModule } from "../../module.js";
import { HomePage } from "./pages/HomePage.js";

/** The front door: `/` sends each visitor to their language; `/{lang}/` says what the platform is. */
export const homeModule: PlatformModule = {
  name: "home",
  sitemap: async () => [{ path: "/" }],
  routes(app, ctx) {
    app.get("/", { schema: { hide: true } }, async (request, reply) => {
      reply.header("Vary", "Accept-Language").header("Cache-Control", "no-store");
      return reply.redirect(`/${negotiateLang(request.headers["accept-language"])}/`, 302);
    });
    app.get("/:lang", { schema: { hide: true, params: z.object({ lang: z.enum(LANGS) }) } }, async (request, reply) =>
      reply.redirect(`/${request.params.lang}/`, 301),
    );
    app.get("/:lang/", { schema: { hide: true, params: z.object({ lang: z.enum(LANGS) }) } }, async (request, reply) =>
      app.pages.send(request, reply, request.params.lang, async ({ t, lang }) => {
        // Sections other modules put on the front door (the knowledge platform's audiences and news).
        const sections = [];
        for (const module of ctx.modules ?? []) if (module.home) sections.push(await module.home(ctx, { actor: request.actor, lang, t }));
        return { title: t("home.title"), description: t("home.lede"), body: <HomePage nav={app.pages.nav} sections={sections} /> };
      }),
    );
  },
};
