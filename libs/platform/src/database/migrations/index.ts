import { ContactAndOutbox1732300000000 } from './1732300000000-contact-and-outbox';
import { NewsletterSubscribers1732400000000 } from './1732400000000-newsletter-subscribers';
import { AdminAccounts1732500000000 } from './1732500000000-admin-accounts';
import { Settings1732600000000 } from './1732600000000-settings';
import { AdminAtScale1732700000000 } from './1732700000000-admin-at-scale';
import { Newsletters1732800000000 } from './1732800000000-newsletters';
import { OneClock1732900000000 } from './1732900000000-one-clock';
import { SubscriberIdentity1733000000000 } from './1733000000000-subscriber-identity';
import { SqliteQuotedSchema1733100000000 } from './1733100000000-sqlite-quoted-schema';
import { SearchIndexOutsideRequests1733200000000 } from './1733200000000-search-index-outside-requests';
import { NewsletterArchive1733300000000 } from './1733300000000-newsletter-archive';
import { NewsletterTemplates1733400000000 } from './1733400000000-newsletter-templates';
import { NewsletterAudience1733500000000 } from './1733500000000-newsletter-audience';

/** Every migration, in order. Listed explicitly so the build, the CLI and tests agree without globbing. */
export const MIGRATIONS = [
  ContactAndOutbox1732300000000,
  NewsletterSubscribers1732400000000,
  AdminAccounts1732500000000,
  Settings1732600000000,
  AdminAtScale1732700000000,
  Newsletters1732800000000,
  OneClock1732900000000,
  SubscriberIdentity1733000000000,
  SqliteQuotedSchema1733100000000,
  SearchIndexOutsideRequests1733200000000,
  NewsletterArchive1733300000000,
  NewsletterTemplates1733400000000,
  NewsletterAudience1733500000000,
];
