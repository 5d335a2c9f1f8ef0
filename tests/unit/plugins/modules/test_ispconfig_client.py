"""ispconfig_client against the ISPConfig simulator."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import ispconfig_client

PASSWORD = 'Panel-Passw0rd-x'


def client_row(sim, username='acme'):
    rows = [r for r in sim.simulator.state()['tables']['client'] if r['username'] == username]
    return rows[0] if rows else None


def options(sim, **extra):
    base = dict(username='acme', password=PASSWORD, contact_name='Jane Doe', email='jane@acme.example',
                limits={'limit_mailbox': 10, 'limit_maildomain': 2})
    base.update(extra)
    return dict(sim.conn, **base)


def test_create_noop_update_delete(ispconfig):
    sim = ispconfig
    created = run_module(ispconfig_client, options(sim), diff=True)
    assert created['changed'] is True
    row = client_row(sim)
    assert (row['language'], row['limit_mailbox'], row['limit_maildomain']) == ('en', '10', '2')
    assert PASSWORD not in created['_raw']

    sim.simulator.reset_stats()
    again = run_module(ispconfig_client, options(sim))
    assert again['changed'] is False, again
    assert sim.simulator.stats()['calls'] == ['login', 'client_get', 'logout']
    # the panel keeps a password hash and an SSH key for the client: neither may leave the module
    assert 'id_rsa' not in again['_raw'] and '$6$' not in again['_raw']

    hash_before = row['password']
    updated = run_module(ispconfig_client, options(sim, company_name='ACME Ltd', limits={'limit_mailbox': 20}),
                         diff=True)
    assert updated['changed'] is True
    assert updated['diff']['after']['limits'] == {'limit_mailbox': '20'}
    row = client_row(sim)
    assert row['company_name'] == 'ACME Ltd' and row['limit_mailbox'] == '20'
    assert row['password'] == hash_before, 'client_update without password "" would re-hash the stored hash'

    changed_pw = run_module(ispconfig_client, options(sim, password='New-Panel-Pass-2'), diff=True)
    assert changed_pw['changed'] is True and changed_pw['diff']['after']['password'] == '<hidden, changed>'
    assert run_module(ispconfig_client, options(sim, password='New-Panel-Pass-2'))['changed'] is False

    deleted = run_module(ispconfig_client, dict(sim.conn, username='acme', state='absent'))
    assert deleted['changed'] is True and client_row(sim) is None
    assert run_module(ispconfig_client, dict(sim.conn, username='acme', state='absent'))['changed'] is False


def test_check_mode_predicts_and_writes_nothing(ispconfig):
    predicted = run_module(ispconfig_client, options(ispconfig), check=True, diff=True)
    assert ispconfig.simulator.stats()['writes'] == [] and client_row(ispconfig) is None
    real = run_module(ispconfig_client, options(ispconfig), diff=True)
    assert (predicted['changed'], predicted['diff'], predicted['client']) == \
        (real['changed'], real['diff'], real['client'])


@pytest.mark.parametrize('extra, message', [
    (dict(limits={'mailbox': 3}), 'is not a limit field'),
    (dict(email='nobody'), 'is not an e-mail address'),
])
def test_bad_input_fails_before_any_request(ispconfig, extra, message):
    result = run_module(ispconfig_client, options(ispconfig, **extra))
    assert result['failed'] is True and message in result['msg']
    assert ispconfig.simulator.stats()['requests'] == 0


def test_missing_required_fields_fail_before_any_write(ispconfig):
    result = run_module(ispconfig_client, dict(ispconfig.conn, username='acme'))
    assert result['failed'] is True
    assert result['msg'] == 'contact_name and email are required to create client acme'
    assert ispconfig.simulator.stats()['writes'] == []


def test_lost_reply_of_client_add_is_not_sent_twice(ispconfig):
    """A create whose answer is lost is re-read, never sent again."""
    ispconfig.simulator.add_fault(kind='lost_reply', call='client_add')
    result = run_module(ispconfig_client, options(ispconfig))
    assert result['changed'] is True
    assert ispconfig.simulator.stats()['writes'] == ['client_add']


def test_strict_sql_500_is_one_clear_error(serve):
    running = serve('ispconfig', strict_sql=True)
    conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    result = run_module(ispconfig_client, dict(conn, username='acme', contact_name='J', email='j@acme.example'))
    assert result['failed'] is True
    assert 'client_add failed: HTTP 500' in result['msg'] and 'database error' in result['msg']
    assert 'may have been applied in part' in result['msg']
    assert 'Traceback' not in result['_raw']
