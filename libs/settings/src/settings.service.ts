import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Actor } from '@mailroom/auth';
import { AppConfig, AuditLog, ValidationFailed } from '@mailroom/platform';
import { SETTINGS, parseSetting, type Mutable, type SettingDefinition, type SettingValue } from './setting-definitions';
import { SettingReadOnly, UnknownSetting } from './settings.errors';
import { SettingsRepository } from './settings.repository';

/** How often each instance re-reads the settings table: changes reach every instance within this. */
const REFRESH_MS = 2000;

export interface SettingView {
  readonly key: string;
  readonly group: SettingDefinition['group'];
  readonly type: SettingDefinition['type'];
  readonly description: string;
  readonly value: SettingValue;
  readonly source: 'default' | 'environment' | 'database';
  readonly editable: boolean;
  readonly secret: boolean;
}

/**
 * Settings stored in the database overlay the validated environment configuration. They are applied to the one
 * shared AppConfig object, which every service reads at request time, so a change takes effect on the next request.
 */
@Injectable()
export class SettingsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SettingsService.name);
  /** The environment's (or default) value of each editable setting, to return to on DELETE. */
  private readonly baseline = new Map<string, SettingValue>();
  private readonly overridden = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly settings: SettingsRepository,
    private readonly audit: AuditLog,
  ) {
    for (const definition of SETTINGS) baseline(this.baseline, definition, config);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(
      () => void this.refresh().catch((e: Error) => this.logger.warn(`Settings refresh failed: ${e.message}`)),
      REFRESH_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  list(): SettingView[] {
    return SETTINGS.map((definition) => this.view(definition));
  }

  async set(key: string, raw: unknown, actor: Actor): Promise<SettingView> {
    const definition = this.editable(key);
    const parsed = parseSetting(definition, raw);
    if ('problem' in parsed) throw new ValidationFailed({ value: parsed.problem });
    const before = definition.read(this.config);
    await this.settings.save(key, JSON.stringify(parsed.value), actor.username);
    this.apply(definition, parsed.value);
    await this.audit.recordBy(
      actor,
      'setting.update',
      key,
      definition.secret ? undefined : { from: before, to: parsed.value },
    );
    return this.view(definition);
  }

  async reset(key: string, actor: Actor): Promise<SettingView> {
    const definition = this.editable(key);
    await this.settings.remove(key);
    this.restore(definition);
    await this.audit.recordBy(actor, 'setting.reset', key);
    return this.view(definition);
  }

  /** Applies what the database holds now: new and changed values, and returns removed ones to their baseline. */
  async refresh(): Promise<void> {
    const stored = new Map((await this.settings.all()).map((row) => [row.key, row.value]));
    for (const definition of SETTINGS) {
      if (!definition.write) continue;
      const value = stored.get(definition.key);
      if (value === undefined) {
        if (this.overridden.has(definition.key)) this.restore(definition);
        continue;
      }
      const parsed = parseSetting(definition, JSON.parse(value) as unknown);
      if ('value' in parsed) this.apply(definition, parsed.value);
    }
  }

  private editable(key: string): SettingDefinition {
    const definition = SETTINGS.find((s) => s.key === key);
    if (!definition) throw new UnknownSetting();
    if (definition.environmentOnly || !definition.write) throw new SettingReadOnly();
    return definition;
  }

  private apply(definition: SettingDefinition, value: SettingValue): void {
    definition.write!(this.config as unknown as Mutable, value);
    this.overridden.add(definition.key);
  }

  private restore(definition: SettingDefinition): void {
    definition.write!(this.config as unknown as Mutable, this.baseline.get(definition.key) ?? null);
    this.overridden.delete(definition.key);
  }

  private view(definition: SettingDefinition): SettingView {
    const value = definition.read(this.config);
    return {
      key: definition.key,
      group: definition.group,
      type: definition.type,
      description: definition.description,
      value: definition.secret && value !== null ? '********' : value,
      source: this.overridden.has(definition.key)
        ? 'database'
        : this.config.fromEnvironment.has(definition.key)
          ? 'environment'
          : 'default',
      editable: !definition.environmentOnly && definition.write !== undefined,
      secret: definition.secret === true,
    };
  }
}

function baseline(into: Map<string, SettingValue>, definition: SettingDefinition, config: AppConfig): void {
  if (definition.write) into.set(definition.key, definition.read(config));
}
