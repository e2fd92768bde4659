import type { FieldProblem } from "../../../errors.js";
import { ErrorSummary, Field, Form, Notice } from "../../../ui/components.js";
import { usePage } from "../../../ui/context.js";
import { lengthOf } from "../../../ui/limits.js";
import { ForgotForm, SetPasswordForm, SignInForm } from "../schema.js";

export interface SignInProps {
  input: { email: string; next: string };
  problems: FieldProblem[];
  /** A problem with the whole attempt (wrong credentials, locked), said the same way for every address. */
  failure?: string;
  notice?: string;
}

export function SignInPage({ input, problems, failure, notice }: SignInProps) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("accounts.signIn.title")}</h1>
      <p class="lede">{t("accounts.signIn.lede")}</p>
      {notice && <Notice>{notice}</Notice>}
      {failure && (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <h2>{t("form.errorSummaryTitle")}</h2>
          <p>{failure}</p>
        </div>
      )}
      <ErrorSummary problems={problems} />
      <Form action={`/${lang}/sign-in`} class="stack" label={t("accounts.signIn.title")}>
        {input.next && <input type="hidden" name="next" value={input.next} />}
        <Field name="email" label={t("accounts.fields.email")} problems={problems}>
          {(attrs) => <input {...attrs} type="email" value={input.email} autoComplete="username" required {...lengthOf(SignInForm, "email")} />}
        </Field>
        <Field name="password" label={t("accounts.fields.password")} problems={problems}>
          {(attrs) => <input {...attrs} type="password" autoComplete="current-password" required {...lengthOf(SignInForm, "password")} />}
        </Field>
        <p>
          <button type="submit">{t("accounts.signIn.submit")}</button>
        </p>
      </Form>
      <p>
        <a href={`/${lang}/password/forgot`}>{t("accounts.signIn.forgot")}</a>
      </p>
    </>
  );
}

export function ForgotPage({ input, problems, sent }: { input: { email: string }; problems: FieldProblem[]; sent: boolean }) {
  const { t, lang } = usePage();
  return (
    <>
      <h1>{t("accounts.forgot.title")}</h1>
      {sent ? (
        <Notice>{t("accounts.forgot.sent", { email: input.email })}</Notice>
      ) : (
        <p class="lede">{t("accounts.forgot.lede")}</p>
      )}
      <ErrorSummary problems={problems} />
      {!sent && (
        <Form action={`/${lang}/password/forgot`} class="stack" label={t("accounts.forgot.title")}>
          <Field name="email" label={t("accounts.fields.email")} problems={problems}>
            {(attrs) => <input {...attrs} type="email" value={input.email} autoComplete="email" required {...lengthOf(ForgotForm, "email")} />}
          </Field>
          <p>
            <button type="submit">{t("accounts.forgot.submit")}</button>
          </p>
        </Form>
      )}
      <p>
        <a href={`/${lang}/sign-in`}>{t("accounts.forgot.back")}</a>
      </p>
    </>
  );
}

export function SetPasswordPage({ token, link, problems }: { token: string; link: { purpose: string; email: string; name: string } | null; problems: FieldProblem[] }) {
  const { t, lang } = usePage();
  if (!link) {
    return (
      <>
        <h1>{t("accounts.password.expiredTitle")}</h1>
        <p>{t("accounts.password.expired")}</p>
        <p>
          <a href={`/${lang}/password/forgot`}>{t("accounts.password.askAgain")}</a>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{t(link.purpose === "invite" ? "accounts.password.inviteTitle" : "accounts.password.resetTitle")}</h1>
      <p class="lede">{t("accounts.password.for", { name: link.name, email: link.email })}</p>
      <ErrorSummary problems={problems} />
      <Form action={`/${lang}/password/${token}`} class="stack" label={t("accounts.password.choose")}>
        <input type="hidden" name="email" value={link.email} autoComplete="username" />
        <Field name="password" label={t("accounts.fields.newPassword")} hint={t("accounts.password.hint")} problems={problems}>
          {(attrs) => <input {...attrs} type="password" autoComplete="new-password" required minLength={12} {...lengthOf(SetPasswordForm, "password")} />}
        </Field>
        <Field name="confirm" label={t("accounts.fields.confirmPassword")} problems={problems}>
          {(attrs) => <input {...attrs} type="password" autoComplete="new-password" required {...lengthOf(SetPasswordForm, "confirm")} />}
        </Field>
        <p>
          <button type="submit">{t("accounts.password.submit")}</button>
        </p>
      </Form>
    </>
  );
}
