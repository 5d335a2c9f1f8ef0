# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""teamdrive_depot against the TeamDrive Host Server simulator: the full module test matrix and the API's own cases.

Seed: jane owns depot 4711 (10 GiB storage, 100 GiB traffic, authorised user bob, spaces 1 and 2 holding
123456 bytes); bob has no depot; new depot ids count up from 10001.
"""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import teamdrive_depot

GIB = 1024 ** 3
SALT = 'demo-salt'


def connect(running):
    running.conn = dict(api_url=running.url + '/yvva/api/api.htm', api_salt=SALT)
    return running


@pytest.fixture
def td(serve):
    return connect(serve('teamdrive'))


@pytest.fixture
def td_status(serve):
    return connect(serve('teamdrive', report_depot_status=True))


def run(td, check=False, diff=False, **options):
    return run_module(teamdrive_depot, dict(td.conn, **options), check=check, diff=diff)


def depot(td, depot_id):
    return td.simulator.state()['depots'].get(str(depot_id))


def stats(td):
    return td.simulator.stats()


# --- create ---------------------------------------------------------------------------------------------

def test_create_sets_limits_users_and_returns_the_new_id(td):
    result = run(td, username='bob', storage_limit='5 GiB', traffic_limit='50G', authorized_users=['jane'])
    assert result['changed'] is True, result
    assert result['depot'] == dict(depot_id=10001, username='bob', storage_limit=5 * GIB, traffic_limit=50 * GIB,
                                   authorized_users=['jane'])
    stored = depot(td, 10001)
    assert (stored['owner'], stored['disclimit'], stored['trafficlimit'], stored['users']) == (
        'bob', 5 * GIB, 50 * GIB, ['jane'])
    assert stats(td)['writes'] == ['createdepot']


def test_create_without_traffic_limit_sends_ten_times_the_storage(td):
    result = run(td, username='bob', storage_limit='2 GiB')
    assert result['depot']['traffic_limit'] == 20 * GIB
    assert depot(td, 10001)['trafficlimit'] == 20 * GIB


def test_create_needs_a_storage_limit_and_sends_no_write(td):
    result = run(td, username='bob', traffic_limit='1 GiB')
    assert result['failed'] is True
    assert result['msg'] == 'storage_limit is required to create the depot of bob'
    assert stats(td)['writes'] == []


def test_create_reply_without_a_depot_id_is_read_back(td):
    # the depotid element of the createdepot reply is inferred: without it the module reads the new depot
    td.simulator.add_fault(status=200, content_type='text/html', call='createdepot',
                           body="<?xml version='1.0' encoding='UTF-8' ?><teamdrive><apiversion>3.0.003</apiversion>"
                                "<depotdocument>UEs=</depotdocument></teamdrive>")
    result = run(td, username='bob', storage_limit='1 GiB')
    # the injected reply stands in for the server, so no depot exists to be found
    assert result['failed'] is True and result['changed'] is True, 'createdepot succeeded'
    assert result['msg'] == ('createdepot succeeded, but reading the depots of bob back found none; check them on '
                             'the Host Server before running again.')
    assert stats(td)['calls'] == ['getdepotdata', 'createdepot', 'getdepotdata']


def test_create_without_user_then_assign(td):
    result = run(td, username='bob', storage_limit='1 GiB', create_without_user=True)
    assert result['changed'] is True, result
    assert stats(td)['writes'] == ['createdepotwithoutuser', 'assignusertodepot']
    assert depot(td, 10001)['owner'] == 'bob'
    assert result['depot']['depot_id'] == 10001
    again = run(td, username='bob', storage_limit='1 GiB', create_without_user=True)
    assert again['changed'] is False


def test_failed_assignment_names_the_unassigned_depot_and_the_way_out(td):
    td.simulator.control('execution_error', {'call': 'assignusertodepot'})
    result = run(td, username='bob', storage_limit='1 GiB', create_without_user=True)
    assert result['failed'] is True
    assert 'Depot 10001 was created without a user; run again with depot_id: 10001 and assign: true' in result['msg']
    assert 'Traceback' not in result['_raw']
    assert depot(td, 10001)['owner'] is None
    fixed = run(td, username='bob', depot_id=10001, assign=True, storage_limit='1 GiB')
    assert fixed['changed'] is True, fixed
    assert depot(td, 10001)['owner'] == 'bob'
    assert run(td, username='bob', depot_id=10001, storage_limit='1 GiB')['changed'] is False


def test_assign_a_depot_made_without_user_and_converge_it(td):
    td.simulator.control('put_depot', {'depotid': 20000, 'owner': None, 'disclimit': GIB, 'trafficlimit': 10 * GIB})
    result = run(td, username='carol', depot_id=20000, assign=True, storage_limit='3 GiB', authorized_users=['bob'])
    assert result['changed'] is True, result
    assert stats(td)['writes'] == ['assignusertodepot', 'setdepot', 'addusertodepot']
    stored = depot(td, 20000)
    assert (stored['owner'], stored['disclimit'], stored['trafficlimit'], stored['users']) == (
        'carol', 3 * GIB, 10 * GIB, ['bob'])
    assert result['depot']['traffic_limit'] == 10 * GIB, 'read back after the assignment'


def test_check_mode_of_an_assignment_sends_no_write(td):
    td.simulator.control('put_depot', {'depotid': 20000, 'owner': None})
    options = dict(username='carol', depot_id=20000, assign=True, storage_limit='3 GiB')
    predicted = run(td, check=True, **options)
    assert predicted['changed'] is True
    assert predicted['depot'] == dict(depot_id=20000, username='carol', storage_limit=3 * GIB)
    assert stats(td)['writes'] == [] and depot(td, 20000)['owner'] is None
    real = run(td, **options)
    assert {k: real['depot'][k] for k in predicted['depot']} == predicted['depot']


def test_assign_of_someone_elses_depot_is_refused_by_the_server(td):
    result = run(td, username='carol', depot_id=4711, assign=True)
    assert result['failed'] is True
    assert result['msg'].startswith('assignusertodepot failed (-30302): Depot-ID does not match.')
    assert depot(td, 4711)['owner'] == 'jane'


def test_unknown_depot_id_is_not_created(td):
    result = run(td, username='jane', depot_id=999, storage_limit='1 GiB')
    assert result['failed'] is True
    assert 'Depot 999 does not exist on this Host Server or does not belong to jane' in result['msg']
    assert stats(td)['writes'] == []


def test_several_depots_need_a_depot_id(td):
    td.simulator.control('put_depot', {'depotid': 5000, 'owner': 'jane'})
    result = run(td, username='jane', storage_limit='1 GiB')
    assert result['failed'] is True
    assert result['msg'] == 'jane has 2 depots on this Host Server (ids 4711, 5000): set depot_id to choose one.'
    assert run(td, username='jane', depot_id=5000, storage_limit='1 GiB')['changed'] is False


# --- no-op, update ----------------------------------------------------------------------------------------

def test_second_run_is_a_no_op_with_one_read(td):
    options = dict(username='jane', storage_limit='10 GiB', traffic_limit='100 GiB', authorized_users=['bob'])
    result = run(td, **options)
    assert result['changed'] is False
    assert stats(td) == dict(requests=1, calls=['getdepotdata'], writes=[])
    assert result['depot'] == dict(depot_id=4711, username='jane', storage_limit=10 * GIB, traffic_limit=100 * GIB,
                                   used_storage=123456, used_traffic=5000, authorized_users=['bob'], status=None)


def test_no_op_run_after_a_create_reads_once(td):
    run(td, username='bob', storage_limit='1 GiB', authorized_users=['carl', 'jane'])
    td.simulator.reset_stats()
    assert run(td, username='bob', storage_limit='1 GiB', authorized_users=['jane', 'carl'])['changed'] is False
    assert stats(td)['calls'] == ['getdepotdata']


def test_storage_change_uses_setdepot_and_keeps_the_traffic_limit(td):
    result = run(td, username='jane', storage_limit='20 GiB', diff=True)
    assert result['changed'] is True
    assert stats(td)['writes'] == ['setdepot'], 'never increasedepot, whose default resets the traffic limit'
    stored = depot(td, 4711)
    assert (stored['disclimit'], stored['trafficlimit']) == (20 * GIB, 100 * GIB)
    assert result['diff']['before']['storage_limit'] == '10737418240 (10 GiB)'
    assert result['diff']['after']['storage_limit'] == '21474836480 (20 GiB)'
    assert result['depot']['storage_limit'] == 20 * GIB


def test_shrinking_uses_setdepot_too(td):
    run(td, username='jane', storage_limit='1 GiB', traffic_limit='2 GiB')
    assert stats(td)['writes'] == ['setdepot']
    stored = depot(td, 4711)
    assert (stored['disclimit'], stored['trafficlimit']) == (GIB, 2 * GIB)


def test_authorised_users_are_converged_exactly(td):
    result = run(td, username='jane', authorized_users=['carl', 'dana'])
    assert result['changed'] is True
    assert stats(td)['writes'] == ['addusertodepot', 'deleteuserfromdepot']
    assert sorted(depot(td, 4711)['users']) == ['carl', 'dana']
    td.simulator.reset_stats()
    emptied = run(td, username='jane', authorized_users=[])
    assert emptied['depot']['authorized_users'] == []
    assert depot(td, 4711)['users'] == []
    assert stats(td)['writes'] == ['deleteuserfromdepot']


def test_contract_has_no_read_back_so_it_is_sent_every_time(td):
    first = run(td, username='jane', contract='C-2024-17')
    second = run(td, username='jane', contract='C-2024-17')
    assert first['changed'] is True and second['changed'] is True
    assert stats(td)['writes'] == ['updatecontract', 'updatecontract']
    assert depot(td, 4711)['contract'] == 'C-2024-17'
    assert second['depot']['contract'] == 'C-2024-17'


def test_create_with_a_contract_updates_it_after_the_create(td):
    run(td, username='bob', storage_limit='1 GiB', contract='C-1')
    assert stats(td)['writes'] == ['createdepot', 'updatecontract']
    assert depot(td, 10001)['contract'] == 'C-1'


# --- check mode and diff --------------------------------------------------------------------------------------

def test_check_mode_of_a_create_sends_no_write_and_predicts_the_real_run(td):
    options = dict(username='bob', storage_limit='1 GiB', authorized_users=['jane'])
    predicted = run(td, check=True, diff=True, **options)
    assert stats(td)['writes'] == [] and depot(td, 10001) is None
    real = run(td, diff=True, **options)
    assert predicted['changed'] is real['changed'] is True
    assert real['depot'].pop('depot_id') == 10001  # assigned by the server, unknown before
    assert predicted['depot'] == real['depot']
    real['diff']['after'].pop('depot_id')
    assert predicted['diff'] == real['diff']


def test_check_mode_of_an_update_predicts_the_real_run(td):
    options = dict(username='jane', storage_limit='12 GiB', traffic_limit='1 TiB', authorized_users=['carl'])
    predicted = run(td, check=True, diff=True, **options)
    assert stats(td)['writes'] == []
    real = run(td, diff=True, **options)
    assert (predicted['changed'], predicted['depot'], predicted['diff']) == (True, real['depot'], real['diff'])


def test_nothing_secret_in_results_or_errors(td):
    result = run(td, username='jane', storage_limit='11 GiB', diff=True)
    assert SALT not in result['_raw']
    failed = run(td, username='jane', depot_id=1, diff=True)
    assert failed['failed'] and SALT not in failed['_raw']


# --- deactivated ---------------------------------------------------------------------------------------------

def test_deactivated_is_idempotent_where_the_server_reports_the_status(td_status):
    result = run(td_status, username='jane', state='deactivated', diff=True)
    assert result['changed'] is True
    assert (result['diff']['before']['status'], result['diff']['after']['status']) == ('active', 'deactivated')
    assert depot(td_status, 4711)['active'] is False
    td_status.simulator.reset_stats()
    again = run(td_status, username='jane', state='deactivated')
    assert again['changed'] is False
    assert stats(td_status) == dict(requests=1, calls=['getdepotdata'], writes=[])
    assert again['warnings'] == []


def test_deactivated_without_a_readable_status_is_sent_and_reported_every_run(td):
    # the reference does not know whether the status can be read: the module cannot claim a no-op
    first = run(td, username='jane', state='deactivated')
    second = run(td, username='jane', state='deactivated')
    assert first['changed'] is True and second['changed'] is True
    assert stats(td)['writes'] == ['deactivatedepot', 'deactivatedepot']
    assert any('does not report whether the depot of jane is deactivated' in w for w in second['warnings'])
    assert depot(td, 4711)['active'] is False
    predicted = run(td, check=True, username='jane', state='deactivated')
    assert predicted['changed'] is True, 'check mode predicts what the real run does'
    assert stats(td)['writes'] == ['deactivatedepot', 'deactivatedepot']


def test_deactivated_also_converges_the_given_limits(td_status):
    run(td_status, username='jane', state='deactivated', storage_limit='11 GiB')
    assert stats(td_status)['writes'] == ['setdepot', 'deactivatedepot']


def test_present_does_not_pretend_to_reactivate(td_status):
    run(td_status, username='jane', state='deactivated')
    result = run(td_status, username='jane', storage_limit='10 GiB')
    assert result['changed'] is False
    assert result['depot']['status'] == 'deactivated'
    assert any('no call to reactivate' in w for w in result['warnings'])


def test_deactivating_a_missing_depot_fails_before_any_write(td):
    result = run(td, username='bob', state='deactivated')
    assert result['failed'] is True
    assert result['msg'] == 'The depot of bob does not exist, so it cannot be deactivated.'
    assert stats(td)['writes'] == []


# --- delete ---------------------------------------------------------------------------------------------------

def test_delete_without_force_fails_naming_the_spaces_at_stake(td):
    for check in (True, False):
        result = run(td, check=check, username='jane', state='absent')
        assert result['failed'] is True
        assert result['msg'] == ('Deleting depot 4711 of jane also deletes all of its 2 spaces (123456 bytes of '
                                 'data). Set force: true to delete it, or state: deactivated to keep the data.')
    assert stats(td)['writes'] == []
    assert depot(td, 4711) is not None


def test_delete_with_force_then_delete_again(td):
    result = run(td, username='jane', state='absent', force=True, diff=True)
    assert result['changed'] is True
    assert result['depot'] == {} and result['diff']['after'] == {}
    assert depot(td, 4711) is None and td.simulator.state()['spaces'] == {}
    assert stats(td)['writes'] == ['deletedepot']
    td.simulator.reset_stats()
    again = run(td, username='jane', state='absent', force=True)
    assert again['changed'] is False
    assert stats(td) == dict(requests=1, calls=['getdepotdata'], writes=[])
    assert run(td, username='jane', depot_id=4711, state='absent')['changed'] is False


def test_check_mode_delete_sends_no_write(td):
    result = run(td, check=True, username='jane', state='absent', force=True)
    assert result['changed'] is True
    assert stats(td)['writes'] == [] and depot(td, 4711) is not None


# --- bad input and faults ---------------------------------------------------------------------------------------

@pytest.mark.parametrize('options, message', [
    (dict(storage_limit='lots'), "storage_limit: cannot read 'lots' as a size"),
    (dict(storage_limit='unlimited'), 'TeamDrive has no unlimited depot'),
    (dict(storage_limit=0), 'storage_limit must be more than 0 bytes'),
    (dict(traffic_limit='1.5 bytes'), 'traffic_limit'),
    (dict(username=' '), "username: ' ' is not a TeamDrive user name"),
    (dict(username='robot1\n'), 'is not a TeamDrive user name (not empty, no comma, no control characters)'),
    (dict(authorized_users=['bob,carl']), "authorized_users: 'bob,carl' is not a TeamDrive user name"),
    (dict(api_url='https://reg.example.com/yvva/td2api/api/api.htm'), 'Registration Server API'),
])
def test_bad_input_fails_before_any_request(td, options, message):
    result = run(td, **dict(dict(username='jane'), **options))
    assert result['failed'] is True
    assert message in result['msg']
    assert stats(td)['requests'] == 0


def test_wrong_salt_is_one_clear_sentence_naming_api_salt(td):
    result = run(td, username='jane', api_salt='wrong-salt', storage_limit='1 GiB')
    assert result['failed'] is True
    assert result['msg'].startswith('getdepotdata failed (-30000): Access denied.')
    assert 'make api_salt equal to its APISalt setting' in result['msg']
    assert result['code'] == -30000
    assert 'wrong-salt' not in result['_raw'] and 'Traceback' not in result['_raw']


def test_caller_not_allow_listed_is_a_clear_error(serve):
    td = connect(serve('teamdrive', allowed_ips=['192.0.2.10']))
    result = run(td, username='jane')
    assert result['failed'] is True
    assert 'add the IP address of the machine that runs the module to the Host Server setting APIAccessList' \
        in result['msg']
    assert stats(td)['writes'] == []


def test_salt_from_the_environment(td, monkeypatch):
    monkeypatch.setenv('TEAMDRIVE_SALT', SALT)
    monkeypatch.setenv('TEAMDRIVE_URL', td.conn['api_url'])
    result = run_module(teamdrive_depot, dict(username='jane'))
    assert result['changed'] is False, result


def test_html_error_page_is_a_clear_error_without_traceback(serve):
    td = connect(serve('teamdrive', execution_error=True))
    result = run(td, username='jane', storage_limit='1 GiB')
    assert result['failed'] is True
    assert 'answered with an "Execution Error" page (primary error code -10005)' in result['msg']
    assert 'Traceback' not in result['_raw']


def test_wrong_path_names_the_documented_paths(td):
    result = run(td, username='jane', api_url=td.url + '/pbas/p1_as/api/service.html')
    assert result['failed'] is True and result['status'] == 404
    assert 'https://<host>/yvva/api/api.htm' in result['msg']


def test_server_fault_during_a_write_is_clear_and_nothing_is_retried(td):
    td.simulator.control('handler_unavailable', {'call': 'setdepot'})
    result = run(td, username='jane', storage_limit='20 GiB')
    assert result['failed'] is True
    assert result['call'] == 'setdepot' and result['status'] == 503
    assert 'API handler (td2api)' in result['msg'] and 'Traceback' not in result['_raw']
    assert stats(td)['calls'] == ['getdepotdata', 'setdepot']


def test_fault_half_way_names_what_was_applied(td):
    td.simulator.control('execution_error', {'call': 'addusertodepot'})
    result = run(td, username='jane', storage_limit='20 GiB', authorized_users=['carl'])
    assert result['failed'] is True
    assert 'Already applied to depot 4711 of jane: setdepot.' in result['msg']
    assert depot(td, 4711)['disclimit'] == 20 * GIB


def test_read_retried_after_a_transient_503(td):
    td.simulator.control('handler_unavailable', {'call': 'getdepotdata'})
    result = run(td, username='jane')
    assert result['changed'] is False, result
    assert stats(td)['calls'] == ['getdepotdata', 'getdepotdata']


def test_old_server_is_told_to_upgrade_not_served_with_increasedepot(serve):
    td = connect(serve('teamdrive', server_apiversion='3.0.002'))
    result = run(td, username='jane', storage_limit='20 GiB')
    assert result['failed'] is True
    assert 'setdepot needs API 3.0.003' in result['msg']
    assert stats(td)['writes'] == []


def test_requesttime_is_fresh_on_every_run(serve):
    # the nearest thing to a session expiry: the server may refuse stale request times
    td = connect(serve('teamdrive', max_clock_skew=5))
    assert run(td, username='jane', storage_limit='12 GiB')['changed'] is True
    td.simulator.clock.advance(3600)
    late = run(td, username='jane')
    assert late['failed'] is True and 'check the clock of the machine that runs the module' in late['msg']


def test_lost_reply_of_a_create_is_not_sent_twice(td):
    td.simulator.add_fault(kind='lost_reply', call='createdepot')
    result = run(td, username='bob', storage_limit='1 GiB')
    assert result['changed'] is True, result
    assert stats(td)['writes'] == ['createdepot']
    assert any('lost' in w for w in result['warnings'])
    assert len(td.simulator.state()['users']['bob']['depots']) == 1


def test_lost_reply_of_an_update_is_resolved_by_reading_again(td):
    td.simulator.add_fault(kind='lost_reply', call='setdepot')
    result = run(td, username='jane', storage_limit='30 GiB')
    assert result['changed'] is True, result
    assert stats(td)['writes'] == ['setdepot']
    assert stats(td)['calls'] == ['getdepotdata', 'setdepot', 'getdepotdata']


def test_lost_reply_of_a_delete_is_resolved_by_reading_again(td):
    td.simulator.add_fault(kind='lost_reply', call='deletedepot')
    result = run(td, username='jane', state='absent', force=True)
    assert result['changed'] is True, result
    assert stats(td)['writes'] == ['deletedepot']


# --- wire tolerance: the reply shapes are partly inferred ------------------------------------------------------

@pytest.mark.parametrize('variant', [dict(depot_wrapper=True), dict(user_list_as_text=True),
                                     dict(depot_wrapper=True, user_list_as_text=True)], ids=repr)
def test_known_reply_variants_are_read_the_same(serve, variant):
    """<depotdata><depot> as the Registration Server's getdefaultdepotdata answers, and user lists written as
    comma-separated text as in every request: the depot is found and its users are not re-added."""
    td = connect(serve('teamdrive', **variant))
    td.simulator.control('put_depot', {'depotid': 4711, 'users': ['bob', 'carl']})
    result = run(td, username='jane', storage_limit='10 GiB', authorized_users=['carl', 'bob'])
    assert result['changed'] is False, result
    assert result['depot']['authorized_users'] == ['bob', 'carl']
    assert stats(td)['writes'] == []
    created = run(td, username='bob', storage_limit='1 GiB')
    assert created['changed'] is True and created['depot']['depot_id'] == 10001
    assert run(td, username='bob', storage_limit='1 GiB')['changed'] is False


def test_depot_id_is_filtered_by_the_module_when_the_server_ignores_it(serve):
    td = connect(serve('teamdrive', ignore_depotid=True))
    td.simulator.control('put_depot', {'depotid': 5000, 'owner': 'jane', 'disclimit': GIB, 'trafficlimit': GIB})
    result = run(td, username='jane', depot_id=5000, storage_limit='2 GiB')
    assert result['changed'] is True and result['depot']['depot_id'] == 5000
    assert depot(td, 5000)['disclimit'] == 2 * GIB and depot(td, 4711)['disclimit'] == 10 * GIB
    missing = run(td, username='jane', depot_id=9999, storage_limit='2 GiB')
    assert missing['failed'] is True and 'Depot 9999 does not exist' in missing['msg']


WRONG_SHAPES = [
    '<intresult>0</intresult>',  # the success envelope without any depot
    '<depot>4711</depot>',  # a depot element that is bare text
    '<depot><disclimit>1</disclimit></depot>',  # a depot without its id
    '<depotdata/>',  # the wrapper without a depot
    '<depot><depotid>4711</depotid><users><x/><x/></users><users>a</users></depot>',  # two user lists
]


@pytest.mark.parametrize('shape', WRONG_SHAPES)
def test_a_reply_of_the_wrong_shape_is_never_read_as_no_depot(td, shape):
    td.simulator.add_fault(status=200, content_type='text/html', call='getdepotdata',
                           body="<?xml version='1.0' encoding='UTF-8' ?><teamdrive><apiversion>3.0.003</apiversion>"
                                "%s</teamdrive>" % shape)
    result = run(td, username='jane', storage_limit='10 GiB')
    assert result['failed'] is True and result['call'] == 'getdepotdata'
    assert result['msg'].startswith('getdepotdata answered %s with a reply of an unexpected shape' % td.url)
    assert 'not the API\'s answer for "not found"' in result['msg']
    assert stats(td)['writes'] == []


def test_a_depot_created_meanwhile_fails_the_create_naming_both_ids(td):
    """The API does not refuse a second depot for a user: a run elsewhere that creates one between this run's
    read and its create leaves two, which the read-back after the create finds."""
    td.simulator.add_fault(kind='control', control='put_depot', call='createdepot',
                           payload={'depotid': 10500, 'owner': 'bob', 'disclimit': GIB, 'trafficlimit': GIB})
    result = run(td, username='bob', storage_limit='1 GiB')
    assert result['failed'] is True and result['changed'] is True, 'the create was made'
    assert result['msg'].startswith('createdepot made depot 10501, but bob now has 2 depots on this Host Server '
                                    '(ids 10500, 10501): another controller (or the panel) probably created the same '
                                    'depot at the same time.')
    assert stats(td)['calls'] == ['getdepotdata', 'createdepot', 'getdepotdata']


# --- where the API is: the vendor's documented path by default -------------------------------------------------

def test_api_url_without_a_path_uses_the_vendors_path(td):
    result = run(td, username='jane', api_url=td.url)
    assert result['changed'] is False, result
    assert td.simulator.stats()['requests'] == 1


def test_api_path_option(td, monkeypatch):
    assert run(td, username='jane', api_url=td.url, api_path='/yvva/api/api.htm')['changed'] is False
    monkeypatch.setenv('TEAMDRIVE_API_PATH', 'yvva/api/api.htm')
    assert run(td, username='jane', api_url=td.url)['changed'] is False
    conflict = run(td, username='jane', api_url=td.url + '/pbas/p1_as/api/api.htm', api_path='/yvva/api/api.htm')
    assert conflict['failed'] is True
    assert conflict['msg'] == ('api_url names the path /pbas/p1_as/api/api.htm and api_path /yvva/api/api.htm: give '
                               'the path in one of them.')
