# syntax=docker/dockerfile:1
# Build: install everything (native modules compile here), build, then keep only production dependencies.
# Node 24 LTS, the runtime CI tests. better-sqlite3 12 compiled against Node 24.19+ headers aborts at garbage
# collection (nodejs/node#65446), so native modules compile against 24.18.1's headers, which run on every 24.x
# (as scripts/test-node24.sh does; better-sqlite3 13 fixes it once Node 20 is dropped).
FROM node:24-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
RUN npm install --prefix /opt/node-headers --no-save --no-audit --no-fund node@24.18.1 \
  && dirname "$(dirname "$(dirname "$(find /opt/node-headers/node_modules -path '*/include/node/node.h' | head -n 1)")")" > /opt/node-headers/dir
# The admin UI is an npm workspace: its package.json must be there for `npm ci` to install it.
COPY package.json package-lock.json .npmrc ./
COPY admin-ui/package.json ./admin-ui/
RUN npm_config_nodedir="$(cat /opt/node-headers/dir)" npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY admin-ui ./admin-ui
# Builds the API and the dashboard; the dashboard's packages are build-time only (devDependencies), so pruning
# leaves the runtime image with the server's dependencies and the dashboard's static files.
RUN npm run build && npm prune --omit=dev

# Runtime: the same Node LTS image (so better-sqlite3's binary matches), no compilers, non-root.
FROM node:24-bookworm-slim
# No DATABASE_URL here: it would win over the seed's POSTGRES_URL. The entrypoint defaults it to the volume's SQLite
# file only when neither is set.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=5002 ENABLE_JSON_LOGS=true
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/admin-ui/dist ./admin-ui/dist
COPY package.json ./
COPY bin ./bin
COPY docker/entrypoint.sh /usr/local/bin/mailroom-entrypoint
RUN mkdir -p /app/data && chown node:node /app/data && chmod +x /usr/local/bin/mailroom-entrypoint
USER node
VOLUME ["/app/data"]
EXPOSE 5002
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||5002)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["mailroom-entrypoint"]
