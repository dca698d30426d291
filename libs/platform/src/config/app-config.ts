import type { DkimSettings } from './dkim';
import type { DatabaseTarget } from './database-url';

export type NodeEnv = 'development' | 'production' | 'test';

/**
 * The validated, typed configuration. Built once at boot by `loadConfig`; everything else injects this class
 * (it doubles as the DI token) and never reads `process.env`.
 */
export abstract class AppConfig {
  abstract readonly env: NodeEnv;
  /** Variables the environment (or .env) set explicitly, so settings can say where a value comes from. */
  abstract readonly fromEnvironment: ReadonlySet<string>;
  abstract readonly http: {
    readonly host: string;
    readonly port: number;
    /** Fastify's trustProxy: false, a hop count, or a list of addresses/CIDRs. */
    readonly trustProxy: false | number | string[];
    readonly bodyLimitBytes: number;
    readonly openApiDocs: boolean;
    /** API processes (Node cluster workers); 1 runs the API in this process. */
    readonly processes: number;
    /** Longest a request may take to arrive; also how long shutdown waits for requests in flight. */
    readonly requestTimeoutMs: number;
    /** How long a live-progress stream lasts before the browser reconnects (its session is re-checked every second). */
    readonly eventStreamMaxMs: number;
    /** The built admin UI served at /admin. */
    readonly adminUiDir: string;
  };
  abstract readonly publicUrl: string;
  abstract readonly siteName: string;
  abstract readonly secretKey: string;
  abstract readonly database: DatabaseTarget;
  abstract readonly redisUrl: string | undefined;
  abstract readonly smtp: {
    readonly host: string | undefined;
    readonly port: number;
    readonly username: string | undefined;
    readonly password: string | undefined;
    readonly sender: string | undefined;
    readonly senderName: string;
    readonly recipients: readonly string[];
    readonly useTls: boolean;
    /** Signs every mail (DKIM_*); undefined: unsigned. */
    readonly dkim: DkimSettings | undefined;
  };
  abstract readonly rateLimit: { readonly max: number; readonly windowSeconds: number };
  abstract readonly origins: { readonly strict: boolean; readonly allowed: readonly string[] };
  abstract readonly logging: { readonly json: boolean; readonly requests: boolean; readonly level: string };
  abstract readonly sentry: { readonly dsn: string | undefined; readonly tracesSampleRate: number };
  abstract readonly metricsToken: string | undefined;
  abstract readonly contact: { readonly honeypotField: string; readonly thankYouUrl: string | undefined };
  abstract readonly admin: {
    /** The first admin, created when none exists. */
    readonly bootstrapUsername: string;
    readonly bootstrapPassword: string | undefined;
    /** Always mark the session cookie Secure (it is also Secure whenever the request came over https). */
    readonly cookieSecure: boolean;
    readonly sessionIdleMs: number;
    readonly sessionMaxMs: number;
  };
  abstract readonly newsletter: {
    /** Subscribers confirm by email before they count (the default); false subscribes on the form alone. */
    readonly doubleOptIn: boolean;
    /** Address for mailto: in List-Unsubscribe, beside the one-click URL. */
    readonly unsubscribeMailto: string | undefined;
    /** The sender's postal address, printed in every newsletter's footer (anti-spam laws ask for one). */
    readonly postalAddress: string | undefined;
  };
  abstract readonly delivery: {
    /** Newsletter messages per second across this process (0: as fast as the SMTP server takes them). */
    readonly ratePerSecond: number;
    /** SMTP connections (and messages in flight) for newsletters, per process. */
    readonly concurrency: number;
    readonly batchSize: number;
    readonly leaseMs: number;
    readonly maxAttempts: number;
    readonly retryBaseMs: number;
    /** After this many transient SMTP failures in a row the transport rests for transportPauseMs. */
    readonly transportPauseAfter: number;
    readonly transportPauseMs: number;
    /** A scheduled newsletter found more than this late (the service was down) is not sent by surprise. */
    readonly scheduleGraceMs: number;
  };
  abstract readonly retention: {
    /** Contact submissions older than this many days are purged; 0 keeps them forever. */
    readonly contactDays: number;
    /** Audit entries older than this many days are purged; 0 keeps them forever. */
    readonly auditDays: number;
  };
  abstract readonly outbox: {
    /** Run the delivery dispatcher inside the API process (the embedded default). */
    readonly embeddedDispatcher: boolean;
    readonly pollIntervalMs: number;
    readonly maxAttempts: number;
    readonly batchSize: number;
    /** How long a claimed job stays with its worker; after that it is due again (the worker is presumed dead). */
    readonly leaseMs: number;
    readonly retryBaseMs: number;
  };
}
