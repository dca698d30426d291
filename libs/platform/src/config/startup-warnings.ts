import type { AppConfig } from './app-config';

/** Settings that start fine but are probably not what the operator meant; logged once at boot. */
export function startupWarnings(config: AppConfig): string[] {
  const warnings: string[] = [];
  const production = config.env === 'production';
  if (production && config.metricsToken === undefined)
    warnings.push('/metrics is public: set METRICS_TOKEN so only Prometheus can read it');
  if (config.newsletter.doubleOptIn && config.smtp.host === undefined)
    warnings.push(
      'DOUBLE_OPT_IN is on but SMTP_HOST is not set: nobody can confirm a subscription (their mails are skipped)',
    );
  if (production && !config.fromEnvironment.has('PUBLIC_URL'))
    warnings.push(`PUBLIC_URL is not set: links in emails point to ${config.publicUrl}`);
  return warnings;
}
