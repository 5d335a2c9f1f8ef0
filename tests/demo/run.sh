#!/usr/bin/env bash
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# The main job: start all five API simulators on 127.0.0.1, onboard the sample customer (tests/demo/customer.yml)
# across every API with tests/demo/site.yml, run it again to show changed=0, stop the simulators.
set -euo pipefail
cd "$(dirname "$0")/../.."
# step NAME: one line as each step starts, with the seconds since the demo started
step() { echo "=== [$SECONDS s] $*"; }
step "setting up the virtualenv (the first run installs Ansible and the tools: a few minutes)"
. tests/lib/venv.sh
. tests/lib/simulators.sh

step "starting the five API simulators on 127.0.0.1"
work=$(mktemp -d)
start_simulators "$work"
trap 'kill $simulators_pid 2>/dev/null; rm -rf "$work"' EXIT

export ANSIBLE_STDOUT_CALLBACK=default ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
step "first run: creates everything"
ansible-playbook tests/demo/site.yml --diff
step "second run: nothing to change"
second=$(ansible-playbook tests/demo/site.yml)
echo "$second"
echo "$second" | grep -Eq 'localhost +: ok=[0-9]+ +changed=0 ' || { echo "second run changed something" >&2; exit 1; }
step "idempotent: the second run reported changed=0"
