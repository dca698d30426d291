/** Metric names in one place: `promtool check metrics` wants counters to end in _total and units in the name. */
export const METRIC = {
  httpRequests: 'http_requests_total',
  httpDuration: 'http_request_duration_seconds',
  contactSubmissions: 'mailroom_contact_submissions_total',
  rateLimitHits: 'mailroom_rate_limit_hits_total',
  rateLimitStoreErrors: 'mailroom_rate_limit_store_errors_total',
  emails: 'mailroom_emails_total',
  outboxDepth: 'mailroom_outbox_depth',
  newsletterEvents: 'mailroom_newsletter_events_total',
  newsletterMessages: 'mailroom_newsletter_messages_total',
  newsletterQueueDepth: 'mailroom_newsletter_queue_depth',
  smtpSendDuration: 'mailroom_smtp_send_duration_seconds',
} as const;
