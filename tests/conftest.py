# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Test set-up shared by every test: the collection importable as
ansible_collections.hosting.provision, simulators served on loopback, and the property tests' profiles."""

import os
import sys

import pytest
from hypothesis import settings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from project_paths import COLLECTION_LINK, COLLECTIONS_ROOT, ROOT  # noqa: E402

if not os.path.exists(COLLECTION_LINK):
    os.makedirs(os.path.dirname(COLLECTION_LINK), exist_ok=True)
    try:
        os.symlink(ROOT, COLLECTION_LINK)
    except FileExistsError:
        pass
sys.path.insert(0, COLLECTIONS_ROOT)

# The test command is deterministic: the same examples on every run and machine, no example database.
# HYPOTHESIS_PROFILE=explore tries ten times as many fresh examples on each run and keeps the failing ones in
# .hypothesis/ to replay first; add what it finds to the test as an @example.
settings.register_profile('deterministic', derandomize=True, database=None, max_examples=150, deadline=None)
settings.register_profile('explore', max_examples=1500, deadline=None)
settings.load_profile(os.environ.get('HYPOTHESIS_PROFILE', 'deterministic'))

from simulators import create  # noqa: E402
from simulators._base import Running  # noqa: E402


@pytest.fixture
def serve(tmp_path, monkeypatch):
    """serve(api, **options) -> Running simulator (stopped after the test).

    `running.url` is the base URL, `running.simulator` the in-process object (stats(), clock, state).
    The test fails when a simulator recorded rows its panel could never have made (ISPConfig's
    panel_invariants option, on by default). The test gets a cache directory of its own: what a module keeps
    on the controller for an API URL (Easy-WI's left-over job flags) never reaches a later simulator on the same
    port.
    """
    monkeypatch.setenv('XDG_CACHE_HOME', str(tmp_path / 'controller-cache'))
    started = []

    def _serve(api, **options):
        running = Running(create(api, **options))
        started.append(running)
        return running

    yield _serve
    for running in started:
        running.stop()
    # a simulator that checks panel invariants (ISPConfig) lists the rows the panel could never have made
    broken = [v for running in started for v in getattr(running.simulator, 'invariant_violations', ())]
    if broken:
        pytest.fail('The test left rows the panel could never have made:\n  ' + '\n  '.join(broken))
