from datetime import datetime

import pytest

from kern.fristen import TZ
from tests.factories import fall_anlegen


@pytest.fixture
def fall_im_vollzug(sachbearbeitung, anstalt_a):
    """Eleven months from 01.03.2026 (entry day counts): 306 days; 2/3 = 204 days → 20.09.2026."""
    return fall_anlegen(
        durch=sachbearbeitung,
        monate=11,
        eingewiesen_in=anstalt_a,
        eingewiesen_am=datetime(2026, 3, 1, 9, 0, tzinfo=TZ),
    )
