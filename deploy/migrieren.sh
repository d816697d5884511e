#!/bin/sh
# The compose service `migrate`: migrations as the database owner, then the app's least-privilege role
# (the security issue's `manage.py datenbankrollen` where present, else plain DML grants). Idempotent.
set -eu
python manage.py migrate --noinput
if python manage.py help datenbankrollen >/dev/null 2>&1; then
  printf '%s' "$JVG_APP_DB_PASSWORD" > /tmp/app-passwort && python manage.py datenbankrollen --app-rolle jvg_app --passwort-datei /tmp/app-passwort
  rm -f /tmp/app-passwort
else
  python - <<'PY'
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jvg_case.settings")
django.setup()
from django.db import connection  # noqa: E402
name = connection.settings_dict["NAME"]
with connection.cursor() as c:
    c.execute("SELECT 1 FROM pg_roles WHERE rolname = 'jvg_app'")
    if not c.fetchone():
        c.execute("CREATE ROLE jvg_app LOGIN")
    c.execute("ALTER ROLE jvg_app WITH LOGIN PASSWORD %s", [os.environ["JVG_APP_DB_PASSWORD"]])
    c.execute(f'GRANT CONNECT ON DATABASE "{name}" TO jvg_app')
    c.execute("GRANT USAGE ON SCHEMA public TO jvg_app")
    c.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO jvg_app")
    c.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO jvg_app")
PY
fi
