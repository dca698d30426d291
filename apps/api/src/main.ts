import 'reflect-metadata';
import cluster from 'node:cluster';
import { joinMetricsAggregation, superviseCluster } from '@mailroom/platform/cluster';
import { bootstrapProcess } from '@mailroom/platform/bootstrap';
import { createApp } from './create-app';

void bootstrapProcess(async (config) => {
  // WEB_CONCURRENCY > 1: this process supervises that many API processes sharing the port.
  if (config.http.processes > 1 && cluster.isPrimary) return superviseCluster(config);
  if (cluster.isWorker) joinMetricsAggregation();
  const app = await createApp(config);
  await app.listen({ host: config.http.host, port: config.http.port });
  return {
    close: () => app.close(),
    message:
      `Mailroom API listening on http://${config.http.host}:${config.http.port} (public URL ${config.publicUrl}); ` +
      `DKIM signing ${config.smtp.dkim ? `on for ${config.smtp.dkim.domain}, selector ${config.smtp.dkim.selector}` : 'off'}`,
  };
});
