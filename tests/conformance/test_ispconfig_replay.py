# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Replay the recorded ISPConfig transcripts (data/ispconfig/, recorded from the real
ISPConfig 3.2 code, copied unedited) against the simulator and compare every exchange.

Each file runs once, in order, against a fresh simulator seeded like the recording (01-06 and 90: remote
user `apiuser` with an md5 password; the hosting files 10-14: `demo`, with the simulator's clock on the
recording's day, which the SOA serials carry; 15-19: `demo`). Status, content type and body must match;
values the server generates (session ids, crypt hashes, timestamps, SSH keys) are compared by shape, and
session ids in later requests are mapped from the recorded ones to the ones the simulator issued. A note
that describes a hand edit of the database is replayed through a simulator control; a note that reports
database state (`DB <table> WHERE <condition>: [rows]` in 10-14 and 16-19, free text in 01-06) is checked
against simulator.state().
One test per exchange and per checked note.
"""

import copy
import datetime
import hashlib
import json
import os
import re
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from simulators import create
from simulators._base import Running
from simulators.ispconfig import KEYS
from simulators.ispconfig import crypthash, php_json
from simulators.ispconfig_hosting import mysql_native_password

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'ispconfig')
FILES = sorted(name for name in os.listdir(DATA_DIR) if name.endswith('.json'))
HOSTING = ('10-web-domain.json', '11-database.json', '12-shell-user.json', '13-cron.json', '14-dns.json')
# The replay sends raw API calls, many of which leave rows the panel's forms never would (that is what they
# show), so the simulator's panel invariant check is off here; the module tests run with it on.
OPTIONS = {name: dict({} if name in HOSTING else {'transcript_seed': True}, panel_invariants=False) for name in FILES}
OPTIONS['90-strict-sql-mode-fatal.json'] = {'transcript_seed': True, 'strict_sql': True, 'panel_invariants': False}
# recorded later against a panel with remote user demo / demo-password (the simulator's default seed)
OPTIONS['15-mail-user-with-filter-tab.json'] = {'panel_invariants': False}
OPTIONS['17-mail-catchall-spamfilter.json'] = {'panel_invariants': False}
LATER = ('16-ftp-user.json', '18-status-and-templates.json', '19-vhost-subdomain-aliasdomain.json')
OPTIONS.update({name: {'panel_invariants': False} for name in LATER})
# files whose notes are the machine-readable `DB <table> WHERE` and change log notes, checked generically
GENERIC_NOTES = HOSTING + ('17-mail-catchall-spamfilter.json',) + LATER
# the day files 10-14 were recorded (SOA serials 2026112901, ...): their replay runs on it, at noon UTC
RECORDING_DAY = datetime.datetime(2026, 11, 29, 12, tzinfo=datetime.timezone.utc).timestamp()

SESSION_RE = re.compile(r'^[0-9a-f]{32}$')
SHA512_RE = re.compile(r'^\$6\$rounds=5000\$[0-9a-f]{16}\$[./0-9A-Za-z]{86}$')
PRIVATE_KEY_RE = re.compile(r'^-----BEGIN OPENSSH PRIVATE KEY-----\n([A-Za-z0-9+/=]{1,70}\n)+'
                            r'-----END OPENSSH PRIVATE KEY-----\n$')
PUBLIC_KEY_RE = re.compile(r'^ssh-rsa AAAAB3NzaC1yc2E[A-Za-z0-9+/=]+ (\S+)-rsa-key-\d{10}\n$')


def load(name):
    with open(os.path.join(DATA_DIR, name)) as handle:
        return json.load(handle)


# --- generated values compared by shape ------------------------------------------------------

def normalise(value, key=None):
    """Replace generated values by a token naming their shape; anything off-shape stays literal."""
    if isinstance(value, dict):
        return {k: normalise(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if not isinstance(value, str):
        return value
    if key in ('password', 'passwort') and SHA512_RE.match(value):
        return '<sha512-crypt>'
    if key == 'created_at' and re.fullmatch(r'\d{10}', value):
        return '<unix-time>'
    if key == 'id_rsa' and PRIVATE_KEY_RE.match(value):
        return '<openssh-private-key>'
    if key == 'ssh_rsa' and PUBLIC_KEY_RE.match(value):
        return '<ssh-rsa %s-rsa-key>' % PUBLIC_KEY_RE.match(value).group(1)
    return value


def normalise_body(function, body):
    if function == 'login' and isinstance(body, dict) and body.get('code') == 'ok' \
            and SESSION_RE.match(str(body.get('response'))):
        body = dict(body, response='<session-id>')
    return normalise(body)


# --- database notes: hand edits replayed through controls, observations checked ---------------

def ours(ctx, recorded_session):
    return ctx['sessions'][recorded_session]


ACTIONS = {
    ('01-login-session.json', 21): lambda sim, ctx: sim.control(
        'expire_sessions', {'session_id': ours(ctx, 'f0edf8711a16f597ecb01f9e317be7a8')}),
    ('01-login-session.json', 29): lambda sim, ctx: sim.control(
        'add_remote_user', {'username': 'limited', 'password': 'limpass', 'functions': ['mail_domain']}),
    ('01-login-session.json', 34): lambda sim, ctx: sim.control(
        'set_remote_user', {'username': 'limited', 'remote_access': 'n'}),
    # the two client templates the note says were inserted into client_template by hand
    ('18-status-and-templates.json', 86): lambda sim, ctx: [sim.control('add_client_template', template) for template in (
        {'template_name': 'Basic', 'template_type': 'm', 'limit_web_domain': 5, 'limit_maildomain': 2,
         'limit_mailbox': 10, 'limit_ftp_user': 3, 'limit_database': 1, 'limit_cron': 0,
         'web_php_options': 'no,php-fpm', 'ssh_chroot': 'no', 'force_suexec': 'y', 'limit_cgi': 'n',
         'limit_cron_type': 'url'},
        {'template_name': 'Extra sites', 'template_type': 'a', 'limit_web_domain': 2, 'limit_ftp_user': -1,
         'limit_maildomain': 0, 'limit_cgi': 'y'})],
}


def rows(state, table):
    return state['tables'][table]


def row(state, table, key, value):
    found = [r for r in rows(state, table) if r[key] == str(value)]
    assert len(found) == 1, (table, key, value, found)
    return found[0]


def columns(state, table, wanted):
    """[(id, {column: value})] for the listed columns of every row of `table`."""
    return [(r[KEYS[table]], {c: r[c] for c in wanted}) for r in rows(state, table)]


def before(ctx, index):
    """State just before recorded item `index` ran."""
    return ctx['history'][index - 1]


def apiuser(state):
    return row(state, 'remote_user', 'remote_username', 'apiuser')


def check_01_seed(state, ctx):
    assert apiuser(state)['remote_password'] == hashlib.md5(b'apipass').hexdigest()


def check_01_after_login(state, ctx):
    stored = apiuser(state)['remote_password']
    assert SHA512_RE.match(stored) and crypthash.verify('apipass', stored)
    session = ctx['sim'].sessions[ours(ctx, 'c538ea23500de005af0ce54a9e87725b')]
    assert session['tstamp'] - ctx['login_time'] == 1800
    ctx['tstamp'] = session['tstamp']


def check_01_not_extended(state, ctx):
    assert ctx['sim'].sessions[ours(ctx, 'c538ea23500de005af0ce54a9e87725b')]['tstamp'] == ctx['tstamp']


def check_02_half_client(state, ctx):
    assert columns(state, 'client', ['username', 'language']) == [('1', {'username': 'jdoe', 'language': ''})]
    assert [r['username'] for r in rows(state, 'sys_user')] == ['admin']


def check_02_sys_user_2(state, ctx):
    assert row(state, 'sys_user', 'client_id', 2)['userid'] == '2'


def check_02_rehashed_client(state, ctx):
    old = row(before(ctx, 28), 'client', 'client_id', 2)['password']
    new = row(state, 'client', 'client_id', 2)['password']
    assert new != old and SHA512_RE.match(new)
    assert not crypthash.verify('Secret123!', new)
    assert crypthash.verify(old, new)


def check_02_rehashed_sys_user(state, ctx):
    old = row(before(ctx, 28), 'sys_user', 'client_id', 2)['passwort']
    new = row(state, 'sys_user', 'client_id', 2)['passwort']
    assert new != old and not crypthash.verify('Secret123!', new)


def check_02_new_password(state, ctx):
    assert crypthash.verify('NewSecret456!', row(state, 'client', 'client_id', 2)['password'])
    assert crypthash.verify('NewSecret456!', row(state, 'sys_user', 'client_id', 2)['passwort'])


def domains(*wanted):
    def check(state, ctx):
        names = list(wanted[0][1])
        assert columns(state, 'mail_domain', names) == [(i, dict(zip(names, v.values()))) for i, v in wanted]
    return check


def check_03_first_domain(state, ctx):
    assert columns(state, 'mail_domain', ['server_id', 'active', 'sys_groupid']) == [
        ('1', {'server_id': '0', 'active': 'n', 'sys_groupid': '2'})]


def check_03_stored_spelling(state, ctx):
    assert row(state, 'mail_domain', 'domain_id', 7)['domain'] == 'mixed-case.example'
    assert row(state, 'mail_domain', 'domain_id', 8)['domain'] == 'xn--bcher-kva.example'


def check_03_domain_2(state, ctx):
    domain = row(state, 'mail_domain', 'domain_id', 2)
    assert (domain['sys_groupid'], domain['active']) == ('2', 'y')


def check_03_owner_changed(state, ctx):
    domain = row(state, 'mail_domain', 'domain_id', 2)
    assert (domain['sys_userid'], domain['sys_groupid'], domain['active']) == ('3', '3', 'y')
    assert row(state, 'sys_group', 'client_id', 2)['groupid'] == '3'


def check_04_stored(state, ctx):
    stored = row(state, 'mail_user', 'mailuser_id', 1)['password']
    assert SHA512_RE.match(stored) and crypthash.verify('MailPass123!'.encode('latin-1'), stored)


def check_04_unchanged_since(index):
    def check(state, ctx):
        assert row(state, 'mail_user', 'mailuser_id', 1)['password'] == \
            row(before(ctx, index), 'mail_user', 'mailuser_id', 1)['password']
    return check


def check_04_new_password(state, ctx):
    assert crypthash.verify('NewMailPass456!', row(state, 'mail_user', 'mailuser_id', 1)['password'])


def check_04_hash_rehashed(state, ctx):
    old = row(before(ctx, 22), 'mail_user', 'mailuser_id', 1)['password']
    new = row(state, 'mail_user', 'mailuser_id', 1)['password']
    sent_back = load('04-mail-user.json')[22]['request']['body']['params']['password']  # the recorded hash
    assert new != old and not crypthash.verify('NewMailPass456!', new) and crypthash.verify(sent_back, new)


def check_04_verbatim(state, ctx):
    stored = row(state, 'mail_user', 'mailuser_id', 1)['password']
    assert stored == ('$6$rounds=5000$abcdefgh12345678$lO.KgXn5AxN4gcSfQ1YSjNIQL7PO9NBRQ.6XDgEMDKY/'
                      '4n1ZDyVnktdGdErnPQYLIVBm0h5/kM5jTjzLyI9JK1')
    assert crypthash.verify('Preset789!', stored)


FORWARDING = ['source', 'destination', 'type', 'active']


def forwardings(expected, server_id=None):
    def check(state, ctx):
        assert columns(state, 'mail_forwarding', FORWARDING) == [
            (i, dict(zip(FORWARDING, values))) for i, values in expected]
        if server_id is not None:  # the note lists it for every row
            assert {r['server_id'] for r in rows(state, 'mail_forwarding')} == {server_id}
    return check


def check_06_mail_users(state, ctx):
    wanted = ['email', 'login', 'quota', 'uid', 'gid', 'maildir', 'homedir', 'postfix']
    got = [(i, dict(v, pwlen=len(r['password'])))
           for (i, v), r in zip(columns(state, 'mail_user', wanted), rows(state, 'mail_user'))]
    carol = '/var/vmail/example.org/carol'
    expected = [
        ('1', 'carol@example.org', 'carol@example.org', '0', '5000', '5000', carol, '/var/vmail', 'y', 118),
        ('2', 'd2@example.org', 'd2@example.org', '1024', '5000', '5000', carol, '/var/vmail', 'y', 118),
        ('3', 'd8@example.org', 'd8@example.org', '0', '5000', '5000', carol, '/var/vmail', 'y', 0),
        ('4', 'd10@example.org', 'd10@example.org', '0', '0', '5000', carol, '/var/vmail', 'y', 118),
        ('5', 'd11@example.org', 'd11@example.org', '0', '5000', '5000', carol, '/var/vmail', 'y', 118),
        ('6', 'd12@example.org', 'd12@example.org', '0', '5000', '5000', carol, '/var/vmail', '', 118),
        ('7', 'd13@example.org', 'd13@example.org', '0', '-1', '-1', '', '', 'y', 118),
    ]
    names = ['email', 'login', 'quota', 'uid', 'gid', 'maildir', 'homedir', 'postfix', 'pwlen']
    assert got == [(e[0], dict(zip(names, e[1:]))) for e in expected]


def db_rows(name, index):
    """The rows of a `DB <table> WHERE ...: [rows]` note."""
    return json.loads(load(name)[index]['note'].split(': ', 1)[1])


def stored_as_noted(table, name, index):
    """The simulator holds, column by column, the rows the note read from the database."""
    def check(state, ctx):
        for noted in db_rows(name, index):
            key = [c for c in noted if c.endswith('_id')][0]
            ours = row(state, table, key, noted[key])
            assert {c: ours[c] for c in noted} == noted
    return check


def check_15_sys_ini(state, ctx):
    noted = json.loads(load('15-mail-user-with-filter-tab.json')[1]['note'].split(': ', 1)[1])
    assert ['%s=%s' % item for item in ctx['sim'].sys_ini['mail'].items()] == noted


CHECKS = {
    ('01-login-session.json', 0): check_01_seed,
    ('01-login-session.json', 2): check_01_after_login,
    ('01-login-session.json', 19): check_01_not_extended,
    ('02-client.json', 4): check_02_half_client,
    ('02-client.json', 21): check_02_sys_user_2,
    ('02-client.json', 30): check_02_rehashed_client,
    ('02-client.json', 31): check_02_rehashed_sys_user,
    ('02-client.json', 34): check_02_new_password,
    ('03-mail-domain.json', 4): check_03_first_domain,
    ('03-mail-domain.json', 11): domains(('2', {'domain': 'example.org', 'active': 'y'}),
                                         ('3', {'domain': 'example.net', 'active': ''})),
    ('03-mail-domain.json', 15): domains(
        ('2', {'domain': 'example.org', 'server_id': '1', 'sys_groupid': '2', 'active': 'y'}),
        ('3', {'domain': 'example.net', 'server_id': '1', 'sys_groupid': '2', 'active': ''}),
        ('4', {'domain': 'example.com', 'server_id': '99', 'sys_groupid': '2', 'active': 'y'}),
        ('5', {'domain': 'example.info', 'server_id': '1', 'sys_groupid': '0', 'active': 'y'}),
        ('6', {'domain': 'admin-owned.example', 'server_id': '1', 'sys_groupid': '1', 'active': 'y'})),
    ('03-mail-domain.json', 18): check_03_stored_spelling,
    ('03-mail-domain.json', 36): check_03_domain_2,
    ('03-mail-domain.json', 39): check_03_owner_changed,
    ('04-mail-user.json', 8): check_04_stored,
    ('04-mail-user.json', 17): check_04_unchanged_since(15),
    ('04-mail-user.json', 21): check_04_new_password,
    ('04-mail-user.json', 23): check_04_hash_rehashed,
    ('04-mail-user.json', 25): check_04_verbatim,
    ('04-mail-user.json', 27): check_04_unchanged_since(26),
    ('05-mail-alias-forward.json', 17): forwardings([
        ('1', ('info@example.org', 'alice@example.org', 'alias', 'y')),
        ('2', ('info@example.org', 'alice@example.org', 'alias', 'y')),
        ('3', ('info@example.org', 'bob@example.org', 'alias', 'y')),
        ('4', ('y@unknown-domain.example', 'alice@example.org', 'alias', 'y')),
        ('5', ('sales@example.org', 'alice@example.org', '', 'n'))], server_id='1'),
    ('05-mail-alias-forward.json', 35): forwardings([
        ('1', ('info@example.org', 'bob@example.org', 'alias', 'n')),
        ('2', ('info@example.org', 'alice@example.org', 'alias', 'y')),
        ('3', ('info@example.org', 'bob@example.org', 'alias', 'y')),
        ('4', ('y@unknown-domain.example', 'alice@example.org', 'alias', 'y')),
        ('5', ('sales@example.org', 'alice@example.org', '', 'n')),
        ('6', ('fwd@example.org', 'other@external.example', 'forward', 'y')),
        ('7', ('multi@example.org', 'a@external.example,b@external.example', 'forward', 'y')),
        ('8', ('multi2@example.org', 'a@external.example\nb@external.example', 'forward', 'y')),
        ('9', ('alice@example.org', 'someone@external.example', 'forward', 'y'))]),
    ('06-bad-input.json', 22): check_06_mail_users,
    ('15-mail-user-with-filter-tab.json', 1): check_15_sys_ini,
    ('15-mail-user-with-filter-tab.json', 12): stored_as_noted('mail_user', '15-mail-user-with-filter-tab.json', 12),
    ('15-mail-user-with-filter-tab.json', 15): stored_as_noted('mail_user', '15-mail-user-with-filter-tab.json', 15),
    ('06-bad-input.json', 28): domains(
        ('1', {'domain': 'example.org', 'server_id': '1', 'sys_groupid': '2'}),
        ('2', {'domain': 'noclient.example', 'server_id': '1', 'sys_groupid': '1'}),
        ('3', {'domain': 'badserver.example', 'server_id': '0', 'sys_groupid': '2'})),
}


# --- hosting files (10-14): "DB <table> WHERE <condition>: [rows]" notes, checked column by column ---

DB_NOTE_RE = re.compile(r'DB (\w+) WHERE (.+?): (\[.*\])$', re.DOTALL)
CLAUSE_RE = re.compile(r"(\w+) ?(=|>|LIKE|IN) ?(\(.*\)|'[^']*'|\d+)$")


def condition(text):
    """The row predicate of a recorded WHERE clause (`a=1 AND b>2`, `x IN (1,2)`, `y LIKE 'z%'`, `1=1`)."""
    tests = []
    text = re.sub(r' \([a-z][^)]*\)$', '', text)  # a remark such as "(after ...)"
    for clause in text.split(' AND '):
        if clause in ('1=1', '1'):
            continue
        column, operator, value = CLAUSE_RE.match(clause).groups()
        if operator == 'IN':
            wanted = [item.strip().strip("'") for item in value[1:-1].split(',')]
            tests.append(lambda r, c=column, w=wanted: r[c] in w)
        elif operator == 'LIKE':
            pattern = re.escape(value.strip("'")).replace('%', '.*')
            tests.append(lambda r, c=column, p=pattern: re.fullmatch(p, r[c] or '', re.IGNORECASE) is not None)
        elif operator == '>':
            tests.append(lambda r, c=column, v=int(value): int(r[c]) > v)
        else:
            tests.append(lambda r, c=column, v=value.strip("'"): r[c] == v)
    return lambda r: all(test(r) for test in tests)


def db_note(note):
    """(table, predicate, recorded rows) of a `DB <table> WHERE ...` note, or None."""
    match = DB_NOTE_RE.match(note)
    if match is None:
        return None
    return match.group(1), condition(match.group(2)), json.loads(match.group(3))


def check_db_note(note):
    """The rows matching the note's condition, ordered by key, hold the recorded values in the recorded
    columns (generated values compared by shape)."""
    table, wanted, recorded = db_note(note)

    def check(state, ctx):
        key = KEYS[table]
        got = sorted((r for r in rows(state, table) if wanted(r)), key=lambda r: int(r[key]))
        expected = sorted(recorded, key=lambda r: int(r[key]))
        assert [r[key] for r in got] == [r[key] for r in expected], (table, 'rows', got, expected)
        for have, want in zip(got, expected):
            assert normalise({c: have[c] for c in want}) == normalise(want), (table, have[key], have, want)
    return check


DATALOG_RE = re.compile(r'sys_datalog rows written by the previous call\(s\): (\[.*\])$', re.DOTALL)


def check_datalog_note(entries, unlogged=()):
    """The server's change log of "the previous call(s)": at least the last call before the note, at most the
    calls since the previous such note (or since the set-up calls). The columns it says changed hold the new
    values, deleted rows are gone, rows it says were inserted exist (the simulator has at least as many new
    rows); an empty log means the last call changed no row, but for the calls that write the tables
    `unlogged` with a plain query (UNLOGGED): those tables changed, and no other."""
    def check(state, ctx):
        earlier = ctx['datalog_state']
        if not entries:
            previous = before(ctx, ctx['last_request'])['tables']
            assert {t: r for t, r in state['tables'].items() if t not in unlogged} == \
                {t: r for t, r in previous.items() if t not in unlogged}, 'rows changed though nothing was logged'
            assert all(state['tables'][table] != previous[table] for table in unlogged), \
                ('the unlogged write of the last call is missing', unlogged)
            return
        inserted, changed, deleted = {}, {}, set()
        for entry in entries:
            table, row_id = entry['dbtable'], entry['dbidx'].partition(':')[2]
            if entry['action'] == 'i':
                inserted[table] = inserted.get(table, 0) + 1
            elif entry['action'] == 'u':
                changed.update({(table, row_id, column): values[1] for column, values in entry['changed'].items()})
            else:
                deleted.add((table, row_id))
        for table, count in inserted.items():
            known = {r[KEYS[table]] for r in rows(earlier, table)}
            assert len([r for r in rows(state, table) if r[KEYS[table]] not in known]) >= count, (table, 'inserted')
        for entry in entries:
            key = KEYS[entry['dbtable']]
            if entry['action'] == 'i' and key in entry['new']:
                row(state, entry['dbtable'], key, entry['new'][key])
        for (table, row_id, column), value in changed.items():
            if (table, row_id) not in deleted:
                assert normalise({column: row(state, table, KEYS[table], row_id)[column]}) == \
                    normalise({column: value}), (table, row_id, column)
        for table, row_id in deleted:
            assert not [r for r in rows(state, table) if r[KEYS[table]] == row_id], (table, row_id, 'not deleted')
    return check


def check_seed_config(state, ctx):
    server = row(state, 'server', 'server_id', 1)
    assert 'website_path=/var/www/clients/client[client_id]/web[website_id]' in server['config']
    config = row(state, 'sys_ini', 'sysini_id', 1)['config']
    for line in ('dbname_prefix=c[CLIENTID]', 'dbuser_prefix=c[CLIENTID]', 'shelluser_prefix=[CLIENTNAME]'):
        assert line in config


def check_10_setup_users(state, ctx):
    """sys_user rows after client_add; the seeded admin's `groups` is '1' in the simulator (stock: '1,2')."""
    got = columns(state, 'sys_user', ['username', 'typ', 'default_group', 'groups', 'client_id'])
    assert got == [('1', {'username': 'admin', 'typ': 'admin', 'default_group': '1', 'groups': '1',
                          'client_id': '0'}),
                   ('2', {'username': 'jdoe', 'typ': 'user', 'default_group': '2', 'groups': '2',
                          'client_id': '1'})]


def check_10_unchecked_defaults(state, ctx):
    site = row(state, 'web_domain', 'domain_id', 1)
    assert {c: site[c] for c in ('active', 'suexec', 'errordocs', 'php', 'pm')} == \
        {'active': 'n', 'suexec': 'n', 'errordocs': '0', 'php': '', 'pm': ''}


def db_user_hash(state, user_id):
    return row(state, 'web_database_user', 'database_user_id', user_id)['database_password']


def check_11_native_hash(state, ctx):
    assert db_user_hash(state, 2) == mysql_native_password('DbPass123!')
    assert list(row(state, 'web_database_user', 'database_user_id', 2)) == [
        'database_user_id', 'sys_userid', 'sys_groupid', 'sys_perm_user', 'sys_perm_group', 'sys_perm_other',
        'server_id', 'database_user', 'database_user_prefix', 'database_password', 'database_password_mongo']


def check_11_new_hash(state, ctx):
    assert db_user_hash(state, 2) == mysql_native_password('NewDbPass456!')


def check_11_hash_rehashed(state, ctx):
    sent = load('11-database.json')[27]['request']['body']['params']['database_password']
    assert db_user_hash(state, 2) == mysql_native_password(sent) != db_user_hash(before(ctx, 27), 2)


def check_11_verbatim(state, ctx):
    assert db_user_hash(state, 2) == load('11-database.json')[33]['request']['body']['params']['database_password']


def shell_hash(state):
    return row(state, 'shell_user', 'shell_user_id', 1)['password']


def check_12_shell_hash(password):
    def check(state, ctx):
        assert SHA512_RE.match(shell_hash(state)) and crypthash.verify(password, shell_hash(state))
    return check


def check_12_hash_rehashed(state, ctx):
    old, new = shell_hash(before(ctx, 32)), shell_hash(state)
    sent_back = load('12-shell-user.json')[32]['request']['body']['params']['password']  # the recorded hash
    assert new != old and SHA512_RE.match(new) and crypthash.verify(sent_back, new)


def check_12_unchanged(state, ctx):
    assert shell_hash(state) == shell_hash(before(ctx, 34))


def check_17_stock_policies(state, ctx):
    assert columns(state, 'spamfilter_policy', ['policy_name'])[:5] == [
        (str(number), {'policy_name': name}) for number, name in enumerate(
            ('Non-paying', 'Uncensored', 'Wants all spam', 'Wants viruses', 'Normal'), 1)]


def check_16_seed(state, ctx):
    check_seed_config(state, ctx)
    config = row(state, 'sys_ini', 'sysini_id', 1)['config']
    assert 'ftpuser_prefix=[CLIENTNAME]' in config and 'webdavuser_prefix=[CLIENTNAME]' in config


def ftp_hash(state, user_id=1):
    return row(state, 'ftp_user', 'ftp_user_id', user_id)['password']


def check_16_ftp_hash(password):
    def check(state, ctx):
        assert SHA512_RE.match(ftp_hash(state)) and crypthash.verify(password, ftp_hash(state))
    return check


def sent_password(index):
    return load('16-ftp-user.json')[index]['request']['body']['params']['password']


def check_16_hash_rehashed(state, ctx):
    old, new = ftp_hash(before(ctx, 61)), ftp_hash(state)
    assert new != old and SHA512_RE.match(new) and crypthash.verify(sent_password(61), new)


def check_16_verbatim(state, ctx):
    assert ftp_hash(state) == sent_password(64)


def check_16_added_verbatim(state, ctx):
    assert row(state, 'ftp_user', 'username', 'c1prehashed')['password'] == sent_password(66)


def check_14_templates(state, ctx):
    template = row(state, 'dns_template', 'template_id', 1)
    recorded = load('14-dns.json')
    rows_note, text_note = (json.loads(recorded[i]['note'].split(': ', 1)[1]) for i in (87, 88))
    assert {c: template[c] for c in rows_note[0]} == rows_note[0]
    assert template['template'] == text_note[0]['template']


CHECKS.update({
    ('10-web-domain.json', 0): check_seed_config,
    ('10-web-domain.json', 5): check_10_setup_users,
    ('10-web-domain.json', 13): check_10_unchecked_defaults,
    ('11-database.json', 0): check_seed_config,
    ('11-database.json', 11): check_11_native_hash,
    ('11-database.json', 25): check_11_new_hash,
    ('11-database.json', 29): check_11_hash_rehashed,
    ('11-database.json', 35): check_11_verbatim,
    ('12-shell-user.json', 0): check_seed_config,
    ('12-shell-user.json', 9): check_12_shell_hash('ShellPass123!'),
    ('12-shell-user.json', 30): check_12_shell_hash('NewShell456!'),
    ('12-shell-user.json', 33): check_12_hash_rehashed,
    ('12-shell-user.json', 35): check_12_unchanged,
    ('13-cron.json', 0): check_seed_config,
    ('14-dns.json', 0): check_seed_config,
    ('14-dns.json', 87): check_14_templates,
    ('14-dns.json', 88): check_14_templates,
    ('17-mail-catchall-spamfilter.json', 0): check_17_stock_policies,
    ('16-ftp-user.json', 0): check_16_seed,
    ('16-ftp-user.json', 17): check_16_ftp_hash('FtpPass123!'),
    ('16-ftp-user.json', 59): check_16_ftp_hash('NewFtp456!'),
    ('16-ftp-user.json', 62): check_16_hash_rehashed,
    ('16-ftp-user.json', 65): check_16_verbatim,
    ('16-ftp-user.json', 67): check_16_added_verbatim,
    ('18-status-and-templates.json', 0): check_seed_config,
    ('19-vhost-subdomain-aliasdomain.json', 0): check_seed_config,
})

# Empty change logs after a call that writes with a plain query, which logs nothing (recorded in 18): the tables
# it writes. mail_domain_set_status and dns_zone_set_status; client_template_additional_add/_delete (the assignment
# and the client's limits); client_update of a missing client with template_additional (the assignment row).
UNLOGGED = {('18-status-and-templates.json', index): tables for index, tables in (
    (23, ('mail_domain',)), (31, ('dns_soa',)),
    (104, ('client', 'client_template_assigned')), (108, ('client', 'client_template_assigned')),
    (120, ('client', 'client_template_assigned')), (129, ('client', 'client_template_assigned')),
    (133, ('client', 'client_template_assigned')), (150, ('client_template_assigned',)))}

# Notes that are neither a hand edit nor a checkable observation of state the simulator models.
UNCHECKED_NOTES = {
    ('03-mail-domain.json', 47): 'sys_datalog (the server daemon queue) is not modelled; no API call reads it',
    ('90-strict-sql-mode-fatal.json', 0): 'describes the seed: replayed with the strict_sql option',
    ('15-mail-user-with-filter-tab.json', 0): 'describes the seed: the simulator seeds system.ini.master (checked '
                                              'by #1); server.config is not modelled, no simulated call reads it',
}
UNCHECKED_NOTES.update({('15-mail-user-with-filter-tab.json', index): UNCHECKED_NOTES[('03-mail-domain.json', 47)]
                        for index in (7, 10, 13, 16)})
UNCHECKED_NOTES.update({('17-mail-catchall-spamfilter.json', index): 'names the table and form of the calls that follow'
                        for index in (8, 45, 50, 77)})
UNCHECKED_NOTES.update({key: 'names the functions or the subject of the calls that follow' for key in (
    ('16-ftp-user.json', 87), ('18-status-and-templates.json', 10), ('18-status-and-templates.json', 38),
    ('18-status-and-templates.json', 84), ('19-vhost-subdomain-aliasdomain.json', 35),
    ('19-vhost-subdomain-aliasdomain.json', 65))})
SERVER_LOG_REASON = 'quotes the PHP error log of the HTTP 500 just before; that exchange is compared'


def unchecked_reason(name, index, note):
    if (name, index) in UNCHECKED_NOTES:
        return UNCHECKED_NOTES[(name, index)]
    if name in GENERIC_NOTES and note.startswith(('server log for the previous call: PHP Fatal error',
                                                  'PHP error in the server log for the previous call')):
        return SERVER_LOG_REASON
    return None


def note_check_of(name, index, note):
    """The check of a note: a listed one, or (10-14) the generic `DB <table> WHERE` and change log checks."""
    if (name, index) in CHECKS:
        return CHECKS[(name, index)]
    if name in GENERIC_NOTES and db_note(note) is not None:
        return check_db_note(note)
    if name in GENERIC_NOTES and DATALOG_RE.match(note):
        return check_datalog_note(json.loads(DATALOG_RE.match(note).group(1)), UNLOGGED.get((name, index), ()))
    return None


# --- replay ----------------------------------------------------------------------------------

def send(base_url, item, ctx):
    request = item['request']
    parts = urlsplit(request['url'])
    url = base_url + parts.path + ('?' + parts.query if parts.query else '')
    body = request['body']
    text = None if body is None else body if isinstance(body, str) else json.dumps(body)
    for recorded, issued in ctx['sessions'].items():
        url = url.replace(recorded, issued)
        text = text.replace(recorded, issued) if text is not None else None
    data = None if text is None else text.encode('utf-8')
    headers = {'Content-Type': 'application/json' if isinstance(body, (dict, list)) else 'text/plain'}
    http_request = urllib.request.Request(url, data=data, method=request['method'], headers=headers)
    try:
        with urllib.request.urlopen(http_request, timeout=30) as reply:
            return reply.status, reply.headers['Content-Type'], reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers['Content-Type'], error.read()


def differences(got, recorded, path='body'):
    """Readable list of where two JSON values differ."""
    if isinstance(got, dict) and isinstance(recorded, dict) and list(got) == list(recorded):
        return [d for key in got for d in differences(got[key], recorded[key], '%s.%s' % (path, key))]
    if isinstance(got, list) and isinstance(recorded, list) and len(got) == len(recorded):
        return [d for i, (a, b) in enumerate(zip(got, recorded)) for d in differences(a, b, '%s[%d]' % (path, i))]
    if got == recorded:
        return []
    return ['%s: got %s, recorded %s' % (path, json.dumps(got)[:300], json.dumps(recorded)[:300])]


def function_of(item):
    query = urlsplit(item['request']['url']).query
    return query.split('&')[0].split('=')[0]


_RUNS = {}


def replay(name):
    """Run a whole file once; returns {index: outcome} for every exchange and note."""
    if name in _RUNS:
        return _RUNS[name]
    sim = create('ispconfig', **OPTIONS[name])
    if name in HOSTING:
        sim.clock.advance(RECORDING_DAY - sim.clock.now())
    running = Running(sim)
    ctx = {'sim': sim, 'sessions': {}, 'history': [], 'datalog_state': copy.deepcopy(sim.state())}
    outcomes = {}
    try:
        for index, item in enumerate(load(name)):
            if 'request' in item:
                ctx['login_time'] = int(sim.clock.now())
                ctx['last_request'] = index
                outcomes[index] = exchange(running.url, item, ctx)
            elif (name, index) in ACTIONS:
                ACTIONS[(name, index)](sim, ctx)
                outcomes[index] = None
            elif note_check_of(name, index, item['note']) is not None:
                outcomes[index] = note_check(note_check_of(name, index, item['note']), sim, ctx)
            ctx['history'].append(copy.deepcopy(sim.state()))
            # where the server's change log is read (17 reads it once after its set-up calls, which it lists)
            if item.get('note', '').startswith(('sys_datalog',) if name not in HOSTING else ('setup', 'sys_datalog')):
                ctx['datalog_state'] = ctx['history'][-1]
    finally:
        running.stop()
    _RUNS[name] = outcomes
    return outcomes


def note_check(check, sim, ctx):
    try:
        check(sim.state(), ctx)
    except AssertionError as error:
        return 'state differs: %s' % (error,)
    return None


def exchange(base_url, item, ctx):
    """None when the simulator's answer matches the recording, else a description of the difference."""
    expected = item['response']
    status, content_type, raw = send(base_url, item, ctx)
    problems = []
    if status != expected['status']:
        problems.append('status %s != %s' % (status, expected['status']))
    if content_type != expected['content_type']:
        problems.append('content type %r != %r' % (content_type, expected['content_type']))
    function = function_of(item)
    if isinstance(expected['body'], str):
        if raw.decode('utf-8', 'replace') != expected['body']:
            problems.append('body %r != %r' % (raw[:200], expected['body']))
        return '; '.join(problems) or None
    try:
        body = json.loads(raw.decode('utf-8'))
    except ValueError:
        problems.append('body is not JSON: %r' % raw[:200])
        return '; '.join(problems)
    got, recorded = normalise_body(function, body), normalise_body(function, expected['body'])
    if got != recorded:
        problems.append('body differs: ' + '; '.join(differences(got, recorded)))
    # byte level: the simulator encodes like PHP, and that encoding reproduces the recorded bytes
    if raw.decode('utf-8') != php_json(body):
        problems.append('not encoded like PHP json_encode: %r' % raw[:200])
    if 'body_raw' in expected and php_json(expected['body']) != expected['body_raw']:
        problems.append('PHP encoding of the recorded body differs from the recorded bytes')
    if function == 'login' and body.get('code') == 'ok' and expected['body'].get('code') == 'ok':
        ctx['sessions'][expected['body']['response']] = body['response']
    return '; '.join(problems) or None


def cases():
    for name in FILES:
        for index, item in enumerate(load(name)):
            if 'request' in item:
                label = '%s#%d-%s' % (name[:2], index, function_of(item) or 'no-method')
                yield pytest.param(name, index, id=label)
            elif note_check_of(name, index, item['note']) is not None:
                yield pytest.param(name, index, id='%s#%d-note' % (name[:2], index))


@pytest.mark.parametrize('name, index', list(cases()))
def test_replay(name, index):
    outcome = replay(name)[index]
    assert outcome is None, outcome


def test_every_note_is_replayed_or_explained():
    for name in FILES:
        for index, item in enumerate(load(name)):
            if 'request' not in item:
                key = (name, index)
                assert key in ACTIONS or note_check_of(name, index, item['note']) is not None \
                    or unchecked_reason(name, index, item['note']), (key, item['note'])
