"""Browser tests: the form's timed autosave waits an hour.

The live server shares the test's database connection on SQLite; a draft sent by the
timer while a test reads the database would collide with that read. Autosave's own
tests send drafts the way they are sent on leaving a page (tab hidden), not by timer.
"""

import pytest


@pytest.fixture(autouse=True)
def _no_timed_autosave(settings):
    settings.AUTOSAVE_SECONDS = 3600
