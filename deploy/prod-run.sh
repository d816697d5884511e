#!/usr/bin/env bash
# `make prod-run`: the production shape on this machine, without Docker (issue 20, docs/betrieb.md):
# PostgreSQL with an owner role (migrations) and the app's least-privilege role `jvg_app` (the app),
# Redis, gunicorn on loopback, nginx terminating TLS with a local self-signed certificate, one Celery
# worker and exactly one beat, JVG_PROFIL=production, static files collected. Ctrl-C or SIGTERM stops all.
#
# Everything is overridable by the environment (the CI test starts it on its own ports and database):
#   JVG_PROD_DIR (var/prod)  JVG_HTTPS_PORT (8443)  JVG_HTTP_PORT (8080)  JVG_GUNICORN_PORT (8001)
#   JVG_PROD_DB (jvg_prod)   PG_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres)
#   CELERY_BROKER_URL (redis://127.0.0.1:6379/0)   JVG_PROD_DEMO=1: load the demo data (never in production)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
BIN="$ROOT/.venv/bin"
PROD_DIR="$(mkdir -p "${JVG_PROD_DIR:-var/prod}" && cd "${JVG_PROD_DIR:-var/prod}" && pwd)"
HTTPS_PORT="${JVG_HTTPS_PORT:-8443}"
HTTP_PORT="${JVG_HTTP_PORT:-8080}"
GUNICORN_PORT="${JVG_GUNICORN_PORT:-8001}"
DB="${JVG_PROD_DB:-jvg_prod}"
PG_ADMIN_URL="${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
PG_HOSTPORT="$(echo "$PG_ADMIN_URL" | sed -E 's#^postgres(ql)?://[^@]*@([^/]+)/.*#\2#')"
OWNER="${JVG_PROD_OWNER:-jvg_owner}"
APP="jvg_app"
export CELERY_BROKER_URL="${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0}"

log() { echo "prod-run: $*" >&2; }

# --- Services (as .ci/run; on a real server they run as system services) -----------------------------
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true
fi
if ! command -v nginx >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light || \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx
  else log "nginx fehlt: sudo apt-get install nginx"; exit 1; fi
fi
[ -x "$BIN/gunicorn" ] || { log ".venv fehlt: zuerst make install"; exit 1; }

# --- Secrets: generated once, kept in $PROD_DIR/geheim (0600); production takes them from its vault ----
mkdir -p "$PROD_DIR/geheim" && chmod 700 "$PROD_DIR/geheim"
geheim() {  # geheim NAME LENGTH → the file's path (created on first use)
  local datei="$PROD_DIR/geheim/$1"
  if [ ! -s "$datei" ]; then (umask 077; "$BIN/python" -c "import secrets,sys; print(secrets.token_urlsafe(int(sys.argv[1])))" "$2" >"$datei"); fi
  echo "$datei"
}
SECRET_KEY_DATEI="$(geheim secret_key 64)"
OWNER_PW="$(cat "$(geheim db_owner 24)")"
APP_PW_DATEI="$(geheim db_app 24)"
APP_PW="$(cat "$APP_PW_DATEI")"
METRIKEN_TOKEN_DATEI="$(geheim metriken_token 32)"

# --- Database: the owner role owns the database and runs the migrations ------------------------------
psql_admin() { psql "$PG_ADMIN_URL" -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_admin -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$OWNER') THEN CREATE ROLE $OWNER LOGIN; END IF;
END \$\$;" -c "ALTER ROLE $OWNER WITH LOGIN NOSUPERUSER CREATEROLE PASSWORD '$OWNER_PW'"
if [ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
  psql_admin -c "CREATE DATABASE $DB OWNER $OWNER"
fi
psql_admin -c "REVOKE ALL ON DATABASE $DB FROM PUBLIC"
OWNER_URL="postgres://$OWNER:$OWNER_PW@$PG_HOSTPORT/$DB"
APP_URL="postgres://$APP:$APP_PW@$PG_HOSTPORT/$DB"

export JVG_PROFIL=production
export SECRET_KEY_FILE="$SECRET_KEY_DATEI"
export ALLOWED_HOSTS="localhost,127.0.0.1"
export CSRF_TRUSTED_ORIGINS="https://localhost:$HTTPS_PORT,https://127.0.0.1:$HTTPS_PORT"
export JVG_VAR_DIR="$PROD_DIR/daten"
export JVG_METRIKEN_TOKEN_FILE="$METRIKEN_TOKEN_DATEI"
mkdir -p "$JVG_VAR_DIR"

log "Migrationen als Eigentümerrolle $OWNER"
DATABASE_URL="$OWNER_URL" "$BIN/python" manage.py migrate --noinput
# The app's role: the security issue's command where present, else plain grants (DML only, no DDL, no
# ownership: the append-only triggers cannot be switched off by the app, PITFALLS).
if DATABASE_URL="$OWNER_URL" "$BIN/python" manage.py help datenbankrollen >/dev/null 2>&1; then
  DATABASE_URL="$OWNER_URL" "$BIN/python" manage.py datenbankrollen --app-rolle "$APP" --passwort-datei "$APP_PW_DATEI"
else
  psql "$OWNER_URL" -v ON_ERROR_STOP=1 -qAt \
    -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$APP') THEN CREATE ROLE $APP LOGIN; END IF;
    END \$\$;" \
    -c "ALTER ROLE $APP WITH LOGIN NOCREATEDB NOCREATEROLE PASSWORD '$APP_PW'" \
    -c "GRANT CONNECT ON DATABASE $DB TO $APP" \
    -c "GRANT USAGE ON SCHEMA public TO $APP" \
    -c "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO $APP" \
    -c "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO $APP"
fi
export DATABASE_URL="$APP_URL"

# Compressing every file (WhiteNoise's manifest storage) takes minutes on a busy machine: only when a
# static file or the dependencies changed since the last collection.
MANIFEST=static-collected/staticfiles.json
if [ ! -f "$MANIFEST" ] || [ -n "$(find . \( -path ./.venv -o -path ./static-collected -o -path ./var \) -prune -o \
     \( -path '*/static/*' -o -name pyproject.toml \) -newer "$MANIFEST" -print -quit)" ]; then
  log "Statische Dateien sammeln"
  "$BIN/python" manage.py collectstatic --noinput -v 0
fi
if [ "${JVG_PROD_DEMO:-0}" = 1 ]; then
  "$BIN/python" manage.py demo_daten >/dev/null
  # The load test's accounts (`make last`): one per virtual user, TOTP confirmed with a secret kept here.
  LAST_TOTP="$PROD_DIR/geheim/lasttest_totp"
  [ -s "$LAST_TOTP" ] || (umask 077; "$BIN/python" -c "import base64,secrets; print(base64.b32encode(secrets.token_bytes(20)).decode())" >"$LAST_TOTP")
  JVG_PROD_DEMO=1 "$BIN/python" manage.py lastnutzer --anzahl 60 --totp-geheimnis-datei "$LAST_TOTP"
fi

# --- TLS: a local self-signed certificate (production: the canton's certificate in the same place) ---
mkdir -p "$PROD_DIR/tls"
if [ ! -s "$PROD_DIR/tls/zertifikat.pem" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 90 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$PROD_DIR/tls/schluessel.pem" -out "$PROD_DIR/tls/zertifikat.pem" 2>/dev/null
  chmod 600 "$PROD_DIR/tls/schluessel.pem"
fi

# --- nginx configuration ----------------------------------------------------------------------------
mkdir -p "$PROD_DIR"/nginx-tmp/{body,proxy,fastcgi,uwsgi,scgi}
NGINX_USER=""
if [ "$(id -u)" = 0 ]; then NGINX_USER="user nobody nogroup;"; chown -R nobody:nogroup "$PROD_DIR/nginx-tmp"; fi
sed -e "s#@USER@#$NGINX_USER#" -e "s#@PROD_DIR@#$PROD_DIR#g" -e "s#@DEPLOY_DIR@#$ROOT/deploy#g" \
    -e "s#@GUNICORN@#127.0.0.1:$GUNICORN_PORT#" -e "s#@HTTPS_PORT@#$HTTPS_PORT#g" -e "s#@HTTP_PORT@#$HTTP_PORT#g" \
    deploy/nginx.conf.template >"$PROD_DIR/nginx.conf"
nginx -t -q -c "$PROD_DIR/nginx.conf" -p "$PROD_DIR"

# --- The processes: each one's pid is kept, and only those are stopped ------------------------------
PIDS=()
stoppen() {
  trap - INT TERM EXIT
  log "stoppe ${PIDS[*]:-}"
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  log "gestoppt"
}
trap 'stoppen; exit 0' INT TERM
trap stoppen EXIT

export PROMETHEUS_MULTIPROC_DIR="$PROD_DIR/prometheus"
rm -rf "$PROMETHEUS_MULTIPROC_DIR" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
JVG_GUNICORN_BIND="127.0.0.1:$GUNICORN_PORT" "$BIN/gunicorn" -c deploy/gunicorn.conf.py jvg_case.wsgi:application &
PIDS+=($!)
"$BIN/celery" -A jvg_case worker --loglevel=INFO --concurrency="${JVG_WORKER_CONCURRENCY:-2}" \
  --hostname="worker-$DB@%h" &
PIDS+=($!)
# Exactly one beat: the pid file refuses a second one on this machine (several machines: docs/betrieb.md).
"$BIN/celery" -A jvg_case beat --loglevel=INFO --schedule="$PROD_DIR/celerybeat-schedule" \
  --pidfile="$PROD_DIR/beat.pid" &
PIDS+=($!)
nginx -c "$PROD_DIR/nginx.conf" -p "$PROD_DIR" -g "daemon off;" &
PIDS+=($!)

log "jvg-case (Produktionsform) läuft auf https://localhost:$HTTPS_PORT/  (Ctrl-C beendet alles)"
log "Metriken: curl -k -H \"Authorization: Bearer \$(cat $METRIKEN_TOKEN_DATEI)\" https://127.0.0.1:$HTTPS_PORT/betrieb/metriken/"
# Wait until one process ends (or a signal arrives), then stop the others.
wait -n "${PIDS[@]}" || true
log "ein Prozess hat sich unerwartet beendet: stoppe die übrigen"
exit 1
