# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Loopback simulators of the five provider APIs (see README.md)."""

import importlib

# API name -> module in this package that defines `Simulator` subclass `SIMULATOR`
REGISTRY = {
    'ispconfig': 'ispconfig',
    'mailbox_org': 'mailbox_org',
    'teamdrive': 'teamdrive',
    'webiface': 'webiface',
    'subaccount': 'subaccount',
}


def create(api, **options):
    """A fresh simulator instance of the named API."""
    module = importlib.import_module('%s.%s' % (__name__, REGISTRY[api]))
    return module.SIMULATOR(**options)
