#!/usr/bin/env bash
# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
# The main job: start all five API simulators on 127.0.0.1, onboard the sample customer (tests/demo/customer.yml)
# across every API with tests/demo/site.yml, run it again to show changed=0, suspend it for non-payment and resume
# it (each first predicted with --check, each run twice to show changed=0), stop the simulators.
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
# unchanged RUN ARGS...: run the playbook with ARGS and fail unless it reported changed=0
unchanged() {
  local name=$1 output
  shift
  output=$(ansible-playbook tests/demo/site.yml "$@")
  echo "$output"
  echo "$output" | grep -Eq 'localhost +: ok=[0-9]+ +changed=0 ' || { echo "the $name changed something" >&2; exit 1; }
}
# Easy-WI applies a user's or game server's switch when its cron job runs: the simulator's job runner stands in
run_easywi_jobs() {
  python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], data=b"{}")' \
    "$WEBIFACE_URL/__sim__/run_jobs" > /dev/null
}
step "second run: nothing to change"
unchanged "second run"
step "idempotent: the second run reported changed=0"

step "suspend for non-payment, predicted: --check shows what is switched off and writes nothing"
ansible-playbook tests/demo/site.yml -e customer_state=suspended --check --diff
step "suspend: everything stays, nothing serves (and a warning for what an API cannot switch off)"
ansible-playbook tests/demo/site.yml -e customer_state=suspended
run_easywi_jobs
step "suspended again, after Easy-WI's cron job: nothing to change"
unchanged "second suspended run" -e customer_state=suspended
step "resume, predicted with --check"
ansible-playbook tests/demo/site.yml --check --diff
step "resume: back to exactly what the description declares"
ansible-playbook tests/demo/site.yml
run_easywi_jobs
step "resumed again, after Easy-WI's cron job: nothing to change"
unchanged "run after the resume"
step "idempotent: the suspended and the resumed customer each reported changed=0 on a second run"
