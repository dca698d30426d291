import 'reflect-metadata';
import { bootstrapProcess } from '@mailroom/platform/bootstrap';
import { createApp } from './create-app';

void bootstrapProcess(async (config) => {
  const app = await createApp(config);
  await app.listen({ host: config.http.host, port: config.http.port });
  return {
    app,
    message: `Mailroom API listening on http://${config.http.host}:${config.http.port} (public URL ${config.publicUrl})`,
  };
});
