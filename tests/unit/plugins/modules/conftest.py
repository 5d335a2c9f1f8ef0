# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fixtures for module tests against the ISPConfig simulator."""

import pytest

# autouse: every test runs on both paths
from module_runner import module_path  # noqa: F401 pylint: disable=unused-import


@pytest.fixture
def ispconfig(serve):
    """A running ISPConfig simulator and the connection options for it."""
    running = serve('ispconfig')
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    return running
