# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""subaccount_info against the sub-account API simulator: filters, paging, rows as dicts, faults."""

import pytest

from module_runner import run_module

from ansible_collections.hosting.provision.plugins.modules import subaccount_info

INFO_CALLS = ['auth', 'Subaccount.get']  # rights only when a call is refused


@pytest.fixture
def sim(serve):
    # ids 542 aaa, 543 bbb (Aktiv, no comment); 544.. subuser001..006: status number % 2, comment on 003, 006
    running = serve('subaccount', subaccounts=6)
    running.conn = dict(api_url=running.url, api_username='demo', api_password='demo-password')
    return running


def logins(result):
    assert 'failed' not in result, result
    return [row['strLogin'] for row in result['subaccounts']]


def test_rows_are_dicts_keyed_by_field_name_and_nothing_changes(sim):
    result = run_module(subaccount_info, dict(sim.conn, filters=[dict(field='strLogin', value='bbb')]))
    assert result['changed'] is False
    assert result['subaccounts'] == [{'id': 543, 'intID': '543', 'strLogin': 'bbb', 'intStatus': 'Aktiv'}]
    stats = sim.simulator.stats()
    assert stats['calls'] == INFO_CALLS + ['Subaccount.list']
    assert stats['writes'] == []


@pytest.mark.parametrize('item, expected', [
    (dict(field='strLogin', value='bbb'), ['bbb']),
    (dict(field='intID', comparison='lt', value=544), ['aaa', 'bbb']),
    (dict(field='intID', comparison='gt', value=547), ['subuser005', 'subuser006']),
    (dict(field='intID', comparison='lte', value='543'), ['aaa', 'bbb']),
    (dict(field='intID', comparison='gte', value=548), ['subuser005', 'subuser006']),
    (dict(field='strLogin', comparison='like', value='user00'),
     ['subuser001', 'subuser002', 'subuser003', 'subuser004', 'subuser005', 'subuser006']),
    (dict(field='strLogin', comparison='in', value=['aaa', 'subuser002', 'nobody']), ['aaa', 'subuser002']),
    (dict(field='strComment', comparison='is'), ['aaa', 'bbb', 'subuser001', 'subuser002', 'subuser004',
                                                 'subuser005']),
    (dict(field='strComment', comparison='isnot'), ['subuser003', 'subuser006']),
    (dict(field='query', comparison='like', value='third'), ['subuser003', 'subuser006']),
    # a select list takes its labels (any case) as well as its keys
    (dict(field='intStatus', value='inaktiv'), ['subuser002', 'subuser004', 'subuser006']),
    (dict(field='intStatus', value=0), ['subuser002', 'subuser004', 'subuser006']),
    (dict(field='intStatus', comparison='in', value=['Inaktiv']), ['subuser002', 'subuser004', 'subuser006']),
])
def test_every_comparison(sim, item, expected):
    assert logins(run_module(subaccount_info, dict(sim.conn, filters=[item]))) == expected


def test_filters_and_together_with_order_sort_cols(sim):
    filters = [dict(field='intStatus', value='Aktiv'), dict(field='strLogin', comparison='like', value='sub')]
    result = run_module(subaccount_info, dict(sim.conn, filters=filters, cols=['strLogin', 'strComment'],
                                              order='strLogin', sort='desc'))
    assert result['subaccounts'] == [
        {'id': 548, 'strLogin': 'subuser005', 'strComment': ''},
        {'id': 546, 'strLogin': 'subuser003', 'strComment': 'every third'},
        {'id': 544, 'strLogin': 'subuser001', 'strComment': ''},
    ]


def test_pages_to_the_end_over_more_rows_than_one_page(serve):
    sim = serve('subaccount', subaccounts=120, max_limit=50)
    conn = dict(api_url=sim.url, api_username='demo', api_password='demo-password')
    result = run_module(subaccount_info, dict(conn, cols=['intID']))
    assert [row['id'] for row in result['subaccounts']] == list(range(542, 664))
    assert sim.simulator.stats()['calls'] == INFO_CALLS + ['Subaccount.list'] * 3
    window = run_module(subaccount_info, dict(conn, cols=['intID'], offset=40, limit=70))
    assert [row['id'] for row in window['subaccounts']] == list(range(582, 652))


def test_token_expired_while_paging_is_renewed(serve, monkeypatch):
    sim = serve('subaccount', subaccounts=120, max_limit=50)
    handle = sim.simulator.handle
    lists = []

    def expire_before_second_page(request):
        if sim.simulator.call_name(request) == 'Subaccount.list':
            lists.append(1)
            if len(lists) == 2:
                sim.simulator.expire_tokens()
        return handle(request)

    monkeypatch.setattr(sim.simulator, 'handle', expire_before_second_page)
    result = run_module(subaccount_info, dict(api_url=sim.url, api_username='demo', api_password='demo-password'))
    assert len(result['subaccounts']) == 122, result
    assert sim.simulator.stats()['calls'] == INFO_CALLS + ['Subaccount.list', 'Subaccount.list', 'rights', 'auth',
                                                           'Subaccount.list', 'Subaccount.list']


def test_check_mode_returns_the_same(sim):
    options = dict(sim.conn, filters=[dict(field='strComment', comparison='isnot')])
    assert run_module(subaccount_info, options, check=True)['subaccounts'] == \
        run_module(subaccount_info, options)['subaccounts']


def test_no_match_is_an_empty_list(sim):
    assert run_module(subaccount_info, dict(sim.conn, filters=[dict(field='strLogin', value='nobody')])
                      )['subaccounts'] == []


@pytest.mark.parametrize('options, message', [
    (dict(filters=[dict(field='strLogin', comparison='in', value='aaa')]),
     'filters[1] (strLogin in) needs a non-empty list as value'),
    (dict(filters=[dict(field='strComment', comparison='is', value='x')]),
     'filters[1] (strComment is) takes no value: it tests for NULL'),
    (dict(filters=[dict(field='strLogin')]), 'filters[1] (strLogin eql) needs one value'),
    (dict(filters=[dict(field='strLogin', comparison='like', value=['a'])]),
     'filters[1] (strLogin like) needs one value'),
    (dict(filters=[dict(field='strLogin', comparison='near', value='a')]), 'value of comparison must be one of'),
    (dict(offset=-1), 'offset must be 0 or more and limit 1 or more'),
    (dict(limit=0), 'offset must be 0 or more and limit 1 or more'),
])
def test_bad_input_fails_before_any_request(sim, options, message):
    result = run_module(subaccount_info, dict(sim.conn, **options))
    assert result['failed'] is True
    assert message in result['msg']
    assert sim.simulator.stats()['requests'] == 0


@pytest.mark.parametrize('options, message', [
    (dict(filters=[dict(field='strLogn', value='aaa')]),
     "filters: strLogn is not a field of the API's Subaccount model; use one of: query, intID, strLogin, "
     "intStatus, strComment, intFtpAccess."),
    (dict(filters=[dict(field='strPass', comparison='isnot')]), "filters: strPass is not a field"),
    (dict(filters=[dict(field='intStatus', value='Gesperrt')]),
     "filters: intStatus: 'Gesperrt' is not one of the choices Inaktiv (0), Aktiv (1)"),
    (dict(cols=['strLogin', 'strPass']), "cols: strPass is not a field of the API's Subaccount model"),
    (dict(order='login'), "order: login is not a field of the API's Subaccount model"),
])
def test_names_the_definitions_lack_fail_before_listing(sim, options, message):
    result = run_module(subaccount_info, dict(sim.conn, **options))
    assert result['failed'] is True
    assert result['msg'].startswith(message)
    assert sim.simulator.stats()['calls'] == INFO_CALLS


def test_missing_list_right_is_a_clear_error(sim):
    sim.simulator.revoke('Subaccount', 'list')
    result = run_module(subaccount_info, sim.conn)
    assert result['failed'] is True
    assert result['msg'].startswith("The API user 'demo' (access_type 1) lacks the right to list model Subaccount")
    assert sim.simulator.stats()['calls'] == ['auth', 'Subaccount.get', 'Subaccount.list', 'rights']


def test_server_fault_is_a_clear_error_without_traceback(sim):
    sim.simulator.add_fault(status=500, body='', times=10, call='Subaccount.list')
    result = run_module(subaccount_info, sim.conn)
    assert result['failed'] is True
    assert result['msg'].startswith('Subaccount.list failed: HTTP 500 from %s with an empty body.' % sim.url)
    assert 'Traceback' not in result['_raw']
