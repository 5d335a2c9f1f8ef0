# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""Opt-in reuse of an API session across tasks (option `session_cache`).

One JSON file per (api_url, username) under $XDG_CACHE_HOME/hosting.provision/ (or ~/.cache/...), mode 0600,
named by a hash of the two, holding the session id, the login's extras (e.g. the mailbox.org level) and the
times that decide its expiry. Never the password. An entry is used only while the API would still accept it,
with a margin, so a task rarely starts on a session about to die; one that dies anyway is replaced by the
client's usual single re-login.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import time

from ansible.module_utils.basic import env_fallback

# A session closer than this to its end is not reused: the task would likely need a re-login anyway.
MARGIN_SECONDS = 60

# indirection so tests can move the client's clock
_now = time.time


def argument_spec(env_prefix):
    return dict(session_cache=dict(type='bool', default=False,
                                   fallback=(env_fallback, ['%s_SESSION_CACHE' % env_prefix])))


def cache_dir():
    base = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    return os.path.join(base, 'hosting.provision')


class SessionCache:
    """The cached session of one login.

    lifetime: seconds the API keeps a session; sliding: True when each use restarts it (mailbox.org), False
    when it counts from login (ISPConfig).
    """

    def __init__(self, api, api_url, username, lifetime, sliding):
        import hashlib  # only when the cache is on
        key = hashlib.sha256(json.dumps([api, api_url, username]).encode('utf-8')).hexdigest()
        self.path = os.path.join(cache_dir(), '%s-%s.json' % (api, key[:32]))
        self.lifetime = lifetime
        self.sliding = sliding
        self.entry = None

    def load(self):
        """The cached entry {'session': ..., ...} while the API should still accept it, else None."""
        try:
            with open(self.path) as handle:
                entry = json.load(handle)
        except (OSError, IOError, ValueError):
            return None
        if not isinstance(entry, dict) or not entry.get('session'):
            return None
        since = entry.get('used_at' if self.sliding else 'login_at') or 0
        if _now() + MARGIN_SECONDS >= since + self.lifetime:
            self.drop()
            return None
        self.entry = entry
        return entry

    def store(self, session, **extras):
        """Remember a fresh login."""
        now = _now()
        self.entry = dict(extras, session=session, login_at=now, used_at=now)
        self._write()

    def touch(self):
        """Record the last use (what a sliding lifetime counts from)."""
        if self.entry is not None and self.sliding:
            self.entry['used_at'] = _now()
            self._write()

    def drop(self):
        self.entry = None
        try:
            os.unlink(self.path)
        except OSError:
            pass

    def _write(self):
        write_private_json(self.path, self.entry)


def write_private_json(path, data):
    """Write `data` to `path` in the cache atomically, created 0600 from the start so it is never readable by others;
    without a usable cache directory nothing is written (the task itself still works)."""
    directory = os.path.dirname(path)
    try:
        os.makedirs(directory, mode=0o700)
    except OSError:
        if not os.path.isdir(directory):
            return
    temporary = '%s.%d.tmp' % (path, os.getpid())
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, 'w') as stream:
            json.dump(data, stream)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass


def for_login(params, api, lifetime, sliding):
    """The SessionCache of the login a module's options name when its `session_cache` option is on, else None."""
    if not params.get('session_cache'):
        return None
    return SessionCache(api, params['api_url'].rstrip('/'), params['api_username'], lifetime, sliding)
