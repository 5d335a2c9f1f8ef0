#!/usr/bin/env bash
# The main job: start the ISPConfig simulator on 127.0.0.1, onboard a sample customer with tests/demo/site.yml,
# run it again to show changed=0, stop the simulator.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/lib/venv.sh

log=$(mktemp)
python tests/simulators/serve.py ispconfig --port 0 > "$log" &
simulator=$!
trap 'kill $simulator 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 50); do grep -q '^ready' "$log" && break; sleep 0.1; done
url=$(awk '/^ready/ {print $3}' "$log")
[ -n "$url" ] || { echo "the ISPConfig simulator did not start" >&2; exit 1; }
echo "ISPConfig simulator at $url (remote user demo)"

export ISPCONFIG_URL=$url ISPCONFIG_USERNAME=demo ISPCONFIG_PASSWORD=demo-password ISPCONFIG_VALIDATE_CERTS=false
export ANSIBLE_STDOUT_CALLBACK=default ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
echo "=== first run: creates everything"
ansible-playbook tests/demo/site.yml --diff
echo "=== second run: nothing to change"
second=$(ansible-playbook tests/demo/site.yml | tee /dev/stderr)
echo "$second" | grep -Eq 'localhost +: ok=[0-9]+ +changed=0 ' || { echo "second run changed something" >&2; exit 1; }
echo "=== idempotent: the second run reported changed=0"
