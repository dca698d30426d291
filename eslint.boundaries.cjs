// @ts-check
/**
 * Which code may import which (docs/architecture.md, "Import direction"). Kept apart from eslint.config.mjs so a unit
 * test can prove each boundary is enforced.
 *
 *   platform  ←  auth  ←  contact, newsletter, settings, monitoring  ←  apps
 *
 * Libraries never import the apps; the four domain libraries never import each other (what they share lives in
 * platform, or reaches them through a port); in the dashboard, a feature never imports another feature (shared code
 * lives in components/ and lib/).
 */
const DOMAINS = ['contact', 'newsletter', 'settings', 'monitoring'];
const FEATURES = [
  'audit',
  'auth',
  'dashboard',
  'newsletters',
  'outbox',
  'settings',
  'submissions',
  'subscribers',
  'users',
];

/** A library by its alias, or by a relative path into its folder. */
const libraries = (names) =>
  names.flatMap((name) => [`@mailroom/${name}`, `@mailroom/${name}/*`, `**/libs/${name}/**`, `**/${name}/src/**`]);
const noApps = { group: ['**/apps/**'], message: 'Libraries never import the apps.' };

/** One rule object per layer: the libraries it must not reach. */
function layer(files, forbidden, why) {
  const patterns = [noApps];
  if (forbidden.length > 0) patterns.push({ group: libraries(forbidden), message: why });
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

module.exports = [
  layer(['libs/platform/**/*.ts'], ['auth', ...DOMAINS], 'platform is the bottom layer: it imports no other library.'),
  layer(['libs/auth/**/*.ts'], DOMAINS, 'auth sits below the domains: it imports only platform.'),
  ...DOMAINS.map((domain) =>
    layer(
      [`libs/${domain}/**/*.ts`],
      DOMAINS.filter((other) => other !== domain),
      'Domain libraries do not import each other: share through platform or a port.',
    ),
  ),
  ...FEATURES.map((feature) => ({
    files: [`admin-ui/src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: FEATURES.filter((other) => other !== feature).flatMap((other) => [
                `../${other}/**`,
                `../../${other}/**`,
                `../../../features/${other}/**`,
                `**/features/${other}/**`,
              ]),
              message: 'Dashboard features do not import each other: move shared code to components/ or lib/.',
            },
          ],
        },
      ],
    },
  })),
];
