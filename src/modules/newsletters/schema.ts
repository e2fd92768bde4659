import type { ColumnType, Generated } from "kysely";
import { z } from "zod";
import { type StoredText, translatableText } from "../../i18n/content.js";
import { LANGS, type Lang } from "../../i18n/lang.js";

/** What a subscriber may choose to hear about (none chosen: everything). */
export const NEWSLETTER_TOPICS = ["events", "documents", "guides", "meetings", "champions", "network"] as const;
export type NewsletterTopic = (typeof NEWSLETTER_TOPICS)[number];

export const SUBSCRIBER_STATUSES = ["pending", "confirmed", "unsubscribed", "suspended"] as const;
export const DELIVERY_STATUSES = ["pending", "sending", "sent", "failed", "bounced", "skipped"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const Subject = translatableText({ max: 200 });
export const Intro = translatableText({ max: 5000 });

/** One line of an issue: a record of another module, in one language. */
export interface NewsletterItem {
  /** Which part of the platform it comes from (`events`, `network`, …): the issue's section. */
  section: string;
  title: string;
  /** Path of this site with its language, e.g. `/fr/events/msme-day-2022`. */
  url: string;
  /** A short line under the title (a date, a place), in the same language. */
  meta?: string;
  /** The language `title` is written in, when it is not the issue's. */
  lang?: Lang;
}

export interface NewsletterSubscriberTable {
  id: Generated<number>;
  email: string;
  lang: Lang;
  topics: ColumnType<string[], string[] | undefined, string[]>;
  status: ColumnType<(typeof SUBSCRIBER_STATUSES)[number], string | undefined, string>;
  pending_lang: Lang | null;
  pending_topics: string[] | null;
  confirm_token_hash: Buffer | null;
  confirm_expires_at: Date | null;
  requested_at: Generated<Date>;
  confirmed_at: Date | null;
  unsubscribed_at: Date | null;
  suspended_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface NewsletterIssueTable {
  id: Generated<number>;
  kind: ColumnType<"issue" | "record", string | undefined, string>;
  subject: ColumnType<StoredText, string, string>;
  intro: ColumnType<StoredText, string | undefined, string>;
  items: ColumnType<Partial<Record<Lang, NewsletterItem[]>>, string | undefined, string>;
  topics: ColumnType<string[], string[] | undefined, string[]>;
  issued_on: string | null;
  issued_precision: ColumnType<"day" | "year", string | undefined, string>;
  source: string | null;
  seed_key: string | null;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface NewsletterSendTable {
  issue_id: number;
  lang: Lang;
  started_by: string;
  started_at: Generated<Date>;
  finished_at: Date | null;
}

export interface NewsletterDeliveryTable {
  id: Generated<number>;
  issue_id: number;
  lang: Lang;
  subscriber_id: number;
  status: ColumnType<DeliveryStatus, string | undefined, string>;
  message_id: string;
  attempts: Generated<number>;
  lease_until: Date | null;
  sent_at: Date | null;
  last_error: string | null;
}

export interface NewsletterUnsubscribeLinkTable {
  token_hash: Buffer;
  subscriber_id: number;
  created_at: Generated<Date>;
}

export interface NewsletterBounceTable {
  id: Generated<number>;
  delivery_id: number;
  report_key: string;
  kind: "permanent" | "temporary";
  action: "failed" | "delayed";
  status: string;
  diagnostic: string | null;
  received_at: Generated<Date>;
}

declare module "../../db/database.js" {
  interface Tables {
    newsletter_bounces: NewsletterBounceTable;
    newsletter_subscribers: NewsletterSubscriberTable;
    newsletter_issues: NewsletterIssueTable;
    newsletter_sends: NewsletterSendTable;
    newsletter_deliveries: NewsletterDeliveryTable;
    newsletter_unsubscribe_links: NewsletterUnsubscribeLinkTable;
  }
}

// ---- Input ------------------------------------------------------------------------------------

/** The public form: an address, the language of the newsletters, topics; `website` is a trap for robots. */
export const SubscribeInput = z
  .object({
    email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
    lang: z.enum(LANGS),
    topics: z.array(z.enum(NEWSLETTER_TOPICS)).max(NEWSLETTER_TOPICS.length).default([]),
    website: z.string().max(200).default(""),
  })
  .strict();
export type SubscribeInput = z.output<typeof SubscribeInput>;

/** An issue as the editor writes it: subject and introduction per language, the topics it is about. */
export const IssueInput = z
  .object({
    subject: Subject.edit,
    intro: Intro.edit.optional(),
    topics: z.array(z.enum(NEWSLETTER_TOPICS)).max(NEWSLETTER_TOPICS.length).default([]),
  })
  .strict();
export type IssueInput = z.output<typeof IssueInput>;

export const SendInput = z.object({ lang: z.enum(LANGS) }).strict();

/** A link's token as it appears in a path: 43 base64url characters. */
export const Token = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
