import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _drosselung_leeren():
    """The agency API throttles per client through the cache: every test starts and ends with none counted."""
    cache.clear()
    yield
    cache.clear()
