# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""subaccount against the sub-account API simulator: the full module test matrix."""

import json

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import subaccount

PASSWORD = 'Robot!Secret1'
READ_CALLS = ['auth', 'Subaccount.list', 'Subaccount.get']  # rights only when a call is refused


@pytest.fixture
def sim(serve):
    running = serve('subaccount')
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    return running


def account(sim, **options):
    return dict(sim.conn, **dict(dict(login='robot1', password=PASSWORD, update_password='on_create',
                                      status='Aktiv'), **options))


def stored(sim, login='robot1'):
    rows = [row for row in sim.simulator.state()['models']['Subaccount'] if row['strLogin'] == login]
    return rows[0] if rows else None


def create(sim, **options):
    result = run_module(subaccount, account(sim, **options))
    assert result['changed'] is True, result
    sim.simulator.reset_stats()
    return result


def expire_tokens_before(sim, monkeypatch, call):
    """The token dies right before the first request named `call` (a real expiry, not a faked reply)."""
    simulator = sim.simulator
    handle = simulator.handle
    pending = [True]

    def expiring_handle(request):
        if pending and simulator.call_name(request) == call:
            pending.pop()
            simulator.expire_tokens()
        return handle(request)

    monkeypatch.setattr(simulator, 'handle', expiring_handle)


def error_reply(call, code, msg):
    model, action = call.split('.')
    return json.dumps({'status': 'Error', 'statuscode': code, 'msg': msg, 'model': model, 'action': action,
                       'data': []})


def test_create_sends_the_documented_and_the_raw_fields(sim):
    result = run_module(subaccount, account(sim, fields={'strComment': 'CI robot', 'intFtpAccess': 'Ja'}))
    assert result['changed'] is True
    row = stored(sim)
    assert row['strPass'] == PASSWORD
    assert (row['intStatus'], row['strComment'], row['intFtpAccess']) == ('1', 'CI robot', '1')
    assert result['subaccount'] == {'login': 'robot1', 'status': 'Aktiv', 'id': int(row['intID']),
                                    'fields': {'strComment': 'CI robot', 'intFtpAccess': '1'}}
    assert PASSWORD not in result['_raw']
    stats = sim.simulator.stats()
    assert stats['calls'] == READ_CALLS + ['Subaccount.create']
    assert stats['writes'] == ['Subaccount.create']


def test_second_run_is_a_no_op_with_a_fixed_request_count(sim):
    options = account(sim, fields={'strComment': 'CI robot', 'intFtpAccess': 'Ja'})
    create(sim, fields=options['fields'])
    result = run_module(subaccount, options)
    assert result['changed'] is False
    assert result['subaccount']['id'] == 544
    stats = sim.simulator.stats()
    assert stats['calls'] == READ_CALLS
    assert stats['writes'] == []


def test_result_without_fields_shows_every_provider_specific_field(sim):
    create(sim)
    result = run_module(subaccount, dict(sim.conn, login='robot1'))
    assert result['changed'] is False
    assert result['subaccount'] == {'id': 544, 'login': 'robot1', 'status': 'Aktiv',
                                    'fields': {'strComment': '', 'intFtpAccess': '0'}}


def test_update_keeps_the_password_and_the_fields_not_named(sim):
    create(sim, fields={'strComment': 'CI robot'})
    result = run_module(subaccount, account(sim, status='inaktiv', fields={'intFtpAccess': 1}), diff=True)
    assert result['changed'] is True
    assert result['diff']['before']['status'] == 'Aktiv'
    assert result['diff']['after']['status'] == 'Inaktiv'
    assert result['diff']['before']['fields'] == {'intFtpAccess': '0'}
    assert result['diff']['after']['fields'] == {'intFtpAccess': '1'}
    row = stored(sim)
    assert (row['intStatus'], row['intFtpAccess'], row['strComment']) == ('0', '1', 'CI robot')
    assert row['strPass'] == PASSWORD, 'the password must be sent as %%unchanged%%'
    assert sim.simulator.stats()['calls'] == READ_CALLS + ['Subaccount.update']
    # a key and its label are the same status
    assert run_module(subaccount, account(sim, status='0', fields={'intFtpAccess': 'ja'}))['changed'] is False


def test_password_always_is_sent_every_run_and_masked(sim):
    create(sim)
    options = account(sim, password='New!Secret22', update_password='always')
    for run in (1, 2):  # the API shows only %%unchanged%%: `always` cannot compare, so it always sends
        result = run_module(subaccount, options, diff=True)
        assert result['changed'] is True, 'run %d' % run
        assert result['diff']['before']['password'] == '<hidden>'
        assert result['diff']['after']['password'] == '<hidden, changed>'
        assert 'New!Secret22' not in result['_raw']
    assert stored(sim)['strPass'] == 'New!Secret22'
    assert sim.simulator.stats()['writes'] == ['Subaccount.update', 'Subaccount.update']


def test_update_password_on_create_ignores_a_different_password(sim):
    create(sim)
    result = run_module(subaccount, account(sim, password='Other!Secret3'))
    assert result['changed'] is False
    assert stored(sim)['strPass'] == PASSWORD


def test_check_mode_sends_no_write_and_predicts_the_real_run(sim):
    options = account(sim, fields={'strComment': 'CI robot'})
    predicted = run_module(subaccount, options, check=True, diff=True)
    assert sim.simulator.stats()['writes'] == []
    assert stored(sim) is None
    real = run_module(subaccount, options, diff=True)
    assert predicted['changed'] is real['changed'] is True
    # the id the server gave it, which check mode cannot know
    assert real['subaccount'].pop('id') == real['diff']['after'].pop('id') == int(stored(sim)['intID'])
    assert (predicted['diff'], predicted['subaccount']) == (real['diff'], real['subaccount'])
    changed = dict(options, status='Inaktiv', fields={'strComment': 'retired'})
    predicted = run_module(subaccount, changed, check=True, diff=True)
    assert sim.simulator.stats()['writes'] == ['Subaccount.create']
    real = run_module(subaccount, changed, diff=True)
    assert predicted['changed'] is real['changed'] is True
    assert (predicted['diff'], predicted['subaccount']) == (real['diff'], real['subaccount'])
    sim.simulator.reset_stats()
    predicted = run_module(subaccount, dict(sim.conn, login='robot1', state='absent'), check=True)
    assert predicted['changed'] is True and stored(sim) is not None
    assert sim.simulator.stats()['writes'] == []


def test_delete_then_delete_again(sim):
    create(sim)
    result = run_module(subaccount, dict(sim.conn, login='robot1', state='absent'), diff=True)
    assert result['changed'] is True
    assert result['diff']['before']['login'] == 'robot1' and result['diff']['after'] == {}
    assert stored(sim) is None
    assert sim.simulator.stats()['calls'] == READ_CALLS + ['Subaccount.delete']
    sim.simulator.reset_stats()
    again = run_module(subaccount, dict(sim.conn, login='robot1', state='absent'))
    assert again['changed'] is False
    assert sim.simulator.stats()['calls'] == ['auth', 'Subaccount.list']


def test_rename_by_id(sim):
    create(sim)
    result = run_module(subaccount, dict(sim.conn, id=544, login='robot-renamed'), diff=True)
    assert result['changed'] is True
    assert (result['diff']['before']['login'], result['diff']['after']['login']) == ('robot1', 'robot-renamed')
    assert stored(sim, 'robot-renamed')['strPass'] == PASSWORD
    assert run_module(subaccount, dict(sim.conn, id=544, login='robot-renamed'))['changed'] is False


def test_unknown_id_fails_when_present_and_is_a_no_op_when_absent(sim):
    result = run_module(subaccount, dict(sim.conn, id=999, login='robot1', password=PASSWORD))
    assert result['failed'] is True
    assert result['msg'] == 'There is no sub-account with id 999; to create one, give its login without an id.'
    assert run_module(subaccount, dict(sim.conn, id=999, state='absent'))['changed'] is False
    assert sim.simulator.stats()['writes'] == []


def test_login_is_compared_exactly(sim):
    create(sim)
    result = run_module(subaccount, account(sim, login='Robot1'), check=True)
    assert result['changed'] is True, 'Robot1 is another login than robot1'


@pytest.mark.parametrize('options, message', [
    (dict(login=''), 'login must not be empty'),
    (dict(id=0), 'id must be a positive number'),
    (dict(password=''), 'password must not be empty'),
    (dict(fields={'strComment': ['a', 'b']}), 'fields.strComment must be a single value'),
    (dict(login=None), 'login or id is required'),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(subaccount, account(sim, **options))
    assert result['failed'] is True
    assert message in result['msg']
    assert sim.simulator.stats()['requests'] == 0


@pytest.mark.parametrize('options, message', [
    (dict(fields={'strComent': 'typo'}), 'fields: strComent is not a field of the API\'s Subaccount model; its '
                                         'fields are: strComment, intFtpAccess.'),
    (dict(fields={'strLogin': 'robot2'}), 'fields: set strLogin with the option login instead.'),
    (dict(fields={'strPass': 'x'}), 'fields: set strPass with the option password instead.'),
    (dict(fields={'intFtpAccess': 'maybe'}), "fields.intFtpAccess: 'maybe' is not one of the choices Nein (0), "
                                             "Ja (1)"),
    (dict(status='enabled'), "status: 'enabled' is not one of the choices Inaktiv (0), Aktiv (1)"),
    (dict(password=None), "Creating sub-account 'robot1' needs password (required by the API)."),
])
@pytest.mark.parametrize('check', [True, False])
def test_input_the_field_definitions_reject_fails_before_any_write(sim, options, message, check):
    result = run_module(subaccount, account(sim, **options), check=check)
    assert result['failed'] is True
    assert result['msg'] == message
    assert sim.simulator.stats()['calls'] == READ_CALLS


def test_disabled_field_in_fields_fails_clearly(sim, monkeypatch):
    from simulators import subaccount as simulator_module
    monkeypatch.setattr(simulator_module.MODELS['Subaccount'].by_name['strComment'], 'disabled', True)
    result = run_module(subaccount, account(sim, fields={'strComment': 'x'}))
    assert result['msg'] == 'fields: strComment is read-only for this API user (disabled).'
    assert sim.simulator.stats()['writes'] == []


def test_validation_errors_are_reported_field_by_field(sim):
    result = run_module(subaccount, account(sim, login='abc', password='abcdefgh'))
    assert result['failed'] is True
    assert result['msg'] == (
        'Subaccount.create was refused (statuscode 113), field by field: login (strLogin): Wert muss mindestens '
        '6 Zeichen lang sein; password (strPass): Wert muss Sonderzeichen beinhalten. Correct these values and '
        'run again.')
    assert result['field_errors'] == {'strLogin': 'Wert muss mindestens 6 Zeichen lang sein',
                                      'strPass': 'Wert muss Sonderzeichen beinhalten'}
    assert result['code'] == 113 and result['call'] == 'Subaccount.create'
    assert 'abcdefgh' not in result['_raw'] and 'Traceback' not in result['_raw']
    assert sim.simulator.stats()['writes'] == []


def test_seeded_account_with_a_too_short_login_cannot_be_saved(sim):
    # the seed's own update error: `aaa` predates the 6-character rule, and an update sends the whole form
    result = run_module(subaccount, dict(sim.conn, login='aaa', status='Inaktiv'))
    assert result['failed'] is True
    assert result['field_errors'] == {'strLogin': 'Wert muss mindestens 6 Zeichen lang sein'}
    assert 'login (strLogin): Wert muss mindestens 6 Zeichen lang sein' in result['msg']
    # renaming it in the same update is how it is fixed
    fixed = run_module(subaccount, dict(sim.conn, id=542, login='aaa-fixed', status='Inaktiv'))
    assert fixed['changed'] is True, fixed


@pytest.mark.parametrize('revoked, options, check', [
    ('create', dict(), True),
    ('create', dict(), False),
    ('update', dict(status='Inaktiv'), True),
    ('delete', dict(state='absent'), True),
    ('list', dict(), False),
])
def test_missing_right_fails_clearly_before_any_write(sim, revoked, options, check):
    if revoked != 'create':
        create(sim)
    sim.simulator.revoke('Subaccount', revoked)
    result = run_module(subaccount, account(sim, **options), check=check)
    assert result['failed'] is True
    assert result['msg'].startswith("The API user 'demo' (access_type 1) lacks the right to %s model Subaccount; "
                                    "its rights on it are: " % revoked)
    assert result['call'] == 'rights'
    assert sim.simulator.stats()['writes'] == []


def test_without_the_update_right_a_no_op_still_succeeds(sim):
    create(sim)
    sim.simulator.revoke('Subaccount', 'update')
    assert run_module(subaccount, account(sim))['changed'] is False


@pytest.mark.parametrize('code', [102, 4711])
def test_token_expired_mid_run_is_renewed_once_whatever_its_statuscode(serve, monkeypatch, code):
    # the reference documents no code for a dead token: the module must not depend on the simulator's 102
    sim = serve('subaccount', statuscodes={'invalid_token': code})
    sim.conn = dict(api_url=sim.url, api_username='demo', api_password='demo-password')
    create(sim)
    expire_tokens_before(sim, monkeypatch, 'Subaccount.get')
    result = run_module(subaccount, account(sim, status='Inaktiv'))
    assert result['changed'] is True, result
    assert sim.simulator.stats()['calls'] == ['auth', 'Subaccount.list', 'Subaccount.get', 'rights', 'auth',
                                              'Subaccount.get', 'Subaccount.update']
    assert stored(sim)['intStatus'] == '0'


def test_token_expired_before_a_write_does_not_duplicate_it(sim, monkeypatch):
    expire_tokens_before(sim, monkeypatch, 'Subaccount.create')
    result = run_module(subaccount, account(sim))
    assert result['changed'] is True, result
    assert sim.simulator.stats()['writes'] == ['Subaccount.create']
    assert len(sim.simulator.state()['models']['Subaccount']) == 3


def test_other_api_error_is_one_sentence_and_not_repeated(sim):
    sim.simulator.add_fault(kind='http', status=200, content_type='application/json', call='Subaccount.create',
                            body=error_reply('Subaccount.create', 500, 'Interner Fehler'))
    result = run_module(subaccount, account(sim))
    assert result['failed'] is True
    assert result['msg'] == 'Subaccount.create failed (statuscode 500): Interner Fehler'
    assert (result['call'], result['code'], result['api_message']) == ('Subaccount.create', 500, 'Interner Fehler')
    # the token still works (the rights probe says so): no new auth, no second create
    assert sim.simulator.stats()['calls'] == READ_CALLS + ['Subaccount.create', 'rights']
    assert 'Traceback' not in result['_raw']


def test_server_fault_is_a_clear_error_without_traceback(sim):
    sim.simulator.add_fault(status=500, body='<h1>Internal Server Error</h1>', call='Subaccount.create')
    result = run_module(subaccount, account(sim))
    assert result['failed'] is True
    assert result['msg'].startswith('Subaccount.create failed: HTTP 500 from %s with an HTML page "Internal Server '
                                    'Error".' % sim.url)
    assert 'may have been applied in part' in result['msg']  # a 500 on a write may come after the write
    assert (result['call'], result['status']) == ('Subaccount.create', 500)
    assert 'Traceback' not in result['_raw']
    assert stored(sim) is None


def test_read_is_retried_on_503(sim):
    sim.simulator.add_fault(status=503, call='Subaccount.list')
    assert run_module(subaccount, account(sim))['changed'] is True
    assert sim.simulator.stats()['calls'][:3] == ['auth', 'Subaccount.list', 'Subaccount.list']


@pytest.mark.parametrize('call', ['Subaccount.create', 'Subaccount.update', 'Subaccount.delete'])
def test_lost_reply_of_a_write_is_resolved_by_reading_again(sim, call):
    options = account(sim)
    if call != 'Subaccount.create':
        create(sim)
        options = account(sim, status='Inaktiv') if call == 'Subaccount.update' else account(sim, state='absent')
    sim.simulator.add_fault(kind='lost_reply', call=call)
    result = run_module(subaccount, options)
    assert result['changed'] is True, result
    assert sim.simulator.stats()['writes'] == [call], 'the write must not be sent twice'
    assert any('lost' in warning for warning in result['warnings'])


def test_wrong_api_password_is_one_sentence(sim):
    result = run_module(subaccount, account(sim, api_password='not-the-password'))
    assert result['failed'] is True
    assert result['msg'] == ("Login to the sub-account API at %s as 'demo' with access_type 1 failed (statuscode "
                             "101): Anmeldung fehlgeschlagen. Check api_username, api_password and access_type."
                             % sim.url)
    assert sim.simulator.stats()['calls'] == ['auth']


def test_connection_options_fall_back_to_the_environment(sim, monkeypatch):
    monkeypatch.setenv('SUBACCOUNT_URL', sim.url + '/')
    monkeypatch.setenv('SUBACCOUNT_USERNAME', 'demo')
    monkeypatch.setenv('SUBACCOUNT_PASSWORD', 'demo-password')
    monkeypatch.setenv('SUBACCOUNT_ACCESS_TYPE', '2')
    result = run_module(subaccount, dict(login='robot1', password=PASSWORD))
    assert result['changed'] is True, result
    assert sim.simulator.state()['sessions'] == 1


def test_a_login_with_a_control_character_is_refused_before_any_request(sim):
    result = run_module(subaccount, account(sim, login='robot1\n'))
    assert result['failed'] is True
    assert result['msg'] == "login: 'robot1\\n' holds a control character (such as a line break), which no name may hold"
    assert sim.simulator.stats()['requests'] == 0


def test_auth_sends_lang(sim, monkeypatch):
    seen = []
    handle = sim.simulator.handle

    def recording(request):
        if sim.simulator.call_name(request) == 'auth':
            seen.append(request.json().get('lang'))
        return handle(request)
    monkeypatch.setattr(sim.simulator, 'handle', recording)
    assert run_module(subaccount, account(sim))['changed'] is True
    monkeypatch.setenv('SUBACCOUNT_LANG', '2')
    run_module(subaccount, account(sim))
    assert seen == [1, 2]


@pytest.mark.parametrize('call, data', [
    ('Subaccount.list', None), ('Subaccount.list', 'Erfolgreich'), ('Subaccount.list', {'head': []}),
    ('Subaccount.list', {'data': {'id': 1}, 'head': []}), ('Subaccount.get', {'fields': None}),
    ('Subaccount.get', []), ('rights', {'Subaccount': ['list']}),
])
def test_a_reply_of_the_wrong_shape_is_never_read_as_absent(sim, monkeypatch, call, data):
    assert run_module(subaccount, account(sim))['changed'] is True
    sim.simulator.reset_stats()
    handle = sim.simulator.handle

    def wrong(request):
        response = handle(request)
        if sim.simulator.call_name(request) == call:
            reply = json.loads(response.body)
            reply['data'] = data
            response.body = json.dumps(reply).encode()
        return response
    monkeypatch.setattr(sim.simulator, 'handle', wrong)
    # the rights are read when a call is refused, or when check mode predicts a write
    predicting = call == 'rights'
    result = run_module(subaccount, account(sim, status='Inaktiv') if predicting else account(sim), check=predicting)
    assert result['failed'] is True and result['call'] == call
    assert 'unexpected shape' in result['msg']
    assert sim.simulator.stats()['writes'] == []
