import { getMetadataStorage } from 'class-validator';
import { ConfigError, PUBLIC_FORM_FIELDS, loadConfig } from '@mailroom/platform';
import { ContactCreateDto } from '../libs/contact/src/dto/contact-create.dto';
import { ManageActionDto } from '../libs/newsletter/src/subscribers/dto/manage-action.dto';
import { SubscriberChangeEmailDto } from '../libs/newsletter/src/subscribers/dto/subscriber-change-email.dto';
import { SubscriberCreateDto } from '../libs/newsletter/src/subscribers/dto/subscriber-create.dto';
import { SubscriberUnsubscribeDto } from '../libs/newsletter/src/subscribers/dto/subscriber-unsubscribe.dto';
import { TokenDto } from '../libs/newsletter/src/subscribers/dto/token.dto';
import { startAdminApp } from './support/admin';

describe('the honeypot field', () => {
  it('knows every field the public forms send (a new one must be added to PUBLIC_FORM_FIELDS)', () => {
    const storage = getMetadataStorage();
    const dtos = [
      ContactCreateDto,
      SubscriberCreateDto,
      SubscriberUnsubscribeDto,
      SubscriberChangeEmailDto,
      ManageActionDto,
      TokenDto,
    ];
    const fields = new Set(
      dtos.flatMap((dto) => storage.getTargetValidationMetadatas(dto, '', true, false).map((m) => m.propertyName)),
    );
    expect(fields.size).toBeGreaterThan(10);
    expect([...fields].filter((field) => !PUBLIC_FORM_FIELDS.has(field))).toEqual([]);
  });

  it('cannot name a real field, in the environment or in the dashboard', async () => {
    expect(() => loadConfig({ HONEYPOT_FIELD: 'company', DATABASE_URL: ':memory:' })).toThrow(ConfigError);
    expect(() => loadConfig({ HONEYPOT_FIELD: 'Email', DATABASE_URL: ':memory:' })).toThrow(/HONEYPOT_FIELD/);
    const { t, owner } = await startAdminApp();
    try {
      for (const value of ['company', 'timeline', 'name', 'source']) {
        const response = await owner.request('/admin/api/settings/HONEYPOT_FIELD', { method: 'PUT', body: { value } });
        expect([value, response.status]).toEqual([value, 400]);
      }
      const ok = await owner.request('/admin/api/settings/HONEYPOT_FIELD', { method: 'PUT', body: { value: 'fax' } });
      expect(ok.status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
