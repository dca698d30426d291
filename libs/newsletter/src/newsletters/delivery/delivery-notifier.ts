/**
 * The port the campaign admin uses to say "a newsletter is ready to send (started or resumed)". The delivery worker
 * implements it; the admin service depends on this, not on the worker.
 */
export abstract class DeliveryNotifier {
  abstract newsletterReady(): void;
}
