import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureApp, createFastifyAdapter, type AppConfig } from '@mailroom/platform';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';

/** Builds the API exactly as production runs it; main.ts and the e2e tests both start here. */
export async function createApp(config: AppConfig, logStream?: DestinationStream): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    createFastifyAdapter(config, logStream),
    {
      bufferLogs: true,
      // Start-up errors reach the caller (bootstrapProcess prints them), instead of Nest exiting the process.
      abortOnError: false,
    },
  );
  await configureApp(app, config);
  return app;
}
