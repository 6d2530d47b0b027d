#!/usr/bin/env bash
# peer-bench target: the project's store in production settings (DEBUG off, whitenoise
# manifest, embedded SQLite + file cache), in front of its own sandbox, which it starts
# on $STORE_SANDBOX_PORT and which run.py stops with the rest of this process tree.
# usage: serve.sh GUNICORN_ARGS...
# env: STORE_DIR (default: this repository), STORE_VENV (default: $STORE_DIR/.venv, as
# after `make install`; a git worktree can point it at the main checkout's).
set -euo pipefail
cd "${STORE_DIR:-$(dirname "${BASH_SOURCE[0]}")/../../..}"
venv=${STORE_VENV:-$PWD/.venv}
sport=${STORE_SANDBOX_PORT:-18391}
export VAR_DIR=${STORE_VAR_DIR:-${PEER_BENCH_HOME:-/tmp/peer-bench}/store-var}
mkdir -p "$VAR_DIR"
export SANDBOX_PORT=$sport SANDBOX_CONSUMER_KEY=peerbenchkey1 SANDBOX_CONSUMER_SECRET=peerbenchsecret
export SEVENDIGITAL_API_URL=http://127.0.0.1:$sport/1.2
export SEVENDIGITAL_CONSUMER_KEY=$SANDBOX_CONSUMER_KEY SEVENDIGITAL_CONSUMER_SECRET=$SANDBOX_CONSUMER_SECRET
export SANDBOX_RATE_LIMIT=1000000
export SECRET_KEY=peer-bench-not-secret-0123456789abcdefghijklmnopqrstuvwxyz
export TOKEN_ENCRYPTION_KEY=$($venv/bin/python -c 'import base64;print(base64.urlsafe_b64encode(b"p"*32).decode())')
export ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false
export LOG_LEVEL=WARNING
py=$venv/bin/python
( export DEBUG=true DJANGO_SETTINGS_MODULE=sandbox.settings
  $py manage.py migrate --noinput -v0
  $py manage.py generate_catalogue --if-empty --size demo >/dev/null 2>&1
  exec $venv/bin/gunicorn sandbox.wsgi --bind 127.0.0.1:$sport --workers 1 --threads 4 --log-level warning ) &
export DEBUG=false
$py manage.py migrate --noinput -v0
$py manage.py collectstatic --noinput -v0
for _ in $(seq 1 120); do
  curl -s -o /dev/null "http://127.0.0.1:$sport/1.2/tag?oauth_consumer_key=$SANDBOX_CONSUMER_KEY" && break
  sleep 1
done
exec $venv/bin/gunicorn "$@" storefront.wsgi:application
