# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The controller's lock around a read-then-create: one holder per object, a clear error after waiting, no
files left behind."""

import os
import subprocess
import sys
import textwrap

import pytest

from project_paths import COLLECTIONS_ROOT

from ansible_collections.hosting.provision.plugins.module_utils import _lock
from ansible_collections.hosting.provision.plugins.module_utils._transport import TransportError


@pytest.fixture(autouse=True)
def cache(monkeypatch, tmp_path):
    monkeypatch.setenv('XDG_CACHE_HOME', str(tmp_path))
    return tmp_path


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


def lock(subject='depot of bob', endpoint='https://td.example.com/api', wait=1, clock=None):
    clock = clock or Clock()
    return _lock.ObjectLock(endpoint, subject, wait, sleep=clock.sleep, clock=clock)


def test_a_second_holder_waits_then_fails_with_one_sentence():
    first = lock()
    assert first.acquire() is True
    clock = Clock()
    with pytest.raises(TransportError) as caught:
        lock(clock=clock).acquire()
    assert clock.now >= 1, 'it waited before giving up'
    assert caught.value.message.startswith('Another run on this controller is still converging depot of bob at '
                                           'https://td.example.com/api after 1 seconds of waiting for it')
    first.release()
    second = lock()
    assert second.acquire() is True
    second.release()


def test_other_objects_and_endpoints_do_not_wait():
    held = [lock(), lock(subject='depot of jane'), lock(endpoint='https://other.example.com/api')]
    assert [one.acquire() for one in held] == [True, True, True]
    for one in held:
        one.release()


def test_nothing_is_left_behind(cache):
    one = lock()
    assert one.acquire() is True
    assert os.path.exists(one.path)
    assert oct(os.stat(os.path.dirname(one.path)).st_mode & 0o777) == oct(0o700)
    one.release()
    assert os.listdir(str(cache / 'hosting.provision')) == []


def test_a_lock_held_by_another_process_is_waited_for(cache):
    """flock() works across processes; the kernel drops the lock when the holder ends, however it ends."""
    code = textwrap.dedent('''
        import sys, time
        sys.path.insert(0, %r)
        from ansible_collections.hosting.provision.plugins.module_utils import _lock
        held = _lock.ObjectLock('https://td.example.com/api', 'depot of bob', 5)
        assert held.acquire()
        print('held', flush=True)
        time.sleep(0.5)
        import os
        os._exit(0)  # no release: the kernel frees the lock
    ''' % COLLECTIONS_ROOT)
    holder = subprocess.Popen([sys.executable, '-c', code], stdout=subprocess.PIPE, text=True,
                              env=dict(os.environ, XDG_CACHE_HOME=str(cache)))
    try:
        assert holder.stdout.readline().strip() == 'held'
        with pytest.raises(TransportError):
            lock(wait=0.1).acquire()
        waiter = _lock.ObjectLock('https://td.example.com/api', 'depot of bob', 10)
        assert waiter.acquire() is True
        waiter.release()
    finally:
        holder.wait(10)


class Module:
    def __init__(self, check_mode=False):
        self.check_mode = check_mode
        self.params = dict(timeout=1)
        self.warnings = []

    def warn(self, text):
        self.warnings.append(text)


class Client:
    class transport:  # noqa: N801 (stands in for a Transport)
        base_url = 'https://td.example.com'
    path = '/api'


def test_held_locks_only_a_real_run_that_may_create(cache):
    path = lock().path
    with _lock.held(Module(), Client(), 'depot of bob'):
        assert os.path.exists(path)
    assert not os.path.exists(path)
    for module, needed in ((Module(check_mode=True), True), (Module(), False)):
        with _lock.held(module, Client(), 'depot of bob', needed=needed):
            assert not os.path.exists(path)


def test_without_a_usable_cache_directory_the_run_goes_on_with_a_warning(monkeypatch, tmp_path):
    blocker = tmp_path / 'not-a-directory'
    blocker.write_text('')
    monkeypatch.setenv('XDG_CACHE_HOME', str(blocker))
    module = Module()
    with _lock.held(module, Client(), 'depot of bob'):
        pass
    assert module.warnings and 'not serialised' in module.warnings[0]
