import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';

// eslint.boundaries.cjs is plain CommonJS beside eslint.config.mjs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const boundaries = require('../../../eslint.boundaries.cjs') as Linter.Config[];

/** Lints one import line as if it sat at `filePath`, with only the boundary rules on. */
async function problems(filePath: string, source: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: `${__dirname}/../../..`,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } }, ...boundaries],
  });
  const [result] = await eslint.lintText(`${source}\n`, { filePath });
  return result.messages.map((message) => message.message);
}

describe('import boundaries (eslint.boundaries.cjs)', () => {
  it.each([
    ['libs/platform/src/x.ts', "import { AuthModule } from '@mailroom/auth';"],
    ['libs/platform/src/x.ts', "import { ContactModule } from '@mailroom/contact';"],
    ['libs/auth/src/x.ts', "import { NewsletterModule } from '@mailroom/newsletter';"],
    ['libs/contact/src/x.ts', "import { SubscriberLinks } from '@mailroom/newsletter';"],
    ['libs/newsletter/src/subscribers/x.ts', "import { SettingsService } from '@mailroom/settings';"],
    ['libs/monitoring/src/x.ts', "import { ContactRepository } from '@mailroom/contact/contact.repository';"],
    ['libs/contact/src/x.ts', "import { createApp } from '../../../apps/api/src/create-app';"],
    ['libs/settings/src/x.ts', "import { AuditLog } from '../../monitoring/src/audit';"],
    ['admin-ui/src/features/users/components/x.tsx', "import { X } from '../../subscribers/api/list-subscribers';"],
    ['admin-ui/src/features/outbox/x.tsx', "import { X } from '../newsletters/api/get-newsletter';"],
  ])('%s may not say %s', async (filePath, source) => {
    expect(await problems(filePath, source)).toEqual([expect.stringMatching(/import/)]);
  });

  it.each([
    ['libs/auth/src/x.ts', "import { DatabaseService } from '@mailroom/platform';"],
    ['libs/contact/src/x.ts', "import { Roles } from '@mailroom/auth';"],
    ['apps/api/src/x.ts', "import { ContactModule } from '@mailroom/contact';"],
    ['admin-ui/src/features/users/components/x.tsx', "import { api } from '../../../lib/api-client';"],
    ['admin-ui/src/features/users/components/x.tsx', "import { X } from '../api/list-users';"],
  ])('%s may say %s', async (filePath, source) => {
    expect(await problems(filePath, source)).toEqual([]);
  });
});
