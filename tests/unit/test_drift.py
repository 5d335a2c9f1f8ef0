# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Guards against drift between the copies the collection's shape asks for (docs/adding-an-api.md).

- A bulk module's items take exactly the options of the single-item module of the same resource, in the
  argument spec and in the documentation.
- Info and bulk modules stay as thin as single-item modules: an argument spec, a client and one engine call.
- Every module runs in-process on the controller: its arguments() and run() for the engine's converge(), and its
  action plugin (plugins/action/<module>.py).
- Every API has all of its pieces, and docs/adding-an-api.md names every place a new API or resource touches.
(Every module has a fault scenario: tests/unit/reliability/test_faults.py, test_every_module_has_a_scenario.)
"""

import ast
import glob
import importlib
import os
import re
from unittest import mock

import pytest
import yaml

from project_paths import DOC_ONLY, MODULES_DIR, ROOT, module_names

from ansible_collections.hosting.provision.plugins.module_utils import _engine as engine
from ansible_collections.hosting.provision.plugins.plugin_utils.in_process import InProcessAction

MODULE_NAMES = module_names()
APIS = sorted(os.path.basename(path)[:-3] for path in glob.glob(os.path.join(ROOT, 'plugins', 'doc_fragments', '*.py'))
              if os.path.basename(path) != 'attributes.py')


def source(name):
    with open(os.path.join(MODULES_DIR, name + '.py')) as handle:
        return handle.read()


def documentation(name):
    return yaml.safe_load(importlib.import_module(
        'ansible_collections.hosting.provision.plugins.modules.%s' % name).DOCUMENTATION)


def api_of(name):
    apis = [fragment.split('.')[-1] for fragment in documentation(name)['extends_documentation_fragment']
            if fragment.split('.')[-1] in APIS]
    assert len(apis) == 1, (name, apis)
    return apis[0]


MAIN = 'engine.main(arguments(), run)'


def functions(name):
    """{name: ast node} of a module's functions: arguments() (what AnsibleModule takes), run(module) (the client and
    the engine call) and main(), which hands both to the engine; plugins/action runs run() in-process."""
    found = [node for node in ast.parse(source(name)).body if isinstance(node, ast.FunctionDef)]
    assert [function.name for function in found] == ['arguments', 'run', 'main'], \
        'a module holds arguments(), run(module) and main() only: %s' % name
    return dict((function.name, function) for function in found)


def run_function(name):
    return functions(name)['run']


def engine_call(name):
    """(engine function, the name of its third argument) of the call run() ends with."""
    last = run_function(name).body[-1]
    assert isinstance(last, ast.Expr) and isinstance(last.value, ast.Call), name
    call = last.value
    assert isinstance(call.func, ast.Attribute) and call.func.value.id == 'engine', name
    target = call.args[2] if len(call.args) > 2 else None
    return call.func.attr, target.id if isinstance(target, ast.Name) else None


def code_lines(name):
    return sum(function.end_lineno - function.lineno + 1 for function in functions(name).values())


class Captured(Exception):
    pass


def module_arguments(name):
    """The keyword arguments main() gives AnsibleModule."""
    module = importlib.import_module('ansible_collections.hosting.provision.plugins.modules.%s' % name)
    captured = {}

    def capture(**kwargs):
        captured.update(kwargs)
        raise Captured()

    with mock.patch.object(engine, 'AnsibleModule', capture):
        with pytest.raises(Captured):
            module.main()
    assert captured == module.arguments(), name
    return captured


KINDS = dict((name, engine_call(name)[0]) for name in MODULE_NAMES)
BULK = [name for name in MODULE_NAMES if KINDS[name] == 'run_bulk']
INFO = [name for name in MODULE_NAMES if KINDS[name] == 'run_info']
SINGLE = [name for name in MODULE_NAMES if KINDS[name] == 'run']


def test_every_module_runs_through_the_engine():
    assert sorted(BULK + INFO + SINGLE) == MODULE_NAMES
    assert BULK and INFO and SINGLE


def single_module_of(bulk):
    resource = engine_call(bulk)[1]
    matches = [name for name in SINGLE if engine_call(name)[1] == resource]
    assert len(matches) == 1, 'one single-item module manages %s: %s' % (resource, matches)
    return matches[0]


def items_option(arguments):
    lists = [option for option, spec in arguments['argument_spec'].items()
             if spec.get('type') == 'list' and spec.get('options')]
    assert len(lists) == 1, lists
    return lists[0]


def comparable(spec, task_wide=False):
    spec = dict(spec)
    spec.pop('description', None)
    if task_wide:  # an item's value defaults to the task's (update_password, a DNS zone), so neither is required
        spec.pop('default', None)
        spec.pop('required', None)
    return spec


def connection_options(name):
    """The connection options of a module's API (what its client's argument_spec() gives without extras)."""
    return set(importlib.import_module(
        'ansible_collections.hosting.provision.plugins.module_utils.%s' % api_of(name)).argument_spec())


@pytest.mark.parametrize('bulk', BULK)
def test_a_bulk_modules_items_take_the_single_modules_options(bulk):
    single = single_module_of(bulk)
    single_arguments, bulk_arguments = module_arguments(single), module_arguments(bulk)
    items = items_option(bulk_arguments)
    item_spec = bulk_arguments['argument_spec'][items]
    connection = connection_options(single)
    own = dict((option, spec) for option, spec in single_arguments['argument_spec'].items()
               if option not in connection)
    # item options the task may set for every item at once
    task_wide = set(bulk_arguments['argument_spec']) & set(item_spec['options'])
    assert sorted(item_spec['options']) == sorted(own), 'the options of %s items and of %s' % (bulk, single)
    for option, spec in own.items():
        wide = option in task_wide
        assert comparable(item_spec['options'][option], wide) == comparable(spec, wide), option
    for rule in ('mutually_exclusive', 'required_one_of', 'required_together', 'required_if'):
        assert item_spec.get(rule) == single_arguments.get(rule), rule

    documented = documentation(single)['options']
    suboptions = documentation(bulk)['options'][items]['suboptions']
    assert sorted(suboptions) == sorted(documented), 'the documented options of %s items and of %s' % (bulk, single)
    for option, doc in documented.items():
        wide = option in task_wide
        assert comparable(suboptions[option], wide) == comparable(doc, wide), option


def test_every_single_module_with_a_bulk_module_is_paired():
    assert sorted(single_module_of(bulk) for bulk in BULK) == sorted(set(single_module_of(bulk) for bulk in BULK))


@pytest.mark.parametrize('name', BULK + INFO)
def test_info_and_bulk_modules_are_as_thin_as_single_item_modules(name):
    """run() builds the client and calls the engine: nothing else, and the module has no more lines than the
    largest single-item module of its API."""
    statements = run_function(name).body
    assert len(statements) == 2, 'the client, the engine call: %s' % name
    same_api = [single for single in SINGLE if api_of(single) == api_of(name)]
    assert code_lines(name) <= max(code_lines(single) for single in same_api), name


@pytest.mark.parametrize('name', MODULE_NAMES)
def test_every_module_runs_in_process_on_the_controller(name):
    """main() is the engine's, and plugins/action/<module>.py makes the module's task run in-process when it runs
    on the controller (the same tiny file for every module)."""
    main = functions(name)['main']
    assert [ast.unparse(statement) for statement in main.body] == [MAIN], '%s: main() is %s only' % (name, MAIN)
    plugin = os.path.join(ROOT, 'plugins', 'action', name + '.py')
    assert os.path.exists(plugin), '%s has no in-process wiring: copy plugins/action/%s.py to %s' % (
        name, MODULE_NAMES[0], os.path.relpath(plugin, ROOT))
    with open(plugin) as handle, open(os.path.join(ROOT, 'plugins', 'action', MODULE_NAMES[0] + '.py')) as first:
        assert handle.read() == first.read(), 'plugins/action/%s.py is not the same as every other' % name
    action = importlib.import_module('ansible_collections.hosting.provision.plugins.action.%s' % name)
    assert issubclass(action.ActionModule, InProcessAction), name


def test_every_action_plugin_has_its_module():
    """Every module runs in-process through its action plugin; an action plugin with no module code (the customer
    role's warning) has its documentation in plugins/modules/<name>.py, as ansible-test's action-plugin-docs asks."""
    plugins = sorted(os.path.basename(path)[:-3] for path in glob.glob(os.path.join(ROOT, 'plugins', 'action', '*.py')))
    assert plugins == sorted(MODULE_NAMES + list(DOC_ONLY))
    for name in DOC_ONLY:
        assert 'def main' not in source(name) and 'DOCUMENTATION' in source(name), name


# --- every API has all of its pieces ------------------------------------------------------------------------

# what every API has, as paths ({api}: the API's name): the same list docs/adding-an-api.md walks through
PIECES = [
    'plugins/module_utils/{api}.py',
    'plugins/module_utils/{api}_resources.py',
    'plugins/doc_fragments/{api}.py',
    'docs/awx/credential_type_{api}.yml',
    'tests/simulators/{api}.py',
    'tests/unit/simulators/test_{api}_simulator.py',
    'docs/{api}.md',
    'docs/api/{api}.md',
    'roles/customer/tasks/{api}*.yml',
]


@pytest.mark.parametrize('api', APIS)
@pytest.mark.parametrize('piece', PIECES)
def test_every_api_has_its_piece(api, piece):
    assert glob.glob(os.path.join(ROOT, piece.format(api=api))), 'the %s API lacks %s' % (api, piece.format(api=api))


@pytest.mark.parametrize('api', APIS)
def test_every_api_has_its_action_group_and_role_step(api):
    with open(os.path.join(ROOT, 'meta', 'runtime.yml')) as handle:
        groups = yaml.safe_load(handle)['action_groups']
    assert groups[api] == sorted(name for name in MODULE_NAMES if api_of(name) == api)
    assert 'hosting.provision.%s' % api in groups['all'][0]['metadata']['extend_group']
    with open(os.path.join(ROOT, 'roles', 'customer', 'vars', 'main.yml')) as handle:
        steps = yaml.safe_load(handle)['customer_steps']
    assert api in [step['api'] for step in steps]


@pytest.mark.parametrize('name', MODULE_NAMES)
def test_every_module_has_its_module_tests(name):
    tests = ''
    for path in glob.glob(os.path.join(ROOT, 'tests', 'unit', 'plugins', 'modules', 'test_*.py')):
        with open(path) as handle:
            tests += handle.read()
    assert re.search(r'\b%s\b' % name, tests), 'no test under tests/unit/plugins/modules runs %s' % name


def test_adding_an_api_names_every_piece():
    with open(os.path.join(ROOT, 'docs', 'adding-an-api.md')) as handle:
        text = handle.read()
    missing = [piece for piece in PIECES + ['meta/runtime.yml', 'roles/customer/vars/main.yml',
                                            'tests/unit/reliability/scenarios.py', 'tests/bench/run.py',
                                            'changelogs/fragments/', 'docs/README.md', 'README.md']
               if piece not in text]
    assert not missing, 'docs/adding-an-api.md does not name %s' % ', '.join(missing)


# --- every ISPConfig object states every fact, and the simulated panel agrees ---------------------------------

def panel_object_of(name):
    """The resource class a single-item or bulk module runs."""
    module = importlib.import_module('ansible_collections.hosting.provision.plugins.modules.%s' % name)
    return getattr(module, engine_call(name)[1])


ISPCONFIG_OBJECTS = sorted(set(panel_object_of(name) for name in SINGLE + BULK if api_of(name) == 'ispconfig'),
                           key=lambda panel_object: panel_object.__name__)


def ispconfig_facts():
    from ansible_collections.hosting.provision.plugins.module_utils import ispconfig
    return ispconfig, [fact for fact, value in vars(ispconfig.PanelObject).items() if value is ispconfig.UNSTATED]


def simulated_panel():
    from simulators import ispconfig as simulator
    return simulator


def fails_unless(condition, sentence):
    if not condition:
        pytest.fail(sentence, pytrace=False)


def test_the_facts_of_an_object_are_stated_on_panelobject():
    ispconfig, facts = ispconfig_facts()
    assert {'function_family', 'id_column', 'function_groups', 'prefix_setting', 'stock_prefix', 'secret_columns',
            'parent_class', 'parent_column', 'children_block_delete', 'name_column', 'module_name'} <= set(facts)


def unstated(panel_object):
    """A sentence for each fact `panel_object` leaves unstated."""
    ispconfig, facts = ispconfig_facts()
    return ['%s does not state its %s (PanelObject in plugins/module_utils/ispconfig.py says what each fact is).'
            % (panel_object.__name__, fact) for fact in facts if getattr(panel_object, fact) is ispconfig.UNSTATED]


@pytest.mark.parametrize('panel_object', ISPCONFIG_OBJECTS, ids=lambda panel_object: panel_object.__name__)
def test_every_ispconfig_object_states_every_fact(panel_object):
    missing = unstated(panel_object)
    fails_unless(not missing, ' '.join(missing))


def test_an_object_that_leaves_a_fact_out_is_named_with_the_fact():
    ispconfig, facts = ispconfig_facts()
    cron = [panel_object for panel_object in ISPCONFIG_OBJECTS if panel_object.__name__ == 'Cron'][0]
    # (module_name None: no run of a module in this process takes it for a child of a website)
    unfinished = type('FtpUser', (cron,), dict(id_column=ispconfig.UNSTATED, module_name=None))
    assert unstated(unfinished) == ['FtpUser does not state its id_column (PanelObject in '
                                    'plugins/module_utils/ispconfig.py says what each fact is).']


def undeclared(form):
    """A sentence for each declaration the simulator's form (a function family) or its table leaves out."""
    from simulators.ispconfig_base import UNSTATED
    table = form.table
    where = 'tests/simulators/ispconfig_base.py, Table and Form, says what each declaration is'
    missing = ['The simulator\'s %s table declares no key among its column defaults (%s).' % (table.name, where)
               ] if not form.columns or table.key not in form.columns else []
    missing += ['The simulator\'s %s table does not declare its %s (%s).' % (table.name, declaration, where)
                for declaration in ('label', 'invariants', 'parent') if getattr(table, declaration) is UNSTATED]
    missing += ['The simulator\'s %s form (%s_*) does not declare its function group (%s).' % (
        table.name, form.family, where)] if form.group is UNSTATED else []
    return missing


@pytest.mark.parametrize('family', sorted(simulated_panel().ISPConfigSimulator.FORMS))
def test_every_simulator_table_declares_itself(family):
    missing = undeclared(simulated_panel().ISPConfigSimulator.FORMS[family])
    fails_unless(not missing, ' '.join(missing))


def test_a_simulator_table_that_leaves_a_declaration_out_is_named_with_it():
    from simulators.ispconfig_base import Form, Table
    table = Table('ftp_user', 'ftp_user_id', {'username': ''}, label='ftp_user {username}', invariants=None)
    assert undeclared(Form('sites_ftp_user', table, [])) == [
        "The simulator's ftp_user table declares no key among its column defaults (tests/simulators/ispconfig_base.py, "
        "Table and Form, says what each declaration is).",
        "The simulator's ftp_user table does not declare its parent (tests/simulators/ispconfig_base.py, Table and "
        "Form, says what each declaration is).",
        "The simulator's ftp_user form (sites_ftp_user_*) does not declare its function group "
        "(tests/simulators/ispconfig_base.py, Table and Form, says what each declaration is)."]


@pytest.mark.parametrize('panel_object', ISPCONFIG_OBJECTS, ids=lambda panel_object: panel_object.__name__)
def test_every_ispconfig_object_has_a_simulator_table_that_agrees_with_its_facts(panel_object):
    simulator = simulated_panel()
    panel = simulator.ISPConfigSimulator
    name = panel_object.__name__
    fails_unless(panel_object.module_name in SINGLE + BULK and panel_object_of(panel_object.module_name) is panel_object,
                 '%s names the module %s, which does not run it.' % (name, panel_object.module_name))
    family = panel_object.function_family or sorted(panel_object.function_groups)[0]
    fails_unless(family in panel.FORMS, '%s has no simulator table: tests/simulators/ispconfig*.py answers no %s_get.'
                 % (name, family))
    table = panel.FORMS[family]
    columns = set(table.columns)
    fails_unless(panel_object.id_column == table.key, '%s states the id column %s, and the simulator\'s %s table has '
                 'the key %s.' % (name, panel_object.id_column, table.name, table.key))
    for column in [panel_object.name_column, panel_object.parent_column] + list(panel_object.secret_columns):
        fails_unless(column is None or column in columns, '%s names the column %s, which the simulator\'s %s table '
                     'does not have.' % (name, column, table.name))
    hashed = sorted(field.name for field in table.fields if field.kind == 'password')
    fails_unless(set(hashed) <= set(panel_object.secret_columns), '%s does not list the password columns %s of the '
                 'simulator\'s %s table among its secret_columns.' % (name, ', '.join(hashed), table.name))
    groups = dict((function, group.name) for group in simulator.FUNCTION_GROUPS.values() for function in group.functions)
    for family, stated in sorted(panel_object.function_groups.items()):
        # a function belongs to the longest family it starts with (client_templates_* is not client_*)
        shown = set(groups.get(panel.PERMISSION_OF.get(function, function)) for function in panel.FUNCTIONS
                    if function.startswith(family + '_') and not any(
                        len(other) > len(family) and function.startswith(other + '_')
                        for other in panel_object.function_groups))
        fails_unless(shown <= {stated}, '%s states the function group "%s" for %s_*, and the simulated panel\'s '
                     'remote user form shows %s.' % (name, stated, family, ' and '.join(sorted(map(str, shown)))))
    if panel_object.prefix_setting:
        stock = simulator.SYS_INI['sites'].get(panel_object.prefix_setting)
        fails_unless(panel_object.stock_prefix == stock, '%s states the stock %s %s, and a stock panel holds %s.' % (
            name, panel_object.prefix_setting, panel_object.stock_prefix, stock))
    fails_unless(panel_object.parent_class is None or panel_object.parent_class in ISPCONFIG_OBJECTS,
                 '%s belongs to %s, which no module manages.' % (name, panel_object.parent_class))


def test_no_module_switches_a_mail_domain_or_zone_with_set_status():
    """mail_domain_set_status and dns_zone_set_status change the database but write no sys_datalog row, so the server
    never applies them (docs/api/ispconfig.md, "set_status functions"): a module switches them with their _update."""
    users = []
    for path in sorted(glob.glob(os.path.join(ROOT, 'plugins', '**', '*.py'), recursive=True)):
        with open(path) as handle:
            text = handle.read()
        users += ['%s uses %s' % (os.path.relpath(path, ROOT), name)
                  for name in ('mail_domain_set_status', 'dns_zone_set_status') if name in text]
    assert users == []


def words_used_for_another_thing(tree):
    """(line, what) of every use of "client" for an API connection (a variable, a parameter, an attribute) and of
    "kind" for a field's value type (Field(kind=...)) in a parsed module: docs/adding-an-api.md, "Words"."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == 'client':
            found.append((node.lineno, 'the name client'))
        elif isinstance(node, ast.arg) and node.arg == 'client':
            found.append((node.lineno, 'the parameter client'))
        elif isinstance(node, ast.Attribute) and node.attr == 'client':
            found.append((node.lineno, 'the attribute .client'))
        elif isinstance(node, ast.Call) and getattr(node.func, 'attr', getattr(node.func, 'id', None)) == 'Field':
            found.extend((keyword.lineno, 'Field(kind=...)') for keyword in node.keywords if keyword.arg == 'kind')
    return found


@pytest.mark.parametrize('path', sorted(glob.glob(os.path.join(ROOT, 'plugins', '*', '*.py'))),
                         ids=lambda path: os.path.relpath(path, ROOT))
def test_client_is_only_the_ispconfig_client_and_kind_only_an_objects_kind(path):
    with open(path) as handle:
        found = words_used_for_another_thing(ast.parse(handle.read()))
    assert found == [], '%s uses %s: a connection is "connection", a value type "value_type"' % (
        os.path.relpath(path, ROOT), ', '.join('%s (line %d)' % (what, line) for line, what in found))


def test_the_words_check_finds_each_other_use():
    tree = ast.parse("def run(module, client):\n    self.client.call()\n    connection = client\n"
                     "    engine.Field('quota', kind=Size())\n    dict(client=dict(type='str'))\n")
    assert sorted(words_used_for_another_thing(tree)) == [
        (1, 'the parameter client'), (2, 'the attribute .client'), (3, 'the name client'), (4, 'Field(kind=...)')]


def locked_table(panel_object):
    """The simulator's table of an ISPConfig object when ISPConfig's client lock routine switches its rows (every
    client_update runs it), else None."""
    simulator = simulated_panel()
    family = panel_object.function_family or sorted(panel_object.function_groups)[0]
    table = simulator.ISPConfigSimulator.FORMS[family].table.name
    return table if table in set(name for name, _column, _on in simulator.CLIENT_LOCK_SWITCHES) else None


LOCKED_OBJECTS = [panel_object for panel_object in ISPCONFIG_OBJECTS if locked_table(panel_object)]


@pytest.mark.parametrize('panel_object', LOCKED_OBJECTS, ids=lambda panel_object: panel_object.__name__)
def test_a_client_update_switches_off_again_what_it_switched_on_of_every_object(panel_object):
    from ansible_collections.hosting.provision.plugins.module_utils.ispconfig_resources import CLIENT_SWITCHED_KINDS
    table = locked_table(panel_object)
    family = panel_object.function_family
    kinds = [kind for kind in CLIENT_SWITCHED_KINDS
             if family == kind.function_family or family in (kind.per_type or {}).values()]
    fails_unless(kinds, '%s lives in the %s table, whose rows ISPConfig\'s client_update switches on, and '
                 'CLIENT_SWITCHED_KINDS (plugins/module_utils/ispconfig_resources.py) does not name %s_*: a client '
                 'update would leave it switched on.' % (panel_object.__name__, table, family))
    switched = dict((column, on) for name, column, on in simulated_panel().CLIENT_LOCK_SWITCHES if name == table)
    fails_unless(kinds[0].switches == switched, 'CLIENT_SWITCHED_KINDS restores %s of %s, and the lock routine '
                 'switches %s.' % (kinds[0].switches, panel_object.__name__, switched))


def test_the_objects_a_client_update_switches_on_are_found():
    assert {'WebDomain', 'MailUser', 'FtpUser', 'Cron'} <= set(panel_object.__name__ for panel_object in LOCKED_OBJECTS)
