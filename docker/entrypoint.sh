#!/bin/sh
# Applies migrations, then starts the API, or the delivery worker when MAILROOM_ROLE=worker.
set -e
node bin/mailroom.js migrate
if [ "${MAILROOM_ROLE:-api}" = "worker" ]; then
  exec node dist/apps/worker/src/main.js
fi
exec node dist/apps/api/src/main.js
