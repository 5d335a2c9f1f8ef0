# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""session_cache: one API session reused across tasks, for ISPConfig and mailbox.org."""

import json
import os
import stat

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.module_utils import _session_cache
from ansible_collections.hosting.provision.plugins.modules import (ispconfig_mail_domain, ispconfig_mail_user,
                                                                   mailbox_account)

MAIL_PASSWORD = 'Corr3ct-Horse-Battery'


class Clock:
    """The client's clock, moved by the tests (the simulator's has its own)."""

    def __init__(self):
        self.now = 1000000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch, tmp_path):
    monkeypatch.setenv('XDG_CACHE_HOME', str(tmp_path))
    clock = Clock()
    monkeypatch.setattr(_session_cache, '_now', clock)
    return clock


def cache_files(tmp_path):
    directory = tmp_path / 'hosting.provision'
    return sorted(directory.iterdir()) if directory.exists() else []


@pytest.fixture
def isp(serve, clock):
    running = serve('ispconfig')
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password', session_cache=True)
    run_module(ispconfig_mail_domain, dict(running.conn, domain='example.com', session_cache=False))
    running.simulator.reset_stats()
    return running


def mailbox(isp, **options):
    return dict(isp.conn, email='alice@example.com', password=MAIL_PASSWORD, quota='1 GiB', **options)


def open_sessions(isp):
    return [session['remote_session'] for session in isp.simulator.state()['sessions']]


def calls(running):
    return running.simulator.stats()['calls']


def test_cache_file_is_private_and_holds_no_password(isp, tmp_path):
    assert run_module(ispconfig_mail_user, mailbox(isp))['changed'] is True
    files = cache_files(tmp_path)
    assert len(files) == 1
    assert stat.S_IMODE(os.stat(files[0]).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(files[0].parent).st_mode) == 0o700
    text = files[0].read_text()
    assert 'demo-password' not in text and MAIL_PASSWORD not in text
    assert 'demo-password' not in files[0].name and 'demo' not in files[0].name
    assert json.loads(text)['session'] in open_sessions(isp)


def test_later_tasks_reuse_the_session_without_login_or_logout(isp, clock):
    run_module(ispconfig_mail_user, mailbox(isp))
    assert calls(isp)[0] == 'login' and 'logout' not in calls(isp)
    isp.simulator.reset_stats()
    clock.now += 600
    again = run_module(ispconfig_mail_user, mailbox(isp))
    assert again['changed'] is False
    assert calls(isp) == ['mail_user_get']


def test_another_login_or_panel_gets_its_own_entry(isp, tmp_path):
    run_module(ispconfig_mail_user, mailbox(isp))
    isp.simulator.control('add_remote_user', {'username': 'other', 'password': 'Other-Pass-123',
                                              'functions': ['mail_user']})
    run_module(ispconfig_mail_user, mailbox(isp, api_username='other', api_password='Other-Pass-123'))
    assert len(cache_files(tmp_path)) == 2


def test_ispconfig_lifetime_counts_from_login_however_busy(isp, clock):
    run_module(ispconfig_mail_user, mailbox(isp))
    for dummy in range(3):  # used every ten minutes: ISPConfig still ends the session 1800 s after login
        clock.now += 600
        isp.simulator.clock.advance(600)
        isp.simulator.reset_stats()
        run_module(ispconfig_mail_user, mailbox(isp))
        last = calls(isp)
    # the third use is 1800 s after login: the cache knows the panel ended it and logs in at once
    assert last == ['login', 'mail_user_get']


def test_session_the_panel_ended_early_costs_one_login(isp, tmp_path):
    run_module(ispconfig_mail_user, mailbox(isp))
    old = json.loads(cache_files(tmp_path)[0].read_text())['session']
    isp.simulator.control('expire_sessions', {})
    isp.simulator.reset_stats()
    result = run_module(ispconfig_mail_user, mailbox(isp, name='Alice'))
    assert result['changed'] is True, result
    assert calls(isp) == ['mail_user_get', 'login', 'mail_user_get', 'mail_user_update']
    new = json.loads(cache_files(tmp_path)[0].read_text())['session']
    assert new != old and new in open_sessions(isp)
    assert old not in result['_raw'] and new not in result['_raw']


def test_refused_login_leaves_no_cache_entry(isp, tmp_path):
    run_module(ispconfig_mail_user, mailbox(isp))
    isp.simulator.control('expire_sessions', {})
    result = run_module(ispconfig_mail_user, mailbox(isp, api_password='Not-The-Password'))
    assert result['failed'] is True
    assert cache_files(tmp_path) == []


def test_off_by_default_logs_in_and_out_every_task(isp, tmp_path):
    run_module(ispconfig_mail_user, mailbox(isp, session_cache=False))
    assert calls(isp)[0] == 'login' and calls(isp)[-1] == 'logout'
    assert cache_files(tmp_path) == []


def test_environment_variable_turns_it_on(isp, tmp_path, monkeypatch):
    monkeypatch.setenv('ISPCONFIG_SESSION_CACHE', 'true')
    options = mailbox(isp)
    del options['session_cache']
    run_module(ispconfig_mail_user, options)
    assert len(cache_files(tmp_path)) == 1


# --- mailbox.org: 20 minutes after the last use ---------------------------------------------------------

@pytest.fixture
def mbx(serve, clock):
    running = serve('mailbox_org', domains=['example.com'])
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password', session_cache=True)
    return running


def account(mbx, **options):
    return dict(mbx.conn, mail='alice@example.com', password=MAIL_PASSWORD, plan='light', first_name='Alice',
                last_name='Example', update_password='on_create', **options)


def test_mailbox_org_reuses_the_auth_id_and_keeps_the_level(mbx, tmp_path):
    assert run_module(mailbox_account, account(mbx))['changed'] is True
    assert 'deauth' not in calls(mbx)
    entry = json.loads(cache_files(tmp_path)[0].read_text())
    assert entry['level'] == 'account' and 'demo-password' not in json.dumps(entry)
    mbx.simulator.reset_stats()
    assert run_module(mailbox_account, account(mbx))['changed'] is False
    assert calls(mbx) == ['mail.get']  # the cached auth id; the account read directly


def test_mailbox_org_lifetime_slides_with_each_task(mbx, clock):
    run_module(mailbox_account, account(mbx))
    for dummy in range(3):  # a task every 15 minutes keeps the id alive on both sides
        clock.now += 900
        mbx.simulator.clock.advance(900)
        mbx.simulator.reset_stats()
        run_module(mailbox_account, account(mbx))
        assert calls(mbx)[0] == 'mail.get'
    clock.now += 1200  # 20 minutes idle: the API has ended it, so the cache does not even try it
    mbx.simulator.clock.advance(1200)
    mbx.simulator.reset_stats()
    run_module(mailbox_account, account(mbx))
    assert calls(mbx)[0] == 'auth'


def test_mailbox_org_auth_id_ended_early_costs_one_auth(mbx):
    run_module(mailbox_account, account(mbx))
    mbx.simulator.control('expire_auth', {})
    mbx.simulator.reset_stats()
    assert run_module(mailbox_account, account(mbx))['changed'] is False
    assert calls(mbx) == ['mail.get', 'auth', 'mail.get']
