# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every module under every fault: a recovery or one clear error, never a traceback, never a duplicate write,
and `changed` as it really is.

Faults are aimed at the module's first read and at its write. The transient ones (a dropped connection, a
timeout, HTTP 503, 429 with Retry-After, a lost answer to a read, an answer broken off after its headers, a
session that expires between two calls) are recovered from; the ones that are not the API's answer at all (a
malformed body, an HTML error page) are one clear error. A write is never sent twice: after a write whose answer
was lost or broken off the engine re-reads. Beyond the fault table: a read answered in the API's success
envelope with a payload of the wrong shape is an error, never "absent"; validate_certs and ca_path hold whatever
CA bundle the environment names; parallel runs of one create on one controller make one object.
"""

import json
import os
import subprocess
import sys
import time

import pytest

from module_runner import run_module
from project_paths import COLLECTIONS_ROOT, ROOT, module_names
from tls import TlsRunning, make_certificate

from scenarios import (HTML_PAGE, INFO_SCENARIOS, SCENARIOS, SECRET_RECORDS, STORED_HASH, WRITE_SCENARIOS, WRONG_SHAPES,
                       answer_wrong_shape)
from simulators import create as create_simulator

RETRY_AFTER = 7
LOGIN_PAGE = ('<!DOCTYPE html><html><head><title>Proxy login</title></head><body><form>Please sign in to continue'
              '</form></body></html>')

# name -> (fault spec, module options it needs, recovered when aimed at a read, recovered when aimed at a write)
FAULTS = {
    'connection reset': (dict(kind='reset'), {}, True, False),
    'timeout': (dict(kind='timeout', delay=1.5), dict(timeout=1), True, False),
    'HTTP 503': (dict(kind='http', status=503, body='Service Unavailable', content_type='text/plain'), {},
                 True, False),
    'HTTP 429 Retry-After': (dict(kind='http', status=429, body='Too Many Requests', content_type='text/plain',
                                  headers={'Retry-After': str(RETRY_AFTER)}), {}, True, True),
    'malformed body': (dict(kind='http', status=200, body='{"code": "ok", "respo', content_type='application/json'),
                       {}, False, False),
    'HTML error page': (dict(kind='http', status=500, body=HTML_PAGE, content_type='text/html'), {}, False, False),
    # a login or captive page of a proxy in front of the API, answered with HTTP 200
    'HTML page with 200': (dict(kind='http', status=200, body=LOGIN_PAGE, content_type='text/html'), {},
                           False, False),
    'lost reply': (dict(kind='lost_reply'), {}, True, True),
    # HTTP/1.1 200, a Content-Length of at least 400, 20 bytes of the body, then the connection closes
    'mid-body reset': (dict(kind='truncated'), {}, True, True),
    'session expired': (None, {}, True, True),  # the simulator's own expiry control, see fault_spec()
}
LOST = ('lost reply', 'mid-body reset')  # faults after which the server did the work and the client heard nothing


def with_faults(scenarios):
    """(scenario, fault) pairs: every fault for every module, but a timeout (a second of waiting each) for the first
    module of each API only: it is the transport's, the same for every module of an API, and a module meets it as it
    meets a connection reset, which every module is run into."""
    first = {}
    for scenario in scenarios:
        first.setdefault(scenario.api, scenario)
    return [pytest.param(scenario, fault, id='%r-%s' % (scenario, fault)) for scenario in scenarios for fault in FAULTS
            if fault != 'timeout' or first[scenario.api] is scenario]


def fault_spec(scenario, fault):
    spec = FAULTS[fault][0]
    if spec is None:
        if scenario.session_control is None:
            pytest.skip('%s has no session to expire' % scenario.api)
        spec = dict(kind='control', control=scenario.session_control)
    return spec


def assert_clear_failure(result, call):
    assert result.get('failed') is True, result
    assert result['msg'] and call in result['msg'], result['msg']
    assert 'Please sign in' not in result['msg'], 'a page is named by its title, never pasted'
    assert 'Traceback' not in result['_raw'] and 'exception' not in result, result
    assert not result.get('changed'), 'nothing was written, so nothing may be reported as changed'


def assert_recovered(result, sim, expected_writes):
    assert not result.get('failed'), result
    assert result['changed'] is True
    assert sim.simulator.stats()['writes'] == expected_writes, 'a write must never be sent twice'


@pytest.mark.parametrize('scenario, fault', with_faults(WRITE_SCENARIOS))
@pytest.mark.parametrize('target', ['read', 'write'])
def test_create_under_fault(serve, sleeps, scenario, fault, target):
    sim = scenario.start(serve)
    call = scenario.read_call if target == 'read' else scenario.writes['create']
    spec, extra, recovers_read, recovers_write = (fault_spec(scenario, fault),) + FAULTS[fault][1:]
    sim.simulator.add_fault(call=call, **spec)
    result = run_module(scenario.module, scenario.options(sim, 'create', **extra))
    if recovers_read if target == 'read' else recovers_write:
        assert_recovered(result, sim, scenario.write_list('create'))
        if fault in LOST and target == 'write':
            assert any('lost' in warning for warning in result['warnings']), result
        if fault == 'HTTP 429 Retry-After':
            assert sleeps == [RETRY_AFTER]
    else:
        assert_clear_failure(result, call)
        assert sim.simulator.stats()['writes'] == []
    again = run_module(scenario.module, scenario.repeat_options(sim, 'create'))
    assert not again.get('failed'), again
    assert sim.simulator.stats()['writes'] == scenario.write_list('create'), 'one create, however the first run ended'
    assert again['changed'] is not (recovers_read if target == 'read' else recovers_write)


@pytest.mark.parametrize('scenario', WRITE_SCENARIOS, ids=repr)
@pytest.mark.parametrize('which', ['update', 'absent'])
@pytest.mark.parametrize('kind', ['lost_reply', 'truncated'])
def test_lost_reply_of_an_update_or_delete_is_resolved_by_reading_again(serve, scenario, which, kind):
    sim = scenario.start(serve)
    assert run_module(scenario.module, scenario.options(sim, 'create'))['changed'] is True
    scenario.settle(sim)  # a queued create runs first (Easy-WI voice servers change only once created)
    sim.simulator.reset_stats()
    sim.simulator.add_fault(kind=kind, call=scenario.writes[which])
    result = run_module(scenario.module, scenario.options(sim, which))
    assert not result.get('failed'), result
    assert result['changed'] is True
    writes = sim.simulator.stats()['writes']
    # some deletes take two steps (Easy-WI marks the user first): each is sent once
    assert scenario.writes[which] in writes and len(writes) == len(set(writes)), writes
    assert any('lost' in warning for warning in result['warnings']), result
    sim.simulator.reset_stats()
    again = run_module(scenario.module, scenario.repeat_options(sim, which))
    assert again['changed'] is False, again
    assert sim.simulator.stats()['writes'] == []


BULK_SCENARIOS = [scenario for scenario in WRITE_SCENARIOS
                  if scenario.name in ('ispconfig_mail_users', 'mailbox_accounts', 'ispconfig_dns_record_sets')]


def server_dies_after(running, call):
    """The server handles `call`, then dies before it answers: that answer and every later request are lost."""
    simulator = running.simulator
    simulator.add_fault(kind='lost_reply', call=call)
    handle = simulator.handle

    def handling(request):
        response = handle(request)
        if simulator.call_name(request) == call:
            simulator.add_fault(kind='reset', times=1000)
        return response
    simulator.handle = handling


@pytest.mark.parametrize('scenario', BULK_SCENARIOS, ids=repr)
def test_a_bulk_item_in_flight_when_the_server_died_is_named_as_may_have_been_created(serve, sleeps, scenario):
    sim = scenario.start(serve)
    server_dies_after(sim, scenario.writes['create'])
    result = run_module(scenario.module, scenario.options(sim, 'create'))
    assert result.get('failed') is True and 'Traceback' not in result['_raw'], result
    assert result['created'] == [] and list(result['may_have_been']) == ['created'], result
    assert len(result['may_have_been']['created']) == 1, result
    assert '%s may have been created; nothing after it was sent.' % result['may_have_been']['created'][0] in \
        result['msg'], result['msg']
    assert sim.simulator.stats()['writes'][:1] == [scenario.writes['create']], 'the server made it before it died'


@pytest.mark.parametrize('scenario, fault', with_faults(INFO_SCENARIOS))
def test_info_module_under_fault(serve, scenario, fault):
    sim = scenario.start(serve)
    spec, extra, recovers = fault_spec(scenario, fault), FAULTS[fault][1], FAULTS[fault][2]
    expected = run_module(scenario.module, scenario.options(sim, 'info'))
    sim.simulator.add_fault(call=scenario.read_call, **spec)
    result = run_module(scenario.module, scenario.options(sim, 'info', **extra))
    if recovers:
        assert not result.get('failed'), result
        assert strip(result) == strip(expected)
    else:
        assert_clear_failure(result, scenario.read_call)
    assert sim.simulator.stats()['writes'] == []


def strip(result):
    return dict((k, v) for k, v in result.items() if k not in ('_raw', 'invocation'))


# --- every module has a scenario -----------------------------------------------------------------------------

def test_every_module_has_a_scenario():
    assert sorted(scenario.name for scenario in SCENARIOS) == module_names()


# --- a read of the wrong shape is never "absent" ---------------------------------------------------------------

@pytest.mark.parametrize('shape', [0, 1, 2])
@pytest.mark.parametrize('existing', [True, False], ids=['object exists', 'object absent'])
@pytest.mark.parametrize('scenario', WRITE_SCENARIOS, ids=repr)
def test_a_read_of_the_wrong_shape_is_an_error_never_a_create(serve, scenario, existing, shape):
    """The API's success envelope with a payload that is neither the object nor the documented not-found
    answer: one clear error naming the read, nothing written, and the next run finds the one object."""
    sim = scenario.start(serve)
    if existing:
        assert run_module(scenario.module, scenario.options(sim, 'create'))['changed'] is True
        sim.simulator.reset_stats()
    call = scenario.read_call if existing else scenario.absent_read_call
    answer_wrong_shape(sim, call, WRONG_SHAPES[scenario.api][shape])
    result = run_module(scenario.module, scenario.repeat_options(sim, 'create'))
    assert_clear_failure(result, call)
    assert 'unexpected' in result['msg'], result['msg']
    assert sim.simulator.stats()['writes'] == []
    again = run_module(scenario.module, scenario.repeat_options(sim, 'create'))
    assert again['changed'] is not existing, again
    assert sim.simulator.stats()['writes'] == ([] if existing else scenario.write_list('create'))


LATER_READS = [(scenario, call) for scenario in WRITE_SCENARIOS for call in scenario.later_reads]


@pytest.mark.parametrize('scenario, call', LATER_READS, ids=['%s-%s' % pair for pair in LATER_READS])
def test_a_later_read_of_the_wrong_shape_is_an_error(serve, scenario, call):
    """The object's own record (mail.get, domain.get, Subaccount.get) or what the module reads besides it."""
    sim = scenario.start(serve)
    assert run_module(scenario.module, scenario.options(sim, 'create'))['changed'] is True
    sim.simulator.reset_stats()
    answer_wrong_shape(sim, call, WRONG_SHAPES[scenario.api][0])
    result = run_module(scenario.module, scenario.options(sim, 'update'))
    assert_clear_failure(result, call)
    assert sim.simulator.stats()['writes'] == []


@pytest.mark.parametrize('secret_first', [True, False], ids=['secret first', 'secret last'])
@pytest.mark.parametrize('api', sorted(SECRET_RECORDS))
def test_a_record_of_the_wrong_shape_is_quoted_without_its_values(serve, api, secret_first):
    """A record where something else was expected may hold a password hash under any key: the error names its
    keys (or tags), never a value."""
    name, call, record = SECRET_RECORDS[api]
    scenario = next(scenario for scenario in WRITE_SCENARIOS if scenario.name == name)
    sim = scenario.start(serve)
    assert run_module(scenario.module, scenario.options(sim, 'create'))['changed'] is True
    answer_wrong_shape(sim, call, record(secret_first))
    result = run_module(scenario.module, scenario.repeat_options(sim, 'create'))
    assert_clear_failure(result, call)
    assert 'unexpected shape' in result['msg'] and 'password' in result['msg'], result['msg']
    assert STORED_HASH not in result['_raw'] and STORED_HASH[1:9] not in result['_raw'], result['msg']


@pytest.mark.parametrize('shape', [0, 1, 2])
@pytest.mark.parametrize('scenario', INFO_SCENARIOS, ids=repr)
def test_info_module_reports_a_read_of_the_wrong_shape_not_an_empty_list(serve, scenario, shape):
    sim = scenario.start(serve)
    answer_wrong_shape(sim, scenario.read_call, WRONG_SHAPES[scenario.api][shape])
    result = run_module(scenario.module, scenario.options(sim, 'info'))
    assert_clear_failure(result, scenario.read_call)
    assert 'unexpected' in result['msg'], result['msg']


# --- an api_url requests cannot use ----------------------------------------------------------------------

@pytest.mark.parametrize('scenario', SCENARIOS, ids=repr)
def test_an_api_url_without_a_scheme_is_one_sentence_about_api_url(serve, scenario):
    sim = scenario.start(serve)
    which = 'info' if scenario.info is not None else 'create'
    options = scenario.options(sim, which, api_url=sim.url.split('://', 1)[1])
    result = run_module(scenario.module, options)
    assert result.get('failed') is True and 'api_url' in result['msg'], result
    assert 'No connection adapters' not in result['msg'] and 'Traceback' not in result['_raw']
    assert sim.simulator.stats()['requests'] == 0


# --- TLS settings hold whatever CA bundle the environment names ---------------------------------------------

CA_VARIABLES = ('REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE')


@pytest.fixture(scope='module')
def certificates(tmp_path_factory):
    directory = str(tmp_path_factory.mktemp('tls'))
    served = make_certificate(directory, 'simulator')
    return dict(cert=served[0], key=served[1], unrelated=make_certificate(directory, 'unrelated')[0])


@pytest.fixture
def serve_tls(certificates):
    started = []

    def _serve(api, **options):
        running = TlsRunning(create_simulator(api, **options), certificates['cert'], certificates['key'])
        started.append(running)
        return running
    yield _serve
    for running in started:
        running.stop()


@pytest.mark.parametrize('variable', CA_VARIABLES)
@pytest.mark.parametrize('scenario', SCENARIOS, ids=repr)
def test_validate_certs_and_ca_path_hold_with_a_ca_bundle_variable(serve_tls, certificates, monkeypatch, scenario,
                                                                   variable):
    """Many CI runners and execution environments set these variables; requests lets them override a session's
    verify. With the variable naming an unrelated CA: ca_path and validate_certs=false still work, and a task
    that sets neither is verified against the variable's bundle (and fails clearly here)."""
    for name in CA_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, certificates['unrelated'])
    sim = scenario.start(serve_tls, ca_path=certificates['cert'])
    which = 'info' if scenario.info is not None else 'create'
    with_ca_path = run_module(scenario.module, scenario.options(sim, which))
    assert not with_ca_path.get('failed'), with_ca_path
    unverified = run_module(scenario.module, scenario.options(sim, which, ca_path=None, validate_certs=False))
    assert not unverified.get('failed'), unverified
    neither = run_module(scenario.module, scenario.options(sim, which, ca_path=None))
    assert neither.get('failed') is True and 'TLS verification of %s failed' % sim.url in neither['msg'], neither
    assert 'Traceback' not in neither['_raw'] and 'exception' not in neither


# --- parallel runs on one controller make one object --------------------------------------------------------

PARALLEL_RUNS = 3
SLOW_READ = 0.3  # seconds every answer to the read waits: the read-then-create window of a slow server


def slow_answers(running, call):
    """Answers to `call` leave the simulator SLOW_READ seconds after it computed them (other requests go on)."""
    simulator = running.simulator
    dispatch = simulator.dispatch

    def slow(request):
        answer = dispatch(request)
        if simulator.call_name(request) == call:
            time.sleep(SLOW_READ)
        return answer
    simulator.dispatch = slow


def start_run(scenario, options, cache, directory, number):
    """The module as Ansible runs it: its own Python process, the options in a file."""
    path = os.path.join(str(directory), 'args-%d.json' % number)
    with open(path, 'w') as handle:
        json.dump({'ANSIBLE_MODULE_ARGS': options}, handle)
    source = os.path.join(ROOT, 'plugins', 'modules', scenario.name + '.py')
    env = dict(os.environ, PYTHONPATH=COLLECTIONS_ROOT, XDG_CACHE_HOME=str(cache))
    return subprocess.Popen([sys.executable, source, path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, text=True)


@pytest.mark.parametrize('scenario', WRITE_SCENARIOS, ids=repr)
def test_parallel_creates_on_one_controller_make_one_object(serve, tmp_path, scenario):
    """Runs of the same create at the same time (two playbooks, forks, AWX jobs on one node) wait for each
    other: one creates, the others find the object. Without that, APIs that accept a second object
    (TeamDrive depots, ISPConfig aliases) got duplicates and the others failed on the server's duplicate check."""
    sim = scenario.start(serve)
    slow_answers(sim, scenario.read_call)
    options = scenario.repeat_options(sim, 'create')
    runs = [start_run(scenario, options, tmp_path / 'cache', tmp_path, number) for number in range(PARALLEL_RUNS)]
    results = []
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert 'Traceback' not in err, err
        results.append(json.loads(out))
    assert [result.get('failed', False) for result in results] == [False] * PARALLEL_RUNS, results
    assert sorted(result['changed'] for result in results) == [False] * (PARALLEL_RUNS - 1) + [True]
    assert sim.simulator.stats()['writes'].count(scenario.writes['create']) == 1
    assert not os.listdir(str(tmp_path / 'cache' / 'hosting.provision')), 'the locks are gone'


# --- a create from elsewhere in the read-then-create window: what each API does ------------------------------

# Whether the server refuses a second object of the same identity (the read-then-create window a lock on one
# controller cannot close for runs on two). Where it does not, the module finds the duplicate: teamdrive_depot and
# the DNS record sets by reading back right after their create (the next run of a record set deletes the second
# record, as a set holds each value once), ispconfig_mail_alias on its next read (two matches).
SERVER_REFUSES_DUPLICATES = {
    'ispconfig_client': True, 'ispconfig_mail_domain': True, 'ispconfig_mail_user': True,
    'ispconfig_mail_users': True, 'mailbox_domain': True, 'mailbox_account': True, 'mailbox_accounts': True,
    'mailbox_customer': True, 'mailbox_group': True,
    'subaccount': True, 'webiface_user': True, 'ispconfig_dns_zone': True, 'webiface_gameserver': True,
    'webiface_voiceserver': True, 'webiface_mysql': True,
    'ispconfig_mail_alias': False, 'teamdrive_depot': False,
    # the catch-all form's unique source; the unique key on a spam filter's address (an empty HTTP 500)
    'ispconfig_mail_catchall': True, 'ispconfig_mail_spamfilter': True,
    'ispconfig_dns_record_set': False, 'ispconfig_dns_record_sets': False,
}
# ISPConfig web hosting: the validators refuse a second website, database user, shell or FTP user (unique names)
# and database (same name on the server); a second cron job is accepted, and the create's own re-read finds both
SERVER_REFUSES_DUPLICATES.update({
    'ispconfig_web_domain': True, 'ispconfig_database_user': True, 'ispconfig_database': True,
    'ispconfig_shell_user': True, 'ispconfig_ftp_user': True, 'ispconfig_cron': False,
    # a sub or alias domain: the domain validator refuses a second row of the same domain on the server
    'ispconfig_web_subdomain': True, 'ispconfig_web_aliasdomain': True,
})


# where the database's unique key refuses the second object: its INSERT is tried (a write that dies with HTTP 500)
REFUSED_BY_A_UNIQUE_KEY = ('ispconfig_mail_spamfilter',)


def create_from_elsewhere(running, call):
    """Right before the module's create is handled, the same create arrives from another run."""
    simulator = running.simulator
    handle = simulator.handle
    pending = [True]

    def twice(request):
        if pending and simulator.call_name(request) == call:
            pending.pop()
            handle(request)
        return handle(request)
    simulator.handle = twice


def test_every_write_scenario_says_whether_its_server_refuses_duplicates():
    assert sorted(SERVER_REFUSES_DUPLICATES) == sorted(scenario.name for scenario in WRITE_SCENARIOS)


@pytest.mark.parametrize('scenario', WRITE_SCENARIOS, ids=repr)
def test_a_create_from_another_controller_in_the_same_window(serve, scenario):
    sim = scenario.start(serve)
    create_from_elsewhere(sim, scenario.writes['create'])
    result = run_module(scenario.module, scenario.repeat_options(sim, 'create'))
    created = sim.simulator.stats()['writes'].count(scenario.writes['create'])
    assert 'Traceback' not in result['_raw'] and 'exception' not in result, result
    if SERVER_REFUSES_DUPLICATES[scenario.name]:
        assert created == (2 if scenario.name in REFUSED_BY_A_UNIQUE_KEY else 1), 'the server refused the second create'
        assert result.get('failed') is True and scenario.writes['create'] in result['msg'], result
        again = run_module(scenario.module, scenario.repeat_options(sim, 'create'))
        assert again['changed'] is False, again
        return
    assert created == 2, 'the server accepted a second object'
    if scenario.name == 'teamdrive_depot':
        assert result.get('failed') is True and 'now has 2 depots on this Host Server (ids 10001, 10002)' in \
            result['msg'], result
        return
    if scenario.name == 'ispconfig_cron':
        assert result.get('failed') is True and result['changed'] is True and 'now exists 2 times (ids 1, 2): ' \
            'another controller probably created the same job at the same time' in result['msg'], result
        return
    if scenario.name.startswith('ispconfig_dns_record_set'):
        assert result.get('failed') is True and result['changed'] is True, result
        assert "www.example.org A '192.0.2.10' (ids 1, 2)" in result['msg'], result
        again = run_module(scenario.module, scenario.repeat_options(sim, 'create'))
        assert again['changed'] is True and not again.get('failed'), again
        assert run_module(scenario.module, scenario.repeat_options(sim, 'create'))['changed'] is False
        return
    assert not result.get('failed'), result
    again = run_module(scenario.module, scenario.repeat_options(sim, 'create'))
    assert again.get('failed') is True and 'remove the duplicates' in again['msg'], again
