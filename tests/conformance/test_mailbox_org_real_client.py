# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real PyPI client `mailbox-org-api` (tests/requirements-pytest.txt) against the mailbox.org simulator.

mailbox.org has no test instance, so no exchange could be recorded; the next best proof is that the client other
people use round-trips through the simulator: what it sends is accepted, and what the simulator answers is what
the client reads. A reseller login adds, reads, changes, lists and deletes a customer account and its groups; the
customer's own login sets out-of-office, spam protection and capabilities of a mailbox.
"""

import pytest

from mailbox_org_api.APIClient import APIClient
from mailbox_org_api.APIError import APIError


def login(sim, user, password='demo-password'):
    client = APIClient()
    client.url = sim.url + '/v1/'
    client.auth(user, password)
    return client


@pytest.fixture
def sim(serve):
    return serve('mailbox_org')


def test_a_reseller_adds_reads_changes_lists_and_deletes_a_customer_account(sim):
    reseller = login(sim, 'demo-reseller')
    assert reseller.level == 'reseller'
    reseller.account_add('acme', 'Customer-Pass-1', 'basic', company='ACME Ltd', memo='new',
                         address_main_first_name='Jane', contact_mail='jane@acme.example', language='en_US',
                         tarifflimits={'standard': 5})
    account = reseller.account_get('acme')
    assert (account['account'], account['plan'], account['company'], account['memo'], account['language']) == (
        'acme', 'basic', 'ACME Ltd', 'new', 'en_US')
    assert account['address_main']['first_name'] == 'Jane' and account['contact']['mail'] == 'jane@acme.example'
    assert account['tarifflimits'] == {'standard': 5}
    reseller.account_set('acme', plan='profi', memo='changed', address_main_town='Berlin')
    obj = reseller.account_get_object('acme')
    assert (obj.plan, obj.address_main['town']) == ('profi', 'Berlin')
    assert [item['account'] for item in reseller.account_list('acme')] == ['acme']
    assert sorted(item['account'] for item in reseller.account_list()) == ['acme', 'demo']
    reseller.account_capabilities_set('acme', {'MAIL_OTP': 'off', 'MAIL_BLACKLIST': 'inherit'},
                                      exceptions={'MAIL_OTP': ['jane@acme.example']})
    capabilities = reseller.account_capabilities_get('acme')
    assert (capabilities['MAIL_OTP'], capabilities['MAIL_BLACKLIST'], capabilities['MAIL_SPAMPROTECTION']) == (
        'off', 'inherit', 'on')
    # the customer logs in with the password the reseller gave it
    assert login(sim, 'acme', 'Customer-Pass-1').level == 'account'
    assert reseller.account_del('acme') is True
    assert reseller.account_list('acme') == []
    with pytest.raises(APIError):
        reseller.account_get('acme')


def test_an_account_login_may_not_add_or_list_accounts(sim):
    customer = login(sim, 'demo')
    for call in (lambda: customer.account_add('other', 'Pass-word-1', 'basic'), customer.account_list,
                 lambda: customer.account_del('demo')):
        with pytest.raises(APIError) as refused:
            call()
        assert refused.value.code == 254  # the simulator's forbidden code (unconfirmed)
    assert customer.account_get('demo')['account'] == 'demo'


def test_groups_with_internal_and_external_members(sim):
    reseller = login(sim, 'demo-reseller')
    assert reseller.group_add('sales', 'Sales team', ['ada@example.com', 'Partner@Elsewhere.example'],
                              account='demo') is True
    listed = reseller.group_list('demo')
    assert [(g['name'], g['display_name']) for g in listed] == [('sales', 'Sales team')]
    group_id = listed[0]['group_id']
    assert reseller.group_get(group_id, 'demo')['members'] == ['ada@example.com', 'partner@elsewhere.example']
    assert reseller.group_set(group_id, 'Sales', mail_addresses_to_add=['bob@example.com'],
                              mail_addresses_to_remove=['ada@example.com'], account='demo') is True
    group = reseller.group_get(group_id, 'demo')
    assert (group['display_name'], group['members']) == ('Sales', ['partner@elsewhere.example', 'bob@example.com'])
    # the account's own login names no account
    assert [g['group_id'] for g in login(sim, 'demo').group_list()] == [group_id]
    assert reseller.group_del(group_id, 'demo') is True
    assert reseller.group_list('demo') == []


def test_out_of_office_spam_protection_and_capabilities_of_a_mailbox(serve):
    sim = serve('mailbox_org', domains=['example.com'])
    customer = login(sim, 'demo')
    customer.mail_add('ada@example.com', 'Mailbox-Pass-1', 'standard', 'Ada', 'Example')
    assert customer.mail_vacation_get('ada@example.com')['active'] is False
    assert customer.mail_vacation_set('ada@example.com', 'Away', '2030-07-01', '2030-07-14', body='Back soon') is True
    vacation = customer.mail_vacation_get('ada@example.com')
    assert (vacation['active'], vacation['subject'], vacation['body'], vacation['start_date'],
            vacation['end_date']) == (True, 'Away', 'Back soon', '2030-07-01', '2030-07-14')
    assert customer.mail_vacation_delete('ada@example.com') is True
    assert customer.mail_vacation_get('ada@example.com')['active'] is False

    customer.mail_spamprotect_set('ada@example.com', greylist=False, smtp_plausibility=True, rbl=False,
                                  bypass_banned_checks=False, tag2level=6.04, killlevel='reject', route_to='')
    assert customer.mail_spamprotect_get('ada@example.com') == dict(
        greylist='0', smtp_plausibility='1', rbl='0', bypass_banned_checks='0', tag2level='6.0', killevel='reject',
        route_to='')

    assert customer.mail_capabilities_set('ada@example.com', {'MAIL_OTP': 'on', 'MAIL_BLACKLIST': 'on'}) is True
    assert customer.mail_capabilities_get('ada@example.com')['MAIL_OTP'] == 'on'
    assert sorted(customer.mail_get('ada@example.com')['capabilities']) == ['MAIL_BLACKLIST', 'MAIL_OTP']
    # spam protection is not among a reseller's levels
    with pytest.raises(APIError):
        login(sim, 'demo-reseller').mail_spamprotect_get('ada@example.com')
