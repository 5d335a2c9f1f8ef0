#!/usr/bin/env bash
# The module and role reference, generated from the modules' own DOCUMENTATION/EXAMPLES/RETURN and the role's
# argument spec with antsibull-docs (reStructuredText, one page per module, about 600 kB: built, not committed).
#   bash docs/reference.sh [DEST]      default DEST: .tmp/docs/reference
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/lib/venv.sh
dest=${1:-.tmp/docs/reference}
mkdir -p "$dest"
chmod 755 "$dest"  # antsibull-docs refuses a destination others may write to
antsibull-docs lint-collection-docs --plugin-docs .
antsibull-docs collection --use-current --fail-on-error --dest-dir "$dest" hosting.provision
echo "reference written to $dest/collections/hosting/provision/index.rst"
