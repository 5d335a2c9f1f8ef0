# -*- coding: utf-8 -*-
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Private to the hosting.provision collection: not a public API, may change without notice.
"""The TeamDrive depot as the modules manage it: field table, the absolute calls that converge it, listing.

Facts: docs/api/teamdrive.md. A depot belongs to one user on one Host Server and is found by the owner's
username (and its id when the user has several); the reply names of the reads are inferred (WIRE_NAMES).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from . import _engine as engine
from ._transport import ApiError, TransportError
from .teamdrive import N, whole_number


class _Limit(engine.Size):
    """A depot limit in bytes; TeamDrive documents no "unlimited" value."""

    def from_user(self, value):
        if str(value).strip().lower() == 'unlimited':
            raise engine.InputError('TeamDrive has no unlimited depot; give a size such as "10 GiB"')
        return super(_Limit, self).from_user(value)


def check_user_name(name, option):
    """A user name goes into comma-separated lists: a comma would split it, a control character is no name."""
    if not name.strip() or ',' in name or engine.CONTROL_CHARACTERS.search(name):
        raise engine.InputError('%s: %r is not a TeamDrive user name (not empty, no comma, no control characters)' % (
            option, name))


class _Users(engine.TextList):
    """The users allowed to create spaces: compared as a set; written as a comma-separated list."""

    def __init__(self):
        super(_Users, self).__init__(separator=',', ordered=False)

    def from_user(self, value):
        for name in value or []:
            check_user_name(str(name), 'authorized_users')
        return super(_Users, self).from_user(value)

    def from_api(self, raw):
        # the read gives a list (one element per user), a payload the comma-separated text
        names = raw.split(',') if isinstance(raw, str) else raw
        return engine.TextList.from_user(self, names)


class Depot(engine.Resource):
    """One depot of one user on one Host Server, found by the owner's username and, optionally, its id."""

    kind = 'depot'
    result_key = 'depot'
    fields = (
        engine.Field('storage_limit', api='disclimit', value_type=_Limit()),
        engine.Field('traffic_limit', api='trafficlimit', value_type=_Limit()),
        engine.Field('authorized_users', api='users', value_type=_Users()),
        # updatecontract has no read-back: a contract given is always different from the read (None)
        engine.Field('contract', api='contract', value_type=engine.Text()),
        # set only by state=deactivated; read back only from servers that report it
        engine.Field('status', api='status', value_type=engine.Text()),
    )

    def __init__(self, connection, params, check_mode=False):
        super(Depot, self).__init__(connection, params, check_mode)
        self.username = params['username']
        self.depot_id = params.get('depot_id')
        self.state = params.get('state') or 'present'
        self.assign = False  # the depot exists without this owner: assignusertodepot instead of a create
        self.created = {}  # what only the create tells: the new depot's id (an assigned depot's whole state)

    def describe(self):
        if self.depot_id is not None:
            return 'depot %s of %s' % (self.depot_id, self.username)
        return 'the depot of %s' % self.username

    def validate(self, desired):
        check_user_name(self.username, 'username')
        if desired.get('storage_limit') == 0:
            raise engine.InputError('storage_limit must be more than 0 bytes')

    def resolve(self, desired, raw):
        if self.state != 'deactivated':
            if raw is not None and raw['status'] == 'deactivated':
                self.warnings.append('%s is deactivated; the Hosting Service API has no call to reactivate it.' % (
                    self.describe().capitalize()))
            return
        # deactivated is the wanted value of the status the read may report
        desired['status'] = 'deactivated'
        if raw is not None and raw['status'] is None:
            self.warnings.append(
                'The Host Server does not report whether %s is deactivated, so deactivatedepot is sent on every run '
                '(deactivating twice is harmless) and the task reports changed.' % self.describe())

    def read(self):
        depots = self.connection.depots(self.username, self.depot_id)
        if len(depots) > 1:
            raise engine.InputError('%s has %d depots on this Host Server (ids %s): set depot_id to choose one.' % (
                self.username, len(depots), ', '.join(str(d['depotid']) for d in depots)))
        raw = depots[0] if depots else None
        if self.state == 'absent':
            if raw is not None and not self.params.get('force'):
                self._refuse_delete(raw)
            return raw
        if raw is None:
            self._check_create()
        return raw

    def _refuse_delete(self, raw):
        spaces = self.connection.spaces(self.username, raw['depotid'])
        raise engine.InputError(
            'Deleting depot %s of %s also deletes all of its %d spaces (%d bytes of data). Set force: true to '
            'delete it, or state: deactivated to keep the data.' % (
                raw['depotid'], self.username, len(spaces), sum(s['useddisc'] or 0 for s in spaces)))

    def _check_create(self):
        """Decide, before any write, how a missing depot comes about (in check mode too)."""
        if self.state == 'deactivated':
            raise engine.InputError('%s does not exist, so it cannot be deactivated.' % self.describe().capitalize())
        if self.depot_id is not None:
            if not self.params.get('assign'):
                raise engine.InputError(
                    'Depot %s does not exist on this Host Server or does not belong to %s. Leave depot_id out to '
                    'create a depot, or set assign: true to give %s a depot created without a user.' % (
                        self.depot_id, self.username, self.username))
            self.assign = True
        elif self.params.get('storage_limit') is None:
            raise engine.InputError('storage_limit is required to create the depot of %s' % self.username)

    def normalise(self, raw):
        return depot_record(raw, self.username)

    # --- writes -------------------------------------------------------------------------------------
    def create_defaults(self, after):
        defaults = dict(username=self.username)
        if self.assign:
            defaults['depot_id'] = self.depot_id
            return defaults
        defaults['authorized_users'] = []  # "this list is empty for a default depot"
        # sent explicitly so that the result is known; the vendor's default for an omitted traffic limit
        defaults['traffic_limit'] = after['storage_limit'] * 10
        return defaults

    def create(self, payload):
        if self.assign:
            self.connection.call('assignusertodepot', write=True, username=self.username, depotid=self.depot_id)
            raw = self._read_one(self.depot_id)
            # only now readable: what the task did not set is reported as the depot holds it (settle)
            self.created = self.normalise(raw)
            self._converge(raw, payload, ['assignusertodepot'])
            return
        limits = dict(disclimit=payload['disclimit'], trafficlimit=payload['trafficlimit'],
                      userlist=payload.get('users') or None)
        if self.params.get('create_without_user'):
            reply = self.connection.call('createdepotwithoutuser', write=True, **limits)
            depot_id = whole_number(reply.get(N['depotid']))
            if depot_id is None:
                raise ApiError('createdepotwithoutuser answered without a depot id: a depot without a user was '
                               'probably created; find it on the Host Server and assign it with depot_id and '
                               'assign: true.', call='createdepotwithoutuser')
            self.created = dict(depot_id=depot_id)
            try:
                self.connection.call('assignusertodepot', write=True, username=self.username, depotid=depot_id)
            except TransportError as exc:
                exc.message = ('%s Depot %s was created without a user; run again with depot_id: %s and assign: '
                               'true to give it to %s.' % (exc.message, depot_id, depot_id, self.username))
                raise
            done = ['createdepotwithoutuser', 'assignusertodepot']
        else:
            reply = self.connection.call('createdepot', write=True, username=self.username, **limits)
            depot_id = whole_number(reply.get(N['depotid']))  # inferred: the read-back below finds it without
            done = ['createdepot']
        self.created = dict(depot_id=self._the_new_depot(done[0], depot_id))
        self._converge(None, dict((key, value) for key, value in payload.items() if key == 'contract'), done)

    def settle(self, action, after):
        """A new depot's id, which the server assigns (and what an assigned depot holds that the task left out)."""
        if action != 'create' or not self.created:
            return None
        return dict(self.created, **after)

    def _the_new_depot(self, command, depot_id):
        """The id of the depot just created, read back: the API does not refuse a second depot for a user, so a
        run on another controller (or the panel) may have created one at the same time. Either error says the task
        changed the server: the create was made."""
        ids = sorted(depot['depotid'] for depot in self.connection.depots(self.username))
        if len(ids) == 1 and depot_id in (None, ids[0]):
            return ids[0]
        made = '%s made depot %s' % (command, depot_id) if depot_id is not None else '%s succeeded' % command
        if len(ids) > 1:
            error = ApiError(
                '%s, but %s now has %d depots on this Host Server (ids %s): another controller (or the panel) probably '
                'created the same depot at the same time. Keep one and delete the others (depot_id, state: absent, '
                'force: true); this run does not count as a success.' % (
                    made, self.username, len(ids), ', '.join(str(i) for i in ids)),
                call='getdepotdata')
        else:
            error = ApiError('%s, but reading the depots of %s back found %s; check them on the Host Server before '
                             'running again.' % (made, self.username, 'depot %s' % ids[0] if ids else 'none'),
                             call='getdepotdata')
        error.written = True
        raise error

    def _read_one(self, depot_id):
        depots = self.connection.depots(self.username, depot_id)
        if len(depots) != 1:
            raise ApiError('%s was written, but reading it back found %d depots.' % (
                self.describe().capitalize(), len(depots)), call='getdepotdata')
        return depots[0]

    def update(self, raw, payload):
        self._converge(raw, payload, [])

    def _converge(self, raw, payload, done):
        """Apply payload to the depot with the absolute calls; a fault names what was already applied."""
        depot_id = raw['depotid'] if raw else self.created['depot_id']
        common = dict(username=self.username, depotid=depot_id)
        steps = []
        if raw is not None:
            disclimit = int(payload.get('disclimit', raw['disclimit']))
            trafficlimit = int(payload.get('trafficlimit', raw['trafficlimit']))
            if (disclimit, trafficlimit) != (raw['disclimit'], raw['trafficlimit']):
                # setdepot sets both limits absolutely; increase/decreasedepot would reset an omitted traffic
                # limit to 10 x storage, so they are never used
                steps.append(('setdepot', dict(common, disclimit=disclimit, trafficlimit=trafficlimit)))
            if 'users' in payload:
                wanted = _Users().from_api(payload['users'])
                added = [name for name in wanted if name not in raw['users']]
                removed = sorted(name for name in raw['users'] if name not in wanted)
                if added:
                    steps.append(('addusertodepot', dict(common, userlist=','.join(added))))
                if removed:
                    steps.append(('deleteuserfromdepot', dict(common, userlist=','.join(removed))))
        if 'contract' in payload:
            steps.append(('updatecontract', dict(common, contract=payload['contract'] or None)))
        if payload.get('status') == 'deactivated':
            steps.append(('deactivatedepot', common))
        for command, elements in steps:
            try:
                self.connection.call(command, write=True, **elements)
            except TransportError as exc:
                if done:
                    exc.message = '%s Already applied to depot %s of %s: %s.' % (
                        exc.message, depot_id, self.username, ', '.join(done))
                raise
            done.append(command)

    def delete(self, raw):
        self.connection.call('deletedepot', write=True, username=self.username, depotid=raw['depotid'])


def depot_record(raw, username):
    """A depot as the modules report it (the contract has no read-back)."""
    state = engine.field_values(Depot.fields, raw)
    del state['contract']
    state.update(depot_id=raw['depotid'], username=username, used_storage=raw['useddisc'],
                 used_traffic=raw['usedtraffic'])
    return state


def space_record(raw):
    return dict(space_id=raw['spaceid'], depot_id=raw['depotid'], name=raw['name'], used_storage=raw['useddisc'],
                used_traffic=raw['usedtraffic'])


def list_depots(connection, username, depot_id=None, spaces=True, depot_document=False):
    """The user's depots (all, or the one with depot_id) sorted by id, each with its spaces (one request for
    all) and its depot document (one request per depot) when asked."""
    depots = sorted((depot_record(raw, username) for raw in connection.depots(username, depot_id)),
                    key=lambda depot: depot['depot_id'])
    if depots and spaces:
        listed = connection.spaces(username, depot_id)
        for depot in depots:
            depot['spaces'] = sorted((space_record(raw) for raw in listed if raw['depotid'] == depot['depot_id']),
                                     key=lambda space: space['space_id'])
    if depot_document:
        for depot in depots:
            depot['depot_document'] = connection.depot_document(username, depot['depot_id'])
    return depots
