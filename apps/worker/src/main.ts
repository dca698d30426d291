import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from '@nestjs/common';
import {
  OutboxDispatcher,
  PinoNestLogger,
  RetentionService,
  SearchIndexer,
  createLogger,
  startupWarnings,
} from '@mailroom/platform';
import { bootstrapProcess } from '@mailroom/platform/bootstrap';
import { DeliveryWorker } from '@mailroom/newsletter';
import { WorkerModule } from './worker.module';

void bootstrapProcess(async (config) => {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(new PinoNestLogger(createLogger(config)));
  app.get(OutboxDispatcher).enableAutoStart();
  app.get(DeliveryWorker).enableAutoStart();
  app.get(RetentionService).enableAutoStart();
  app.get(SearchIndexer).enableAutoStart();
  await app.init();
  for (const warning of startupWarnings(config)) new Logger('Mailroom').warn(warning);
  return { close: () => app.close(), message: 'Mailroom worker started' };
});
