# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers of test_webiface_replay.py: the recorded Easy-WI transcripts (data/webiface/, recorded from the real
Easy-WI 6.2.5, copied unedited), the database each scenario started from, and comparisons of
replies and rows in which server-generated values (passwords, hashes, timestamps) count by shape.

The scenarios ran in order against one database (README of the transcripts), so the state a file starts
from is the installer state plus every row the earlier files recorded, in recording order. File 01 ran in
two parts: its exchanges 0-1 first (strictfull became user 2), 2-5 last (strictmin became user 15, its
delete job 18). A few rows were never recorded and are rebuilt from recorded ones (UNRECORDED below).

Files 20-24 (game servers, voice, MySQL) ran in order against a fresh install of their own (ids from 1): they
form one chain that is replayed from its start, with the rows the recorder wrote straight into the database
(SETUP_NOTES) put in where the recording did. Files 25-28 (MySQL with the job runner, webspace, game server start
and stop, TS-DNS) ran the same way on another fresh install and form the second chain.
"""

import base64
import copy
import functools
import http.client
import json
import os
import re
from urllib.parse import unquote_plus, urlencode, urlsplit

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'webiface')
FILES = sorted(name for name in os.listdir(DATA_DIR) if name.endswith('.json'))

# the game server chains: each file of a chain ran after the earlier ones on the same fresh install
CHAINS = (('20', '21', '22', '23', '24'), ('25', '26', '27', '28'))
HOSTING_CHAIN = tuple(prefix for chain in CHAINS for prefix in chain)
# observations between calls that record rows the recorder wrote into the database (other notes only look)
SETUP_NOTES = {('23', 13), ('24', 3), ('24', 14), ('25', 4), ('25', 23), ('25', 25), ('26', 2), ('27', 0),
               ('28', 2)}
# the web master note of 26[2] as the recorder meant it: its dump split the row at the line breaks of
# phpConfiguration (rows "128M", "256M", ... and a last one holding description, externalID and resellerID); the
# note's text and those pieces give the row
REPAIRED_NOTES = {('26', 2): {'webMaster': [{
    'webMasterID': '1', 'active': 'Y', 'usageType': 'W', 'ip': '127.0.0.1', 'port': '1', 'user_decrypted': 'webadmin',
    'maxVhost': '3', 'maxHDD': '1000', 'hddOverbook': 'N', 'overbookPercent': '50', 'defaultdns': 'web.example.test',
    'phpConfiguration': '[memory_limit]\n128M\n256M\n[max_execution_time]\n30\n60', 'description': 'web master A',
    'externalID': 'wmA', 'resellerID': '0'}]}}
# what the job runner of the second chain met: MySQL master 2 (127.0.0.2) refused connections, so did the SSH port
# (1) of every SSH host on 127.0.0.1 (web master, TSDNS, game root), and the second e-mail of one jobs.php process
# was a PHP fatal (README-mysql-web.md)
RUNNER_CONDITIONS = {'25': {'unreachable': ['127.0.0.2', '127.0.0.1:1'], 'second_mail_fatal': True}}
# the job type a file's job lists show
JOB_TYPES = {'24': ('vo', 'my'), '25': ('my',), '26': ('wv',), '27': ('gs',), '28': ('ds',)}
# tables whose key is not `id`
TABLE_KEYS = {'webMaster': 'webMasterID', 'webVhost': 'webVhostID', 'voice_dns': 'dnsID'}
# a table the simulator does not model (a vhost's further domains, which no API call writes): recorded empty
UNMODELLED_EMPTY_TABLES = ('webVhostDomain',)
# generated secrets the recording shows in clear: compared by shape unless a request sent that very value
SECRET_COLUMNS = ('ftppassword_decrypted', 'password_decrypted', 'initialpassword', 'ftpPassword_decrypted')
DATETIME_ELEMENTS = re.compile(r'<(queryUpdatetime|serverCreated)>[0-9: -]+</\1>')

# (file prefix, first exchange, end exchange) in the order they ran against the recording database
SEGMENTS = [('00', 0, 1), ('01', 0, 2)] + [('%02d' % number, 0, None) for number in range(2, 19)] + [('01', 2, None)]

DATETIME_RE = re.compile(r'^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$')
BCRYPT_PREFIX_RE = re.compile(r'^\$2y\$10\$[./A-Za-z0-9]{13}$')
HEX_PREFIX_RE = re.compile(r'^[0-9a-f]{20}$')
GENERATED_PASSWORD = r'[a-zA-Z1-9]{10}'
GENERATED_COLUMNS = ('creationTime', 'updateTime', 'date', 'security_prefix')

# Where a recorded db_after list is filtered, the filter the recorder used (file, exchange, key).
FILTERS = {
    ('01', 3, 'user'): lambda row: row['cname'] == 'strictmin2',
    ('01', 5, 'jobs'): lambda row: row['userID'] == '15',
    ('17', 2, 'jobs'): lambda row: row['name'] == 'user3',
    ('17', 4, 'user'): lambda row: row['mail'] == 'weird@example.org',
}
# Recorded [id, cname, <column>] rows: which column the third value is.
TRIPLE_COLUMNS = {'16': 'externalID', '18': 'mail'}


def load(name):
    with open(os.path.join(DATA_DIR, name)) as handle:
        return json.load(handle)


def file_named(prefix):
    return next(name for name in FILES if name.startswith(prefix))


def exchanges_of(name):
    """[(index, exchange)] of a file."""
    return list(enumerate(load(name)['exchanges']))


def segment_of(name, index):
    prefix = name[:2]
    for number, (segment_prefix, first, end) in enumerate(SEGMENTS):
        if segment_prefix == prefix and first <= index and (end is None or index < end):
            return number
    raise LookupError((name, index))


def simulator_options(name):
    scenario = load(name)
    options = {'seed': 'recording', 'strict_sql': scenario['server']['sql_mode'].startswith('STRICT'),
               'gserver_seed': 'recording' if name[:2] in CHAINS[0] else 'empty'}
    if name.startswith('00'):
        options['broken_login_head'] = True
    return options


# --- the database a segment starts from ------------------------------------------------------------

def _user_from(template, **changes):
    row = copy.deepcopy(template)
    row.update(changes)
    return row


def _unrecorded(segment_prefix, first, database):
    """Rows written by requests that were not recorded."""
    users = database['users']
    if segment_prefix == '12':
        # lsa/lsb/lsc (README: users 7/8/9) were added before file 12 like lsc, whose row file 17 shows
        lsc = next(row for dummy, dummy, row in _recorded_rows('17') if row.get('cname') == 'lsc')
        users['7'] = _user_from(lsc, id='7', cname='lsa', mail='lsa@example.org', externalID='ansible:lsa')
        users['8'] = _user_from(lsc, id='8', cname='lsb', mail='lsb@example.org', externalID='other:lsb')
        users['9'] = copy.deepcopy(lsc)
    if segment_prefix == '01' and first == 2:
        # file 18 shows user 14 only as [id, cname, mail]; it was added like user 13
        users['14'] = _user_from(users['13'], id='14', cname='longmail2')
    for user_id in users:  # later users joined the default group (README: group 3)
        if user_id not in database['groups'] and users[user_id]['accounttype'] == 'u':
            database['groups'][user_id] = [{'userID': user_id, 'groupID': '3', 'resellerID': '0'}]


def _recorded_rows(prefix, first=0, end=None):
    """(exchange index, key, row) for every dict row a file's db snapshots show, in order."""
    for index, exchange in exchanges_of(file_named(prefix))[first:end]:
        for snapshot in ('db_before', 'db_after'):
            for key, rows in (exchange.get(snapshot) or {}).items():
                if isinstance(rows, list):
                    for row in rows:
                        if isinstance(row, dict):
                            yield index, key, row


def _apply(database, prefix, first, end):
    for index, exchange in exchanges_of(file_named(prefix))[first:end]:
        for snapshot in ('db_before', 'db_after'):
            _apply_tables(database, prefix, index, exchange.get(snapshot) or {})


def _apply_tables(database, prefix, index, tables):
    """One db snapshot: whole tables replace, single rows overwrite the row with their id."""
    if 'userdata' in tables:
        database['users'] = {}
    if 'userdata_groups' in tables:
        database['groups'] = {}
        for row in tables['userdata_groups']:
            database['groups'].setdefault(row['userID'], []).append(dict(row))
    if 'jobs' in tables and (prefix, index, 'jobs') not in FILTERS:
        database['jobs'] = {}
    for rows in tables.values():
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, dict) and 'accounttype' in row:
                database['users'][row['id']] = copy.deepcopy(row)
                database['user_ids'].add(int(row['id']))
            elif isinstance(row, dict) and 'jobID' in row:
                database['jobs'][row['jobID']] = copy.deepcopy(row)
            elif isinstance(row, list) and prefix in TRIPLE_COLUMNS and row[0] in database['users']:
                database['users'][row[0]][TRIPLE_COLUMNS[prefix]] = row[2]


def recorded_database(segment_number):
    """The state() dump the recording database had when segment `segment_number` started."""
    admin = next(row for dummy, dummy, row in _recorded_rows('01', 0, 1) if row['id'] == '1')
    database = {'users': {'1': copy.deepcopy(admin)}, 'user_ids': {1}, 'jobs': {},
                'groups': {'1': [{'userID': '1', 'groupID': '1', 'resellerID': '0'}]}}
    for prefix, first, end in SEGMENTS[:segment_number]:
        _unrecorded(prefix, first, database)
        _apply(database, prefix, first, end)
    prefix, first, dummy = SEGMENTS[segment_number]
    _unrecorded(prefix, first, database)
    # the job runner file shows the database it started from
    _apply_tables(database, prefix, first, exchanges_of(file_named(prefix))[first][1].get('db_before') or {})
    return {
        'userdata': [database['users'][key] for key in sorted(database['users'], key=int)],
        'jobs': [database['jobs'][key] for key in sorted(database['jobs'], key=int)],
        'userdata_groups': [row for key in sorted(database['groups'], key=int) if key in database['users']
                            for row in database['groups'][key]],
        'next_user_id': max(database['user_ids'] | {int(key) for key in database['users']}) + 1,
        'next_job_id': max([int(key) for key in database['jobs']] + [0]) + 1,
    }


# --- talking to the simulator ------------------------------------------------------------------

def send(running, request):
    """POST the recorded form (xml/json exactly as recorded) from the recorded source IP."""
    form = {key: value for key, value in request['form'].items() if not key.endswith('_decoded')}
    if 'xml' not in form and 'xml_decoded' in request['form']:
        # file 14 does not keep the base64 it sent; the server refuses the IP before reading it
        form['xml'] = base64.b64encode(request['form']['xml_decoded'].encode('utf-8')).decode('ascii')
    source_ip = request.get('source_ip', '127.0.0.1')
    try:
        return _post(running, request, form, source_ip)
    except OSError:
        # hosts without the whole 127/8 on loopback (macOS): let the simulator pretend instead
        running.simulator.control('remote_addr', {'ip': source_ip})
        try:
            return _post(running, request, form, '127.0.0.1')
        finally:
            running.simulator.control('remote_addr', {'ip': None})


def _post(running, request, form, source_ip):
    host, port = running.server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=10, source_address=(source_ip, 0))
    try:
        connection.request(request.get('method', 'POST'), urlsplit(request['url']).path, urlencode(form),
                           {'Content-Type': request.get('content_type', 'application/x-www-form-urlencoded')})
        reply = connection.getresponse()
        return reply.status, reply.getheader('Content-Type'), reply.read().decode('utf-8'), reply.headers
    finally:
        connection.close()


def sent_field(request, field):
    """The text of an element of the request's XML, as the client wrote it."""
    match = re.search(r'<%s>(.*?)</%s>' % (field, field), request['form'].get('xml_decoded', ''))
    return match.group(1) if match else None


# --- comparing -------------------------------------------------------------------------------

def normalise_body(body, request):
    """Replace generated passwords (add without one, the FTP password of a game server) and timestamps by their
    shape, once they have the right shape."""
    body = DATETIME_ELEMENTS.sub(r'<\1>{datetime}</\1>', body)
    sent = sent_field(request, 'initialpassword')
    body = re.sub(r'<initialpassword>(%s)</initialpassword>' % GENERATED_PASSWORD,
                  lambda match: match.group(0) if match.group(1) == sent else '<initialpassword>{generated}'
                  '</initialpassword>', body)
    if sent_field(request, 'password') or 'json_decoded' in request['form'] \
            and json.loads(request['form']['json_decoded']).get('password'):
        return body
    body = re.sub(r'<password>%s</password>' % GENERATED_PASSWORD, '<password>{generated}</password>', body)
    return re.sub(r'"password":"%s"' % GENERATED_PASSWORD, '"password":"{generated}"', body)


def row_differences(recorded, actual, where):
    problems = []
    for column, value in recorded.items():
        got = actual.get(column)
        if column in SECRET_COLUMNS and value and value not in sent_secrets():
            if not isinstance(got, str) or not re.fullmatch(r'[a-zA-Z1-9]{%d}' % len(value), got):
                problems.append('%s %s: %r is no generated password like %r' % (where, column, got, value))
        elif column in GENERATED_COLUMNS:
            pattern = DATETIME_RE if column != 'security_prefix' else (
                BCRYPT_PREFIX_RE if value.startswith('$2y$') else HEX_PREFIX_RE)
            if not isinstance(got, str) or not pattern.match(got):
                problems.append('%s %s: %r does not look like %r' % (where, column, got, value))
        elif got != value:
            problems.append('%s %s: recorded %r, simulator %r' % (where, column, value, got))
    return problems


def rows_differences(recorded_rows, actual_rows, key, where, complete):
    """Each recorded row against the simulator row with the same key; complete: no others either."""
    actual_by_key = {row[key]: row for row in actual_rows}
    problems = []
    for row in recorded_rows:
        if row[key] not in actual_by_key:
            problems.append('%s: row %s=%s missing' % (where, key, row[key]))
        else:
            problems += row_differences(row, actual_by_key[row[key]], '%s[%s=%s]' % (where, key, row[key]))
    if complete:
        extra = sorted(set(actual_by_key) - {row[key] for row in recorded_rows}, key=int)
        if extra:
            problems.append('%s: simulator has rows %s=%s the recording does not' % (where, key, extra))
    return problems


def db_differences(prefix, index, tables, state, simulator, request):
    """Every recorded table of db_after against simulator.state()."""
    problems = []
    for key, recorded in tables.items():
        where = 'db_after.%s' % key
        row_filter = FILTERS.get((prefix, index, key))
        if key in ('before',):
            continue  # checked before the request went out
        if key == 'userdata':
            problems += rows_differences(recorded, state['userdata'], 'id', where, complete=True)
        elif key == 'userdata_groups':
            expected = sorted((row['userID'], row['groupID'], row['resellerID']) for row in recorded)
            actual = sorted((row['userID'], row['groupID'], row['resellerID']) for row in state['userdata_groups'])
            if expected != actual:
                problems.append('%s: recorded %s, simulator %s' % (where, expected, actual))
        elif key == 'jobs':
            actual = [row for row in state['jobs'] if row_filter is None or row_filter(row)]
            problems += rows_differences(recorded, actual, 'jobID', where, complete=True)
        elif key in ('user', 'users', 'other'):
            if recorded and isinstance(recorded[0], list):
                column = TRIPLE_COLUMNS[prefix]
                actual = {row['id']: [row['id'], row['cname'], row[column]] for row in state['userdata']}
                for row in recorded:
                    if actual.get(row[0]) != row:
                        problems.append('%s: recorded %s, simulator %s' % (where, row, actual.get(row[0])))
                if prefix == '16' and sorted(actual, key=int) != [row[0] for row in recorded]:
                    problems.append('%s: recorded ids %s, simulator %s' % (
                        where, [r[0] for r in recorded], sorted(actual, key=int)))
            else:
                actual = [row for row in state['userdata'] if row_filter is None or row_filter(row)]
                problems += rows_differences(recorded, actual, 'id', where, complete=row_filter is not None)
        elif key == 'userdata_ids_cnames':
            actual = [[row['id'], row['cname'], row['mail'], row['externalID']] for row in state['userdata']]
            if actual != recorded:
                problems.append('%s: recorded %s, simulator %s' % (where, recorded, actual))
        elif key.startswith('jobs_for_'):
            user_id = key[len('jobs_for_'):]
            actual = [row for row in state['jobs'] if row['userID'] == user_id]
            problems += rows_differences(recorded, actual, 'jobID', where, complete=True)
        elif key == 'jobs_row_written_by_this_call':
            problems += rows_differences(recorded, state['jobs'][-1:], 'jobID', where, complete=True)
        elif key.startswith('userdata_with_id_'):
            user_id = key[len('userdata_with_id_'):]
            problems += rows_differences(recorded, [row for row in state['userdata'] if row['id'] == user_id],
                                         'id', where, complete=True)
        elif key == 'jobs_count':
            if len(state['jobs']) != recorded:
                problems.append('%s: recorded %s, simulator %s' % (where, recorded, len(state['jobs'])))
        elif key == 'userdata_count':
            if len(state['userdata']) != int(recorded[0]['n']):
                problems.append('%s: recorded %s, simulator %s' % (where, recorded, len(state['userdata'])))
        elif key == 'sql_mode_global':
            if state['sql_mode'] != recorded:
                problems.append('%s: recorded %r, simulator %r' % (where, recorded, state['sql_mode']))
        elif key == 'api_settings':
            settings = state['api_settings'][0]
            for column in ('resellerID', 'active', 'user'):
                if settings[column] != recorded[0][column]:
                    problems.append('%s.%s: recorded %r, simulator %r' % (where, column, recorded[0][column],
                                                                          settings[column]))
            if not re.fullmatch(r'[0-9a-f]{32}', settings['salt']) or not settings['pwd'].startswith('$2y$10$'):
                problems.append('%s: salt/pwd %r/%r off shape' % (where, settings['salt'], settings['pwd']))
        elif key in ('after', 'verify_as_sent', 'verify_urldecoded'):
            problems += verify_password(recorded, state, simulator, request, where, key == 'verify_urldecoded')
        else:
            problems.append('%s: no rule to compare this table' % where)
    return problems


def verify_password(recorded, state, simulator, request, where, urldecoded=False):
    """A recorded {'security_hash_prefix', 'password_verify(sent)'} check against the simulator."""
    username = sent_field(request, 'username')
    user = next((row for row in state['userdata'] if row['cname'] == username), None)
    if user is None:
        return ['%s: no user %r' % (where, username)]
    password = sent_field(request, 'password')
    if urldecoded:
        password = unquote_plus(password)
    problems = []
    if not BCRYPT_PREFIX_RE.match(user['security_prefix']):
        problems.append('%s: security %r is not a bcrypt hash' % (where, user['security_prefix']))
    match = 'match' if simulator.password_matches(user['id'], password) else 'nomatch'
    if match != recorded['password_verify(sent)']:
        problems.append('%s: password_verify(%r) recorded %s, simulator %s' % (
            where, password, recorded['password_verify(sent)'], match))
    return problems


def job_runner_log(exchange):
    """The 'Last job: ...' lines jobs.php printed, in order."""
    stdout = exchange['job_runner']['stdout'] if 'job_runner' in exchange else exchange['response']['stdout_excerpt']
    return re.findall(r'Last job: (.*?)\n', stdout)


# --- the game server chain (files 20-24) ---------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def sent_secrets():
    """Every initialpassword and password a request of the chains sent."""
    return {sent_field(exchange['request'], field) for prefix in HOSTING_CHAIN
            for dummy, exchange in exchanges_of(file_named(prefix)) if 'request' in exchange
            for field in ('initialpassword', 'password')}


def hosting_chain_before(name, index):
    """[(prefix, index, exchange)] of the chain from its start up to, not including, exchange `index` of `name`."""
    chain = []
    for prefix in next(chain for chain in CHAINS if name[:2] in chain):
        for position, exchange in exchanges_of(file_named(prefix)):
            if (prefix, position) == (name[:2], index):
                return chain
            chain.append((prefix, position, exchange))
    raise LookupError((name, index))


def note_tables(prefix, index, exchange):
    """The tables a note between calls shows: under 'db', or as its own keys (servertypes as an excerpt)."""
    if (prefix, index) in REPAIRED_NOTES:
        return REPAIRED_NOTES[prefix, index]
    tables = dict(exchange.get('db') or {})
    tables.update({key: value for key, value in exchange.items() if key not in ('note', 'db')})
    if 'servertypes_excerpt' in tables:
        tables['servertypes'] = tables.pop('servertypes_excerpt')
    return tables


def apply_setup(running, prefix, index, exchange):
    """Rows the recorder wrote straight into the database, put in through the simulator's put_rows control."""
    if (prefix, index) in SETUP_NOTES:
        for table, rows in note_tables(prefix, index, exchange).items():
            running.simulator.control('put_rows', {'table': table, 'rows': rows})


def start_file(running, prefix, index):
    """What holds from the first exchange of a chain file on: the runner's conditions."""
    if index == 0 and prefix in RUNNER_CONDITIONS:
        running.simulator.control('runner_conditions', RUNNER_CONDITIONS[prefix])


def replay_chain_step(running, prefix, index, exchange):
    start_file(running, prefix, index)
    if 'request' in exchange:
        send(running, exchange['request'])
    elif 'job_runner' in exchange:
        running.simulator.run_jobs()
    else:
        apply_setup(running, prefix, index, exchange)


def hosting_differences(prefix, tables, state):
    """Recorded tables of the chain against simulator.state(): every row, no extra ones (file 24's job lists
    show only voice and MySQL jobs; the templates only an excerpt)."""
    problems = []
    for table, recorded in tables.items():
        where = 'db.%s' % table
        if table == 'userdata':
            problems += rows_differences(recorded, state['userdata'], 'id', where, complete=True)
        elif table == 'jobs':
            actual = [row for row in state['jobs'] if prefix not in JOB_TYPES or row['type'] in JOB_TYPES[prefix]]
            problems += rows_differences(recorded, actual, 'jobID', where, complete=True)
        elif table == 'login_as_db_user_over_local_socket':  # a login works where the runner made the account
            accounts = {row['User'] for row in state['mariadb_accounts_sql_prefix']}
            for login in recorded:
                if login['ok'] != (login['dbname'] in accounts):
                    problems.append('%s: %s logged in %s, simulator has the account: %s' % (
                        where, login['dbname'], login['ok'], login['dbname'] in accounts))
        elif table.startswith('mariadb_'):  # what a MySQL master holds (file 25): the whole list, in order
            if state[table] != recorded:
                problems.append('%s: recorded %s, simulator %s' % (where, recorded, state[table]))
        elif table in UNMODELLED_EMPTY_TABLES:
            if recorded != []:
                problems.append('%s: recorded rows %s in a table the simulator does not model' % (where, recorded))
        elif table in state and isinstance(state[table], list):
            problems += rows_differences(recorded, state[table], TABLE_KEYS.get(table, 'id'), where,
                                         complete=table != 'servertypes')
        else:
            problems.append('%s: no rule to compare this table' % where)
    return problems
