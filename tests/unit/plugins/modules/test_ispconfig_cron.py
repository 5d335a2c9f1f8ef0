# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""ispconfig_cron against the ISPConfig simulator: the full module test matrix."""

import pytest

from ispconfig_web import customer, rows, run_ok
from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import ispconfig_cron, ispconfig_web_domain

URL = 'https://acme.example/wp-cron.php'


@pytest.fixture
def sim(ispconfig):
    customer(ispconfig)
    return ispconfig


def job(sim, **options):
    return dict(sim.conn, **dict(dict(website='acme.example', client='acme', job=URL, minute='*/15'), **options))


def stored(sim):
    return rows(sim, 'cron')


def test_create_derives_the_type_and_takes_the_websites_server(sim):
    result = run_module(ispconfig_cron, job(sim))
    assert result['changed'] is True
    record = stored(sim)[0]
    assert dict((k, record[k]) for k in ('type', 'command', 'run_min', 'run_hour', 'run_mday', 'run_month',
                                         'run_wday', 'server_id', 'parent_domain_id', 'active', 'log',
                                         'sys_groupid')) == dict(
        type='url', command=URL, run_min='*/15', run_hour='*', run_mday='*', run_month='*', run_wday='*',
        server_id='1', parent_domain_id='1', active='y', log='n', sys_groupid='2')
    assert result['cron'] == dict(job=URL, website='acme.example', client='acme', minute='*/15', hour='*', day='*',
                                  month='*', weekday='*', type='url', log=False, active=True, server_id=1, id=1)
    assert sim.simulator.stats()['writes'] == ['sites_cron_add']


def test_second_run_is_a_no_op_with_a_fixed_request_count(sim):
    run_module(ispconfig_cron, job(sim))
    sim.simulator.reset_stats()
    assert run_module(ispconfig_cron, job(sim))['changed'] is False
    assert sim.simulator.stats()['calls'] == ['login', 'sites_web_domain_get', 'client_get_by_groupid',
                                              'sites_cron_get', 'logout']


def test_two_jobs_are_two_rows_and_updates_find_their_own(sim):
    run_module(ispconfig_cron, job(sim))
    other = job(sim, job='php /var/www/acme.example/web/cleanup.php', minute='30', hour='3', weekday='1-5')
    assert run_module(ispconfig_cron, other)['cron']['type'] == 'chrooted'  # the client's limit_cron_type is url
    result = run_module(ispconfig_cron, dict(other, hour='4', active=False), diff=True)
    assert result['changed'] is True
    assert result['diff']['before']['hour'] == '3' and result['diff']['after']['hour'] == '4'
    assert sorted((r['command'], r['run_hour'], r['active']) for r in stored(sim)) == [
        (URL, '*', 'y'), ('php /var/www/acme.example/web/cleanup.php', '4', 'n')]
    assert sim.simulator.stats()['writes'][-1] == 'sites_cron_update'


def test_a_client_with_full_cron_gets_full_jobs_and_the_type_follows_the_limit(ispconfig):
    customer(ispconfig, limit_cron_type='full')
    result = run_module(ispconfig_cron, job(ispconfig, job='php /x.php'))
    assert result['cron']['type'] == 'full'
    ispconfig.simulator.control('set_row', {'table': 'client', 'id': 1, 'values': {'limit_cron_type': 'chrooted'}})
    again = run_module(ispconfig_cron, job(ispconfig, job='php /x.php'), diff=True)
    assert again['changed'] is True and again['diff']['after']['type'] == 'chrooted'
    assert stored(ispconfig)[0]['type'] == 'chrooted'


def test_admin_website_jobs_are_full(sim):
    run_ok(sim, ispconfig_web_domain, domain='admin.example')
    assert run_module(ispconfig_cron, job(sim, website='admin.example', client=None, job='php /x.php'))['cron'][
        'type'] == 'full'


def test_check_mode_sends_no_write_and_predicts_the_real_run(sim):
    predicted = run_module(ispconfig_cron, job(sim), check=True, diff=True)
    assert sim.simulator.write_calls == [] and stored(sim) == []
    real = run_module(ispconfig_cron, job(sim), diff=True)
    # the id the panel gave it, which check mode cannot know
    assert real['cron'].pop('id') == real['diff']['after'].pop('id') == 1
    assert predicted['diff'] == real['diff'] and predicted['cron'] == real['cron']


def test_delete_then_delete_again(sim):
    run_module(ispconfig_cron, job(sim))
    assert run_module(ispconfig_cron, job(sim, state='absent'))['changed'] is True
    assert stored(sim) == []
    sim.simulator.reset_stats()
    assert run_module(ispconfig_cron, job(sim, state='absent'))['changed'] is False
    assert sim.simulator.stats()['writes'] == []


def test_duplicates_made_elsewhere_are_reported(sim):
    run_module(ispconfig_cron, job(sim))
    record = dict(stored(sim)[0])
    sim.simulator.control('add_remote_user', {'username': 'raw', 'password': 'raw-pass'})
    session = sim.simulator.login('login', 'raw', 'raw-pass', False)
    sim.simulator.hosting_add('sites_cron_add', session, 1, dict(
        (k, record[k]) for k in ('server_id', 'parent_domain_id', 'type', 'command', 'run_min', 'run_hour',
                                 'run_mday', 'run_month', 'run_wday', 'active')))
    result = run_module(ispconfig_cron, job(sim))
    assert result['failed'] and 'remove the duplicates in the panel first' in result['msg']


@pytest.mark.parametrize('options, message', [
    (dict(minute='mon'), "minute 'mon': only digits"),
    (dict(hour='@hourly'), "hour '@hourly': only digits"),
    (dict(minute='60'), "minute '60': '60' is outside 0-59"),
    (dict(day='0'), "day '0': '0' is outside 1-31"),
    (dict(hour='5-3'), "'5-3' is outside 0-23 or a range that does not go up"),
    (dict(minute='*/1'), 'the step of \'*/1\' must be 2 to 58'),
    (dict(weekday='1,,2'), 'only digits'),
    (dict(job='line\nbreak'), 'job holds a line break'),
    (dict(job='ftp://acme.example/x'), 'a URL must be http:// or https://'),
    (dict(job='https://localhost/x'), 'a URL must be http:// or https:// with a host name'),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(ispconfig_cron, job(sim, **options))
    assert result['failed'] is True and message in result['msg'], result['msg']
    assert sim.simulator.stats()['requests'] == 0


def test_schedules_the_panel_accepts(sim):
    for minute, month in (('0,30', '1-6'), ('5-55/10', '*/3'), ('1 , 2', '@reboot')):
        assert run_module(ispconfig_cron, job(sim, job='php /%s.php' % minute, minute=minute, month=month))['changed']
    assert stored(sim)[-1]['run_min'] == '1,2'


def test_a_job_another_controller_creates_at_the_same_time_fails_naming_both(sim, monkeypatch):
    """Two controllers read "no such job", then both add it: the lock of one controller does not reach the other.
    The one that finds two afterwards fails (changed: it did create one) and names which to delete."""
    simulator = sim.simulator
    add = simulator.hosting_add

    def both_controllers_add(method, session_id, client_id, params):
        if method == 'sites_cron_add':
            add(method, session_id, client_id, params)  # the other controller's identical add
        return add(method, session_id, client_id, params)
    monkeypatch.setattr(simulator, 'hosting_add', both_controllers_add)
    result = run_module(ispconfig_cron, job(sim))
    assert result['failed'] is True and result['changed'] is True
    assert result['msg'] == (
        "cron job 'https://acme.example/wp-cron.php' of website acme.example now exists 2 times (ids 1, 2): another "
        "controller probably created the same job at the same time. Delete all but the oldest in the panel (ids 2; "
        "keep 1).")
    assert len(stored(sim)) == 2
