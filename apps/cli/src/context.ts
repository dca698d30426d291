import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { userInfo } from 'node:os';
import {
  ConfigModule,
  DatabaseModule,
  commandLineActor,
  loadProcessConfig,
  type AppConfig,
  type AuditActor,
} from '@mailroom/platform';

/** Who ran the command, for the audit log: there is no signed-in admin here, so the OS account names them. */
export function operator(): AuditActor {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // no passwd entry (some containers): the entry still says it came from the command line
  }
  return commandLineActor(name);
}

/** The configuration from the environment and ./.env, as the API reads it. */
export const commandConfig = (): AppConfig => loadProcessConfig();

/**
 * Runs `work` in a Nest application context holding just what a command needs (the configuration and database are
 * always there), then closes it. No HTTP, no background loops: commands start nothing that outlives them.
 */
export async function withContext<T>(
  config: AppConfig,
  imports: (Type | DynamicModule)[],
  work: (context: INestApplicationContext) => Promise<T>,
): Promise<T> {
  // Commands never send in the background: the API or the worker drains what a command queues.
  const quiet = { ...config, outbox: { ...config.outbox, embeddedDispatcher: false } } as AppConfig;
  @Module({ imports: [ConfigModule.forRoot(quiet), DatabaseModule, ...imports] })
  class CommandModule {}
  const context = await NestFactory.createApplicationContext(CommandModule, { logger: ['error', 'warn'] });
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}
