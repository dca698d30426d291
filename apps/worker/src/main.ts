import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { OutboxDispatcher, PinoNestLogger, RetentionService, createLogger } from '@mailroom/platform';
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
  await app.init();
  return { close: () => app.close(), message: 'Mailroom worker started' };
});
