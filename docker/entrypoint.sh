#!/bin/sh
# Applies migrations, then starts the API, or the delivery worker when MAILROOM_ROLE=worker.
# The database: DATABASE_URL, else the seed's POSTGRES_URL, else SQLite in the /app/data volume.
set -e
if [ -z "${DATABASE_URL:-}" ] && [ -z "${POSTGRES_URL:-}" ]; then
  export DATABASE_URL=sqlite:////app/data/forms.db
fi
node bin/mailroom.js migrate
if [ "${MAILROOM_ROLE:-api}" = "worker" ]; then
  exec node dist/apps/worker/src/main.js
fi
exec node dist/apps/api/src/main.js
