import type { FieldProblem } from "../../../../errors.js";
import type { StoredText } from "../../../../i18n/content.js";
import { ErrorSummary, Field, Form, History, type HistoryEntry, Notice, Verified, choicesOf, SelectField } from "../../../../ui/components.js";
import { usePage } from "../../../../ui/context.js";
import { lengthOf, maxLengthOf } from "../../../../ui/limits.js";
import { TranslatableField } from "../../../../ui/translatable.js";
import { EconomyForm, MembershipForm, NewEconomyForm, Note, PRECISIONS, REGIONS } from "../../schema.js";

export interface EconomyFormInput {
  code?: string;
  name_en: string;
  name_fr: string;
  name_es: string;
  region: string;
  numeric_code: string;
  wto_member_since: string;
  source: string;
}

/**
 * The membership form as typed: `joined_on`, `joined_precision`, `left_on`, `source`, and the
 * note as a control per language (`note.en.text`, `note.en.draft`, …).
 */
export type MembershipFormInput = Record<string, string>;

/** The fields of an economy, shared by the new and edit screens. */
export function EconomyFields({ input, problems, withCode }: { input: EconomyFormInput; problems: FieldProblem[]; withCode?: boolean }) {
  const { t } = usePage();
  return (
    <>
      {withCode && (
        <Field name="code" label={t("members.code")} hint={t("members.admin.codeHint")} problems={problems}>
          {(attrs) => <input {...attrs} type="text" value={input.code ?? ""} required {...lengthOf(NewEconomyForm, "code")} autoComplete="off" />}
        </Field>
      )}
      {(["en", "fr", "es"] as const).map((l) => (
        <Field key={l} name={`name_${l}`} label={t(`members.admin.name_${l}`)} problems={problems}>
          {(attrs) => <input {...attrs} type="text" value={input[`name_${l}`]} required {...lengthOf(EconomyForm, `name_${l}`)} lang={l} />}
        </Field>
      ))}
      <SelectField name="region" label={t("members.region")} problems={problems} choices={choicesOf(REGIONS, (r) => t(`regions.${r}`))} value={input.region} />
      <Field name="numeric_code" label={t("members.admin.numericCode")} hint={t("members.admin.numericCodeHint")} problems={problems}>
        {(attrs) => <input {...attrs} type="text" inputMode="numeric" value={input.numeric_code} {...lengthOf(EconomyForm, "numeric_code")} />}
      </Field>
      <Field name="wto_member_since" label={t("members.wtoMemberSince")} hint={t("members.admin.dateHint")} problems={problems}>
        {(attrs) => <input {...attrs} type="date" value={input.wto_member_since} />}
      </Field>
      <Field name="source" label={t("members.source")} hint={t("members.admin.sourceHint")} problems={problems}>
        {(attrs) => <input {...attrs} type="text" value={input.source} required {...lengthOf(EconomyForm, "source")} />}
      </Field>
    </>
  );
}

export interface MemberEditProps {
  code: string;
  name: string;
  economy: EconomyFormInput;
  membership: MembershipFormInput;
  /** The note as stored, for each language's status. */
  note: StoredText;
  hasMembership: boolean;
  verifiedOn: string | null;
  verifiedBy: string | null;
  /** Which form the problems belong to. */
  problemsOf?: "economy" | "membership";
  problems: FieldProblem[];
  may: { create: boolean; delete: boolean };
  history: { entries: HistoryEntry[]; page: number; pages: number };
  notice?: string;
}

export function MemberEditPage(p: MemberEditProps) {
  const { t, lang } = usePage();
  const base = `/${lang}/admin/members/${p.code}`;
  const economyProblems = p.problemsOf === "economy" ? p.problems : [];
  const membershipProblems = p.problemsOf === "membership" ? p.problems : [];
  return (
    <>
      <p>
        <a href={`/${lang}/admin/members`}>{t("members.admin.back")}</a> · <a href={`/${lang}/members/${p.code}`}>{t("members.admin.publicPage")}</a>
      </p>
      <h1>{p.name}</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <ErrorSummary problems={p.problems} idPrefix={p.problemsOf === "membership" ? "membership-" : ""} />
      <div class="actions">
        <Verified on={p.verifiedOn} by={p.verifiedBy} />
        <Form action={`${base}/verify`} label={t("verified.action")}>
          <button type="submit">{t("verified.action")}</button>
        </Form>
      </div>

      <h2 id="economy">{t("members.admin.economyTitle")}</h2>
      <Form action={base} class="stack" label={t("members.admin.economyTitle")}>
        <EconomyFields input={p.economy} problems={economyProblems} />
        <p>
          <button type="submit">{t("form.save")}</button>
        </p>
      </Form>

      <h2 id="membership">{t("members.admin.membershipTitle")}</h2>
      {!p.hasMembership && <p>{t(p.may.create ? "members.admin.noMembership" : "members.admin.noMembershipAsk")}</p>}
      {(p.hasMembership || p.may.create) && (
        <Form action={`${base}/membership`} class="stack" label={t("members.admin.membershipTitle")}>
          <Field idPrefix="membership-" name="joined_on" label={t("members.joined")} problems={membershipProblems}>
            {(attrs) => <input {...attrs} type="date" value={p.membership.joined_on} required />}
          </Field>
          <SelectField
            idPrefix="membership-"
            name="joined_precision"
            label={t("members.admin.precision")}
            hint={t("members.admin.precisionHint")}
            problems={membershipProblems}
            choices={choicesOf(PRECISIONS, (v) => t(`members.admin.precisions.${v}`))}
            value={p.membership.joined_precision}
          />
          <Field idPrefix="membership-" name="left_on" label={t("members.admin.leftOn")} hint={t("members.admin.dateHint")} problems={membershipProblems}>
            {(attrs) => <input {...attrs} type="date" value={p.membership.left_on} />}
          </Field>
          <TranslatableField
            idPrefix="membership-"
            name="note"
            label={t("members.note")}
            stored={p.note}
            input={p.membership}
            problems={membershipProblems}
            max={maxLengthOf(Note.text)}
          />
          <Field idPrefix="membership-" name="source" label={t("members.source")} hint={t("members.admin.sourceHint")} problems={membershipProblems}>
            {(attrs) => <input {...attrs} type="text" value={p.membership.source} required {...lengthOf(MembershipForm, "source")} />}
          </Field>
          <p class="actions">
            <button type="submit">{t(p.hasMembership ? "form.save" : "members.admin.addMembership")}</button>
            {p.hasMembership && p.may.delete && <a href={`${base}/membership/delete`}>{t("members.admin.removeMembership")}</a>}
          </p>
        </Form>
      )}

      <h2 id="history-title">{t("history.title")}</h2>
      <History entries={p.history.entries} paging={p.history} />
    </>
  );
}

export function MemberNewPage({ input, problems }: { input: EconomyFormInput; problems: FieldProblem[] }) {
  const { t, lang } = usePage();
  return (
    <>
      <p>
        <a href={`/${lang}/admin/members`}>{t("members.admin.back")}</a>
      </p>
      <h1>{t("members.admin.new")}</h1>
      <ErrorSummary problems={problems} />
      <Form action={`/${lang}/admin/members`} class="stack" label={t("members.admin.new")}>
        <EconomyFields input={input} problems={problems} withCode />
        <p>
          <button type="submit">{t("members.admin.create")}</button>
        </p>
      </Form>
    </>
  );
}
