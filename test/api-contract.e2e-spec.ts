import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAdminApp, type AdminSession } from './support/admin';
import { newContact, postJson, type TestApp } from './support/app';
import { seedSubscribers, waitForNewsletter } from './support/newsletters';
import { TestSmtpServer } from './support/smtp';

/**
 * The admin UI's response types are generated from the OpenAPI document, so the document must be true: every answer
 * below is checked against its documented schema, with undocumented fields refused (additionalProperties: false).
 */
type Schema = Record<string, unknown>;

/** OpenAPI 3.0 schemas as strict JSON Schema: `nullable` spelled as a null type, undocumented fields refused. */
function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (!node || typeof node !== 'object') return node;
  const copy: Schema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, closed(value)]));
  if (copy.nullable === true) {
    delete copy.nullable;
    if (typeof copy.type === 'string') copy.type = [copy.type, 'null'];
    else if (Array.isArray(copy.oneOf)) copy.oneOf = [...(copy.oneOf as unknown[]), { type: 'null' }];
  }
  if (copy.type === 'object' && copy.properties && copy.additionalProperties === undefined)
    copy.additionalProperties = false;
  return copy;
}

describe('responses match the OpenAPI document', () => {
  let t: TestApp;
  let owner: AdminSession;
  const smtp = new TestSmtpServer();
  let validatorFor: (schema: string, array?: boolean) => ValidateFunction;

  beforeAll(async () => {
    await smtp.start();
    ({ t, owner } = await startAdminApp({ ...smtp.env(), RATE_LIMIT_MAX: '0', DOUBLE_OPT_IN: 'false' }));
    const document = JSON.parse(readFileSync(join(__dirname, '../admin-ui/openapi.json'), 'utf8')) as {
      components: { schemas: Record<string, Schema> };
    };
    // strict off: OpenAPI's `example` is not a JSON Schema keyword.
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'openapi', components: closed(document.components) }, 'openapi');
    validatorFor = (schema, array = false) =>
      ajv.compile(
        array
          ? { type: 'array', items: { $ref: `openapi#/components/schemas/${schema}` } }
          : { $ref: `openapi#/components/schemas/${schema}` },
      );
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const check = async (schema: string, response: Response | Promise<Response>, array = false) => {
    const answer = await response;
    expect({ schema, status: answer.status < 300 }).toEqual({ schema, status: true });
    const body: unknown = await answer.json();
    const validate = validatorFor(schema, array);
    expect({ schema, valid: validate(body), errors: validate.errors ?? null }).toEqual({
      schema,
      valid: true,
      errors: null,
    });
    return body;
  };

  it('every admin answer the dashboard reads', async () => {
    await postJson(t.url, '/api/contact', newContact({ company: 'Analytical Engines', timeline: 'Soon' }));
    await postJson(t.url, '/api/newsletter', { email: 'ada@contract.test', name: 'Ada', metadata: { plan: 'pro' } });
    await seedSubscribers(t, 3, { prefix: 'contract' });

    await check('SessionDto', owner.request('/auth/session'));
    await check('ContactSubmissionPageDto', owner.request('/admin/api/contact'));
    await check('ContactSubmissionViewDto', owner.request('/admin/api/contact/1'));
    await check(
      'ContactSubmissionViewDto',
      owner.request('/admin/api/contact/1', { method: 'PATCH', body: { status: 'read' } }),
    );
    const subscribers = (await check('SubscriberPageDto', owner.request('/admin/api/newsletter'))) as {
      items: { id: number }[];
    };
    await check('SubscriberDetailDto', owner.request(`/admin/api/newsletter/${subscribers.items[0].id}`));
    await check(
      'SubscriberViewDto',
      owner.request(`/admin/api/newsletter/${subscribers.items[0].id}`, {
        method: 'PATCH',
        body: { name: 'Renamed' },
      }),
    );
    await check(
      'SubscriberImportReportDto',
      owner.request('/admin/api/newsletter/import', {
        method: 'POST',
        body: { csv: 'email,name\nnew@contract.test,New\nbad,Bad', dry_run: true },
      }),
    );
    await check('StatsDto', owner.request('/admin/api/stats'));
    await check('SettingViewDto', owner.request('/admin/api/settings'), true);
    await check(
      'SettingViewDto',
      owner.request('/admin/api/settings/SITE_NAME', { method: 'PUT', body: { value: 'Contract' } }),
    );
    await check('AdminAccountDto', owner.request('/admin/api/users'), true);
    await check('AuditPageDto', owner.request('/admin/api/audit'));

    const draft = (await check(
      'NewsletterViewDto',
      owner.request('/admin/api/newsletters', { method: 'POST', body: { subject: 'Contract', body: 'Hi {{name}}' } }),
    )) as { id: number };
    await check('NewsletterPageDto', owner.request('/admin/api/newsletters'));
    await check(
      'RenderedNewsletterDto',
      owner.request('/admin/api/newsletters/render', { method: 'POST', body: { subject: 'S', body: 'B' } }),
    );
    await check('NewsletterPreviewDto', owner.request(`/admin/api/newsletters/${draft.id}/preview`));
    await check(
      'TestSendResultDto',
      owner.request(`/admin/api/newsletters/${draft.id}/test`, {
        method: 'POST',
        body: { emails: ['me@contract.test'] },
      }),
    );
    await check(
      'NewsletterViewDto',
      owner.request(`/admin/api/newsletters/${draft.id}/send`, { method: 'POST', body: {} }),
    );
    await waitForNewsletter(owner, draft.id, 'sent', 30_000);
    await check('NewsletterDetailDto', owner.request(`/admin/api/newsletters/${draft.id}`));
    await check('DeliveryPageDto', owner.request(`/admin/api/newsletters/${draft.id}/deliveries`));
    await check('SubscriberDetailDto', owner.request(`/admin/api/newsletter/${subscribers.items[0].id}`));
  });
});
