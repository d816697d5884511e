"""The `services` tests of operations need the real PostgreSQL and Redis (pg_dump, roles, a real worker).

In CI (`.ci/run` sets CI=true and DATABASE_URL to PostgreSQL) they run and fail when a service is missing; in a
plain `make test` on the embedded SQLite default they are skipped with the reason, like every other
PostgreSQL-only test of the suite."""

import os

import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def _postgresql_fuer_services(request):
    if request.node.get_closest_marker("services") is None or connection.vendor == "postgresql":
        return
    if os.environ.get("CI"):
        pytest.fail("Dieser Test braucht PostgreSQL und Redis (CI: .ci/run setzt DATABASE_URL).")
    pytest.skip("Braucht PostgreSQL und Redis: mit DATABASE_URL=postgres://… oder über .ci/run ausführen.")
