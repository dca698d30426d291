import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { envSchema, parseDatabaseUrl } from '@mailroom/platform';
import { testDialect } from './support/database';

// No container engine runs here, so the deployment files are checked by reading them against what the app really
// reads and what the build really produces.
const root = resolve(__dirname, '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const KNOWN = new Set(Object.keys(envSchema.shape));
/** Read by docker/entrypoint.sh rather than the app. */
const ENTRYPOINT_VARIABLES = new Set(
  [...read('docker/entrypoint.sh').matchAll(/\$\{([A-Z_]+)/g)].map((match) => match[1]),
);

interface Service {
  build?: unknown;
  image?: string;
  command?: unknown;
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  env_file?: { path: string }[];
  depends_on?: Record<string, unknown>;
}

const compose = (file: string) =>
  parse(read(file), { merge: true }) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const isMailroom = (service: Service) => service.image === 'mailroom';

const describeOnce = testDialect() === 'sqlite' ? describe : describe.skip;

describeOnce('deployment files', () => {
  const dockerfile = read('Dockerfile');

  it.each(['docker-compose.yml', 'docker-compose.redis.yml'])(
    '%s: every Mailroom service sets only variables the app reads, on the port and volume it uses',
    (file) => {
      const { services, volumes = {} } = compose(file);
      const mailroom = Object.entries(services).filter(([, service]) => isMailroom(service));
      expect(mailroom.length).toBeGreaterThan(0);
      for (const [name, service] of mailroom) {
        const environment = service.environment ?? {};
        for (const key of Object.keys(environment)) {
          expect({ service: name, key, known: KNOWN.has(key) || ENTRYPOINT_VARIABLES.has(key) }).toEqual({
            service: name,
            key,
            known: true,
          });
        }
        // The values themselves pass the same validation as at boot.
        const values = Object.fromEntries(Object.entries(environment).filter(([key]) => KNOWN.has(key)));
        expect(envSchema.safeParse(values).success).toBe(true);
        const port = environment.PORT ?? '5002';
        for (const mapping of service.ports ?? []) expect(mapping.split(':').at(-1)).toBe(port);
        if (service.command !== undefined) throw new Error(`${name}: the entrypoint chooses the command`);
        for (const env of service.env_file ?? []) expect(env.path).toBe('.env');
        for (const volume of service.volumes ?? []) {
          const [source, target] = volume.split(':');
          expect(target).toBe('/app/data');
          // A named volume: a bind mount Docker creates is root's, and the image runs as the node user.
          expect(source.startsWith('.') || source.startsWith('/')).toBe(false);
          expect(volumes).toHaveProperty(source);
        }
        const database = parseDatabaseUrl(environment.DATABASE_URL ?? 'sqlite:////app/data/forms.db', '/app');
        if (database.type === 'sqlite') {
          expect(database.path.startsWith('/app/data/')).toBe(true);
        } else {
          const host = new URL(database.url).hostname;
          expect(services).toHaveProperty(host);
          const postgres = services[host].environment!;
          expect(new URL(database.url).username).toBe(postgres.POSTGRES_USER);
          expect(new URL(database.url).pathname.slice(1)).toBe(postgres.POSTGRES_DB);
        }
        if (environment.REDIS_URL) expect(services).toHaveProperty(new URL(environment.REDIS_URL).hostname);
        for (const dependency of Object.keys(service.depends_on ?? {})) expect(services).toHaveProperty(dependency);
      }
      expect(existsSync(join(root, '.env.example'))).toBe(true);
    },
  );

  it('the scale-out file runs several API processes and a worker, with only the worker sending', () => {
    const { services } = compose('docker-compose.redis.yml');
    const mailroom = Object.values(services).filter(isMailroom);
    const workers = mailroom.filter((service) => service.environment?.MAILROOM_ROLE === 'worker');
    const apis = mailroom.filter((service) => service.environment?.MAILROOM_ROLE !== 'worker');
    expect(workers).toHaveLength(1);
    expect(apis.length).toBeGreaterThanOrEqual(2);
    for (const api of apis) expect(api.environment?.OUTBOX_DISPATCHER).toBe('false');
  });

  it('the scale-out proxy reaches every API process, which trust exactly its one hop', () => {
    const { services } = compose('docker-compose.redis.yml');
    const proxy = services.proxy;
    const [mount] = (proxy.volumes ?? []).filter((volume) => volume.includes('/etc/caddy/Caddyfile'));
    const caddyfile = read(mount.split(':')[0]);
    const upstreams = /reverse_proxy ([^{\n]+)\{/.exec(caddyfile)![1].trim().split(/\s+/);
    const apis = Object.entries(services).filter(
      ([, service]) => isMailroom(service) && service.environment?.MAILROOM_ROLE !== 'worker',
    );
    expect(upstreams.sort()).toEqual(apis.map(([name, service]) => `${name}:${service.environment?.PORT}`).sort());
    for (const [, api] of apis) {
      expect(api.ports ?? []).toEqual([]); // only through the proxy
      expect(api.environment?.TRUST_PROXY).toBe('1');
    }
    expect(caddyfile).toMatch(/health_uri \/health\/ready/);
    expect(caddyfile).toMatch(/flush_interval -1/);
    const [published] = proxy.ports!;
    expect(published.split(':').at(-1)).toBe(/^:(\d+) \{/m.exec(caddyfile)![1]);
  });

  it('the Dockerfile copies what exists, ships the build npm start runs, and checks /health on the port it exposes', () => {
    for (const [, sources] of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const source of sources.split(/\s+/))
        expect({ source, exists: existsSync(join(root, source)) }).toEqual({ source, exists: true });
    }
    // What the entrypoint runs is what the build produces.
    for (const [, script] of read('docker/entrypoint.sh').matchAll(/node (dist\/\S+\.js)/g)) {
      expect({ script, built: existsSync(join(root, script)) }).toEqual({ script, built: true });
    }
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts['start:prod'];
    expect(read('docker/entrypoint.sh')).toContain(start);
    expect(dockerfile).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
    // The dashboard the API serves at /admin (ADMIN_UI_DIR's default, relative to WORKDIR /app).
    expect(dockerfile).toMatch(/COPY --from=build \/app\/admin-ui\/dist \.\/admin-ui\/dist/);
    expect(dockerfile).toMatch(/^WORKDIR \/app$/m);
    expect(dockerfile).toMatch(/COPY admin-ui\/package\.json [\s\S]*RUN .*npm ci/);
    // Everything the dashboard needs at build time is a devDependency, so the runtime image does not carry it.
    expect((JSON.parse(read('admin-ui/package.json')) as { dependencies?: object }).dependencies).toBeUndefined();
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/health/);
    expect(dockerfile).toMatch(/^EXPOSE 5002$/m);
    expect(dockerfile).toMatch(/^VOLUME \["\/app\/data"\]$/m);
    for (const [, assignments] of dockerfile.matchAll(/^ENV (.+)$/gm)) {
      for (const [, key] of assignments.matchAll(/([A-Z_]+)=/g))
        expect({ key, known: KNOWN.has(key) }).toEqual({ key, known: true });
    }
    // Build and runtime stages use the same Node LTS image, so native modules match.
    const images = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]);
    expect(new Set(images).size).toBe(1);
    // Node 24 LTS: the runtime CI tests, with native modules built against the headers CI builds them against.
    expect(images[0]).toMatch(/^node:24-/);
    expect(dockerfile).toMatch(/node@24\.18\.1[\s\S]*npm_config_nodedir=[^\n]*npm ci/);
    // The command line runs from the build inside the image.
    expect(dockerfile).toMatch(/^COPY bin \.\/bin$/m);
    expect(existsSync(join(root, 'dist/apps/cli/src/main.js'))).toBe(true);
  });

  it("the image honours the seed's POSTGRES_URL: no baked DATABASE_URL, SQLite only when neither is set", () => {
    for (const [, assignments] of dockerfile.matchAll(/^ENV (.+)$/gm))
      expect(assignments).not.toContain('DATABASE_URL');
    // The entrypoint runs here with a stand-in `node` that reports what it would have been given.
    const bin = mkdtempSync(join(tmpdir(), 'mailroom-entrypoint-'));
    try {
      writeFileSync(join(bin, 'node'), '#!/bin/sh\necho "node $* DATABASE_URL=${DATABASE_URL:-unset}"\n', {
        mode: 0o755,
      });
      const entrypoint = (env: Record<string, string>) =>
        execFileSync('sh', [join(root, 'docker/entrypoint.sh')], {
          cwd: root,
          env: { PATH: `${bin}:/usr/bin:/bin`, ...env },
          encoding: 'utf8',
        });
      const seed = entrypoint({ POSTGRES_URL: 'postgres://db/mailroom' });
      expect(seed).toContain('node bin/mailroom.js migrate DATABASE_URL=unset');
      expect(seed).toContain('node dist/apps/api/src/main.js DATABASE_URL=unset');
      expect(parseDatabaseUrl('postgres://db/mailroom', root).type).toBe('postgres');
      expect(entrypoint({})).toContain('node dist/apps/api/src/main.js DATABASE_URL=sqlite:////app/data/forms.db');
      expect(entrypoint({ DATABASE_URL: 'postgres://other/db', MAILROOM_ROLE: 'worker' })).toContain(
        'node dist/apps/worker/src/main.js DATABASE_URL=postgres://other/db',
      );
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
