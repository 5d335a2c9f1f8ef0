# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every bad input tried, module by module, and the exact error it gets: one clear sentence, nothing written.

docs/bad-inputs.md is rendered from BAD_INPUTS and the errors the modules really give, so it cannot drift:
this test fails when the file differs. To rewrite it: python tests/unit/reliability/test_bad_inputs.py
"""

import os
import re
import sys

import pytest
import yaml

if __name__ == '__main__':  # run as a script: the test set-up (conftest.py) makes the same imports work
    HERE = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.join(HERE, '..', '..'))
    import conftest  # noqa: F401  # pylint: disable=unused-import
    sys.path.insert(0, HERE)

from project_paths import ROOT  # noqa: E402

from module_runner import run_module  # noqa: E402
from scenarios import INFO_SCENARIOS, PASSWORD, WRITE_SCENARIOS  # noqa: E402

DOC = os.path.join(ROOT, 'docs', 'bad-inputs.md')
SCENARIOS = dict((scenario.name, scenario) for scenario in WRITE_SCENARIOS + INFO_SCENARIOS)

# module -> [(what is wrong, options changed from the scenario's create (or info) options)]
BAD_INPUTS = {
    'ispconfig_client': [
        ('e-mail address without a domain', dict(email='jane')),
        ('limit that is not a number', dict(limits={'limit_mailbox': 'many'})),
        ('limit beyond its database column', dict(limits={'limit_mailbox': 2 ** 31})),
        ('quota limit that is not a whole number of MB', dict(limits={'limit_mailquota': '1.5 MiB'})),
        ('quota limit in bytes without a unit (a bare number is MB)', dict(limits={'limit_web_quota': 5368709120})),
        ('master limit template the panel does not list', dict(template='Gold')),
        ('additional limit template the panel does not list', dict(additional_templates=['Gold'])),
        ('wrong API password', dict(api_password='Wr0ng-Api-Passw0rd')),
    ],
    'ispconfig_mail_domain': [
        ('domain name with a space', dict(domain='acme example')),
        ('DKIM selector with capitals and _', dict(dkim_selector='Mail_2026')),
        ('owner client that does not exist', dict(client='nobody')),
        ('server id -1', dict(server_id=-1)),
    ],
    'ispconfig_mail_user': [
        ('quota that is no size', dict(quota='lots')),
        ('quota the panel could not show (not whole MB)', dict(quota='1000 KiB')),
        ('quota beyond what the database holds', dict(quota='9999999 TiB')),
        ('quota in bytes without a unit (a bare number is MB)', dict(quota=1073741824)),
        ('new mailbox without a password', dict(password=None)),
        ('address without @', dict(email='not-an-address')),
        ('address with +', dict(email='a+b@example.com')),
        ('cc that is no address', dict(cc=['nobody'])),
        ('mail domain that does not exist', dict(email='bob@unknown.example')),
        ('password the panel finds too weak', dict(password='short')),
        ('server id 0', dict(server_id=0)),
    ],
    'ispconfig_mail_alias': [
        ('source without @', dict(source='info')),
        ('destination that is no address', dict(destination=['nobody'])),
        ('no destination', dict(destination=[])),
        ('source in a mail domain ISPConfig does not host', dict(source='info@unhosted.example')),
        ('server id -1', dict(server_id=-1)),
    ],
    'ispconfig_mail_catchall': [
        ('two destinations separated by a comma', dict(destination='a@example.com,b@example.com')),
        ('destination that is no address', dict(destination='nobody')),
        ('domain that is no mail domain name', dict(domain='localhost')),
        ('mail domain that does not exist', dict(domain='unhosted.example')),
    ],
    'ispconfig_mail_spamfilter': [
        ('domain without @', dict(email='example.com')),
        ('policy the panel does not list', dict(policy='Strict')),
        ('sender that is no address', dict(whitelist=['nobody'])),
        ('sender on both lists', dict(whitelist=['a@x.example'], blacklist=['a@x.example'])),
        ('mail domain that does not exist', dict(email='@unhosted.example')),
    ],
    'mailbox_domain': [
        ('domain name with a space', dict(domain='acme example')),
        ('negative wait_for_verification', dict(wait_for_verification=-1)),
        ('domain whose ownership is not proven', dict(domain='unproven.example')),
        ('account name with a line break', dict(account='acme\nother')),
    ],
    'mailbox_account': [
        ('address without @', dict(mail='alice')),
        ('plan that does not exist', dict(plan='gold')),
        ('mail domain not in the account', dict(mail='alice@unknown.example')),
        ('password and password_hash together', dict(password_hash='{SSHA}abc')),
        ('out-of-office notice that ends before it starts', dict(vacation=dict(
            subject='Away', start_date='2026-07-14', end_date='2026-07-01'))),
        ('out-of-office date as D.M.YYYY', dict(vacation=dict(
            subject='Away', start_date='1.7.2026', end_date='2026-07-14'))),
        ('out-of-office notice without a subject', dict(vacation=dict(
            start_date='2026-07-01', end_date='2026-07-14'))),
        ('spam score with two decimals', dict(spam_protection=dict(spam_score=5.25))),
        ('spam kill level that is not one of the choices', dict(spam_protection=dict(kill_level='drop'))),
        ('mailbox capability set to inherit', dict(capabilities={'MAIL_OTP': 'inherit'})),
        ('capability that does not exist', dict(capabilities={'MAIL_TELEPATHY': 'on'})),
    ],
    'mailbox_customer': [
        ('account name with a line break', dict(account='acme\nother')),
        ('plan that does not exist', dict(plan='gold')),
        ('capability set to maybe', dict(capabilities={'MAIL_OTP': 'maybe'})),
        ('address key the API does not know', dict(address={'city': 'Berlin'})),
        ('tariff limit that is no number', dict(tariff_limits={'max_mails': 'many'})),
        ('account login instead of a reseller login', dict(api_username='demo')),
    ],
    'mailbox_group': [
        ('member that is no address', dict(members=['nobody'])),
        ('account name with a line break', dict(account='demo\nother')),
    ],
    'subaccount': [
        ('empty login', dict(login='')),
        ('status that is not one of the choices', dict(status='Maybe')),
        ('field the API does not know', dict(fields={'strNoSuchField': 'x'})),
        ('login shorter than the API allows', dict(login='abc')),
    ],
    'teamdrive_depot': [
        ('unlimited storage', dict(storage_limit='unlimited')),
        ('storage limit of 0', dict(storage_limit='0')),
        ('storage limit beyond a 64-bit number', dict(storage_limit='9999999 TiB')),
        ('blank username', dict(username='  ')),
        ('depot id that does not exist, without assign', dict(depot_id=99)),
        ('wrong API salt', dict(api_salt='Wr0ng-Api-Salt')),
    ],
    'ispconfig_mail_catchall_info': [
        ('domain that is no domain name', dict(domain='acme example')),
    ],
    'ispconfig_mail_user_info': [
        ('address without @', dict(domain=None, email='nobody')),
        ('both a domain and an address', dict(email='bob@example.com')),
    ],
    'mailbox_account_info': [
        ('domain not in the account', dict(domain='unknown.example')),
    ],
    'mailbox_customer_info': [
        ('account name with a line break', dict(account='acme\nother')),
    ],
    'mailbox_group_info': [
        ('account name with a line break', dict(account='demo\nother')),
    ],
    'subaccount_info': [
        ('unknown comparison', dict(filters=[dict(field='strLogin', comparison='near', value='a')])),
        ('negative limit', dict(limit=-1)),
    ],
    'teamdrive_depot_info': [
        ('blank username', dict(username='')),
    ],
}

if 'webiface_user' in SCENARIOS:
    BAD_INPUTS['webiface_user'] = [
        ('external ID with characters Easy-WI drops', dict(external_id='crm-1')),
        ('username with &', dict(username='a&b')),
        ('empty first name', dict(first_name='')),
        ('wrong API password', dict(api_password='Wr0ng-Api-Passw0rd')),
    ]
    BAD_INPUTS['webiface_user_info'] = [
        ('prefix Easy-WI would ignore', dict(external_id_prefix='crm:')),
    ]

BAD_INPUTS.update({
    'ispconfig_dns_zone': [
        ('zone of one label', dict(zone='example')),
        ('SOA mailbox with a space', dict(email='host master@example.org')),
        ('refresh below the panel\'s 60 seconds', dict(refresh=10)),
        ('transfer address that is no IP address', dict(xfer=['ns2.example.net'])),
        ('new zone without a name server', dict(ns=None)),
        ('server id -1', dict(server_id=-1)),
    ],
    'ispconfig_dns_record_set': [
        ('IPv6 address in an A record', dict(value=['2001:db8::1'])),
        ('empty record name (an unset variable)', dict(record='')),
        ('A record name with _', dict(record='_www')),
        ('TXT value in quotes', dict(type='TXT', value=['"v=spf1 -all"'])),
        ('MX host without the trailing dot', dict(type='MX', value=['10 mail.example.net'])),
        ('CAA tag the panel does not make', dict(type='CAA', value=['0 iodef "mailto:hostmaster@example.org"'])),
        ('two CNAME values', dict(type='CNAME', value=['a.example.net.', 'b.example.net.'])),
        ('TTL below 60 seconds', dict(ttl=30)),
        ('zone that does not exist', dict(zone='example.net')),
    ],
    'ispconfig_dns_record_sets': [
        ('the same set twice', dict(record_sets=[dict(record='www', type='A', value=['192.0.2.10'])] * 2)),
        ('the same set as a relative and a full name', dict(record_sets=[
            dict(record='www', type='A', value=['192.0.2.10']),
            dict(record='www.example.org', type='A', value=['192.0.2.10'])])),
        ('A and CNAME at one name', dict(record_sets=[dict(record='x', type='A', value=['192.0.2.10']),
                                                      dict(record='x', type='CNAME', value=['www'])])),
    ],
    'ispconfig_dns_record_set_info': [
        ('zone of one label', dict(zone='example')),
    ],
    'ispconfig_web_domain': [
        ('domain without a top-level domain', dict(domain='localhost')),
        ('domain IDNA 2008 refuses', dict(domain='-bad-.example')),
        ('quota the panel could not show (not whole MB)', dict(quota='1.5 MiB')),
        ('quota in bytes without a unit (a bare number is MB)', dict(quota='10737418240')),
        ('IP address that is none', dict(ip_address='300.1.1.1')),
        ('Let\'s Encrypt without SSL', dict(letsencrypt=True, ssl=False)),
        ('owner client that does not exist', dict(client='nobody')),
        ('server id -1', dict(server_id=-1)),
    ],
    'ispconfig_database_user': [
        ('name with a hyphen', dict(name='wp-user')),
        ('name over 16 characters with its prefix', dict(name='a_very_long_user')),
        ('password the panel finds too weak', dict(password='short')),
        ('new user without a password', dict(password=None)),
        ('empty password', dict(password='')),
    ],
    'ispconfig_database': [
        ('name of one character', dict(name='w')),
        ('remote IP with a prefix length', dict(remote_ips=['192.0.2.0/24'])),
        ('website that does not exist', dict(website='unknown.example')),
        ('database user that does not exist', dict(user='nobody')),
        ('website of another client', dict(client='other')),
    ],
    'ispconfig_shell_user': [
        ('system user name', dict(username='root')),
        ('shell that is no absolute path', dict(shell='bash')),
        ('name over 32 characters with its prefix', dict(username='u' * 30)),
        ('new user without a password', dict(password=None)),
        ('empty password', dict(password='')),
        ('SSH key with a line break',
         dict(ssh_keys=['ssh-ed25519 AAAAC3Nz a@b\ncommand="sh" ssh-ed25519 AAAAC3Nz c@d'])),
    ],
    'ispconfig_ftp_user': [
        ('name with a space', dict(username='up load')),
        ('directory outside the website', dict(directory='/var/www/clients/client1/web10')),
        ('directory with ..', dict(directory='/var/www/clients/client1/web1/../web2')),
        ('weak password', dict(password='short')),
        ('empty password', dict(password='')),
        ('new user without a password', dict(password=None)),
    ],
    'ispconfig_cron': [
        ('weekday name', dict(weekday='mon')),
        ('@hourly', dict(minute='@hourly')),
        ('minute out of range', dict(minute='60')),
        ('step of 1', dict(minute='*/1')),
        ('URL that is not http(s)', dict(job='ftp://acme.example/x')),
        ('command with a line break', dict(job='php x.php\nrm -rf /')),
    ],
    'ispconfig_web_subdomain': [
        ('domain not below its website', dict(domain='blog.other.example')),
        ('web folder with ..', dict(vhost=True, web_folder='../web2')),
        ('web folder of the system', dict(vhost=True, web_folder='cgi-bin')),
        ('redirect without a path', dict(redirect_type='R', redirect_path='')),
        ('local redirect path without its slashes', dict(redirect_type='R', redirect_path='blog')),
    ],
    'ispconfig_web_aliasdomain': [
        ('the website itself', dict(domain='acme.example')),
        ('web folder without vhost', dict(vhost=False)),
        ('proxy to a local path', dict(redirect_type='proxy', redirect_path='/shop/')),
    ],
    'ispconfig_shell_user_info': [
        ('both a website and a client', dict(client='acme')),
    ],
    'ispconfig_ftp_user_info': [
        ('both a website and a client', dict(client='acme')),
    ],
})
BAD_INPUTS['webiface_gameserver'] = [
    ('external ID with characters Easy-WI drops', dict(external_id='gs-1')),
    ('game no root server offers', dict(games=['nosuchgame'])),
    ('slots that are no number', dict(slots='many')),
    ('more slots than the panel stores', dict(slots=70000)),
    ('FTP password Easy-WI would replace', dict(ftp_password='not-a-word!')),
    ('primary game that is not one of the games', dict(primary_game='mc')),
    ('less maximum than minimum RAM', dict(ram_min=2048, ram_max=1024)),
    ('owner that does not exist', dict(owner_external_id='crm:404')),
    ('stop of a server whose owner does not exist', dict(owner_external_id='crm:404', state='stopped')),
]
BAD_INPUTS['webiface_voiceserver'] = [
    ('external ID with characters Easy-WI drops', dict(external_id='ts-1')),
    ('no slots', dict(slots=0)),
    ('owner that does not exist', dict(owner_external_id='crm:404')),
]
BAD_INPUTS['webiface_mysql'] = [
    ('external ID with characters Easy-WI drops', dict(external_id='db-1')),
    ('master server ID that is no number', dict(master_server_id='abc')),
    ('owner that does not exist', dict(owner_external_id='crm:404')),
]
BAD_INPUTS['webiface_mysql_info'] = [
    ('prefix Easy-WI would ignore', dict(owner_external_id_prefix='db-')),
]
BAD_INPUTS['webiface_gameserver_info'] = [
    ('prefix Easy-WI would ignore', dict(owner_external_id_prefix='crm:')),
]
BAD_INPUTS['webiface_voiceserver_info'] = [
    ('prefix Easy-WI would ignore', dict(owner_external_id_prefix='ts-')),
]

BAD_INPUTS['ispconfig_mail_users'] = [
    ('item with server id -1', dict(users=[dict(email='alice@example.com', password=PASSWORD,
                                                quota='2 GiB', server_id=-1)])),
]

CASES = [(module, what, options) for module, cases in BAD_INPUTS.items() for what, options in cases]


def attempt(serve, module, options):
    """(error message with the simulator's address generalised, requests sent, writes sent)."""
    scenario = SCENARIOS[module]
    sim = scenario.start(serve)
    which = 'info' if scenario.info is not None else 'create'
    result = run_module(scenario.module, scenario.options(sim, which, **options))
    stats = sim.simulator.stats()
    message = result.get('msg', '').replace(sim.url, '<api_url>')
    return result, message, stats['requests'], stats['writes']


@pytest.mark.parametrize('module, what, options', CASES, ids=['%s: %s' % case[:2] for case in CASES])
def test_bad_input_is_one_clear_error_and_writes_nothing(serve, module, what, options):
    result, message, _requests, writes = attempt(serve, module, options)
    assert result.get('failed') is True, result
    assert message and '\n' not in message and 'Traceback' not in result['_raw']
    assert writes == []


def takes_server_id(module):
    """Whether a module has a server_id option (for a bulk module, its items have)."""
    options = yaml.safe_load(SCENARIOS[module].module.DOCUMENTATION).get('options') or {}
    return 'server_id' in options or any('server_id' in (option.get('suboptions') or {}) for option in options.values())


def test_every_server_id_option_refuses_ids_below_1_before_any_request(serve):
    cases = [case for case in CASES if case[1].endswith(('server id -1', 'server id 0'))]
    assert sorted(set(module for module, _what, _options in cases)) == sorted(
        module for module in SCENARIOS if takes_server_id(module))
    for module, _what, options in cases:
        result, message, requests, _writes = attempt(serve, module, options)
        assert result.get('failed') is True and 'names no server; ISPConfig numbers its servers from 1' in message, \
            (module, message)
        assert requests == 0, module


def render(serve):
    lines = ['<!--', 'Copyright (c) hosting.provision developers',
             'GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or '
             'https://www.gnu.org/licenses/gpl-3.0.txt)',
             'SPDX-License-Identifier: GPL-3.0-or-later', '-->', '',
             '# Bad inputs and the errors they get', '',
             'Generated from `tests/unit/reliability/test_bad_inputs.py` (the modules\' real answers against the '
             'simulators);', 'do not edit by hand: run `python tests/unit/reliability/test_bad_inputs.py`. '
             '"Requests" counts what was sent before the error', '(0: refused before any request; otherwise only '
             'reads). No case writes anything.', '']
    for module, cases in BAD_INPUTS.items():
        lines += ['## %s' % module, '', '| bad input | options | requests | error |', '|---|---|---|---|']
        for what, options in cases:
            _result, message, requests, _writes = attempt(serve, module, options)
            shown = ', '.join('%s=%r' % item for item in sorted(options.items()))
            lines.append('| %s | `%s` | %d | %s |' % (what, shown.replace('|', '\\|'), requests,
                                                      message.replace('|', '\\|')))
        lines.append('')
    return '\n'.join(lines)


# ansible-core words its own type-conversion errors differently from release to release (2.16 names
# "<class 'str'>"); the document shows the newest wording, and the other releases are compared without it.
CORE_TYPE_ERROR = re.compile(r"(argument '[^']+' is of type ).*?( and we were unable to convert to \w+):.*? \|$",
                             re.MULTILINE)


def without_core_wording(document):
    return CORE_TYPE_ERROR.sub(r'\1...\2 |', document)


def test_docs_bad_inputs_md_is_current(serve):
    with open(DOC) as handle:
        written = handle.read()
    assert without_core_wording(written) == without_core_wording(render(serve)), \
        'docs/bad-inputs.md is stale: python %s' % __file__


def _standalone_serve():
    """The `serve` fixture outside pytest (for rewriting the document)."""
    from simulators import create
    from simulators._base import Running

    def serve(api, **options):
        return Running(create(api, **options))
    return serve


if __name__ == '__main__':
    text = render(_standalone_serve())
    os.makedirs(os.path.dirname(DOC), exist_ok=True)
    with open(DOC, 'w') as handle:
        handle.write(text)
    print('wrote %s' % DOC)
