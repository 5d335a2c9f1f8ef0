# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The resource engine with an in-memory resource: plan, check mode, diff masking, lost replies."""

import pytest

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.module_utils._transport import TransportError


class Box(engine.Resource):
    """A dict-backed resource; `store` is the server, `writes` what was sent."""

    kind = 'box'
    result_key = 'box'
    fields = (
        engine.Field('name', value_type=engine.Text(lower=True)),
        engine.Field('size', value_type=engine.Size(), default='1 GiB'),
        engine.Field('enabled', api='off', value_type=engine.Flag(invert=True), default=True),
        engine.Field('tags', value_type=engine.TextList(), default=[]),
        engine.Field('password', secret=True),
    )

    def __init__(self, store, params, lose_reply=False):
        super(Box, self).__init__(None, params)
        self.store = store
        self.writes = []
        self.lose_reply = lose_reply

    def describe(self):
        return 'box %s' % self.params['name']

    def read(self):
        return self.store.get('box')

    def _written(self, action, payload):
        self.writes.append((action, payload))
        if self.lose_reply:
            raise TransportError('%s: connection reset' % action, call=action, maybe_applied=True)

    def create(self, payload):
        self.store['box'] = dict(payload)
        self._written('create', payload)

    def update(self, raw, payload):
        raw.update(payload)
        self._written('update', payload)

    def delete(self, raw):
        del self.store['box']
        self._written('delete', None)

    def password_matches(self, raw, password):
        return raw.get('password') == password


class FakeModule:
    def __init__(self, params, check_mode=False, diff=False):
        self.params = dict(dict(state='present', update_password='always'), **params)
        self.check_mode = check_mode
        self._diff = diff
        self.warnings = []

    def warn(self, text):
        self.warnings.append(text)


def converge(store, check_mode=False, diff=True, lose_reply=False, **params):
    module = FakeModule(params, check_mode, diff)
    box = Box(store, module.params, lose_reply)
    return engine.execute(module, box, module.params['state']), box, module


def test_create_fills_defaults_and_converts_to_api_values():
    store = {}
    result, box, dummy = converge(store, name='Main', tags=['a', 'b'], password='pw')
    assert result['changed'] is True
    assert box.writes == [('create', {'name': 'main', 'size': str(1024 ** 3), 'off': 'n', 'tags': 'a,b',
                                      'password': 'pw'})]
    assert result['box'] == {'name': 'main', 'size': 1024 ** 3, 'enabled': True, 'tags': ['a', 'b']}
    # the diff shows a size with its unit beside the number the result keeps
    assert result['diff'] == {'before': {}, 'after': dict(result['box'], size='1073741824 (1 GiB)',
                                                          password='<hidden, changed>')}
    assert result['action'] == 'created'


def test_no_op_and_partial_update():
    store = {}
    converge(store, name='main', password='pw')
    result, box, dummy = converge(store, name='main', password='pw')
    assert (result['changed'], box.writes) == (False, [])
    result, box, dummy = converge(store, name='main', size='2 GiB', enabled=False)
    assert box.writes == [('update', {'size': str(2 * 1024 ** 3), 'off': 'y'})]
    assert result['diff']['before']['size'] == '1073741824 (1 GiB)' and result['diff']['after']['enabled'] is False
    assert (result['box']['size'], result['action']) == (2 * 1024 ** 3, 'updated')


def test_password_always_vs_on_create():
    store = {}
    converge(store, name='main', password='pw')
    result, box, dummy = converge(store, name='main', password='new', update_password='on_create')
    assert (result['changed'], box.writes) == (False, [])
    result, box, dummy = converge(store, name='main', password='new')
    assert box.writes == [('update', {'password': 'new'})]
    assert result['diff']['before']['password'] == '<hidden>'
    assert result['diff']['after']['password'] == '<hidden, changed>'


def test_check_mode_writes_nothing_and_predicts_the_same_result():
    store = {}
    predicted, box, dummy = converge(store, check_mode=True, name='main', size='5G')
    assert (box.writes, store) == ([], {})
    real, dummy, dummy = converge(store, name='main', size='5G')
    assert predicted == real


def test_absent():
    store = {}
    result, box, dummy = converge(store, name='main', state='absent')
    assert (result['changed'], box.writes) == (False, [])
    converge(store, name='main')
    result, box, dummy = converge(store, name='main', state='absent')
    assert result['changed'] is True and result['box'] == {} and store == {}


def test_bad_input_raises_before_reading():
    class Unreadable(Box):
        def read(self):
            raise AssertionError('read before validating input')

    module = FakeModule(dict(name='main', size='lots'))
    with pytest.raises(engine.InputError, match="size: cannot read 'lots'"):
        engine.execute(module, Unreadable({}, module.params), 'present')


def test_lost_reply_that_took_effect_is_a_warning_not_a_retry():
    store = {}
    result, box, module = converge(store, lose_reply=True, name='main')
    assert result['changed'] is True
    assert len(box.writes) == 1
    assert module.warnings == ['The answer to the create of box main was lost, but a re-read shows it took effect.']


def test_lost_reply_that_did_not_take_effect_is_an_error():
    class Dropping(Box):
        def create(self, payload):
            self._written('create', payload)  # the server never stored it

    module = FakeModule(dict(name='main'))
    with pytest.raises(TransportError, match='may have been applied in part'):
        engine.execute(module, Dropping({}, module.params, lose_reply=True), 'present')


def test_lost_reply_of_a_password_only_update_is_checked_against_the_stored_secret():
    class Dropping(Box):
        def update(self, raw, payload):
            self._written('update', payload)  # the server never stored it

    store = {}
    converge(store, name='main', password='pw')
    module = FakeModule(dict(name='main', password='new'))
    with pytest.raises(TransportError, match='may have been applied in part'):
        engine.execute(module, Dropping(store, module.params, lose_reply=True), 'present')
    result, box, module = converge(store, lose_reply=True, name='main', password='new')
    assert result['changed'] is True and store['box']['password'] == 'new'
    assert module.warnings == ['The answer to the update of box main was lost, but a re-read shows it took effect.']


@pytest.mark.parametrize('value', [1.5, 'x', None, float('inf')])
def test_integer_rejects_what_is_not_a_whole_number(value):
    with pytest.raises(engine.InputError):
        engine.Integer().from_user(value)


def test_integer_accepts_whole_floats_and_digit_strings():
    assert engine.Integer().from_user(2.0) == 2
    assert engine.Integer().from_user('42') == 42


def test_size_in_the_panels_unit_and_steps():
    quota = engine.Size(bare_unit=1024 ** 2, step=1024 ** 2, step_name='MB')
    assert quota.from_user('500') == quota.from_user('500 MB') == 500 * 1024 ** 2
    assert quota.from_user('unlimited') == 0
    with pytest.raises(engine.InputError, match=r"'1 KiB' is 1024 bytes, not a whole number of MB \(1 MB = 1048576"):
        quota.from_user('1 KiB')
    with pytest.raises(engine.InputError, match='more than the API can store: at most 8796093022207 MB'):
        quota.from_user('8796093022208 MB')
    with pytest.raises(engine.InputError, match='more than the API can store: at most 9223372036854775807 bytes'):
        engine.Size().from_user(str(2 ** 63))


class Stubborn(Box):
    """A server that ignores `tags` on update, as ISPConfig ignores the fields of a hidden form tab."""

    def update(self, raw, payload):
        self.writes.append(('update', payload))
        raw.update((k, v) for k, v in payload.items() if k != 'tags')

    def settle(self, action, after):
        now = self.normalise(self.store['box'])
        return None if now == after else dict(after, tags=now['tags'])


def test_a_write_the_api_ignored_is_no_change():
    store = {}
    converge(store, name='main')
    module = FakeModule(dict(name='main', tags=['a']), diff=True)
    stubborn = Stubborn(store, module.params)
    result = engine.execute(module, stubborn, 'present')
    assert stubborn.writes == [('update', {'tags': 'a'})]
    assert result['changed'] is False and result['box']['tags'] == []
    module = FakeModule(dict(name='main', tags=['a'], size='2G'))
    result = engine.execute(module, Stubborn(store, module.params), 'present')
    assert result['changed'] is True and result['box']['size'] == 2 * 1024 ** 3


# --- bulk tasks (execute_many) ------------------------------------------------------------------------------

class Shelf(Box):
    """One box of a bulk task, kept in `store` by name. A server that `dies` on its write handles the write, loses
    the answer and refuses every later request; one that `refuses` it answers with an error and writes nothing;
    one that `ignores_tags` leaves tags unchanged on update."""

    def __init__(self, store, params, dies=False, refuses=False, ignores_tags=False):
        super(Shelf, self).__init__(store, params)
        self.dies = dies
        self.refuses = refuses
        self.ignores_tags = ignores_tags
        self.dead = False

    def identity(self):
        return self.params['name']

    def parent(self):
        return 'shelf'

    def read(self):
        if self.dead:
            raise TransportError('read to the server failed: the connection was refused.', call='read')
        return self.store.get(self.identity())

    def create(self, payload):
        if self.refuses:
            raise TransportError('create failed: refused.', call='create')
        self.store[self.identity()] = dict(payload)
        self._written('create', payload)

    def update(self, raw, payload):
        raw.update((k, v) for k, v in payload.items() if not (self.ignores_tags and k == 'tags'))
        self._written('update', payload)

    def _written(self, action, payload):
        self.writes.append((action, payload))
        if self.dies:
            self.dead = True
            raise TransportError('%s failed: the server closed the connection without answering.' % action,
                                 call=action, maybe_applied=True)

    def settle(self, action, after):
        now = self.normalise(self.store[self.identity()])
        return None if now == after else dict(after, tags=now['tags'])


def shelves(store, items):
    """A bulk task's module and (resource, state) pairs for `items`, (params, Shelf options) each."""
    return FakeModule({}, diff=True), [(Shelf(store, FakeModule(params).params, **options), 'present')
                                       for params, options in items]


def test_a_bulk_item_whose_write_settled_as_no_change_is_not_listed_as_updated():
    store = dict(a=dict(name='a', size='1', off='n', tags=''), b=dict(name='b', size='1', off='n', tags=''))
    module, pairs = shelves(store, [(dict(name='a', tags=['x']), dict(ignores_tags=True)),
                                    (dict(name='b', tags=['x']), {})])
    result = engine.execute_many(module, pairs)
    assert [resource.writes for resource, dummy in pairs] == [[('update', {'tags': 'x'})]] * 2
    assert result['updated'] == ['b'] and result['changed'] is True
    assert sorted(result['diff']['after']) == ['b']


def test_a_bulk_item_in_flight_when_the_server_died_is_named_as_may_have_been_created():
    store = {}
    module, pairs = shelves(store, [(dict(name='a'), {}), (dict(name='b'), dict(dies=True)), (dict(name='c'), {})])
    with pytest.raises(engine.BulkWriteError) as caught:
        engine.execute_many(module, pairs)
    assert sorted(store) == ['a', 'b'], 'the server made b before it died'
    assert caught.value.message == (
        'While converging box b: create failed: the server closed the connection without answering. The create of '
        'box b may have been applied; the re-read to check it failed too (read to the server failed: the connection '
        'was refused): check it before running again. Written before this item: created a; b may have been created; '
        'nothing after it was sent.')
    details = caught.value.details()
    assert details['created'] == ['a'] and details['may_have_been'] == dict(created=['b'])
    assert details['changed'] is True and pairs[2][0].writes == []


def test_a_bulk_write_the_server_refused_is_not_in_doubt():
    module, pairs = shelves({}, [(dict(name='a'), dict(refuses=True))])
    with pytest.raises(engine.BulkWriteError) as caught:
        engine.execute_many(module, pairs)
    assert caught.value.message == ('While converging box a: create failed: refused. Nothing was written before this '
                                    'item; nothing after it was sent.')
    assert 'may_have_been' not in caught.value.details()
