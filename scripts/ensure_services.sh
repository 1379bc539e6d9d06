#!/usr/bin/env bash
# Start this machine's PostgreSQL and Redis if they are installed but stopped. Changes nothing
# when they run, and says so when they are not installed (the tests then report it).
set -u
up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if ! up 5432; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "Starting PostgreSQL…"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  else
    echo "PostgreSQL is not running on 127.0.0.1:5432 and is not installed here."
  fi
fi
if ! up 6379; then
  if command -v redis-server >/dev/null; then
    echo "Starting Redis…"
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  else
    echo "Redis is not running on 127.0.0.1:6379 and is not installed here."
  fi
fi
for i in $(seq 1 20); do up 5432 && up 6379 && exit 0; sleep 0.5; done
exit 0
