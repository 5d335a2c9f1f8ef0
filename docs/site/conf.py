# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Sphinx configuration of the documentation site that docs/build.sh builds (offline, into .tmp/docs/html/):
# the user guides (docs/**/*.md, read with MyST) beside the module and role reference that antsibull-docs
# generates into reference/. Every warning fails the build (sphinx-build -W -n).
import re

from docutils import nodes

project = 'hosting.provision'
copyright = 'hosting.provision developers'
html_title = 'hosting.provision documentation'
html_short_title = 'hosting.provision'

extensions = ['myst_parser', 'sphinx_antsibull_ext']
source_suffix = {'.rst': 'restructuredtext', '.md': 'markdown'}
root_doc = 'index'
# README.md is the home page's text (index.rst includes it), not a page of its own
exclude_patterns = ['README.md']

# links between guides such as [customer.md](customer.md#behaviour) become checked cross-references
myst_heading_anchors = 3
nitpicky = True

pygments_style = 'ansible'
highlight_language = 'none'  # a fence without a language is plain text; the reference names its own
html_theme = 'sphinx_ansible_theme'
html_show_sphinx = False
html_use_modindex = False
html_use_index = False
html_copy_source = False
# no links to the Ansible project's blog and forum in the top bar
html_theme_options = {'collapse_navigation': False, 'topbar_links': {}}
html_static_path = ['_static']
html_css_files = ['site.css']
html_context = {'display_github': False}

# The reference links a few pages of the Ansible documentation. No intersphinx: the build must not download an
# inventory, so those labels are resolved here; any other unresolved reference stays a warning and fails.
ANSIBLE_DOCS = 'https://docs.ansible.com/ansible/latest/'
ANSIBLE_LABELS = {
    'common_return_values': 'reference_appendices/common_return_values.html',
}


def ansible_docs_reference(app, env, node, contnode):
    target = ANSIBLE_LABELS.get(node.get('reftarget'))
    if node.get('refdomain') != 'std' or target is None:
        return None
    return nodes.reference('', '', contnode, refuri=ANSIBLE_DOCS + target, internal=False)


PLUGIN_PAGE = re.compile(r'reference/(\w+)_(module|role)$')


def link_plugin_names(app, doctree, docname):
    """In the guides, `hosting.provision.<name>` or a module's short name in backticks links to its reference page."""
    if docname.startswith('reference/'):
        return
    pages = {}
    for page in app.env.found_docs:
        match = PLUGIN_PAGE.match(page)
        if match:
            pages['hosting.provision.' + match.group(1)] = page
            if match.group(2) == 'module':
                pages[match.group(1)] = page
    for literal in list(doctree.findall(nodes.literal)):
        page = pages.get(literal.astext())
        if page is None or isinstance(literal.parent, nodes.reference):
            continue
        link = nodes.reference('', '', refuri=app.builder.get_relative_uri(docname, page), internal=True)
        literal.replace_self(link)
        link += literal


# pages that exist only sometimes: (caption, document name or folder/) -> added to the home page's navigation
OPTIONAL_SECTIONS = [
    ('API notes', 'api/'),  # docs/api/*.md
    ('Release notes', 'changelog'),  # CHANGELOG.rst, once a release has made it
]


def add_optional_sections(app, docname, source):
    """The home page's navigation gets the optional pages that this build has."""
    if docname != 'index':
        return
    for caption, name in OPTIONAL_SECTIONS:
        pages = sorted(page for page in app.env.found_docs if page == name or
                       (name.endswith('/') and page.startswith(name)))
        if pages:
            source[0] += '\n.. toctree::\n   :caption: %s\n   :maxdepth: 1\n   :hidden:\n\n%s\n' % (
                caption, ''.join('   %s\n' % page for page in pages))


def link_logo_home(app, pagename, templatename, context, doctree):
    """The theme's logo links to the site's home page, relative (its default "/" leaves a site opened as files)."""
    context['theme_documentation_home_url'] = context['pathto'](app.config.root_doc)


def setup(app):
    app.connect('html-page-context', link_logo_home)
    app.connect('source-read', add_optional_sections)
    app.connect('missing-reference', ansible_docs_reference)
    app.connect('doctree-resolved', link_plugin_names)
