# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the user guides (docs/*.md, the source) as reStructuredText into docs/docsite/rst/, where the standard
collection docs build (antsibull-docs: docs.ansible.com, Galaxy, `antsibull-docs sphinx-init`) finds them through
docs/docsite/extra-docs.yml; it reads only .rst files there. The pages to write are the ones extra-docs.yml lists.

    python docs/docsite/render_guides.py

tests/unit/test_docs.py fails when a written page differs from what its guide renders to now.
"""
import os
import re
import sys

import m2r2
import yaml

DOCS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RST = os.path.join(DOCS, 'docsite', 'rst')
LABEL = 'ansible_collections.hosting.provision.docsite.%s'
HEADER = ('..\n'
          '  Copyright (c) hosting.provision developers\n'
          '  GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or '
          'https://www.gnu.org/licenses/gpl-3.0.txt)\n'
          '  SPDX-License-Identifier: GPL-3.0-or-later\n'
          '\n'
          '.. Written by docs/docsite/render_guides.py from docs/%s: edit that file, then run the script.\n'
          '\n'
          '.. _%s:\n'
          '\n')
MD_LINK = re.compile(r'\[([^\]]+)\]\(([^)\s]+)\)')
LEADING_COMMENT = re.compile(r'\A<!--.*?-->\s*', re.DOTALL)
REF_MARK = 'GUIDEREF%dMARK'
BARE_CODE_BLOCK = re.compile(r'^( *\.\. code-block::)$', re.MULTILINE)


def pages():
    """The page names extra-docs.yml lists, in its order."""
    with open(os.path.join(DOCS, 'docsite', 'extra-docs.yml')) as handle:
        index = yaml.safe_load(handle)
    return [entry if isinstance(entry, str) else entry['ref']
            for section in index['sections'] for entry in section['toctree']]


def source(page):
    """docs/<page>.md, or docs/<page>/README.md for a guide that is a folder's README (awx)."""
    for candidate in (page + '.md', os.path.join(page, 'README.md')):
        if os.path.isfile(os.path.join(DOCS, candidate)):
            return candidate
    raise SystemExit('extra-docs.yml lists %s, but docs/ has neither %s.md nor %s/README.md' % (page, page, page))


def render(page, sources):
    """The reStructuredText of one guide. A link to another listed guide becomes a :ref: to that page (its
    heading anchor is dropped: the standard build labels pages only); a link to another file of the repository
    names its path, as the collection's docs are read without the repository beside them."""
    relative = sources[page]
    with open(os.path.join(DOCS, relative)) as handle:
        markdown = LEADING_COMMENT.sub('', handle.read(), count=1)
    guides = {path: name for name, path in sources.items()}
    refs = []

    def link(match):
        text, target = match.groups()
        if re.match(r'[a-z]+:', target):
            return match.group(0)
        path = os.path.normpath(os.path.join(os.path.dirname(relative), target.split('#')[0] or relative))
        if path in guides:
            # a link named by its file name shows the page's title instead
            refs.append(':ref:`%s`' % (LABEL % guides[path]) if text.strip('`').endswith('.md') else
                        ':ref:`%s <%s>`' % (text.strip('`'), LABEL % guides[path]))
            return REF_MARK % (len(refs) - 1)
        shown = 'docs/' + path if not path.startswith('..') else os.path.normpath(path[3:])
        return '`%s`' % shown if text.strip('`') in (target, shown, os.path.basename(target)) else \
            '%s (`%s`)' % (text, shown)

    text = m2r2.convert(MD_LINK.sub(link, markdown)).strip('\n') + '\n'
    # a fence without a language is plain text (as on the project's own site), which rstcheck wants said
    text = BARE_CODE_BLOCK.sub(r'\1 text', text)
    for number, ref in enumerate(refs):
        text = text.replace(REF_MARK % number, ref)
    return HEADER % (relative, LABEL % page) + text


def rendered():
    """{file name in docs/docsite/rst/: its text} for every page extra-docs.yml lists."""
    sources = {page: source(page) for page in pages()}
    return {page + '.rst': render(page, sources) for page in sources}


def main():
    os.makedirs(RST, exist_ok=True)
    wanted = rendered()
    for name in sorted(set(os.listdir(RST)) - set(wanted)):
        os.remove(os.path.join(RST, name))
    for name, text in wanted.items():
        with open(os.path.join(RST, name), 'w') as handle:
            handle.write(text)
    print('%d guides written to %s' % (len(wanted), os.path.relpath(RST)), file=sys.stderr)


if __name__ == '__main__':
    main()
