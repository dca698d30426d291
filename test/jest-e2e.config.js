/**
 * The e2e suite, run against real services. It always runs on SQLite; the same files run again on PostgreSQL when
 * TEST_POSTGRES_URL is set, and the Redis cases run when TEST_REDIS_URL is set (.ci/run sets both).
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('../tsconfig.json');
const esmDeps = require('../jest.esm-deps');

const root = require('node:path').resolve(__dirname, '..');

const base = {
  rootDir: root,
  testEnvironment: 'node',
  testRegex: 'test/.*\\.e2e-spec\\.ts$',
  transformIgnorePatterns: esmDeps.transformIgnorePatterns,
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }], ...esmDeps.transform },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
};

const projects = [{ ...base, displayName: 'sqlite', setupFiles: ['<rootDir>/test/support/use-sqlite.js'] }];
if (process.env.TEST_POSTGRES_URL) {
  projects.push({ ...base, displayName: 'postgres', setupFiles: ['<rootDir>/test/support/use-postgres.js'] });
}

// forceExit: a safety net so a leaked socket can never hang CI; every test closes what it opens.
module.exports = {
  projects,
  rootDir: root,
  testTimeout: 60_000,
  forceExit: true,
  globalSetup: '<rootDir>/test/support/global-setup.js',
};
