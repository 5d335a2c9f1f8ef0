# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""webiface_mysql against the Easy-WI simulator: the module test matrix with exact requests, what the API cannot do
said in the result (a name and a password Easy-WI makes up, no limits), and the queued-job discipline (a pending
delete is never undone by a later task; Easy-WI's mod would undo it)."""

import pytest
import requests

from module_runner import run_module
from simulators.webiface import encode_xml_field

from ansible_collections.hosting.provision.plugins.modules import webiface_mysql, webiface_user

NINE = ('action', 'active', 'identify_server_by', 'server_local_id', 'server_external_id', 'identify_user_by',
        'user_localid', 'user_externalid', 'username')


@pytest.fixture
def sim(serve):
    running = serve('webiface')
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    for external_id, username in (('crm:1', 'dbuser'), ('crm:2', 'other')):
        assert run_module(webiface_user, dict(running.conn, external_id=external_id, username=username,
                                              email='%s@example.com' % username))['changed']
    running.simulator.reset_stats()
    return running


def database(sim, **options):
    """The task's options; an option given as None is left out."""
    base = dict(external_id='db:1', owner_external_id='crm:1')
    base.update(options)
    return dict(sim.conn, **dict((key, value) for key, value in base.items() if value is not None))


def rows(sim):
    return sim.simulator.state()['mysql_external_dbs']


def stored(sim, external_id='db:1'):
    found = [row for row in rows(sim) if row['externalID'] == external_id]
    assert len(found) <= 1
    return found[0] if found else None


def pending_jobs(sim):
    return [(job['type'], job['action']) for job in sim.simulator.state()['jobs']
            if job['status'] is None and job['type'] == 'my']


def calls(sim):
    return sim.simulator.stats()['calls']


def writes(sim):
    return sim.simulator.stats()['writes']


def created(sim, **options):
    result = run_module(webiface_mysql, database(sim, **options))
    assert result['changed'] is True and not result.get('failed'), result
    sim.simulator.run_jobs()  # the panel's cron job creates the database on the master
    sim.simulator.reset_stats()
    return result


# --- create / no-op / update ------------------------------------------------------------------------------

def test_create_returns_the_name_easywi_gives_and_says_where_the_password_is_set(sim):
    result = run_module(webiface_mysql, database(sim), diff=True)
    assert result['changed'] is True and result['pending'] is True, 'the create job waits for the cron job'
    row = stored(sim)
    assert (row['uid'], row['active'], row['dbname']) == ('2', 'Y', 'sql%s' % row['id'])
    assert result['database'] == dict(external_id='db:1', local_id=int(row['id']), name=row['dbname'], active=True)
    assert pending_jobs(sim) == [('my', 'ad')]
    assert calls(sim) == ['user.ls', 'mysql.add'] and writes(sim) == ['mysql.add']
    assert any('made up the password of the MySQL database %s' % row['dbname'] in warning and 'customer panel' in
               warning for warning in result['warnings']), result['warnings']
    assert row['password_decrypted'] not in result['_raw']


def test_check_mode_predicts_the_create_and_sends_nothing(sim):
    predicted = run_module(webiface_mysql, database(sim, active=False), check=True)
    assert predicted['changed'] is True and predicted['pending'] is True
    assert predicted['database'] == dict(external_id='db:1', active=False)
    assert writes(sim) == [] and rows(sim) == []


def test_second_run_is_a_no_op_with_one_read(sim):
    first = created(sim)
    result = run_module(webiface_mysql, database(sim))
    assert result['changed'] is False and result['pending'] is False
    assert calls(sim) == ['user.ls']
    assert result['database'] == first['database']


def test_master_server_id_chooses_the_master_at_the_create_only(sim):
    sim.simulator.control('put_rows', {'table': 'mysql_external_servers', 'rows': [
        {'id': 2, 'ip': '192.0.2.41', 'max_databases': 100}]})
    result = run_module(webiface_mysql, database(sim, master_server_id=2))
    assert result['changed'] is True and result['database']['master_server_id'] == 2
    assert stored(sim)['sid'] == '2'
    sim.simulator.reset_stats()
    again = run_module(webiface_mysql, database(sim, master_server_id=1))
    assert again['changed'] is False and writes(sim) == [], 'the API cannot show the master: never compared'


def test_a_master_without_room_is_one_clear_error(sim):
    result = run_module(webiface_mysql, database(sim, master_server_id=99))
    assert result['failed'] is True and 'No free host' in result['msg'] and 'master_server_id' in result['msg']
    assert rows(sim) == []


def test_deactivation_queues_a_job_keeps_the_external_id_and_warns_that_nothing_is_locked(sim):
    created(sim)
    predicted = run_module(webiface_mysql, database(sim, active=False), check=True, diff=True)
    result = run_module(webiface_mysql, database(sim, active=False), diff=True)
    for outcome in (predicted, result):
        assert outcome['changed'] is True and outcome['pending'] is True
        assert outcome['diff']['before']['active'] is True and outcome['diff']['after']['active'] is False
        assert any('locks nothing' in warning for warning in outcome['warnings']), outcome['warnings']
    assert writes(sim) == ['mysql.mod']
    row = stored(sim)
    assert row is not None and row['active'] == 'N', 'Easy-WI stores the sent external ID: the module sends it'
    assert pending_jobs(sim) == [('my', 'md')]
    assert run_module(webiface_mysql, database(sim, active=False))['changed'] is False


def test_a_database_of_another_user_is_not_found_and_the_create_names_the_duplicate(sim):
    created(sim)
    result = run_module(webiface_mysql, database(sim, owner_external_id='crm:2'))
    assert result['failed'] is True and 'database with external ID already exists' in result['msg']


def test_missing_owner_fails_before_the_create_and_check_mode_warns(sim):
    result = run_module(webiface_mysql, database(sim, owner_external_id='crm:404'))
    assert result['failed'] is True and 'create it first' in result['msg']
    checked = run_module(webiface_mysql, database(sim, owner_external_id='crm:404'), check=True)
    assert checked['changed'] is True and any('crm:404' in warning for warning in checked['warnings'])
    assert run_module(webiface_mysql, database(sim, owner_external_id='crm:404', state='absent'))['changed'] is False


def test_bad_external_id_is_refused_before_any_request(sim):
    result = run_module(webiface_mysql, database(sim, external_id='db-1'))
    assert result['failed'] is True and 'external_id' in result['msg'] and calls(sim) == []


# --- queued jobs: the delete, its marker, what a later task may do ---------------------------------------------

def test_delete_is_queued_marked_and_gone_after_the_cron_job_then_a_second_delete_changes_nothing(sim):
    created(sim)
    predicted = run_module(webiface_mysql, database(sim, state='absent'), check=True)
    assert predicted['changed'] is True and predicted['pending'] is True and writes(sim) == []
    result = run_module(webiface_mysql, database(sim, state='absent'))
    assert result['changed'] is True and result['pending'] is True and result['database'] == {}
    assert writes(sim) == ['mysql.del', 'mysql.mod'], 'the delete, then the marker'
    assert stored(sim, 'ansible_deleted:db:1') is not None
    assert pending_jobs(sim) == [('my', 'dl')], 'the marking mod cancelled nothing'
    sim.simulator.run_jobs()
    assert rows(sim) == []
    sim.simulator.reset_stats()
    gone = run_module(webiface_mysql, database(sim, state='absent'))
    assert gone['changed'] is False and gone['pending'] is False and writes(sim) == []


def test_present_on_a_marked_database_fails_and_never_undoes_the_delete(sim):
    created(sim)
    run_module(webiface_mysql, database(sim, state='absent'))
    sim.simulator.reset_stats()
    for options in (dict(), dict(active=False)):
        result = run_module(webiface_mysql, database(sim, **options))
        assert result['failed'] is True and 'marked for deletion by state=absent' in result['msg']
    assert writes(sim) == [] and pending_jobs(sim) == [('my', 'dl')]
    again = run_module(webiface_mysql, database(sim, state='absent'))
    assert again['changed'] is True and pending_jobs(sim) == [('my', 'dl')], 'queued again, replacing the first'
    sim.simulator.run_jobs()
    recreated = run_module(webiface_mysql, database(sim))
    assert recreated['changed'] is True and stored(sim) is not None


def test_a_delete_queued_by_someone_else_makes_a_change_fail_loudly(sim):
    created(sim)
    values = dict(action='del', identify_server_by='server_local_id', server_local_id=stored(sim)['id'])
    document = '<server>%s</server>' % ''.join('<%s>%s</%s>' % (key, values.get(key, ''), key) for key in NINE)
    form = dict(user='demo', pwd='demo-password', type='mysql', xml=encode_xml_field(document, urlencode_text=True))
    assert '<action>success</action>' in requests.post(sim.url + '/api.php', data=form, timeout=5).text
    result = run_module(webiface_mysql, database(sim, active=False))
    assert result['failed'] is True and result['changed'] is True
    assert 'Easy-WI wrote the change all the same' in result['msg']


def test_lost_answer_to_the_create_is_settled_by_a_re_read(sim):
    sim.simulator.add_fault(kind='lost_reply', call='mysql.add')
    result = run_module(webiface_mysql, database(sim))
    assert result['changed'] is True and not result.get('failed'), result
    assert result['database']['name'] == stored(sim)['dbname'] and len(rows(sim)) == 1


def test_lost_answer_to_the_delete_is_settled_by_the_marker(sim):
    created(sim)
    sim.simulator.add_fault(kind='lost_reply', call='mysql.del')
    result = run_module(webiface_mysql, database(sim, state='absent'))
    assert result['changed'] is True and result['pending'] is True
    assert writes(sim) == ['mysql.del', 'mysql.mod']
    assert any('was lost, but Easy-WI shows the delete queued' in warning for warning in result['warnings'])
