# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Where things are: the checkout, and the ansible_collections tree that makes it importable."""

import os

TESTS_DIR = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TESTS_DIR)
# A throw-away ansible_collections/hosting/provision tree that points at this checkout.
COLLECTIONS_ROOT = os.path.join(ROOT, '.tmp', 'collections')
COLLECTION_LINK = os.path.join(COLLECTIONS_ROOT, 'ansible_collections', 'hosting', 'provision')
MODULES_DIR = os.path.join(ROOT, 'plugins', 'modules')
# plugins/modules/<name>.py files that only document an action plugin of the same name (as ansible.builtin.debug
# does): no module code runs, so they have no scenario, simulator run or benchmark row
DOC_ONLY = ('warn',)


def module_names():
    """The modules whose code runs: every plugins/modules/*.py but the documentation of an action plugin."""
    return sorted(name[:-3] for name in os.listdir(MODULES_DIR)
                  if name.endswith('.py') and not name.startswith('_') and name[:-3] not in DOC_ONLY)
