# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures of the reliability tests: retry back-off recorded instead of slept."""

import functools

import pytest

from ansible_collections.hosting.provision.plugins.module_utils import _connection
from ansible_collections.hosting.provision.plugins.module_utils._transport import Transport
# autouse: every test runs on both paths
from module_runner import module_path  # noqa: F401 pylint: disable=unused-import


@pytest.fixture(autouse=True)
def sleeps(monkeypatch):
    """Every Transport a module builds records its back-off delays here instead of sleeping them."""
    slept = []
    monkeypatch.setattr(_connection, 'Transport', functools.partial(Transport, sleep=slept.append))
    return slept
