"""Test set-up shared by every test: the collection importable as
ansible_collections.hosting.provision, and simulators served on loopback."""

import os
import sys

import pytest

TESTS_DIR = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TESTS_DIR)
# A throw-away ansible_collections/hosting/provision tree that points at this checkout.
COLLECTIONS_ROOT = os.path.join(ROOT, '.tmp', 'collections')
_LINK = os.path.join(COLLECTIONS_ROOT, 'ansible_collections', 'hosting', 'provision')
if not os.path.exists(_LINK):
    os.makedirs(os.path.dirname(_LINK), exist_ok=True)
    try:
        os.symlink(ROOT, _LINK)
    except FileExistsError:
        pass
for path in (COLLECTIONS_ROOT, TESTS_DIR):
    if path not in sys.path:
        sys.path.insert(0, path)

from simulators import create  # noqa: E402
from simulators._base import Running  # noqa: E402


@pytest.fixture
def serve():
    """serve(api, **options) -> Running simulator (stopped after the test).

    `running.url` is the base URL, `running.simulator` the in-process object (stats(), clock, state).
    """
    started = []

    def _serve(api, **options):
        running = Running(create(api, **options))
        started.append(running)
        return running

    yield _serve
    for running in started:
        running.stop()
