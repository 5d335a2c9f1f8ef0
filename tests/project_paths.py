"""Where things are: the checkout, and the ansible_collections tree that makes it importable."""

import os

TESTS_DIR = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TESTS_DIR)
# A throw-away ansible_collections/hosting/provision tree that points at this checkout.
COLLECTIONS_ROOT = os.path.join(ROOT, '.tmp', 'collections')
COLLECTION_LINK = os.path.join(COLLECTIONS_ROOT, 'ansible_collections', 'hosting', 'provision')
