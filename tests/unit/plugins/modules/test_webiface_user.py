# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""webiface_user against the Easy-WI simulator: the full module test matrix, pending jobs, values the panel
would drop silently, refused callers and SQL errors."""

import pytest
import requests

from module_runner import run_module
from simulators.webiface import encode_xml_field

from ansible_collections.hosting.provision.plugins.modules import webiface_user

PASSWORD = 'Pa+ss%41word'  # '+' and '%41' survive only if the XML is URL-encoded before base64


@pytest.fixture
def sim(serve):
    running = serve('webiface')
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    return running


def user(sim, **options):
    base = dict(external_id='crm:1', username='jdoe', email='Jane.Doe@Example.com', password=PASSWORD,
                first_name='Jane', last_name='Doe', phone='+49 30 123456', city='Berlin')
    return dict(sim.conn, **dict(base, **options))


def rows(sim):
    return [row for row in sim.simulator.state()['userdata'] if row['accounttype'] == 'u']


def stored(sim, cname='jdoe'):
    found = [row for row in rows(sim) if row['cname'] == cname]
    return found[0] if found else None


def pending_jobs(sim):
    return [(job['action'], job['extraData']) for job in sim.simulator.state()['jobs'] if job['status'] is None]


def created(sim, **options):
    result = run_module(webiface_user, user(sim, **options))
    assert result['changed'] is True, result
    sim.simulator.reset_stats()
    return result


def calls(sim):
    return sim.simulator.stats()['calls']


def another_client_mod(sim, local_id, **fields):
    """A `mod` sent by some other API client (a billing system ...), with only the elements it names."""
    elements = dict(action='mod', identify_by='localid', localid=str(local_id), **fields)
    document = '<users>%s</users>' % ''.join('<%s>%s</%s>' % (name, value, name) for name, value in elements.items())
    form = dict(user='demo', pwd='demo-password', type='user', xml=encode_xml_field(document, urlencode_text=True))
    reply = requests.post(sim.url + '/api.php', data=form, timeout=5)
    assert '<action>success</action>' in reply.text, reply.text


def logs_in(sim, login, password=PASSWORD):
    return sim.simulator.login(login, password)['logged_in']


def writes(sim):
    return sim.simulator.stats()['writes']


# --- create / no-op / update ---------------------------------------------------------------------------

def test_create_sends_every_value_exactly(sim):
    result = run_module(webiface_user, user(sim, country='DE', salutation=2, birthday='1990-05-17',
                                            mail_ticket=False, groups=[3]))
    assert result['changed'] is True and result['pending'] is False
    row = stored(sim)
    assert (row['externalID'], row['mail'], row['vname'], row['name'], row['city']) == (
        'crm:1', 'jane.doe@example.com', 'Jane', 'Doe', 'Berlin')
    assert row['phone'] == '+49 30 123456', 'a leading + must not turn into a space'
    assert row['active'] == 'Y', 'active is always sent on add (absent would store an empty flag)'
    assert (row['country'], row['salutation'], row['birthday'], row['mail_ticket']) == ('de', '2', '1990-05-17', 'N')
    assert sim.simulator.password_matches(row['id'], PASSWORD)
    assert calls(sim) == ['user.ls', 'user.ls', 'user.add']
    assert writes(sim) == ['user.add']
    assert result['user']['external_id'] == 'crm:1' and 'password' not in result['user']
    assert PASSWORD not in result['_raw']


def test_second_run_is_a_no_op_with_one_read(sim):
    created(sim, update_password='on_create')
    result = run_module(webiface_user, user(sim, update_password='on_create'))
    assert result['changed'] is False and result['pending'] is False
    assert calls(sim) == ['user.ls']
    assert writes(sim) == []
    assert result['user']['local_id'] == int(stored(sim)['id'])


def test_password_cannot_be_compared_so_always_reports_changed(sim):
    created(sim)
    result = run_module(webiface_user, user(sim, update_password='always'), diff=True)
    assert result['changed'] is True
    assert result['diff']['after']['password'] == '<hidden, changed>'
    assert calls(sim) == ['user.ls', 'user.mod']
    assert pending_jobs(sim) == [], 'the stored active value is repeated, so no activation job is queued'


def test_update_sends_the_changed_fields_and_keeps_the_rest(sim):
    created(sim)
    result = run_module(webiface_user, user(sim, city='Hamburg', mobile='0170 1234567', update_password='on_create'),
                        diff=True)
    assert result['changed'] is True and result['pending'] is False
    assert result['diff']['before']['city'] == 'Berlin'
    assert result['diff']['after']['city'] == 'Hamburg'
    row = stored(sim)
    assert (row['city'], row['handy'], row['vname'], row['active']) == ('Hamburg', '0170 1234567', 'Jane', 'Y')
    assert sim.simulator.password_matches(row['id'], PASSWORD), 'on_create must not send the password'
    assert writes(sim) == ['user.mod']
    assert pending_jobs(sim) == []
    again = run_module(webiface_user, user(sim, city='Hamburg', mobile='0170 1234567', update_password='on_create'))
    assert again['changed'] is False


def test_email_is_compared_case_insensitively_and_changed(sim):
    created(sim, update_password='on_create')
    same = run_module(webiface_user, user(sim, email='JANE.DOE@example.COM', update_password='on_create'))
    assert same['changed'] is False
    moved = run_module(webiface_user, user(sim, email='jane@example.org', update_password='on_create'))
    assert moved['changed'] is True
    assert stored(sim)['mail'] == 'jane@example.org'


def test_write_only_fields_are_sent_on_create_only_unless_always(sim):
    created(sim, fax='030 1234', update_password='on_create')
    result = run_module(webiface_user, user(sim, fax='030 9999', update_password='on_create'))
    assert result['changed'] is False, 'fax cannot be read back: on_create does not send it'
    assert stored(sim)['fax'] == '030 1234'
    forced = run_module(webiface_user, user(sim, fax='030 9999', update_password='on_create',
                                            update_write_only='always'))
    assert forced['changed'] is True
    assert stored(sim)['fax'] == '030 9999'


def test_identify_by_username_can_give_an_existing_user_an_external_id(sim):
    created(sim, external_id=None)
    result = run_module(webiface_user, dict(sim.conn, identify_by='username', username='JDOE', external_id='crm:9'))
    assert result['changed'] is True
    assert stored(sim)['externalID'] == 'crm:9'
    assert result['user']['username'] == 'jdoe'


def test_identify_by_local_id(sim):
    created(sim)
    local_id = int(stored(sim)['id'])
    result = run_module(webiface_user, dict(sim.conn, local_id=local_id, city='Bonn'))
    assert result['changed'] is True
    assert stored(sim)['city'] == 'Bonn'


def test_unknown_local_id_is_an_error_and_sends_no_mod(sim):
    # Easy-WI answers success to a mod of an unknown numeric localid and queues a phantom job
    result = run_module(webiface_user, dict(sim.conn, local_id=8888, city='Bonn'))
    assert result['failed'] is True
    assert 'no Easy-WI user with local_id 8888' in result['msg']
    assert calls(sim) == ['user.ls'] and sim.simulator.state()['jobs'] == []


def test_a_user_cannot_be_renamed(sim):
    created(sim)
    result = run_module(webiface_user, user(sim, username='janedoe'))
    assert result['failed'] is True
    assert "has the login 'jdoe'; Easy-WI cannot rename a user" in result['msg']
    assert writes(sim) == []


def test_create_needs_an_email(sim):
    result = run_module(webiface_user, dict(sim.conn, external_id='crm:1'))
    assert result['failed'] is True and 'email is required' in result['msg']
    assert writes(sim) == []


def test_duplicate_email_is_one_clear_sentence(sim):
    created(sim)
    result = run_module(webiface_user, user(sim, external_id='crm:2', username='other'))
    assert result['failed'] is True
    assert result['msg'].startswith('user.add failed: "user with this e-mail already exists: jdoe": Easy-WI '
                                    'already has an account with this e-mail address or login name')
    assert result['api_message'] == 'user with this e-mail already exists: jdoe'
    assert 'Traceback' not in result['_raw']


# --- check mode and diff -------------------------------------------------------------------------------

def test_check_mode_sends_no_write_and_predicts_the_real_run(sim):
    options = user(sim, update_password='on_create')
    predicted = run_module(webiface_user, options, check=True, diff=True)
    assert writes(sim) == [] and rows(sim) == []
    real = run_module(webiface_user, options, diff=True)
    # the id the server gave it, which check mode cannot know
    assert real['user'].pop('local_id') == real['diff']['after'].pop('local_id') == int(rows(sim)[0]['id'])
    for key in ('changed', 'diff', 'user', 'pending'):
        assert predicted[key] == real[key]
    sim.simulator.reset_stats()
    change = dict(options, city='Hamburg', active=False)
    predicted = run_module(webiface_user, change, check=True, diff=True)
    assert writes(sim) == []
    real = run_module(webiface_user, change, diff=True)
    for key in ('changed', 'diff', 'user', 'pending'):
        assert predicted[key] == real[key]
    assert real['pending'] is True


def test_check_mode_of_a_delete_predicts_a_pending_job(sim):
    created(sim)
    predicted = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'), check=True, diff=True)
    assert writes(sim) == [] and stored(sim)['externalID'] == 'crm:1'
    real = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'), diff=True)
    for key in ('changed', 'diff', 'user', 'pending'):
        assert predicted[key] == real[key]


def test_diff_masks_the_password(sim):
    result = run_module(webiface_user, user(sim), diff=True)
    assert result['diff']['before'] == {}
    assert result['diff']['after']['password'] == '<hidden, changed>'
    assert PASSWORD not in result['_raw']


# --- pending jobs: deletes -----------------------------------------------------------------------------

def test_delete_is_queued_marked_and_a_rerun_queues_it_again(sim):
    created(sim)
    result = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'), diff=True)
    assert result['changed'] is True and result['pending'] is True
    assert result['diff']['after'] == {} and result['user'] == {}
    assert writes(sim) == ['user.mod', 'user.del']
    row = stored(sim)
    assert (row['externalID'], row['jobPending']) == ('ansible_deleted:crm:1', 'Y'), 'still there until the cron'
    assert pending_jobs(sim) == [('dl', None)], 'the marking mod queues nothing that survives the del'
    sim.simulator.reset_stats()
    # the marker proves the module asked for the delete, not that it is still queued: a repeated del
    # cancels the queued one and queues it again (recording 10), so the re-run reports it
    again = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    assert again['changed'] is True and again['pending'] is True
    assert calls(sim) == ['user.ls', 'user.ls', 'user.del'] and writes(sim) == ['user.del']
    assert pending_jobs(sim) == [('dl', None)]
    sim.simulator.run_jobs()
    assert stored(sim) is None
    sim.simulator.reset_stats()
    gone = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    assert gone['changed'] is False and gone['pending'] is False
    assert calls(sim) == ['user.ls', 'user.ls']


def test_pending_delete_by_username_and_without_external_id(sim):
    created(sim, external_id=None)
    result = run_module(webiface_user, dict(sim.conn, username='jdoe', state='absent'))
    assert result['changed'] is True and result['pending'] is True
    row = stored(sim)
    assert row['externalID'] == 'ansible_deleted_id:%s' % row['id']
    sim.simulator.reset_stats()
    again = run_module(webiface_user, dict(sim.conn, username='jdoe', state='absent'))
    assert again['changed'] is True and again['pending'] is True
    assert calls(sim) == ['user.ls', 'user.del']
    sim.simulator.reset_stats()
    # state=present cancels it and blanks the marker again (an empty element would not)
    back = run_module(webiface_user, dict(sim.conn, username='jdoe'))
    assert back['changed'] is True
    assert any('was marked for deletion' in warning and 'cancels the delete' in warning
               for warning in back['warnings'])
    assert writes(sim) == ['user.mod', 'user.clean']
    assert stored(sim)['externalID'] == ''
    assert pending_jobs(sim) == []
    sim.simulator.run_jobs()
    assert stored(sim) is not None
    settled = run_module(webiface_user, dict(sim.conn, username='jdoe'))
    assert settled['changed'] is False and stored(sim)['jobPending'] == 'Y'
    assert settled['user']['active'] is True, 'the flag outlived the delete the restoring mod cancelled: left over'


def test_present_cancels_a_pending_delete_with_a_warning(sim):
    created(sim, update_password='on_create')
    run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    sim.simulator.reset_stats()
    result = run_module(webiface_user, user(sim, update_password='on_create'), diff=True)
    assert result['changed'] is True and result['pending'] is False
    assert result['diff']['before']['external_id'] == 'ansible_deleted:crm:1'
    assert result['diff']['after']['external_id'] == 'crm:1'
    assert any('was marked for deletion' in warning for warning in result['warnings'])
    assert calls(sim) == ['user.ls', 'user.ls', 'user.mod']
    assert pending_jobs(sim) == []
    sim.simulator.run_jobs()
    assert stored(sim)['externalID'] == 'crm:1'
    sim.simulator.reset_stats()
    again = run_module(webiface_user, user(sim, update_password='on_create'))
    assert again['changed'] is False and again['warnings'] == []
    assert calls(sim) == ['user.ls']


def test_delete_that_failed_half_way_is_sent_again(sim):
    created(sim)
    sim.simulator.add_fault(status=503, body='', call='user.del')
    failed = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    assert failed['failed'] is True and 'may have been applied in part' in failed['msg']
    assert stored(sim)['externalID'] == 'ansible_deleted:crm:1' and stored(sim)['jobPending'] == 'N'
    sim.simulator.reset_stats()
    result = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    assert result['changed'] is True and result['pending'] is True
    assert writes(sim) == ['user.del'], 'the marker is already there: only the del is sent'


def test_readding_while_the_delete_is_pending_is_a_clear_error(sim):
    created(sim)
    run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    result = run_module(webiface_user, user(sim, external_id='crm:2'))
    assert result['failed'] is True
    assert 'waiting for its delete job still counts' in result['msg']


# --- pending jobs: activation --------------------------------------------------------------------------

def test_deactivation_waits_for_the_cron_job(sim):
    created(sim, update_password='on_create')
    result = run_module(webiface_user, user(sim, active=False, update_password='on_create'))
    assert result['changed'] is True and result['pending'] is True
    assert result['user']['active'] is False
    assert stored(sim)['active'] == 'Y' and pending_jobs(sim) == [('md', '{"newActive":"N"}')]
    # until the cron job runs the panel shows the old value: the change is queued again (documented)
    again = run_module(webiface_user, user(sim, active=False, update_password='on_create'))
    assert again['changed'] is True and again['pending'] is True
    assert pending_jobs(sim) == [('md', '{"newActive":"N"}')]
    sim.simulator.run_jobs()
    assert stored(sim)['active'] == 'N'
    sim.simulator.reset_stats()
    done = run_module(webiface_user, user(sim, active=False, update_password='on_create'))
    assert done['changed'] is False and done['pending'] is False
    assert calls(sim) == ['user.ls']


def test_a_change_of_an_inactive_user_does_not_reactivate_it(sim):
    created(sim, active=False, update_password='on_create')
    result = run_module(webiface_user, user(sim, city='Bonn', update_password='on_create'))
    assert result['changed'] is True and result['pending'] is False
    assert pending_jobs(sim) == [], 'a mod without active would queue a re-activation'
    sim.simulator.run_jobs()
    assert stored(sim)['active'] == 'N'


def test_user_without_active_flag_needs_active_for_a_change(sim):
    sim.simulator.load({'userdata': [dict(sim.simulator.state()['userdata'][0]),
                                     {'id': '2', 'cname': 'legacy', 'active': '', 'accounttype': 'u',
                                      'jobPending': 'N', 'mail': 'legacy@example.org', 'externalID': 'crm:7',
                                      'resellerid': '0'}]})
    result = run_module(webiface_user, dict(sim.conn, external_id='crm:7', city='Bonn'))
    assert result['failed'] is True and 'set active to true or false' in result['msg']
    assert writes(sim) == []
    fixed = run_module(webiface_user, dict(sim.conn, external_id='crm:7', city='Bonn', active=True))
    assert fixed['changed'] is True and fixed['pending'] is True


def test_change_without_active_while_a_deactivation_is_queued_fails_and_keeps_it(sim):
    created(sim, update_password='on_create')
    run_module(webiface_user, user(sim, active=False, update_password='on_create'))
    sim.simulator.reset_stats()
    options = user(sim, city='Bonn', update_password='on_create')
    for check in (True, False):
        result = run_module(webiface_user, options, check=check)
        assert result['failed'] is True, result
        assert result['msg'] == (
            "Easy-WI user external_id=crm:1 may have a queued deactivation (Easy-WI's jobPending flag is set, and "
            "its API cannot show the job queue), which the change of city would cancel: set active to the state "
            "the user should end in (false keeps it queued).")
    assert calls(sim) == ['user.ls', 'user.ls'] and writes(sim) == []
    assert pending_jobs(sim) == [('md', '{"newActive":"N"}')], 'the deactivation is still queued'
    # the task names active: the deactivation is queued again together with the change
    result = run_module(webiface_user, user(sim, city='Bonn', active=False, update_password='on_create'))
    assert result['changed'] is True and result['pending'] is True
    assert pending_jobs(sim) == [('md', '{"newActive":"N"}')]
    sim.simulator.run_jobs()
    assert (stored(sim)['active'], stored(sim)['city']) == ('N', 'Bonn')
    assert not logs_in(sim, 'jdoe')
    sim.simulator.reset_stats()
    settled = run_module(webiface_user, user(sim, city='Bonn', active=False, update_password='on_create'))
    assert settled['changed'] is False and calls(sim) == ['user.ls']


def test_change_without_active_while_a_reactivation_is_queued_fails(sim):
    created(sim, active=False, update_password='on_create')
    run_module(webiface_user, user(sim, active=True, update_password='on_create'))
    result = run_module(webiface_user, user(sim, first_name='Janet', update_password='on_create'))
    assert result['failed'] is True
    assert 'may have a queued re-activation' in result['msg'] and '(true keeps it queued)' in result['msg']
    assert pending_jobs(sim) == [('md', '{"newActive":"Y"}')]
    sim.simulator.run_jobs()
    assert stored(sim)['active'] == 'Y' and logs_in(sim, 'jdoe')


def test_active_set_back_before_the_cron_job_wins(sim):
    created(sim, update_password='on_create')
    run_module(webiface_user, user(sim, active=False, update_password='on_create'))
    sim.simulator.reset_stats()
    # Easy-WI still stores active=Y: only sending it replaces the queued deactivation
    options = user(sim, active=True, update_password='on_create')
    predicted = run_module(webiface_user, options, check=True, diff=True)
    result = run_module(webiface_user, options, diff=True)
    for key in ('changed', 'pending', 'diff', 'user', 'warnings'):
        assert predicted[key] == result[key], key
    assert result['changed'] is True and result['pending'] is False
    assert (result['diff']['before']['active'], result['user']['active']) == (None, True)
    assert any('a deactivation may be queued' in warning and 'active=true was sent to cancel it' in warning
               and 'later runs find the user active as wanted' in warning for warning in result['warnings'])
    assert writes(sim) == ['user.mod'] and pending_jobs(sim) == []
    sim.simulator.run_jobs()
    assert stored(sim)['active'] == 'Y' and logs_in(sim, 'jdoe')
    assert stored(sim)['jobPending'] == 'Y', 'Easy-WI keeps the flag after the cancelled job'
    # the module's own mod left the flag with nothing queued: the state is settled, said once
    sim.simulator.reset_stats()
    for check in (True, False):
        again = run_module(webiface_user, options, check=check)
        assert again['changed'] is False and again['warnings'] == [] and again['user']['active'] is True, again
    assert calls(sim) == ['user.ls', 'user.ls']


def test_a_left_over_flag_never_hides_a_change_the_module_queued(sim):
    created(sim, update_password='on_create')
    run_module(webiface_user, user(sim, active=False, update_password='on_create'))
    run_module(webiface_user, user(sim, active=True, update_password='on_create'))  # cancels it: left over
    # a change without active is no longer refused: nothing of the module's is queued
    city = run_module(webiface_user, user(sim, city='Bonn', active=None, update_password='on_create'))
    assert city['changed'] is True and city['pending'] is False and pending_jobs(sim) == []
    queued = run_module(webiface_user, user(sim, active=False, update_password='on_create'))
    assert queued['changed'] is True and queued['pending'] is True
    assert pending_jobs(sim) == [('md', '{"newActive":"N"}')]
    sim.simulator.reset_stats()
    # set back again before the cron job: the module knows its deactivation may be queued and cancels it
    back = run_module(webiface_user, user(sim, active=True, update_password='on_create'))
    assert back['changed'] is True and writes(sim) == ['user.mod'] and pending_jobs(sim) == []
    sim.simulator.run_jobs()
    assert stored(sim)['active'] == 'Y' and logs_in(sim, 'jdoe')


def test_a_left_over_flag_is_known_per_controller(sim, tmp_path, monkeypatch):
    created(sim, update_password='on_create')
    options = user(sim, active=True, update_password='on_create')
    run_module(webiface_user, user(sim, active=False, update_password='on_create'))
    assert run_module(webiface_user, options)['changed'] is True
    assert run_module(webiface_user, options)['changed'] is False
    # another controller (or one whose cache was emptied) has not seen that mod: it sends active once itself
    monkeypatch.setenv('XDG_CACHE_HOME', str(tmp_path / 'another-controller'))
    first = run_module(webiface_user, options)
    assert first['changed'] is True and first['pending'] is False and len(first['warnings']) == 1
    assert run_module(webiface_user, options)['changed'] is False
    # an admin saving the user in the panel clears the flag: settled on every controller
    sim.simulator.panel_save_user(stored(sim)['id'])
    settled = run_module(webiface_user, options)
    assert settled['changed'] is False and settled['warnings'] == []
    # and what was known of the flag is forgotten: a deactivation another client queues now is cancelled
    another_client_mod(sim, stored(sim)['id'], active='N')
    result = run_module(webiface_user, options)
    assert result['changed'] is True and result['warnings'] and pending_jobs(sim) == []


def test_settled_by_the_cron_job_after_a_completed_change(sim):
    created(sim, update_password='on_create')
    run_module(webiface_user, user(sim, active=False, update_password='on_create'))
    sim.simulator.run_jobs()
    run_module(webiface_user, user(sim, active=True, update_password='on_create'))
    sim.simulator.run_jobs()
    assert stored(sim)['jobPending'] == 'N'
    sim.simulator.reset_stats()
    for options in (user(sim, active=True, update_password='on_create'), user(sim, update_password='on_create')):
        result = run_module(webiface_user, options)
        assert result['changed'] is False and result['warnings'] == [] and result['user']['active'] is True
    assert writes(sim) == []


def test_a_flag_left_by_another_client_is_not_guessed(sim):
    created(sim, update_password='on_create')
    local_id = stored(sim)['id']
    another_client_mod(sim, local_id, active='N')  # some billing system suspends the user: queued
    # nothing to change: the queued job is left alone
    untouched = run_module(webiface_user, user(sim, update_password='on_create'))
    assert untouched['changed'] is False and untouched['user']['active'] is None
    assert pending_jobs(sim) == [('md', '{"newActive":"N"}')]
    refused = run_module(webiface_user, user(sim, city='Bonn', update_password='on_create'))
    assert refused['failed'] is True and 'may have a queued deactivation' in refused['msg']
    # the playbook says active: its value is the last declared one
    result = run_module(webiface_user, user(sim, active=True, update_password='on_create'))
    assert result['changed'] is True and pending_jobs(sim) == []
    sim.simulator.run_jobs()
    assert stored(sim)['active'] == 'Y'


def test_a_delete_cancelled_by_another_client_is_queued_again(sim):
    created(sim)
    run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    row = stored(sim)
    another_client_mod(sim, row['id'], city='Oslo')  # any change of the user cancels its queued delete
    assert pending_jobs(sim) == [] and stored(sim)['jobPending'] == 'Y', 'the flag stays: it proves nothing'
    sim.simulator.reset_stats()
    result = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    assert result['changed'] is True and result['pending'] is True
    assert writes(sim) == ['user.del'] and pending_jobs(sim) == [('dl', None)]
    sim.simulator.run_jobs()
    assert stored(sim) is None and not logs_in(sim, 'jdoe')
    gone = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    assert gone['changed'] is False and gone['pending'] is False


# --- bad input: every value Easy-WI would drop silently fails before any request ----------------------

@pytest.mark.parametrize('options, message', [
    (dict(external_id='crm-1'), "'crm-1' is not accepted: Easy-WI stores an external ID only if"),
    (dict(external_id='x' * 256), 'is not accepted: Easy-WI stores an external ID only if'),
    (dict(external_id='ansible_deleted:1'), 'is reserved'),
    (dict(email='a' * 40 + '@example.com'), 'is longer than the 50 characters Easy-WI stores'),
    (dict(email="o'brien@example.org"), "cannot store an e-mail address with \"'\""),
    (dict(email='not-an-address'), 'is not an e-mail address'),
    (dict(email='jane@localhost'), 'is not an e-mail address Easy-WI accepts'),
    (dict(username='a&b'), "'a&b' is not accepted: the panel's login form takes 1 to 255 of A-Z"),
    (dict(username="o'neil"), "the panel's login form takes"),
    (dict(username='john doe'), "the panel's login form takes"),
    (dict(username='jürgen2'), "the panel's login form takes"),
    (dict(username='a+b'), "the panel's login form takes"),
    (dict(username='x' * 256), "the panel's login form takes"),
    (dict(username='jane.doe@example.com'), None),
    (dict(password='abc'), "password is not accepted: the panel's login form takes 6 to 255 characters"),
    (dict(password='my pass word'), "password is not accepted"),
    (dict(password=' padded1 '), "password is not accepted"),
    (dict(password='tab\there1'), "password is not accepted"),
    (dict(password=''), "password is not accepted"),
    (dict(password='x' * 256), "password is not accepted"),
    (dict(password='ü' * 128), "password is not accepted"),
    (dict(password='äöü'), None),
    (dict(password='ä' * 127), None),
    (dict(password='abc', update_password='on_create'), "password is not accepted"),
    (dict(local_id=0, identify_by='local_id'), 'local_id must be a positive number'),
    (dict(username=' jdoe'), "the panel's login form takes"),
    (dict(first_name='J'), "'J' is not accepted: Easy-WI needs 2 to 255 letters"),
    (dict(last_name="O'Neil"), 'is not accepted: Easy-WI needs 2 to 255 letters'),
    (dict(first_name=''), "'' is not accepted"),
    (dict(city='x' * 51), 'needs 2 to 50 letters'),
    (dict(street='-Main'), 'needs 2 to 50 letters'),
    (dict(phone='abc'), 'allows only digits'),
    (dict(mobile='+49 (0) 170 / 12-34 ext'), 'allows only digits'),
    (dict(fax='0'), None),
    (dict(postcode='1234567'), 'a post code of 1 to 6 digits'),
    (dict(postcode='0'), 'greater than 0'),
    (dict(street_number='12-a'), '1 to 6 letters, digits or "_"'),
    (dict(salutation=12), 'a number from 1 to 9'),
    (dict(birthday='notadate'), 'is not a date in the form YYYY-MM-DD'),
    (dict(birthday='2001-02-30'), 'is not a date'),
    (dict(country='DEU'), 'two-letter ISO 3166 country code'),
    (dict(download_path='not a url'), 'needs a URL'),
    (dict(download_path="http://fdl.example.org/it's"), 'needs a URL'),
    (dict(groups=[0]), 'is not a user group ID'),
    (dict(active='X'), 'active'),
    (dict(api_username='x'), 'api_username'),
    (dict(api_password='abc'), 'api_password must be 6 to 255 characters'),
    (dict(identify_by='local_id'), 'identify_by=local_id needs local_id'),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(webiface_user, user(sim, **options))
    if message is None:  # a valid value, for contrast
        assert result['changed'] is True, result
        return
    assert result['failed'] is True, result
    assert message in result['msg']
    assert sim.simulator.stats()['requests'] == 0
    assert 'Traceback' not in result['_raw']
    if options.get('password'):
        assert options['password'] not in result['msg']


def test_an_identifier_is_required(sim):
    result = run_module(webiface_user, dict(sim.conn, email='jane@example.org'))
    assert result['failed'] is True and 'one of the following is required' in result['msg']
    assert sim.simulator.stats()['requests'] == 0


def test_the_user_can_log_in_with_what_the_module_set(sim):
    created(sim)
    assert logs_in(sim, 'jdoe') and logs_in(sim, 'jane.doe@example.com')
    assert not logs_in(sim, 'jdoe', 'wrong-password')


def test_email_of_another_user_is_refused_before_the_change(sim):
    created(sim, update_password='on_create')
    run_module(webiface_user, user(sim, external_id='crm:2', username='other', email='other@example.org'))
    sim.simulator.reset_stats()
    options = user(sim, email='OTHER@example.org', update_password='on_create')
    for check in (True, False):
        result = run_module(webiface_user, options, check=check)
        assert result['failed'] is True
        assert result['msg'].startswith("Easy-WI user external_id=crm:1 cannot get the e-mail address "
                                        "other@example.org: the Easy-WI user 'other' (local_id 3) has it")
    assert calls(sim) == ['user.ls', 'user.ls'] * 2 and writes(sim) == []
    assert stored(sim)['mail'] == 'jane.doe@example.com'
    free = run_module(webiface_user, user(sim, email='jane@example.net', update_password='on_create'))
    assert free['changed'] is True and stored(sim)['mail'] == 'jane@example.net'


def test_groups_are_sent_on_create_but_never_reported(sim):
    sim.simulator.set_usergroup(4, name='Gold')
    for groups, expected in (([99], ['3']), ([4, 99], ['4'])):
        external_id = 'crm:%d' % len(groups)
        options = user(sim, external_id=external_id, username='u%d' % len(groups),
                       email='u%d@example.org' % len(groups), groups=groups)
        predicted = run_module(webiface_user, options, check=True, diff=True)
        result = run_module(webiface_user, options, diff=True)
        assert result['changed'] is True and result['user'].pop('local_id') > 0
        assert predicted['user'] == result['user'] and predicted['warnings'] == result['warnings']
        assert 'groups' not in result['user'] and 'groups' not in result['diff']['after']
        assert any('cannot report the groups' in warning for warning in result['warnings'])
        local_id = stored(sim, 'u%d' % len(groups))['id']
        assert [row['groupID'] for row in sim.simulator.state()['userdata_groups'] if row['userID'] == local_id] \
            == expected, 'Easy-WI ignores the unknown group (and uses its default group when none is left)'


# --- faults --------------------------------------------------------------------------------------------

def test_caller_ip_not_allowed_is_explained(sim):
    sim.simulator.remote_addr = '127.0.0.2'
    result = run_module(webiface_user, user(sim))
    assert result['failed'] is True
    assert "refused the API login of 'demo' from the IP address 127.0.0.2" in result['msg']
    assert 'Jobs/API > API settings' in result['msg'] and 'add 127.0.0.2 to the allowed IPs' in result['msg']
    assert result['status'] == 403
    assert result['api_message'] == 'No valid api data Request IP is: 127.0.0.2'
    assert writes(sim) == []


def test_broken_login_of_the_repository_head_is_explained(serve):
    running = serve('webiface', broken_login_head=True)
    result = run_module(webiface_user, dict(api_url=running.url, api_username='demo', api_password='demo-password',
                                            external_id='crm:1', email='jane@example.org'))
    assert result['failed'] is True
    assert 'repository HEAD since commit 98aa0597' in result['msg'] and 'release 6.2.5' in result['msg']
    assert 'demo-password' not in result['_raw']


def test_strict_sql_mode_is_named_and_nothing_is_stored(serve):
    running = serve('webiface', strict_sql=True)
    conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    result = run_module(webiface_user, dict(conn, external_id='crm:1', email='jane@example.org'))
    assert result['failed'] is True
    assert result['msg'].startswith('user.add failed: HTTP 500 from %s with an empty body.' % running.url)
    assert 'strict sql_mode' in result['msg'] and 'may have been applied' not in result['msg']
    assert result['status'] == 500 and result['call'] == 'user.add'
    assert 'Traceback' not in result['_raw']
    assert [row for row in running.simulator.state()['userdata'] if row['accounttype'] == 'u'] == []
    # in strict mode an add works when salutation and birthday are sent too
    works = run_module(webiface_user, dict(conn, external_id='crm:1', email='jane@example.org', salutation=1,
                                           birthday='2000-01-01'))
    assert works['changed'] is True, works


def test_sql_error_on_a_change_is_reported_as_possibly_partial(sim):
    created(sim)
    sim.simulator.add_fault(status=500, body='', call='user.mod')
    result = run_module(webiface_user, user(sim, city='Bonn', update_password='on_create'))
    assert result['failed'] is True
    assert 'HTTP 500' in result['msg'] and 'SQL error' in result['msg']
    assert 'may have been applied in part' in result['msg']


def test_transient_read_failure_is_retried(sim):
    # Easy-WI has no session that could expire: every request carries the credentials. The nearest
    # mid-run fault is a read answered by an overloaded proxy, which is retried.
    created(sim, update_password='on_create')
    sim.simulator.add_fault(status=503, body='busy', call='user.ls')
    result = run_module(webiface_user, user(sim, update_password='on_create'))
    assert result['changed'] is False, result
    assert calls(sim) == ['user.ls', 'user.ls']


def test_lost_reply_of_a_create_is_not_sent_again(sim):
    sim.simulator.add_fault(kind='lost_reply', call='user.add')
    result = run_module(webiface_user, user(sim, country='de'))
    assert result['changed'] is True, result
    assert writes(sim) == ['user.add'], 'the add must not be sent twice'
    assert any('lost' in warning for warning in result['warnings'])
    assert len(rows(sim)) == 1


def test_lost_reply_of_a_delete_is_resolved_by_the_marker(sim):
    created(sim)
    sim.simulator.add_fault(kind='lost_reply', call='user.del')
    result = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    assert result['changed'] is True and result['pending'] is True, result
    assert writes(sim) == ['user.mod', 'user.del']
    assert any('lost' in warning for warning in result['warnings'])


def test_lost_delete_of_a_user_whose_flag_was_set_is_not_claimed_queued(sim):
    created(sim, update_password='on_create')
    run_module(webiface_user, user(sim, active=False, update_password='on_create'))  # jobPending=Y from here on
    sim.simulator.reset_stats()
    # the del never reaches Easy-WI: the flag the re-read shows was set before, so it proves nothing
    sim.simulator.add_fault(kind='reset', call='user.del')
    result = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    assert result['failed'] is True and 'may have been applied in part' in result['msg'], result
    assert writes(sim) == ['user.mod'], 'the marker arrived, the del did not'
    assert pending_jobs(sim) == [] and stored(sim)['jobPending'] == 'Y'
    queued = run_module(webiface_user, dict(sim.conn, external_id='crm:1', state='absent'))
    assert queued['changed'] is True and queued['pending'] is True and pending_jobs(sim) == [('dl', None)]


def test_install_folder_left_in_place_is_explained(serve):
    running = serve('webiface', install_folder=True)
    result = run_module(webiface_user, dict(api_url=running.url, api_username='demo', api_password='demo-password',
                                            external_id='crm:1'))
    assert result['failed'] is True
    assert 'installation' in result['msg'] and 'delete the "install" folder' in result['msg']


def test_postal_code_and_cell_phone_are_the_names_of_the_other_apis_too(sim):
    result = run_module(webiface_user, user(sim, postal_code='10115', cell_phone='0170 1234567'))
    assert result['changed'] is True, result
    assert (stored(sim)['cityn'], stored(sim)['handy']) == ('10115', '0170 1234567')
