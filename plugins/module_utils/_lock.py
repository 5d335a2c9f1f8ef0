# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""A lock on the controller around the read-then-create of one object, so parallel runs create it once.

A module reads, finds nothing, then creates. Two runs of the same task at once (two playbooks, forks of one
play, AWX jobs on one node) both find nothing and both create, where the API does not refuse the second
object itself (TeamDrive depots, ISPConfig aliases). The run that may create holds an exclusive lock from its
read to the end of its write; the other waits and then reads what the first created.

The lock is a file under $XDG_CACHE_HOME/hosting.provision/locks/ (or ~/.cache/...), named by a hash of the
API endpoint and the object, held with flock(): the kernel releases it when the process ends, however it
ends, so a lock is never left stale. Runs on different controllers are not serialised by it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import errno
import hashlib
import json
import os
import time

try:
    import fcntl
    HAS_FCNTL = True
except ImportError:  # not on Windows; modules run on the controller, which is POSIX
    HAS_FCNTL = False

from ._session_cache import cache_dir
from ._transport import TransportError

POLL_SECONDS = 0.05
# how long to wait for another run, in multiples of the module's timeout (one run makes a few requests)
WAIT_TIMEOUTS = 10


class ObjectLock:
    """An exclusive lock for `subject` (an object of one API endpoint) on this controller."""

    def __init__(self, endpoint, subject, wait, sleep=time.sleep, clock=time.time):
        key = hashlib.sha256(json.dumps([endpoint, subject]).encode('utf-8')).hexdigest()
        self.path = os.path.join(cache_dir(), 'locks', '%s.lock' % key[:32])
        self.endpoint = endpoint
        self.subject = subject
        self.wait = wait
        self.sleep = sleep
        self.clock = clock
        self.fd = None

    def acquire(self):
        """Wait for the lock; False when no lock can be kept (no usable cache directory): run without one."""
        directory = os.path.dirname(self.path)
        deadline = self.clock() + self.wait
        while True:
            if not _private_directory(directory):
                return False
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as exc:
                if exc.errno == errno.ENOENT and self.clock() < deadline:
                    continue  # the last holder removed the emptied directory just now
                return False
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except (IOError, OSError) as exc:
                os.close(fd)
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    return False
                if self.clock() >= deadline:
                    raise TransportError(
                        'Another run on this controller is still converging %s at %s after %d seconds of waiting '
                        'for it (lock file %s); run this task again when that run has finished.' % (
                            self.subject, self.endpoint, self.wait, self.path))
                self.sleep(POLL_SECONDS)
                continue
            if self._still_the_lock_file(fd):
                self.fd = fd
                return True
            os.close(fd)  # the previous holder removed the file after we opened it: lock the one there now

    def _still_the_lock_file(self, fd):
        try:
            held, current = os.fstat(fd), os.stat(self.path)
        except OSError:
            return False
        return (held.st_dev, held.st_ino) == (current.st_dev, current.st_ino)

    def release(self):
        """Remove the lock file while still holding it (a waiting run then locks a new one), and the directory
        once no lock is left in it, so runs leave nothing behind."""
        if self.fd is None:
            return
        try:
            os.unlink(self.path)
        except OSError:
            pass
        os.close(self.fd)
        self.fd = None
        try:
            os.rmdir(os.path.dirname(self.path))
        except OSError:
            pass  # another lock is held or waited for


def _private_directory(directory):
    """Make `directory` and its parent (the collection's cache directory) private to the user, as the session
    cache makes them; False when that cannot be done."""
    parent = os.path.dirname(directory)
    try:
        os.makedirs(os.path.dirname(parent), exist_ok=True)
    except OSError:
        return False
    for path in (parent, directory):
        try:
            os.mkdir(path, 0o700)
        except OSError:
            if not os.path.isdir(path):
                return False
    return True


@contextlib.contextmanager
def held(module, connection, subject, needed=True):
    """Hold the lock for `subject` of `client`'s endpoint while the block runs, when `needed` (the run may
    create); check mode writes nothing and takes no lock."""
    transport = getattr(connection, 'transport', None)
    if not needed or module.check_mode or not HAS_FCNTL or transport is None:
        yield
        return
    endpoint = transport.base_url + getattr(connection, 'path', '')
    lock = ObjectLock(endpoint, subject, WAIT_TIMEOUTS * (module.params.get('timeout') or 30))
    if not lock.acquire():
        module.warn('No lock directory could be used under %s, so parallel runs of this task on this controller '
                    'are not serialised.' % cache_dir())
    try:
        yield
    finally:
        lock.release()
