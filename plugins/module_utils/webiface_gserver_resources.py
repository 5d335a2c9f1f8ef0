# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""Easy-WI game servers (and TeamSpeak 3 voice servers and MySQL databases, VoiceServer and Database below) as the
modules manage them: field table, input checks, reads, queued jobs.

Facts: docs/api/webiface.md section 8. The API has no read of one game server: a server is found in its
owner's `type=user ls` (under <gserver><keyN>) by its external ID, so every task names the owner.

What the read returns, and so what the module compares: active, slots, private (`war`), RAM, the core binding
(taskset, cores), the games (`shorten`, compared as a set), the IP and port, the external ID and jobPending.
What it cannot return, so the module sends it on create only and never compares it: the FTP password, the
primary game, the root server (only the IP tells), the disk quota (hdd); the port is a wish the server may not
honour (the port given is returned, a different one is a warning).

Queued jobs: what the module knows and what it does (the discipline of webiface_resources.User)
--------------------------------------------------------------------------------------------
* `add` writes the server at once and queues a create job (gs/ad); jobPending stays N.
* `mod` writes every value at once and sets jobPending=Y on every call, even a no-op (so the module sends none).
  It queues a modify job (gs/md) only for a change of `active`, a removed game, a new FTP password (or port,
  protection, home label, quota, which the module does not change), and that job cancels the server's pending
  jobs except its create. The modify job re-applies what the database holds (FTP password, active); the only
  thing a cancelled one loses is a pending port change (invisible: the old port shows until the cron job).
* `del` only queues gs/dl, cancelling every pending job of the server, its create included; the row stays
  listed until the cron job removes it. A `mod` while a delete is queued answers `fail` ("Server is marked for
  deletion") yet writes its values, and when it queues a job it cancels the delete.
* jobPending proves nothing: N while a create is queued, Y after any change and after a restart.

The rules, so that a task never silently undoes a queued job and the last declared state wins after the cron job:
1. `pending` in the result says this task queued a job: a create, a delete, or a change that queues one
   (predicted from the rules above, so check mode says the same).
2. `state=absent` sends `del`, then marks the server: a `mod` that changes only the external ID to the
   tombstone `ansible_deleted:<external ID>` (webiface_resources.tombstone). That mod queues nothing, so it
   cancels nothing, and its answer "Server is marked for deletion" is the API's one proof that the delete is
   queued. When the answer to `del` is lost, the same mod tells whether it arrived (then it is not sent again).
3. A marked server found again: `state=absent` queues the delete again (the marker proves that the module asked
   for it, not that it is still queued; a repeated del replaces the queued one), so every run until the cron job
   reports changed; `state=present` restores it only with `ftp_password` (the restoring mod sends it, which
   queues a modify job that cancels the delete), otherwise it fails, naming the queued delete.
4. A `mod` that Easy-WI answers "marked for deletion" for a server this module did not mark (the panel or another
   client queued the delete) fails, saying the change was written and may have cancelled that delete.
Out of sight: a port change queued by another client, which any later change that queues a job cancels (an
Easy-WI behaviour), and a delete queued for a user whose ID equals the server's (Easy-WI reports it as the
server's).

Run requests (state=restarted / stopped): `action=gs` queues gs/re (start, or restart a running server: Easy-WI
has no start that leaves a running server alone) or gs/st, and replaces a (re)start or stop still queued, nothing
else. No API read shows whether a server runs (the owner's list has no `stopped` column, `action=read` does not
exist for game servers), so there is nothing to compare: every such task queues its request and reports a change.
The cron job's clean-up drops a queued (re)start or stop when a create, modify or delete job of the server is
queued too (the newest of those wins), so:
5. a task that creates the server or queues a modify job does not queue its run request and says to run again
   after the cron job (a new server is stopped until started);
6. a run request for a server this module marked for deletion is handled as state=present handles it (restored
   only with ftp_password, whose modify job then holds the request back by rule 5).
A create or modify job queued by an earlier task or another client is out of sight (Easy-WI shows none of them).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from . import _engine as engine
from ._transport import TransportError
from .webiface_resources import EXTERNAL_ID, TOMBSTONE, is_tombstone, tombstone

FTP_PASSWORD = re.compile(r'^[A-Za-z0-9_]{2,50}\Z')
GAME_NAME = re.compile(r'^[A-Za-z0-9_.-]{1,255}\Z')
OWNER_PREFIX = re.compile(r'^[A-Za-z0-9_]+\Z')
# the panel's game server form: slots up to 5 digits into a smallint column, RAM up to 5 digits (MB), hdd 10 digits
SLOTS_MAX = 65535
RAM_MAX_MB = 99999
DISK_MAX_MB = 4294967295
# what the panel's form sets for the switches a task does not name (the API's own defaults differ: no SourceTV)
PANEL_SWITCHES = dict(tvenable='Y', eacallowed='N', brandname='N', pallowed='N', autoRestart='Y')
# read column -> request element where they differ
WRITE_NAMES = {'externalID': 'server_external_id', 'war': 'private'}
CREATE_ONLY = ('primary_game', 'root_server_id', 'disk_quota')
# state -> (what the result calls the request, the `restart` value of Easy-WI's action=gs)
RUN_REQUESTS = {'restarted': ('restart', 're'), 'stopped': ('stop', 'st')}


class ServerExternalId(engine.ValueType):
    def from_user(self, value):
        value = str(value)
        if not EXTERNAL_ID.match(value):
            raise engine.InputError('%r is not accepted: Easy-WI stores a server\'s external ID only if it has 1 to '
                                    '255 of A-Z, a-z, 0-9, "_" and ":" (it would store an empty one without an error)'
                                    % value)
        if is_tombstone(value):
            raise engine.InputError('%r is reserved: external IDs starting with %s mark servers whose delete is '
                                    'pending' % (value, TOMBSTONE))
        return value

    def from_api(self, raw):
        return raw or ''


class Bounded(engine.Integer):
    """A whole number the panel's form accepts: `minimum` to `maximum`."""

    def __init__(self, minimum, maximum, unit=''):
        self.minimum = minimum
        self.maximum = maximum
        self.unit = unit

    def from_user(self, value):
        number = engine.Integer.from_user(self, value)
        if not self.minimum <= number <= self.maximum:
            raise engine.InputError('%r is not accepted: Easy-WI takes %d to %d%s' % (
                value, self.minimum, self.maximum, self.unit))
        return number


class GameName(engine.ValueType):
    def from_user(self, value):
        value = str(value)
        if not GAME_NAME.match(value):
            raise engine.InputError('%r is not a game short name (letters, digits, "_", "." and "-", as Easy-WI\'s '
                                    'templates name them, for example css or mc)' % value)
        return value


class Games(engine.ValueType):
    """The set of games, sorted; Easy-WI keeps them in install order, comma-separated."""

    def from_user(self, value):
        games = sorted(set(GameName().from_user(name) for name in value or []))
        if not games:
            raise engine.InputError('a game server needs at least one game')
        return games

    def from_api(self, raw):
        return sorted(set(name for name in (raw or '').split(',') if name))

    def to_api(self, value):
        return list(value)  # repeated <shorten> elements: the complete list, which replaces the installed one


class Cores(engine.ValueType):
    """The CPU cores the server is bound to (Easy-WI's taskset and cores); [] for no binding."""

    def from_user(self, value):
        cores = []
        for core in value or []:
            if isinstance(core, bool) or not re.match(r'^[0-9]{1,3}\Z', str(core)):
                raise engine.InputError('%r is not a core number (0, 1, ...)' % (core,))
            cores.append(int(core))
        return sorted(set(cores))


FIELDS = (
    engine.Field('external_id', api='externalID', value_type=ServerExternalId()),
    engine.Field('games', api='shorten', value_type=Games()),
    engine.Field('slots', value_type=Bounded(1, SLOTS_MAX), default=12),
    engine.Field('private', api='war', value_type=engine.Flag('Y', 'N'), default=False),
    engine.Field('active', value_type=engine.Flag('Y', 'N'), default=True),
    engine.Field('ram_min', api='minram', value_type=Bounded(1, RAM_MAX_MB, ' MB'), default=512),
    engine.Field('ram_max', api='maxram', value_type=Bounded(1, RAM_MAX_MB, ' MB'), default=1024),
    engine.Field('cores', value_type=Cores(), default=[], virtual=True),
    engine.Field('port', value_type=Bounded(1, 65535)),
    engine.Field('ftp_password', api='initialpassword', secret=True),
    # what a state=restarted / stopped task queues: never read (Easy-WI cannot show whether a server runs)
    engine.Field('run_request', virtual=True),
    # create only: Easy-WI cannot return them
    engine.Field('primary_game', value_type=GameName(), virtual=True),
    engine.Field('root_server_id', value_type=Bounded(1, 2 ** 31 - 1), virtual=True),
    engine.Field('disk_quota', value_type=Bounded(1, DISK_MAX_MB, ' MB'), virtual=True),
)
BY_OPTION = dict((field.option, field) for field in FIELDS)


def server_state(raw):
    """A row of the owner's <gserver> list as option -> value: what the read returns."""
    state = engine.field_values(FIELDS, raw)
    state['cores'] = sorted(int(core) for core in (raw.get('cores') or '').split(',') if core.isdigit()) \
        if raw.get('taskset') == 'Y' else []
    state['local_id'] = int(raw['id'])
    state['ip'] = raw.get('serverip') or ''
    return state


def root_ips(root):
    """The IPs of a root server of the `type=gserver ls` list (its main IP and its extra IPs)."""
    return [root.get('ip') or ''] + (root.get('altips') or '').split()


def free_slots(root):
    """The free slots of a root server of the `type=gserver ls` list, None for unlimited.

    Easy-WI computes them as maxslots minus the sum of its servers' slots, which SQL makes empty both for a root
    without a slot limit and for one without any server yet: the latter has its whole maxslots free (its own add
    would take any number there, the panel's root server page shows the limit)."""
    for column in ('leftslots', 'maxslots'):
        if (root.get(column) or '').strip():
            return int(root[column])
    return None


def describe_roots(roots):
    return '; '.join('%s (id %s, %s): %s, %s slots left' % (
        root.get('description') or 'root', root['id'], root.get('ip'), ', '.join(sorted(root['games'])) or 'no game',
        'unlimited' if free_slots(root) is None else free_slots(root)) for root in roots) or 'none'


def owner_lookup(params):
    """(Easy-WI identify_by, value) of the owner option the task sets."""
    if params.get('owner_external_id') is not None:
        return 'external_id', params['owner_external_id']
    return 'username', params['owner_username']


def read_owner(connection, identify_by, value, kind='gserver'):
    """(userdetails, server rows of `kind`) of the owner, or None; a user webiface_user marked for deletion is found
    by its marker (its servers are still there until the cron job removes the user)."""
    found = connection.get_user_servers(identify_by, value, kind)
    if found is None and identify_by == 'external_id':
        found = connection.get_user_servers('external_id', tombstone(value), kind)
    return found


class QueuedServer(engine.Resource):
    """What game and voice servers share: the owner, the create's reply, the delete and its marker (rules 2 and 3),
    `pending`. A subclass names its client calls."""

    noun = 'server'
    owner_list = 'gserver'  # the owner's list (`type=user ls`) that holds them, for read()

    def __init__(self, connection, params, check_mode=False):
        super(QueuedServer, self).__init__(connection, params, check_mode)
        self.owner = None  # the owner's userdetails
        self.job_queued = False  # the planned mod queues a modify job
        self.add_reply = None
        self.delete_confirmed = False  # Easy-WI showed the delete queued (rule 2)

    def describe(self):
        return 'Easy-WI %s external_id=%s' % (self.noun, self.params['external_id'])

    def _add(self, elements):
        raise NotImplementedError

    def _modify(self, local_id, elements, deletion_expected=False):
        raise NotImplementedError

    def _delete(self, local_id):
        raise NotImplementedError

    def read(self):
        """The row of the owner's list (`owner_list`) with the external ID, or with its delete marker."""
        identify_by, value = owner_lookup(self.params)
        found = read_owner(self.connection, identify_by, value, self.owner_list)
        if found is None:
            self._owner_missing(identify_by, value)
            return None
        self.owner, rows = found
        self._refuse_for_marked_owner()
        raw = self._find(rows)
        if raw is not None and self.delete_confirmed and is_tombstone(raw.get('externalID')):
            return None  # the re-read after a lost answer: the delete is queued, as Easy-WI confirmed
        return raw

    def _find(self, rows):
        wanted = self.params['external_id'].casefold()
        marked = tombstone(self.params['external_id']).casefold()
        live = [row for row in rows if (row.get('externalID') or '').casefold() == wanted]
        dead = [row for row in rows if (row.get('externalID') or '').casefold() == marked]
        several = live if len(live) > 1 else (dead if not live and len(dead) > 1 else [])
        if several:
            raise engine.InputError('The Easy-WI user %s has %d %ss with external ID %s (local IDs %s): '
                                    'Easy-WI does not check this on a change; give each its own ID in the panel.' % (
                                        self.owner.get('cname'), len(several), self.noun, self.params['external_id'],
                                        ', '.join(row['id'] for row in several)))
        return live[0] if live else (dead[0] if dead else None)

    def _owner_missing(self, identify_by, value):
        if self.params['state'] != 'present':
            return  # no owner, no server of it (the cron job removes a deleted user's servers)
        message = ('Cannot create %s: Easy-WI has no user with %s %s; create it first (hosting.provision.webiface_user).'
                   % (self.describe(), identify_by, value))
        if not self.check_mode:
            raise engine.InputError(message)
        self.warnings.append(message + ' A real run fails unless an earlier task creates it.')

    def _refuse_for_marked_owner(self):
        if self.params['state'] == 'present' and is_tombstone(self.owner.get('externalID')):
            raise engine.InputError('The owner of %s, the Easy-WI user %s, is marked for deletion by '
                                    'hosting.provision.webiface_user state=absent: restore the user first (state=present).'
                                    % (self.describe(), self.owner.get('cname')))

    @staticmethod
    def _elements(payload):
        return dict((WRITE_NAMES.get(key, key), value) for key, value in payload.items())

    def create(self, payload):
        self.add_reply = self._add(self._elements(payload))

    def delete(self, raw):
        """Rule 2: queue the delete, then mark the server; the marking mod's answer proves the delete queued."""
        try:
            self._delete(raw['id'])
        except TransportError as exc:
            if not exc.maybe_applied:
                raise
            if self._mark(raw):
                self.warnings.append('The answer to the delete of %s was lost, but Easy-WI shows the delete queued.'
                                     % self.describe())
            else:  # Easy-WI shows no delete queued: the del never arrived, so it is sent now (once)
                self._delete(raw['id'])
            self.delete_confirmed = True
            return
        self.delete_confirmed = True
        if not is_tombstone(raw.get('externalID')) and not self._mark(raw):
            self.warnings.append('Easy-WI accepted the delete of %s but did not show it queued when the module '
                                 'marked the server: check its job list in the panel.' % self.describe())

    def _mark(self, raw):
        marker = raw['externalID'] if is_tombstone(raw.get('externalID')) else \
            tombstone(raw.get('externalID'), raw['id'])
        return self._modify(raw['id'], {'server_external_id': marker}, deletion_expected=True)

    def settle(self, action, after):
        if action != 'create':
            return None
        if self.add_reply is None:  # the answer was lost and a re-read found the server
            raw = self.read()
            return self.normalise(raw) if raw is not None else None
        reply = self.add_reply
        given = int(reply['port']) if (reply.get('port') or '').isdigit() else None
        wish = self.params.get('port')
        if wish is not None and given != wish:
            self.warnings.append('%s got port %s: the port %d asked for is taken on its IP %s, and Easy-WI gave the '
                                 'next free one.' % (self.describe(), given, wish, reply.get('ip')))
        return dict(after, local_id=int(reply['server_local_id']), ip=reply.get('ip') or '', port=given)

    def _warn_about_port(self, desired, raw):
        """The port is a wish for the create: an existing server keeps its port."""
        wish = desired.pop('port', None)
        if wish is not None and str(wish) != raw.get('port'):
            self.warnings.append(
                '%s has port %s, not %d: port is a wish Easy-WI considers only when it creates the server (a port '
                'change is a queued job the API cannot show), so the module leaves the port as it is.' % (
                    self.describe(), raw.get('port'), wish))

    def result_extras(self, action):
        return dict(pending=action in ('create', 'delete') or (action == 'update' and self.job_queued))


class GameServer(QueuedServer):
    """One Easy-WI game server; the queued-job rules are in the module docstring."""

    kind = 'game server'
    noun = 'game server'
    result_key = 'game_server'
    fields = FIELDS

    def __init__(self, connection, params, check_mode=False):
        self.run_request = RUN_REQUESTS.get(params['state'])
        if self.run_request:  # a run request converges the options like state=present, then queues the request
            params = dict(params, state='present')
        super(GameServer, self).__init__(connection, params, check_mode)
        self.roots = None  # the root servers with room, read when a create or a new game list needs them
        self.restoring = False  # present on a server this module marked for deletion

    def _add(self, elements):
        return self.connection.add_gserver(elements)

    def _modify(self, local_id, elements, deletion_expected=False):
        return self.connection.modify_gserver(local_id, elements, deletion_expected)

    def _delete(self, local_id):
        return self.connection.delete_gserver(local_id)

    def validate(self, desired):
        password = self.params.get('ftp_password')
        if password is not None and not FTP_PASSWORD.match(password):
            raise engine.InputError('ftp_password is not accepted: Easy-WI takes 2 to 50 of A-Z, a-z, 0-9 and "_" '
                                    '(it would make up another FTP password, or keep the old one, without an error)')
        if desired.get('primary_game') is not None and desired.get('games') is not None and \
                desired['primary_game'] not in desired['games']:
            raise engine.InputError('primary_game %s is not one of the games (%s)' % (
                desired['primary_game'], ', '.join(desired['games'])))
        self._check_ram(desired.get('ram_min'), desired.get('ram_max'))
        if self.run_request:
            desired['run_request'] = self.run_request[0]

    @staticmethod
    def _check_ram(ram_min, ram_max):
        if ram_min is not None and ram_max is not None and ram_min > ram_max:
            raise engine.InputError('ram_min (%d MB) is more than ram_max (%d MB): the game would not start' % (
                ram_min, ram_max))

    def _roots(self):
        if self.roots is None:
            self.roots = self.connection.list_game_roots()
        return self.roots

    # --- plan ------------------------------------------------------------------------------------------------
    def resolve(self, desired, raw):
        if raw is None:
            if self.params['state'] == 'present':
                self._resolve_create(desired)
                self._hold_run_request(desired, 'creates it (a new server stays stopped until started)',
                                       warn=self.run_request and self.run_request[1] == 're')
            return
        for option in CREATE_ONLY:
            desired.pop(option, None)
        self._warn_about_port(desired, raw)
        if self.params['state'] != 'present':
            return
        if is_tombstone(raw.get('externalID')):
            self._resolve_restore(desired)
        current = BY_OPTION['games'].value_type.from_api(raw.get('shorten'))
        if desired.get('games') is not None and desired['games'] != current:
            self._check_games_of(raw, desired['games'])
        stored = server_state(raw)
        self._check_ram(desired.get('ram_min', stored['ram_min']), desired.get('ram_max', stored['ram_max']))
        changes = dict((option, value) for option, value in desired.items() if stored.get(option) != value)
        if self._queues_job(raw, changes):
            self._hold_run_request(desired, 'queues a modify job')

    def _hold_run_request(self, desired, why, warn=True):
        """Rule 5: no run request beside a create or modify job of the same task (the cron job would drop it)."""
        request = desired.pop('run_request', None)
        if request and warn:
            self.warnings.append(
                'The %s of %s is not queued: this task %s, and Easy-WI\'s cron job drops a (re)start or stop queued '
                'beside that job. Run the task again after the panel\'s cron job has run.' % (
                    request, self.describe(), why))

    def _resolve_restore(self, desired):
        if self.params.get('ftp_password') is None:
            raise engine.InputError(
                '%s is marked for deletion by state=absent, and its delete may still be queued for the panel\'s cron '
                'job. Easy-WI cancels a queued delete only through a change that queues a job of its own: set '
                'ftp_password to restore the server now (it is sent with the restore), or let the cron job remove '
                'it and run again to create it anew.' % self.describe())
        self.restoring = True
        desired['external_id'] = self.params['external_id']
        self.warnings.append('%s was marked for deletion by state=absent: state=present restores its external ID and '
                             'sends ftp_password, which cancels the delete if it is still queued.' % self.describe())

    def _resolve_create(self, desired):
        if not desired.get('games'):
            raise engine.InputError('games is required to create %s' % self.describe())
        primary = desired.get('primary_game')
        if primary is not None and primary not in desired['games']:
            raise engine.InputError('primary_game %s is not one of the games' % primary)
        roots = self._roots()
        wanted_root = desired.get('root_server_id')
        offering = [root for root in roots if set(desired['games']) <= set(root['games'])]
        if wanted_root is not None:
            offering = [root for root in offering if root['id'] == str(wanted_root)]
        slots = desired.get('slots', BY_OPTION['slots'].default)
        with_room = [root for root in offering if free_slots(root) is None or free_slots(root) > slots]
        if not with_room:
            raise engine.InputError(
                'Cannot create %s: no root server%s that Easy-WI lists with room offers %s%s. Root servers with room: '
                '%s.' % (self.describe(), ' with id %d' % wanted_root if wanted_root is not None else '',
                         ' and '.join(desired['games']), ' with more than %d free slots' % slots if offering else '',
                         describe_roots(roots)))

    def _check_games_of(self, raw, games):
        """The panel offers a server the games its own root server has; the API would install any game some root
        has, and remove every game for a name it does not know."""
        roots = self._roots()
        own = [root for root in roots if raw.get('serverip') in root_ips(root)]
        offered = set(own[0]['games']) if own else set(name for root in roots for name in root['games'])
        unknown = sorted(set(games) - offered)
        if unknown:
            raise engine.InputError('%s cannot get %s: %s offers %s (Easy-WI would remove every game for a name it '
                                    'does not know).' % (
                                        self.describe(), ', '.join(unknown),
                                        'its root server' if own else 'no root server Easy-WI lists with room',
                                        ', '.join(sorted(offered)) or 'nothing'))
        if not own:
            self.warnings.append('The root server of %s (IP %s) has no room left, so Easy-WI does not list the games '
                                 'it offers: the new games were checked against the other root servers.' % (
                                     self.describe(), raw.get('serverip')))

    def normalise(self, raw):
        return server_state(raw)

    def create_payload(self, after):
        payload = dict(PANEL_SWITCHES, identify_user_by='user_localid',
                       user_localid=self.owner['id'] if self.owner else '', **self._cores_payload(after['cores']))
        for option, element in (('primary_game', 'primary'), ('root_server_id', 'master_server_id'),
                                ('disk_quota', 'hdd')):
            if after.get(option) is not None:
                payload[element] = str(after[option])
        return payload

    @staticmethod
    def _cores_payload(cores):
        # an empty core list is no valid value for Easy-WI: the binding is switched off, the list kept
        return dict(taskset='Y', cores=','.join(str(core) for core in cores)) if cores else dict(taskset='N')

    def update_payload(self, raw, changes):
        payload = self._cores_payload(changes['cores']) if 'cores' in changes else {}
        password = self.params.get('ftp_password')
        if self.restoring:
            payload['initialpassword'] = password
        self.job_queued = self._queues_job(raw, changes)
        return payload

    def _queues_job(self, raw, changes):
        """Whether a mod with these changes queues a modify job (the module docstring's list)."""
        removed = 'games' in changes and set(BY_OPTION['games'].value_type.from_api(raw.get('shorten'))) - \
            set(changes['games'])
        return 'active' in changes or bool(removed) or self.restoring or (
            self.params.get('ftp_password') is not None and self.params.get('update_password') == 'always')

    # --- write -----------------------------------------------------------------------------------------------
    def update(self, raw, payload):
        elements = self._elements(payload)
        if elements:
            self._modify(raw['id'], elements, deletion_expected=self.restoring)
        if self.run_request and not self.job_queued:
            try:
                self._queue_run_request(raw['id'])
            except TransportError as exc:
                exc.written = getattr(exc, 'written', False) or bool(elements)  # the change before it took effect
                exc.maybe_applied = False  # no re-read can tell whether the request is queued
                raise

    def _queue_run_request(self, local_id):
        try:
            self.connection.run_gserver(local_id, self.run_request[1])
        except TransportError as exc:
            if not exc.maybe_applied:
                raise
            # no read shows whether it arrived; the same request again replaces it if it did: sent once more
            self.warnings.append('The answer to the %s of %s was lost; the request was sent again (it replaces '
                                 'the first if that arrived).' % (self.run_request[0], self.describe()))
            self.connection.run_gserver(local_id, self.run_request[1])

    def result_extras(self, action):
        extras = super(GameServer, self).result_extras(action)
        extras['pending'] = extras['pending'] or (action == 'update' and bool(self.run_request) and not self.job_queued)
        return extras


# --- TeamSpeak 3 voice servers (webiface_voiceserver) ------------------------------------------------------

VOICE_FIELDS = (
    engine.Field('external_id', api='externalID', value_type=ServerExternalId()),
    engine.Field('slots', value_type=Bounded(1, SLOTS_MAX), default=12),
    engine.Field('active', value_type=engine.Flag('Y', 'N'), default=True),
    engine.Field('private', api='password', value_type=engine.Flag('Y', 'N'), default=True),
    engine.Field('port', value_type=Bounded(1, 65535)),
)
VOICE_WRITE_NAMES = {'password': 'private'}


def voice_state(raw):
    """A voice_server row as option -> value."""
    state = engine.field_values(VOICE_FIELDS, raw)
    state['local_id'] = int(raw['id'])
    state['ip'] = raw.get('ip') or ''
    created = (raw.get('localserverid') or '0').strip()
    state['virtual_server_id'] = int(created) if created.isdigit() and int(created) else None
    return state


class VoiceServer(QueuedServer):
    """One TeamSpeak 3 server through Easy-WI's voice master (type=voice): a limited resource.

    Easy-WI creates the TeamSpeak server only when its cron job runs the create job (vo/ad); until then the row's
    localserverid is 0. Only a change of slots or active queues a modify job (vo/md), which makes the cron job
    apply the whole stored row to TeamSpeak, and that job cancels every queued job of the server, the create
    included: a server changed before its create ran is never created. A delete (vo/dl) of a server never created
    fails in the cron job and its row stays for ever. So: slots and active change only once the server exists on
    its master (virtual_server_id), a delete waits for that too, and everything else is set when it is created.
    """

    kind = 'voice server'
    noun = 'voice server'
    result_key = 'voice_server'
    fields = VOICE_FIELDS

    def _add(self, elements):
        return self.connection.add_voice_server(elements)

    def _modify(self, local_id, elements, deletion_expected=False):
        return self.connection.modify_voice_server(local_id, elements, deletion_expected)

    def _delete(self, local_id):
        return self.connection.delete_voice_server(local_id)

    def read(self):
        identify_by, value = owner_lookup(self.params)
        self.owner = self.connection.get_user(identify_by, value)
        if self.owner is None and identify_by == 'external_id':
            self.owner = self.connection.get_user('external_id', tombstone(value))
        if self.owner is None:
            self._owner_missing(identify_by, value)
            return None
        self._refuse_for_marked_owner()
        raw = self.connection.get_voice_server(self.params['external_id'])
        if raw is None:
            raw = self.connection.get_voice_server(tombstone(self.params['external_id']))
            if raw is not None and self.delete_confirmed:
                return None  # the re-read after a lost answer: the delete is queued, as Easy-WI confirmed
        if raw is not None and raw.get('userid') != self.owner.get('id'):
            raise engine.InputError('%s belongs to another Easy-WI user (user ID %s, not %s %s), and Easy-WI cannot '
                                    'move a voice server.' % (self.describe(), raw.get('userid'), identify_by, value))
        return raw

    def resolve(self, desired, raw):
        if raw is None:
            return
        self._warn_about_port(desired, raw)
        before = voice_state(raw)
        if self.params['state'] != 'present':
            if before['virtual_server_id'] is None and not is_tombstone(raw.get('externalID')):
                raise engine.InputError(
                    '%s cannot be deleted yet: Easy-WI has not created it on its TeamSpeak master (its create job '
                    'waits for the panel\'s cron job), and a delete before that fails in the cron job and leaves the '
                    'server listed for ever. Run again after the cron job; a server whose create job was cancelled '
                    'is removed only in the panel.' % self.describe())
            return
        if is_tombstone(raw.get('externalID')):
            raise engine.InputError('%s is marked for deletion by state=absent, and its delete may still be queued '
                                    'for the panel\'s cron job: let the cron job remove it and run again to create it '
                                    'anew.' % self.describe())
        if desired.get('private') is not None and desired['private'] != before['private']:
            raise engine.InputError(
                '%s is %s: private can only be set when the server is created (Easy-WI would store the change but '
                'not apply it to TeamSpeak, and makes up the server password only when it creates the server).' % (
                    self.describe(), 'private' if before['private'] else 'not private'))
        changes = sorted(option for option in ('slots', 'active')
                         if desired.get(option) is not None and desired[option] != before[option])
        if changes and before['virtual_server_id'] is None:
            raise engine.InputError(
                '%s cannot change %s yet: Easy-WI has not created it on its TeamSpeak master (its create job waits '
                'for the panel\'s cron job), and a change now would cancel that job, so the server would never be '
                'created. Run again after the cron job.' % (self.describe(), ' and '.join(changes)))
        self.job_queued = bool(changes)

    def normalise(self, raw):
        return voice_state(raw)

    def create_defaults(self, after):
        return dict(virtual_server_id=None)  # the cron job creates it on the master

    def create_payload(self, after):
        return dict(identify_user_by='user_localid', user_localid=self.owner['id'] if self.owner else '')

    @staticmethod
    def _elements(payload):
        return dict((VOICE_WRITE_NAMES.get(key, WRITE_NAMES.get(key, key)), value) for key, value in payload.items())

    def update(self, raw, payload):
        self._modify(raw['id'], self._elements(payload))


# --- MySQL databases on a MySQL master server (webiface_mysql) ------------------------------------------------

DATABASE_FIELDS = (
    engine.Field('external_id', api='externalID', value_type=ServerExternalId()),
    engine.Field('active', value_type=engine.Flag('Y', 'N'), default=True),
    # create only: the owner's list does not show a database's master
    engine.Field('master_server_id', value_type=Bounded(1, 2 ** 31 - 1), virtual=True),
)
PASSWORD_HINT = ('Easy-WI made up the password of the MySQL database %s and no API call returns it: the customer '
                 'sets one in the Easy-WI customer panel (MySQL, the database\'s settings).')


def database_state(raw):
    """A row of the owner's <mysql> list as option -> value: the name is Easy-WI's, sql<local ID>, also the login's."""
    state = engine.field_values(DATABASE_FIELDS, raw)
    state['local_id'] = int(raw['id'])
    state['name'] = raw.get('dbname') or ''
    return state


class Database(QueuedServer):
    """One MySQL database of an Easy-WI user on a MySQL master server (type=mysql), found in its owner's list.

    What the API does with databases (docs/api/webiface.md, MySQL): `add` reads only active, the external ID, the
    owner and the master choice; the name is sql<row id>, the password made up and never returned, the limits the
    master's. `mod` changes active (queuing my/md), the external ID (stored as sent, an empty one clears it) and
    manage_host_table (stored as sent, N when absent). A deactivation locks nothing on the MySQL server. `del`
    queues my/dl; a `mod` with a change of active while it is queued answers `fail` ("Database is already marked for
    deletion") yet cancels the delete, a `mod` without one writes and cancels nothing. So the delete and its marker
    follow the game server rules 1 and 2, a marked database found again gets its delete queued again (rule 3), and
    state=present on a marked one fails (no restore: the only change that cancels the delete is one of active).
    """

    kind = 'MySQL database'
    noun = 'MySQL database'
    result_key = 'database'
    fields = DATABASE_FIELDS
    owner_list = 'mysql'

    def _add(self, elements):
        return self.connection.add_mysql(elements)

    def _modify(self, local_id, elements, deletion_expected=False):
        return self.connection.modify_mysql(local_id, elements, deletion_expected)

    def _delete(self, local_id):
        return self.connection.delete_mysql(local_id)

    def resolve(self, desired, raw):
        if raw is None:
            return
        desired.pop('master_server_id', None)
        if self.params['state'] != 'present':
            return
        if is_tombstone(raw.get('externalID')):
            raise engine.InputError('%s is marked for deletion by state=absent, and its delete may still be queued '
                                    'for the panel\'s cron job: let the cron job remove it and run again to create it '
                                    'anew (Easy-WI would cancel the delete only through a change of active).'
                                    % self.describe())
        if desired.get('active') is False and database_state(raw)['active']:
            self.warnings.append('Deactivating %s locks nothing: Easy-WI\'s cron job leaves the database and its '
                                 'login usable on the MySQL server.' % self.describe())

    def normalise(self, raw):
        return database_state(raw)

    def create_payload(self, after):
        payload = dict(identify_user_by='user_localid', user_localid=self.owner['id'] if self.owner else '')
        if after.get('master_server_id') is not None:
            payload['master_server_id'] = str(after['master_server_id'])
        return payload

    def update_payload(self, raw, changes):
        self.job_queued = 'active' in changes
        return {}

    def update(self, raw, payload):
        # Easy-WI stores the sent external ID on every mod: the current one goes with every change
        self._modify(raw['id'], dict(self._elements(payload), server_external_id=raw.get('externalID') or ''))

    def settle(self, action, after):
        if action != 'create':
            return None
        if self.add_reply is None:  # the answer was lost and a re-read found the database
            raw = self.read()
            return self.normalise(raw) if raw is not None else None
        name = self.add_reply['dbname']
        self.warnings.append(PASSWORD_HINT % name)
        return dict(after, local_id=int(name[len('sql'):]), name=name)


# --- listing (webiface_gameserver_info, webiface_voiceserver_info, webiface_mysql_info) --------------------------

# the info modules' options: at most one of them, each an argument of the lister
SERVER_OWNER_FILTERS = ('owner_external_id', 'owner_username', 'owner_external_id_prefix')


def _owned(state, raw, owner):
    """A server's state with its owner and whether this collection marked it for deletion."""
    state.update(owner_local_id=int(owner['id']), owner_username=owner.get('cname') or '',
                 owner_external_id=owner.get('externalID') or '', marked_for_deletion=is_tombstone(raw.get('externalID')))
    return state


def server_record(raw, owner):
    """A game server as the info module lists it: what the read returns, its owner, the job flag and whether this
    collection marked it for deletion."""
    record = _owned(server_state(raw), raw, owner)
    record['job_pending'] = raw.get('jobPending') == 'Y'
    return record


def voice_record(raw, owner):
    """A voice server as the info module lists it: what the read returns, its owner and the delete marker."""
    return _owned(voice_state(raw), raw, owner)


def database_record(raw, owner):
    """A MySQL database as the info module lists it: what the read returns, its owner and the delete marker."""
    return _owned(database_state(raw), raw, owner)


def _owners_with_servers(connection, kind, owner_external_id, owner_username, owner_external_id_prefix):
    """[(userdetails, server rows of `kind`)] of one user, or of every user of the API owner whose external ID
    starts with `owner_external_id_prefix` (all without one). One user costs one request; a list of N users
    N + 1."""
    if owner_external_id is not None or owner_username is not None:
        params = dict(owner_external_id=owner_external_id, owner_username=owner_username)
        found = read_owner(connection, *owner_lookup(params), kind=kind)
        return [found] if found is not None else []
    if owner_external_id_prefix is not None and not OWNER_PREFIX.match(owner_external_id_prefix):
        raise engine.InputError('owner_external_id_prefix %r is not accepted: Easy-WI ignores a filter that is not '
                                'only letters, digits and "_" and would list every user' % owner_external_id_prefix)
    return [found for found in (connection.get_user_servers('localid', row['id'], kind)
                                for row in connection.list_users(like=owner_external_id_prefix))
            if found is not None]


def _listed(record, owners):
    records = [record(raw, owner) for owner, rows in owners for raw in rows]
    return sorted(records, key=lambda item: (item['owner_local_id'], item['local_id']))


def list_game_servers(connection, owner_external_id=None, owner_username=None, owner_external_id_prefix=None):
    """The game servers of one user or of the users of a prefix, sorted by owner and server local ID."""
    return _listed(server_record, _owners_with_servers(connection, 'gserver', owner_external_id, owner_username,
                                                       owner_external_id_prefix))


def list_voice_servers(connection, owner_external_id=None, owner_username=None, owner_external_id_prefix=None):
    """The voice servers of one user or of the users of a prefix, sorted by owner and server local ID."""
    return _listed(voice_record, _owners_with_servers(connection, 'voice', owner_external_id, owner_username,
                                                      owner_external_id_prefix))


def list_databases(connection, owner_external_id=None, owner_username=None, owner_external_id_prefix=None):
    """The MySQL databases of one user or of the users of a prefix, sorted by owner and database local ID."""
    return _listed(database_record, _owners_with_servers(connection, 'mysql', owner_external_id, owner_username,
                                                         owner_external_id_prefix))
