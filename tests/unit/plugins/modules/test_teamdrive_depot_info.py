# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""teamdrive_depot_info against the TeamDrive Host Server simulator."""

import base64

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import teamdrive_depot_info

GIB = 1024 ** 3
SALT = 'demo-salt'


@pytest.fixture
def td(serve):
    running = serve('teamdrive')
    running.conn = dict(api_url=running.url + '/pbas/p1_as/api/api.htm', api_salt=SALT)
    return running


def run(td, check=False, **options):
    return run_module(teamdrive_depot_info, dict(td.conn, **options), check=check)


def test_depot_with_its_spaces(td):
    result = run(td, username='jane')
    assert result['changed'] is False
    assert result['depots'] == [dict(
        depot_id=4711, username='jane', storage_limit=10 * GIB, traffic_limit=100 * GIB, used_storage=123456,
        used_traffic=5000, authorized_users=['bob'], status=None,
        spaces=[dict(space_id=1, depot_id=4711, name='', used_storage=100000, used_traffic=5000),
                dict(space_id=2, depot_id=4711, name='', used_storage=23456, used_traffic=0)])]
    assert td.simulator.stats() == dict(requests=2, calls=['getdepotdata', 'getspacedata'], writes=[])


def test_several_depots_each_with_their_own_spaces(td):
    td.simulator.control('put_depot', {'depotid': 5000, 'owner': 'jane'})
    td.simulator.control('add_space', {'depotid': 5000, 'useddisc': 7})
    result = run(td, username='jane')
    assert [(d['depot_id'], [s['space_id'] for s in d['spaces']]) for d in result['depots']] == [
        (4711, [1, 2]), (5000, [3])]
    one = run(td, username='jane', depot_id=5000, spaces=False)
    assert [d['depot_id'] for d in one['depots']] == [5000] and 'spaces' not in one['depots'][0]


def test_user_without_depot_or_foreign_depot_is_an_empty_list(td):
    assert run(td, username='bob')['depots'] == []
    assert td.simulator.stats()['calls'] == ['getdepotdata'], 'no space read without a depot'
    assert run(td, username='jane', depot_id=999)['depots'] == []


def test_depot_document_on_request(td):
    result = run(td, username='jane', spaces=False, depot_document=True)
    document = base64.b64decode(result['depots'][0]['depot_document']).decode('utf-8')
    assert '<depotid>4711</depotid>' in document
    assert td.simulator.stats()['calls'] == ['getdepotdata', 'getdepotdocument']


def test_check_mode_reads_the_same(td):
    assert run(td, check=True, username='jane')['depots'] == run(td, username='jane')['depots']
    assert td.simulator.stats()['writes'] == []


def test_wrong_salt_is_a_clear_error(td):
    result = run(td, username='jane', api_salt='nope')
    assert result['failed'] is True
    assert 'api_salt' in result['msg'] and 'APIAccessList' in result['msg']
    assert 'nope' not in result['_raw'] and 'Traceback' not in result['_raw']


def test_html_page_is_a_clear_error(serve):
    td = serve('teamdrive', execution_error=True)
    result = run_module(teamdrive_depot_info, dict(api_url=td.url, api_salt=SALT, username='jane'))
    assert result['failed'] is True and result['status'] == 200 and result['code'] == -10005
    assert 'Traceback' not in result['_raw']


def test_a_reply_of_the_wrong_shape_is_an_error_not_an_empty_list(td):
    td.simulator.add_fault(status=200, content_type='text/html', call='getdepotdata',
                           body="<?xml version='1.0' encoding='UTF-8' ?><teamdrive><apiversion>3.0.003</apiversion>"
                                "<intresult>0</intresult></teamdrive>")
    result = run(td, username='jane')
    assert result['failed'] is True and result['call'] == 'getdepotdata'
    assert 'unexpected shape' in result['msg'] and 'depots' not in result


def test_depot_id_is_filtered_by_the_module_when_the_server_ignores_it(serve):
    td = serve('teamdrive', ignore_depotid=True)
    td.conn = dict(api_url=td.url, api_salt=SALT)
    td.simulator.control('put_depot', {'depotid': 5000, 'owner': 'jane'})
    td.simulator.control('add_space', {'depotid': 5000, 'useddisc': 7})
    result = run(td, username='jane', depot_id=5000)
    assert [depot['depot_id'] for depot in result['depots']] == [5000]
    assert [space['space_id'] for space in result['depots'][0]['spaces']] == [3]
