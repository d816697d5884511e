"""Issue 18 item 6: with JVG_TEST_APP_ROLLE=1 on PostgreSQL the tests run as the app role (tests/conftest.py)."""

import pytest
from django.db import connection

from tests.conftest import ALS_APP_ROLLE, _app_rolle_name

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not ALS_APP_ROLLE or connection.vendor != "postgresql",
        reason="nur mit JVG_TEST_APP_ROLLE=1 auf PostgreSQL",
    ),
]


def _sql(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


def test_a_test_runs_as_the_app_role_without_owner_rights():
    assert _sql("SELECT current_user")[0] == _app_rolle_name()
    assert _sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user") == (False,)


@pytest.mark.eigentuemer
def test_a_test_marked_eigentuemer_runs_as_the_owner():
    assert _sql("SELECT current_user")[0] != _app_rolle_name()
