#!/usr/bin/env bash
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the documentation site, offline, into .tmp/docs/html/ (open index.html): the user guides (docs/**/*.md)
# beside the module and role reference that antsibull-docs generates from the modules' own DOCUMENTATION,
# EXAMPLES and RETURN and the role's argument spec. Fails on any Sphinx warning and on a broken internal link.
#   bash docs/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/lib/venv.sh
out=.tmp/docs
src=$out/src
rm -rf "$src" "$out/html" "$out/doctrees"
mkdir -p "$src/reference"
chmod 755 "$src/reference"  # antsibull-docs refuses a destination others may write to

# the reference: one page per module and role, an index and the environment variables they read
antsibull-docs lint-collection-docs --plugin-docs .
antsibull-docs collection --use-current --fail-on-error --squash-hierarchy --dest-dir "$src/reference" \
  hosting.provision >/dev/null
# its index of environment variables lists only those of plugin configuration, which modules have none of (their
# variables are argument-spec fallbacks, listed in each option and the guides): an empty page, left out
rm "$src/reference/environment_variables.rst"
# each module page notes its action plugin with a reference to docs.ansible.com's page on action plugins, which
# this site does not have: here it leads to what the collection's action plugins do (run the module in-process)
# shellcheck disable=SC2016  # the backticks are reStructuredText, not a command
sed -i 's/:ref:`action plugin <action_plugins>`/:doc:`action plugin <..\/performance>`/' "$src"/reference/*_module.rst
# the guides: this site has them from docs/*.md (MyST: heading anchors, module names linked); the copies that
# antsibull-docs adds from docs/docsite/rst/ (for the collection's docs built elsewhere) are left out, with their
# sections of the index
rm -r "$src/reference/docsite"
python - "$src/reference/index.rst" <<'PY'
import re, sys
index = open(sys.argv[1]).read()
without = re.sub(r'^[^\n]+\n-+\n\n\.\. toctree::\n +:maxdepth: 1\n\n(?: +docsite/[^\n]+\n)+\n*', '', index, flags=re.M)
assert 'docsite/' not in without, 'docs/build.sh: antsibull-docs lists the guides in a way it does not know'
open(sys.argv[1], 'w').write(without)
PY

# the guides, with the files they link to (credential types, the EE definition), and the site's own pages
(cd docs && find . -path ./site -prune -o -type f \( -name '*.md' -o -name '*.yml' \) -print0 |
  xargs -0 cp --parents -t "../$src")
cp -r docs/site/conf.py docs/site/index.rst docs/site/_static "$src/"
[ ! -f CHANGELOG.rst ] || cp CHANGELOG.rst "$src/changelog.rst"  # made by antsibull-changelog at a release

sphinx-build -b html -W --keep-going -n -q -d "$out/doctrees" "$src" "$out/html"
python docs/site/check_links.py "$out/html"
for plugin in plugins/modules/*.py roles/*/; do
  name=$(basename "$plugin" .py)
  page=$out/html/reference/${name}_$([ -d "$plugin" ] && echo role || echo module).html
  [ -f "$page" ] || { echo "docs/build.sh: no reference page $page for $plugin" >&2; exit 1; }
done
echo "site written to $out/html/index.html"
