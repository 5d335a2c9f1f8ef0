"""ispconfig_mail_alias (aliases and forwards) against the ISPConfig simulator."""

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import (
    ispconfig_mail_alias, ispconfig_mail_domain, ispconfig_mail_user,
)


def rows(sim, **match):
    return [r for r in sim.simulator.state()['tables']['mail_forwarding']
            if all(r[k] == v for k, v in match.items())]


def test_alias_create_noop_duplicate_guard_delete(ispconfig):
    sim = ispconfig
    options = dict(sim.conn, source='Info@Example.com', destination=['alice@example.com'])
    created = run_module(ispconfig_mail_alias, options, diff=True)
    assert created['changed'] is True
    assert len(rows(sim, source='info@example.com', type='alias', active='y')) == 1

    sim.simulator.reset_stats()
    again = run_module(ispconfig_mail_alias, options)
    assert again['changed'] is False
    assert sim.simulator.stats()['calls'] == ['login', 'mail_alias_get', 'logout']
    assert len(rows(sim, source='info@example.com')) == 1, 'the API accepts duplicates: the module must not'

    second = run_module(ispconfig_mail_alias, dict(options, destination=['bob@example.com']))
    assert second['changed'] is True
    assert len(rows(sim, source='info@example.com')) == 2

    off = run_module(ispconfig_mail_alias, dict(options, active=False), diff=True)
    assert off['changed'] is True and off['diff']['after']['active'] is False

    deleted = run_module(ispconfig_mail_alias, dict(options, state='absent'))
    assert deleted['changed'] is True
    assert [r['destination'] for r in rows(sim, source='info@example.com')] == ['bob@example.com']
    assert run_module(ispconfig_mail_alias, dict(options, state='absent'))['changed'] is False


def test_forward_converges_the_destination_list(ispconfig):
    sim = ispconfig
    options = dict(sim.conn, type='forward', source='sales@example.com', destination=['a@x.example', 'b@y.example'])
    assert run_module(ispconfig_mail_alias, options)['changed'] is True
    assert run_module(ispconfig_mail_alias, options)['changed'] is False
    changed = run_module(ispconfig_mail_alias, dict(options, destination=['a@x.example']), diff=True)
    assert changed['changed'] is True
    assert changed['diff']['before']['destination'] == ['a@x.example', 'b@y.example']
    assert [r['destination'] for r in rows(sim, source='sales@example.com', type='forward')] == ['a@x.example']


def test_check_mode_predicts_and_writes_nothing(ispconfig):
    options = dict(ispconfig.conn, source='info@example.com', destination=['alice@example.com'])
    predicted = run_module(ispconfig_mail_alias, options, check=True, diff=True)
    assert ispconfig.simulator.stats()['writes'] == [] and rows(ispconfig) == []
    real = run_module(ispconfig_mail_alias, options, diff=True)
    assert (predicted['changed'], predicted['diff']) == (real['changed'], real['diff'])


def test_bad_input_fails_before_any_request(ispconfig):
    result = run_module(ispconfig_mail_alias, dict(ispconfig.conn, source='info@example.com',
                                                   destination=['a@example.com', 'b@example.com']))
    assert result['failed'] is True and 'exactly one destination' in result['msg']
    result = run_module(ispconfig_mail_alias, dict(ispconfig.conn, source='info', destination=['a@example.com']))
    assert result['failed'] is True and 'is not an e-mail address' in result['msg']
    assert ispconfig.simulator.stats()['requests'] == 0


def test_alias_over_a_mailbox_is_the_panels_clear_error(ispconfig):
    conn = ispconfig.conn
    run_module(ispconfig_mail_domain, dict(conn, domain='example.com'))
    run_module(ispconfig_mail_user, dict(conn, email='info@example.com', quota='1G', password='Str0ng-Pass-word'))
    result = run_module(ispconfig_mail_alias, dict(conn, source='info@example.com', destination=['a@example.com']))
    assert result['failed'] is True
    assert result['msg'] == 'mail_alias_add failed (remote_fault): There is already a mailbox with this email address.'


def test_expired_session_and_fault(ispconfig):
    options = dict(ispconfig.conn, source='info@example.com', destination=['alice@example.com'])
    run_module(ispconfig_mail_alias, options)
    ispconfig.simulator.clock.advance(1801)
    assert run_module(ispconfig_mail_alias, options)['changed'] is False
    ispconfig.simulator.add_fault(status=500, body='', call='mail_alias_update')
    failed = run_module(ispconfig_mail_alias, dict(options, active=False))
    assert failed['failed'] is True and failed['status'] == 500
