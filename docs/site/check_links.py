# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Offline check of the built site's internal links: every relative href/src points at a file of the site and,
with a #fragment, at an id (or a name) in that page. External links are not fetched (the build is offline).

    python docs/site/check_links.py .tmp/docs/html
"""

import os
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {'a': 'href', 'link': 'href', 'img': 'src', 'script': 'src', 'iframe': 'src'}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.anchors = set()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ('id', 'name') if tag == 'a' else ('id',):
            if attrs.get(name):
                self.anchors.add(attrs[name])
        target = attrs.get(LINK_ATTRIBUTES.get(tag, ''))
        if target:
            self.links.append(target)


def parse(path):
    page = Page()
    with open(path, encoding='utf-8') as html:
        page.feed(html.read())
    return page


def broken_links(site):
    """[(page, link, reason)] for every internal link of the site that leads nowhere."""
    site = os.path.realpath(site)
    pages = {}
    for folder, unused_dirs, files in os.walk(site):
        for name in files:
            if name.endswith('.html'):
                pages[os.path.join(folder, name)] = parse(os.path.join(folder, name))
    broken = []
    for path, page in sorted(pages.items()):
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme in ('http', 'https', 'mailto', 'data', 'javascript'):
                continue
            if parts.scheme or parts.netloc:
                broken.append((path, link, 'not a link within the site'))
                continue
            target = os.path.realpath(os.path.join(os.path.dirname(path), unquote(parts.path))) \
                if parts.path else path
            if os.path.isdir(target):
                target = os.path.join(target, 'index.html')
            if not target.startswith(site + os.sep):
                broken.append((path, link, 'leaves the site'))
            elif not os.path.isfile(target):
                broken.append((path, link, 'no such file'))
            elif parts.fragment and target in pages and unquote(parts.fragment) not in pages[target].anchors:
                broken.append((path, link, 'no such anchor'))
    return [(os.path.relpath(path, site), link, reason) for path, link, reason in broken]


def main(site):
    broken = broken_links(site)
    for page, link, reason in broken:
        print('%s: broken link %s (%s)' % (page, link, reason), file=sys.stderr)
    return 1 if broken else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
