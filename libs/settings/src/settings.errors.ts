import { ValidationFailed } from '@mailroom/platform';
import { SETTINGS } from './setting-definitions';

export class UnknownSetting extends ValidationFailed {
  constructor() {
    super({ key: `is not a setting; known: ${SETTINGS.map((s) => s.key).join(', ')}` });
  }
}

export class SettingReadOnly extends ValidationFailed {
  constructor() {
    super({ key: 'is set by the environment only and cannot be changed here' });
  }
}
