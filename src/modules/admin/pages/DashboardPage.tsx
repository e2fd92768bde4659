import { grantOf } from "../../../actor.js";
import type { AdminNavEntry, Attention } from "../../../module.js";
import { usePage } from "../../../ui/context.js";

export function DashboardPage({ attention, screens }: { attention: Attention[]; screens: AdminNavEntry[] }) {
  const { t, lang, actor } = usePage();
  if (actor.kind !== "user") return null;
  const scope = grantOf(actor, "economy") ?? grantOf(actor, "organization");
  return (
    <>
      <h1>{t("admin.title")}</h1>
      <p class="lede">
        {t("admin.welcome", { name: actor.name, role: t(`accounts.roles.${actor.role}`) })}
        {scope && ` ${t("admin.scope", { scope })}`}
      </p>
      <h2>{t("admin.attentionTitle")}</h2>
      {attention.length === 0 ? (
        <p>{t("admin.nothing")}</p>
      ) : (
        <ul class="attention">
          {attention.map((a) => (
            <li key={a.message}>
              <a href={`/${lang}${a.path}`}>
                <span class="count">{a.count}</span>
                {t(a.message, { ...a.values, count: a.count })}
              </a>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("admin.screensTitle")}</h2>
      <ul>
        {screens.map((s) => (
          <li key={s.path}>
            <a href={`/${lang}${s.path}`}>{t(s.label)}</a>
          </li>
        ))}
        <li>
          <a href={`/${lang}/account`}>{t("admin.account")}</a>
        </li>
      </ul>
    </>
  );
}
