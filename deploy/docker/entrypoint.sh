#!/bin/sh
# Selects the service to run: the first argument, else $SERVICE. `exec` makes Node PID 1 so it
# receives SIGTERM directly and drains (every service installs its own signal handlers).
set -eu
service="${1:-${SERVICE:-}}"
case "$service" in
  router)
    exec node router/src/main.ts ;;
  identity | personality | memory | quest | conversation)
    exec node "subgraphs/$service/src/main.ts" ;;
  telegram)
    exec node clients/telegram/src/main.ts ;;
  x)
    exec node clients/x/src/main.ts ;;
  *)
    echo "usage: <image> router|identity|personality|memory|quest|conversation|telegram|x (or set SERVICE); got '${service}'" >&2
    exit 64 ;;
esac
