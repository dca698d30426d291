/**
 * The port services use to say "mail was queued, send it soon". The outbox dispatcher implements it; services
 * depend on this, not on the dispatcher, so they never reach into the sender's loop.
 */
export abstract class OutboxNotifier {
  /** Called after the transaction that queued the mail committed. */
  abstract mailQueued(): void;
}
