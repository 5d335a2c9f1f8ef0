# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Easy-WI game servers, voice servers, MySQL databases, TS-DNS entries and webspace for the webiface simulator
(webiface.py): `type=gserver`, `type=voice`, `type=mysql`, `type=tsdns`, `type=web`, the host lists of `type=list`,
the owner's server lists in `type=user action=ls`, and what the job runner does with `gs`, `vo`, `ds`, `my` and `wv`
jobs. After docs/api/webiface.md section 8 and the transcripts 20-28 in tests/conformance/data/webiface/ (Easy-WI
6.2.5 with its default game templates, recorded; where prose and recording disagree the recording wins). "Code"
marks what was read in the Easy-WI sources (stuff/api/api_gserver.php, api_voice.php, api_mysql.php, api_tsdns.php,
api_web.php, api_list.php, stuff/jobs/*.php) but not recorded.

Replies, as 6.2.5 sends them: pretty-printed `<gserver>`, `<voice>` or `<mysql>` (text/xml), HTTP 200 also on
failure; `ls` of voice and MySQL hosts comes as text/html (no header sent) with roots `<voice>` and `<webspace>`.
JSON variant: gserver `action` and `errors` always null, voice `action` always "fail" (code), mysql both null.

type=gserver, the traps (recorded unless "code"):
  - add, mod, del, ls need all twelve keys (`action identify_server_by server_local_id server_external_id active
    private slots shorten identify_user_by user_localid user_externalid username`), gs only the first four;
    else one `Data key does not exist: <key>` each plus `Not supported method or incomplete data`. ls runs anyway.
  - add: the user is looked up among all accounts of reseller 0 (any type); every error is followed by
    `Cannot find free root server with given shorten`; root choice: active roots with a master server for every
    requested game and room (fewer servers than maxserver, more free slots than asked, more free RAM than
    maxram; NULL = unlimited), most free server places wins (ties: lowest id); the IP is the one usedPorts()
    returns (the first port count met, with the last IP of that count: the altip when both are empty); ports
    from the template (primary or most ports), stepped by portStep until free on the IP (game and voice ports),
    only the first portMax checked, the rest stored as the template has them; a requested port is used only if
    free, `port2`..`port5` never (a valid free one even resets `port` to the sent `port`, code); an invalid
    external id is stored as '' (empty: NULL); the reply has no <shorten>; the FTP password is only in the reply.
  - mod: values written at once when valid and different, `jobPending='Y'` always; `port` only into the job's
    newPort (the runner stores it); the game list replaces the installed one (a sent game needs a template with a
    master server on any root; an unknown one removes everything and still answers success; the start game may
    then point at a removed row until the runner repairs it, code); the external id changes only when identified
    by server_local_id, with no duplicate check; owner keys ignored; a gs/md job only for active, port, protected
    flag, home label, hdd (quota roots), a removed game or a new FTP password, cancelling pending gs jobs but ad;
    during a pending dl (any job type with that affectedID, code) it answers fail `Server is marked for deletion`
    but still writes, cancels the dl and queues md. `coreCount` in mod is not simulated (HTTP 501): the 6.2.5 code
    overwrites the server row in that branch.
  - del: jobPending Y, cancels every pending gs job of the server (ad included), queues gs/dl; the row stays.
  - gs: restart `re`/`st`: jobPending Y, cancels a pending re/st, queues it.
  - ls: root servers with room (`<gserver/>` when all are full), not game servers. A server is read from its
    owner's `type=user ls` under `<gserver><keyN>` (ordered by IP, port; empty lists with show_user_data_only=1).
type=voice (TeamSpeak 3 only, `shorten=ts3`; file 24 and code): add picks the master with the lowest slot then
  server usage, port from 9987 up (10011 skipped, game ports on that IP count), queues vo/ad, jobPending Y; a
  private server gets a generated password; mod writes every valid element, queues vo/md (cancelling every
  pending vo job, the ad included) only when active or slots change; del queues vo/dl; ls with an identification
  answers the row, without one the masters.
type=mysql (file 24 and code): add picks the host with the lowest usage, names the database sql<id>, generates
  a password (never returned), queues my/ad; mod writes manage_host_table and the sent external id (an empty one
  clears it, code), and only an active change sets jobPending and queues my/md; del queues my/dl; ls lists hosts
  (`<webspace>`), read is a stub answering success.

type=tsdns and type=web (files 28 and 26): both need the four server keys, and with an action also `active`,
  `identify_user_by`, `user_localid`, `user_externalid`, `username` (else `Data key does not exist: <key>` each and
  `Unknown method`; ls runs anyway and lists the masters, text/html); add with an empty identify_user_by answers
  success and writes nothing; the JSON variant answers an empty body (text/html).
  - tsdns: add picks the active master with the lowest share of max_dns (0: never), checks nothing of ip, port or
    dns (missing ip/port stored '' and 0, any dns stored as given), names an entry `<id>-<login>.<defaultdns>`,
    refuses a duplicate external id, queues ds/ad and cancels the owner's pending user delete (code); mod writes
    active, dns, a valid ip and port (and the external id when identified by server_local_id), cancels the entry's
    pending ds jobs and queues ds/md (extraData NULL), but during a pending ds/dl answers fail `Server is marked for
    deletion` and writes nothing; del cancels the pending ds jobs and queues ds/dl; read answers the entry, its owner
    and master. Unknown: `No TSDNS can be found with the given ID`.
  - web (broken on PHP 8): add with a valid external id is HTTP 500 (a missing table); without one it picks the
    active master with room (vhosts below maxVhost, disk below maxHDD, overbooking counted), names the vhost
    `web-<id>.<defaultdns>` unless a dns is sent (stored unchecked), FTP user `web-<id>`, the sent or a generated
    password (in the reply), phpConfiguration the master's groups with null values, and queues wv/ad. Every mod that
    would write (active, password, ownVhost, external id) or sends a valid hdd is HTTP 500, dns is never read, so no
    mod writes; del is HTTP 500 for any id. Unknown: `No webspace can be found with the given ID`.

The job runner (controls run_jobs of webiface.py; code, jobs.php with every host reachable), after the user jobs:
user dl jobs cancel the user's other pending jobs; per server a pending dl, then ad, then md cancels the other
pending jobs of that server (so a pending ad swallows a later md and its port change); every user job fans out
one job per game server, voice server, TS-DNS entry and database of the user (api 'S', same action and extraData,
jobPending Y on the servers and databases); then voice, TS-DNS, MySQL, game-server and webspace jobs run: ds jobs
of an existing entry are done whatever the host answers (jobPending N, dl deletes the row; file 28); gs ad/md reset
jobPending (md stores newPort), dl removes the server, re/st set `stopped` and leave jobPending alone; vo ad creates
the virtual server (localserverid) and resets jobPending, a vo md or dl for a server never created (localserverid
0, e.g. its ad cancelled by a mod) fails (status 2) and the row stays; my jobs never reset jobPending, dl removes
the database; wv jobs of a web master that refuses connections get status 1 and one line per master (files 26-28);
last, rows of deleted users and game lists of removed servers are cleaned up. Files 25 and 27 (recorded with the
runner): a my ad creates the database, its login sqlN@localhost with the row's limits and a grant on its master, a
my dl drops only the database (login and grant stay), md changes nothing there; a master that refuses connections
counts as done. Control runner_conditions {"unreachable": [ip or "ip:port", ...], "second_mail_fatal": bool} sets
what the recorded install met: its refused hosts (an "ip:port" entry refuses only that port, such as the SSH port
of a web master), and the PHP fatal of the second "installed" e-mail (my ad on a reachable master, gs ad) of one
jobs.php process, which ends the pass with that job still open. state() adds what the masters hold as the
recording reads it (mariadb_databases_sql_prefix, mariadb_accounts_sql_prefix, mariadb_db_grants_sql_prefix).

Seeds (option gserver_seed): 'demo' (default): the recording's root servers (rootA 192.0.2.10 + altip .11 with
css, cs2, mc; rootB 192.0.2.20 with css, cs2; rootC inactive with tf), its templates (css, cstrike, tf, cs2, mc:
those the recording shows of the 43 default ones), one ts3 voice master (192.0.2.50) and one MySQL host
(192.0.2.40) and one TSDNS master (tsA, 192.0.2.55, defaultdns ts.example.org, max_dns 10); 'recording': the
same without the voice master, the MySQL host and the TSDNS master (file 24 adds the first two later);
'empty': templates only (the installation of files 00-18). Controls: put_rows {"table": ..., "rows": [...]}
inserts or replaces rows by id, with the table's defaults for missing columns (how the recording set up its
hosts). state() adds the tables by their Easy-WI names (gsswitch.ftppassword and mysql_external_dbs.password
decrypted as *_decrypted), load() takes them back.

Choices where the sources are silent: root descriptions 'root B', 'root C' (only 'root A' was shown); templates'
start commands of cstrike and tf are not recorded (None); the virtual server id a vo/ad job gets is the next
free one on its master; the runner does not change `stopped` at ad/md; licence limits and custom columns are not
simulated; a my job whose host row is gone stays pending; wv jobs of a reachable web master count as done
(jobPending N; not recorded); the owner's `type=user ls` lists no `<tsdns>` entries (their columns are not
recorded) and `type=list` no TSDNS or web masters; a vhost's further domains (webVhostDomain) are not modelled.
"""

import json
import re

from .webiface import (HTML_TYPE, JSON_TYPE, PASSWORD_ALPHABET, XML_TYPE, PhpFatal, ascii_xml, check_active,
                       check_external_id, check_ip4, check_word, dom_document, element_text, enum_value, is_bad,
                       is_numeric, php_json_encode, sql_equal)

SERVER_KEYS = ('action', 'identify_server_by', 'server_local_id', 'server_external_id')
EDIT_KEYS = ('active', 'private', 'slots', 'shorten', 'identify_user_by', 'user_localid', 'user_externalid',
             'username')
VOICE_KEYS = ('active', 'action', 'private', 'slots', 'shorten', 'identify_server_by', 'server_local_id',
              'server_external_id', 'identify_user_by', 'user_localid', 'user_externalid', 'username')
MYSQL_KEYS = ('active', 'action', 'identify_server_by', 'server_local_id', 'server_external_id', 'identify_user_by',
              'user_localid', 'user_externalid', 'username')
USER_LOOKUP = {'user_localid': 'id', 'username': 'cname', 'user_externalid': 'externalID', 'email': 'mail'}
SERVER_LOOKUP = {'server_local_id': 'id', 'server_external_id': 'externalID'}
FLAGS = ('taskset', 'eacallowed', 'brandname', 'tvenable', 'pallowed')
PORTS = ('port', 'port2', 'port3', 'port4', 'port5')
TEMPLATE_PORTS = ('portOne', 'portTwo', 'portThree', 'portFour', 'portFive')
VOICE_PORT = 9987
VOICE_QUERY_PORT = 10011

# <gserver> reply elements in the order api_gserver.php emits them
GSERVER_REPLY = ('action', 'actionSend', 'private', 'active', 'identify_server_by', 'slots', 'server_external_id',
                 'server_local_id', 'identify_user_by', 'user_localid', 'user_externalid', 'username', 'home_label',
                 'hdd', 'taskset', 'cores', 'eacallowed', 'brandname', 'tvenable', 'pallowed', 'serverName', 'ip',
                 'port', 'port2', 'port3', 'port4', 'port5', 'minram', 'maxram', 'master_server_id',
                 'master_server_external_id', 'initialpassword', 'installGames', 'autoRestart', 'ftpUser', 'errors')
GSERVER_JSON = ('action', 'private', 'active', 'identify_server_by', 'shorten', 'slots', 'server_external_id',
                'server_local_id', 'identify_user_by', 'user_localid', 'user_externalid', 'username', 'errors')
VOICE_REPLY = ('action', 'actionSend', 'private', 'ip', 'port', 'active', 'address', 'max_download_total_bandwidth',
               'max_upload_total_bandwidth', 'maxtraffic', 'forcebanner', 'forcebutton', 'forceservertag',
               'forcewelcome', 'lendserver', 'backup', 'identify_server_by', 'shorten', 'slots', 'server_external_id',
               'server_local_id', 'master_server_id', 'master_server_external_id', 'identify_user_by', 'user_localid',
               'user_externalid', 'username', 'flexSlots', 'flexSlotsFree', 'flexSlotsPercent', 'tsdns', 'dns',
               'autoRestart', 'errors')
MYSQL_REPLY = ('action', 'actionSend', 'errors', 'active', 'dbname', 'manage_host_table', 'identify_server_by',
               'server_external_id', 'server_local_id', 'identify_user_by', 'user_localid', 'user_externalid',
               'username')
# api_tsdns.php and api_web.php: the keys every call needs, then those every call with an action needs
MINIMUM_KEYS = ('action', 'identify_server_by', 'server_local_id', 'server_external_id')
OWNER_KEYS = ('active', 'identify_user_by', 'user_localid', 'user_externalid', 'username')
TSDNS_REPLY = ('action', 'actionSend', 'master_server_id', 'master_server_external_id', 'identify_user_by', 'username',
               'email', 'user_localid', 'user_externalid', 'identify_server_by', 'server_external_id',
               'server_local_id', 'active', 'dns', 'ip', 'port', 'errors')
WEB_REPLY = ('action', 'actionSend', 'master_server_id', 'master_server_external_id', 'identify_user_by', 'username',
             'email', 'user_localid', 'user_externalid', 'password', 'identify_server_by', 'server_external_id',
             'server_local_id', 'active', 'dns', 'hdd', 'ownVhost', 'errors')
# what the owner's `type=user ls` selects of each table
OWNER_GSERVER_COLUMNS = ('id', 'active', 'queryUpdatetime', 'queryPassword', 'queryMap', 'queryMaxplayers',
                         'queryNumplayers', 'queryName', 'port5', 'serverid', 'pallowed', 'eacallowed', 'protected',
                         'brandname', 'tvenable', 'war', 'psince', 'serverip', 'port', 'port2', 'port3', 'port4',
                         'minram', 'maxram', 'slots', 'taskset', 'cores', 'lendserver', 'externalID', 'jobPending')
OWNER_VOICE_COLUMNS = ('id', 'active', 'autoRestart', 'backup', 'lendserver', 'ip', 'port', 'slots', 'password',
                       'forcebanner', 'forcebutton', 'forceservertag', 'forcewelcome', 'flexSlots',
                       'max_download_total_bandwidth', 'max_upload_total_bandwidth', 'localserverid', 'dns',
                       'usedslots', 'uptime', 'maxtraffic', 'filetraffic', 'queryName', 'queryNumplayers',
                       'queryMaxplayers', 'queryPassword', 'queryUpdatetime', 'externalID')
OWNER_MYSQL_COLUMNS = ('active', 'id', 'dbname', 'ips', 'max_databases', 'max_queries_per_hour',
                       'max_updates_per_hour', 'max_connections_per_hour', 'max_userconnections_per_hour',
                       'externalID', 'jobPending')
VOICE_MASTER_LIST = ('id', 'usedns', 'ssh2ip', 'description', 'maxserver', 'installedserver', 'maxslots',
                     'installedslots', 'uslots', 'defaultname', 'defaultwelcome', 'defaulthostbanner_url',
                     'defaulthostbanner_gfx_url', 'defaulthostbutton_tooltip', 'defaulthostbutton_url',
                     'defaulthostbutton_gfx_url')
ROOT_LIST = ('id', 'ip', 'description', 'altips', 'maxslots', 'maxserver', 'freeserver', 'installedserver',
             'leftslots', 'installedslots')

# Table columns in Easy-WI's order with the column default; names in INT_COLUMNS hold integers.
TABLES = {
    'rserverdata': (('id', None), ('active', 'Y'), ('ip', ''), ('altips', ''), ('port_decrypted', None),
                    ('description', None),
                    ('maxslots', None), ('maxserver', None), ('ram', None), ('cores', 1), ('hyperthreading', 'N'),
                    ('connect_ip_only', 'N'), ('install_paths', None), ('quota_active', 'N'), ('externalID', ''),
                    ('resellerid', 0)),
    'rservermasterg': (('id', None), ('serverid', 0), ('servertypeid', 0), ('installing', 'N'), ('updating', 'N'),
                       ('resellerid', 0)),
    'servertypes': (('id', None), ('shorten', ''), ('description', ''), ('portStep', 100), ('portMax', 1),
                    ('portOne', None), ('portTwo', None), ('portThree', None), ('portFour', None), ('portFive', None),
                    ('map', None), ('mapGroup', None), ('cmd', None), ('modcmd', ''), ('tic', None), ('fps', None),
                    ('gamemod', 'N'), ('gamemod2', None), ('resellerid', 0)),
    'gsswitch': (('id', None), ('active', 'Y'), ('userid', 0), ('rootID', 0), ('serverip', ''), ('port', None),
                 ('port2', None), ('port3', None), ('port4', None), ('port5', None), ('slots', None), ('minram', 0),
                 ('maxram', 0), ('war', 'Y'), ('pallowed', 'N'), ('eacallowed', 'N'), ('brandname', 'N'),
                 ('tvenable', 'N'), ('autoRestart', 'Y'), ('taskset', 'N'), ('cores', ''), ('homeLabel', 'home'),
                 ('hdd', 0), ('serverid', 0), ('stopped', 'N'), ('externalID', '0'), ('jobPending', 'N'),
                 ('resellerid', 0), ('ftppassword_decrypted', None), ('protected', 'N'), ('lendserver', 'N'),
                 ('psince', None), ('queryName', ''), ('queryNumplayers', 0), ('queryMaxplayers', 0),
                 ('queryMap', ''), ('queryPassword', 'Y'), ('queryUpdatetime', None)),
    'serverlist': (('id', None), ('switchID', 0), ('servertype', 0), ('map', None), ('mapGroup', None),
                   ('cmd', None), ('modcmd', None), ('tic', None), ('fps', None), ('gamemod', 'N'),
                   ('gamemod2', None), ('resellerid', 0)),
    'voice_masterserver': (('id', None), ('active', 'Y'), ('type', 'ts3'), ('usedns', 'Y'), ('description', ''),
                           ('defaultdns', ''), ('defaultname', ''), ('defaultwelcome', ''),
                           ('defaulthostbanner_url', ''), ('defaulthostbanner_gfx_url', ''),
                           ('defaulthostbutton_tooltip', ''), ('defaulthostbutton_url', ''),
                           ('defaulthostbutton_gfx_url', ''), ('defaultFlexSlotsFree', 5),
                           ('defaultFlexSlotsPercent', 80), ('maxserver', 0), ('maxslots', 0), ('rootid', None),
                           ('addedby', 1), ('ssh2ip', None), ('ips', ''), ('connect_ip_only', 'N'),
                           ('externalID', ''), ('resellerid', 0)),
    'voice_server': (('id', None), ('description', None), ('active', 'Y'), ('iniConfiguration', None),
                     ('autoRestart', 'Y'), ('backup', 'Y'), ('lendserver', 'N'), ('userid', 0), ('masterserver', 0),
                     ('ip', ''), ('port', None), ('slots', 50), ('initialpassword', ''), ('password', 'Y'),
                     ('forcebanner', 'Y'), ('forcebutton', 'Y'), ('forceservertag', 'Y'), ('forcewelcome', 'Y'),
                     ('flexSlots', 'N'), ('flexSlotsFree', 10), ('flexSlotsPercent', 80), ('flexSlotsCurrent', 0),
                     ('max_download_total_bandwidth', 65536), ('max_upload_total_bandwidth', 65536),
                     ('localserverid', None), ('dns', None), ('voice_configuration', None), ('usedslots', 0),
                     ('uptime', None), ('maxtraffic', 2048), ('filetraffic', None), ('lastfiletraffic', None),
                     ('serverCreated', '2015-01-01'), ('queryName', None), ('queryNumplayers', 0),
                     ('queryMaxplayers', 0), ('queryUpdatetime', None), ('queryPassword', 'Y'), ('notified', 0),
                     ('externalID', ''), ('sourceSystemID', None), ('jobPending', 'N'), ('resellerid', 0)),
    'mysql_external_servers': (('id', None), ('active', 'Y'), ('ip', ''), ('port', 3306), ('user', None),
                               ('max_databases', 100), ('interface', None), ('max_queries_per_hour', 0),
                               ('max_updates_per_hour', 0), ('max_connections_per_hour', 0),
                               ('max_userconnections_per_hour', 0), ('description', None), ('externalID', ''),
                               ('resellerid', 0)),
    'mysql_external_dbs': (('id', None), ('active', 'Y'), ('sid', 0), ('uid', 0), ('dbname', ''),
                           ('description', None), ('password_decrypted', None), ('ips', ''),
                           ('manage_host_table', 'N'), ('max_databases', 100), ('max_queries_per_hour', 0),
                           ('max_updates_per_hour', 0), ('max_connections_per_hour', 0),
                           ('max_userconnections_per_hour', 0), ('externalID', ''), ('jobPending', 'N'),
                           ('resellerid', 0)),
    'voice_tsdns': (('id', None), ('active', 'Y'), ('max_dns', 0), ('defaultdns', ''), ('ssh2ip', ''),
                    ('ssh2port_decrypted', None), ('publickey', 'N'), ('description', None), ('externalID', ''),
                    ('resellerid', 0)),
    'voice_dns': (('dnsID', None), ('active', 'Y'), ('dns', None), ('ip', None), ('port', None), ('tsdnsID', 0),
                  ('userID', 0), ('jobPending', 'N'), ('externalID', ''), ('resellerID', 0)),
    'webMaster': (('webMasterID', None), ('active', 'Y'), ('usageType', 'W'), ('ip', ''), ('port', 22),
                  ('user_decrypted', None), ('maxVhost', 0), ('maxHDD', 0), ('hddOverbook', 'N'),
                  ('overbookPercent', 0), ('defaultdns', ''), ('phpConfiguration', ''), ('description', None),
                  ('externalID', ''), ('resellerID', 0)),
    'webVhost': (('webVhostID', None), ('webMasterID', 0), ('userID', 0), ('defaultDomain', None), ('active', 'Y'),
                 ('jobPending', 'N'), ('hdd', 0), ('hddUsage', 0), ('ftpUser', None), ('ftpPassword_decrypted', None),
                 ('ownVhost', 'N'), ('phpConfiguration', None), ('description', None), ('externalID', None),
                 ('resellerID', 0)),
}
# the primary key of the tables whose key is not `id`
KEYS = {'voice_dns': 'dnsID', 'webMaster': 'webMasterID', 'webVhost': 'webVhostID'}
INT_COLUMNS = {'id', 'maxslots', 'maxserver', 'ram', 'resellerid', 'serverid', 'servertypeid', 'portStep',
               'portMax', 'portOne', 'portTwo', 'portThree', 'portFour', 'portFive', 'userid', 'rootID', 'slots',
               'minram', 'maxram', 'hdd', 'queryNumplayers', 'queryMaxplayers', 'switchID', 'servertype',
               'defaultFlexSlotsFree', 'defaultFlexSlotsPercent', 'rootid', 'addedby', 'masterserver',
               'flexSlotsFree', 'flexSlotsPercent', 'flexSlotsCurrent', 'max_download_total_bandwidth',
               'max_upload_total_bandwidth', 'localserverid', 'usedslots', 'uptime', 'maxtraffic', 'filetraffic',
               'lastfiletraffic', 'notified', 'max_databases', 'max_queries_per_hour', 'max_updates_per_hour',
               'max_connections_per_hour', 'max_userconnections_per_hour', 'sid', 'uid', 'max_dns', 'dnsID', 'tsdnsID',
               'userID', 'resellerID', 'webMasterID', 'webVhostID', 'maxVhost', 'maxHDD', 'overbookPercent',
               'hddUsage'} | set(PORTS)
ROOT_INT_COLUMNS = {'cores'}  # a number of cores there; a core list (text) in gsswitch
# columns whose value other tables show by join (state() only)
JOINED = {'serverlist': ('shorten', 'servertype'), 'rservermasterg': ('shorten', 'servertypeid')}

CSS_CMD = ('./%binary% -game cstrike -ip %ip% -port %port% -hostport %port% +maxplayers %slots% +map %map% '
           '+tv_port %tvport% +tv_maxclients 1 +clientport %port3% -nobreakpad')
CS2_CMD = ('./%binary% -dedicated -usercon +ip %ip% +hostport %port% +clientport %port3% '
           '-maxplayers_override %slots% +mapgroup %mapgroup% +map %map%')
MC_CMD = 'java -Xmx%maxram%M -Xms%minram%M -jar %binary% --port %port% --nogui'
TEMPLATES = [
    dict(id=1, shorten='css', description='Counter-Strike: Source', portStep=10, portMax=4, portOne=27015,
         portTwo=27016, portThree=27017, portFour=27018, portFive=27019, map='de_dust2', cmd=CSS_CMD, tic='66',
         fps='67'),
    dict(id=2, shorten='cstrike', description='Counter-Strike 1.6', portStep=10, portMax=2, portOne=27015,
         portTwo=27016),
    dict(id=14, shorten='tf', description='Team Fortress 2', portStep=10, portMax=2, portOne=27015, portTwo=27016),
    dict(id=18, shorten='cs2', description='Counter-Strike 2 (Steam Account needed)', portStep=10, portMax=1,
         portOne=27015, map='de_dust2', cmd=CS2_CMD, modcmd='Classic Casual'),
    dict(id=21, shorten='mc', description='Minecraft', portStep=10, portMax=2, portOne=25565, portTwo=25566,
         cmd=MC_CMD),
]
ROOTS = [
    dict(id=1, active='Y', ip='192.0.2.10', altips='192.0.2.11', description='root A', maxslots=64, maxserver=5,
         ram=8192, cores=4, externalID='rootA'),
    dict(id=2, active='Y', ip='192.0.2.20', description='root B', maxslots=32, maxserver=3, ram=4096, cores=2,
         externalID='rootB'),
    dict(id=3, active='N', ip='192.0.2.30', description='root C', maxslots=32, maxserver=5, ram=4096, cores=2,
         externalID='rootC'),
]
MASTERS = [dict(id=number, serverid=root, servertypeid=template) for number, (root, template) in
           enumerate([(1, 1), (1, 18), (1, 21), (2, 1), (2, 18), (3, 14)], start=1)]
VOICE_MASTER = dict(id=1, active='Y', type='ts3', usedns='N', maxserver=5, maxslots=100, rootid=0, addedby=2,
                    ssh2ip='192.0.2.50', ips='', connect_ip_only='N', externalID='voA', defaultname='Easy-WI TS3')
MYSQL_HOST = dict(id=1, active='Y', ip='192.0.2.40', port=3306, max_databases=10, externalID='myA')
TSDNS_MASTER = dict(id=1, active='Y', max_dns=10, defaultdns='ts.example.org', ssh2ip='192.0.2.55',
                    description='tsdns A', externalID='tsA')
# rows the recording wrote straight into the database carry these besides what it shows
RECORDED_ROW_EXTRAS = {'voice_masterserver': {'defaultname': 'Easy-WI TS3'}}


class MailerFatal(Exception):
    """jobs.php ends with a PHP fatal while it sends an e-mail: the job being run stays open (file 25, 27)."""

    def __init__(self, done):
        super().__init__('Cannot declare class PHPMailer')
        self.done = list(done)


class NotSimulated(Exception):
    """A request the simulator does not model (answered with HTTP 501)."""


# --- PHP semantics beyond webiface.py --------------------------------------------------------------

def truthy(value):
    """PHP's boolean value of a scalar or array."""
    return value not in (None, False, '', '0', 0, [])


def php_number(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and is_numeric(value):
        number = float(value)
        return int(number) if number.is_integer() else number
    return None


def php_equal(left, right):
    """PHP 8 `==` between the strings, integers, null and false these scripts compare."""
    if isinstance(left, bool) or isinstance(right, bool):
        return truthy(left) == truthy(right)
    if left is None or right is None:
        other = right if left is None else left
        return other == '' if isinstance(other, str) else not truthy(other)
    left_number, right_number = php_number(left), php_number(right)
    if left_number is not None and right_number is not None:
        return left_number == right_number
    return str(left) == str(right)


def php_in(value, items):
    return any(php_equal(value, item) for item in items)


def isid(value, length):
    """isid(): the value when it is a number of at most `length` characters, else False."""
    if isinstance(value, list) or value is None or value is False:
        return False
    text = str(value)
    return value if len(text) <= length and (isinstance(value, int) or is_numeric(text)) else False


def valid_port(value):
    """port() as a condition: 1 to 65535 without leading zeros (its "0" is a false value)."""
    text = '' if value is None else str(value)
    return re.fullmatch(r'[1-9]\d{0,3}|[1-5]\d{4}|6[0-5][0-5]([0-2]\d|3[0-5])', text) is not None


def valid_cores(value):
    return isinstance(value, str) and re.fullmatch(r'[0-9,]+', value) is not None


def gamestring(value):
    return isinstance(value, str) and re.fullmatch(r'[\w.\-]+', value, re.ASCII) is not None


def valid_ip4(value):
    parts = str(value or '').split('.')
    return len(parts) == 4 and all(part.isdigit() and int(part) <= 255 and str(int(part)) == part for part in parts)


def as_list(value):
    """(array) of a request value: a repeated element is already a list."""
    return value if isinstance(value, list) else [value]


def install_paths(text):
    """parse_ini_string() of a root's install_paths: {label: {key: value}} ('[label]' then 'key=value')."""
    sections, current = {}, None
    for line in (text or '').splitlines():
        line = line.strip()
        if line.startswith('[') and line.endswith(']'):
            current = sections.setdefault(line[1:-1], {})
        elif '=' in line and current is not None:
            key, value = line.split('=', 1)
            current[key.strip()] = value.strip().strip('"')
    return sections


def home_labels(root):
    """(labels with a path, the default label) of a root."""
    sections = install_paths(root['install_paths'])
    default = next((label for label, values in sections.items() if values.get('default') == '1'), 'home')
    return {label for label, values in sections.items() if 'path' in values}, default


def pretty(root, children, content_type=XML_TYPE):
    """A formatOutput DOMDocument; empty lists become self-closed elements, an empty root `<root/>`."""
    def strip(items):
        return [(name, (strip(value) or '') if isinstance(value, list) else value) for name, value in items]

    if not children:
        return 200, '<?xml version="1.0" encoding="utf-8"?>\n<%s/>\n' % root, content_type
    return 200, dom_document(root, strip(children)), content_type


class GameHosting:
    """The tables behind the three API types of one simulated panel (reseller 0 only)."""

    def __init__(self, sim, seed):
        if seed not in ('demo', 'recording', 'empty'):
            raise ValueError('gserver_seed must be demo, recording or empty, not %r' % seed)
        self.sim = sim
        self.tables = {name: {} for name in TABLES}
        self.next_ids = {name: 1 for name in TABLES}
        # what the job runner meets (control runner_conditions; files 25-28): host IPs that refuse connections, and
        # whether the second e-mail of one jobs.php process is a PHP fatal (PHPMailer declared twice)
        self.unreachable = set()
        self.second_mail_fatal = False
        self.mails_sent = 0  # in the current jobs.php process
        # what the runner made on each MySQL master, {ip: {'databases', 'accounts', 'grants'}} (files 25)
        self.masters = {}
        self.put_rows('servertypes', TEMPLATES)
        if seed != 'empty':
            self.put_rows('rserverdata', ROOTS)
            self.put_rows('rservermasterg', MASTERS)
        if seed == 'demo':
            self.put_rows('voice_masterserver', [VOICE_MASTER])
            self.put_rows('mysql_external_servers', [MYSQL_HOST])
            self.put_rows('voice_tsdns', [TSDNS_MASTER])

    # --- rows ----------------------------------------------------------------------------------------
    def rows(self, table, **match):
        """The rows of a table in primary key order, optionally those whose columns equal `match`."""
        return [row for dummy, row in sorted(self.tables[table].items())
                if all(row[column] == value for column, value in match.items())]

    def insert(self, table, **values):
        row = dict(TABLES[table])
        row.update(values)
        row[KEYS.get(table, 'id')] = self.next_ids[table]
        self.next_ids[table] += 1
        self.tables[table][self.next_ids[table] - 1] = row
        return row

    def put_rows(self, table, rows):
        """Write rows straight into a table: a row with a new id is inserted (the table's defaults for columns
        left out), one with a known id gets the columns given."""
        if table not in TABLES:
            raise KeyError(table)
        extras = RECORDED_ROW_EXTRAS.get(table, {})
        key = KEYS.get(table, 'id')
        for given in rows:
            row = self.tables[table].get(self._typed(table, key, given[key]))
            if row is None:
                row = dict(TABLES[table])
                row.update(extras)
            row.update({column: self._typed(table, column, value) for column, value in given.items()
                        if column in row})
            self.tables[table][row[key]] = row
            self.next_ids[table] = max(self.next_ids[table], row[key] + 1)

    @staticmethod
    def _typed(table, column, value):
        integer = column in INT_COLUMNS or table == 'rserverdata' and column in ROOT_INT_COLUMNS
        if integer and isinstance(value, str) and re.fullmatch(r'-?\d+', value):
            return int(value)
        return value

    def store_enum(self, value):
        """An enum('Y','N') column given a value (non-strict: '' for anything else; strict: an SQL error)."""
        stored = enum_value(value if value is not False else '')
        if stored == '' and self.sim.strict_sql:
            raise PhpFatal('Data truncated for an enum column')
        return stored

    def store_int(self, value, maximum=4294967295):
        """An unsigned integer column given a PHP value (non-strict: rounded and clipped)."""
        number = php_number(value)
        if number is None or not 0 <= number <= maximum:
            if self.sim.strict_sql:
                raise PhpFatal('Incorrect or out of range integer value')
            number = 0 if number is None else min(max(number, 0), maximum)
        return int(round(number))

    def user(self, column, value, first=True):
        """`SELECT id, cname FROM userdata WHERE column=? AND resellerid=0` (any account type)."""
        found = self.sim._lookup(column, value)
        if not found:
            return None
        return found[0] if first else found[-1]

    def queue(self, job_type, action, host_id, affected_id, user_id, name, extra=None, api='A', invoiced_by=0):
        """A jobs row (the job ids are shared with the user jobs)."""
        job_id = self.sim.next_job_id
        self.sim.next_job_id += 1
        self.sim.jobs[job_id] = {'jobID': job_id, 'hostID': host_id, 'affectedID': affected_id, 'userID': user_id,
                                 'invoicedByID': invoiced_by, 'api': api, 'type': job_type, 'name': name,
                                 'status': None, 'action': action, 'date': self.sim._now(), 'extraData': extra,
                                 'resellerID': 0}

    def pending_jobs(self, **match):
        return [job for dummy, job in sorted(self.sim.jobs.items()) if job['status'] in (None, 1)
                and all(job[column] == value for column, value in match.items())]

    @staticmethod
    def cancel(jobs):
        for job in jobs:
            job['status'] = 2

    def used_ports(self, ips):
        """usedPorts(): (ip, ports) of the first port count met among the IPs, the last IP having it."""
        by_count = {}
        for ip in ips:
            ports = {row[column] for row in self.rows('gsswitch', serverip=ip) for column in PORTS
                     if valid_port(row[column])}
            ports |= {row['port'] for row in self.rows('voice_server', ip=ip) if valid_port(row['port'])}
            by_count[len(ports)] = (ip, sorted(ports))
        return next(iter(by_count.values())) if by_count else (None, [])

    def template(self, shorten):
        return next((row for row in self.rows('servertypes') if sql_equal(row['shorten'], shorten)), None)

    def install_game(self, server_id, template):
        """A serverlist row: the template's start settings copied for one game server."""
        copied = ('map', 'mapGroup', 'cmd', 'modcmd', 'tic', 'fps', 'gamemod', 'gamemod2')
        return self.insert('serverlist', servertype=template['id'], switchID=server_id, resellerid=0,
                           **{column: template[column] for column in copied})

    def games_of(self, server_id):
        """[(serverlist id, shorten or None)] of a game server, in row order."""
        return [(row['id'], (self.tables['servertypes'].get(row['servertype']) or {}).get('shorten'))
                for row in self.rows('serverlist', switchID=server_id)]

    # --- api.php ---------------------------------------------------------------------------------------
    def api(self, api_type, data, kind):
        calls = {'gserver': GserverCall, 'voice': VoiceCall, 'mysql': MysqlCall, 'tsdns': TsdnsCall, 'web': WebCall}
        try:
            return calls[api_type](self, data, kind).run()
        except NotSimulated as missing:
            return 501, 'simulator: %s' % missing, 'text/plain'

    def list_api(self, data, kind):
        """api_list.php: the host lists, each kind only when asked (or none asked)."""
        if data.get('action') != 'ls':
            return 200, '', HTML_TYPE
        if kind == 'json':
            return 200, '', JSON_TYPE  # the JSON branch echoes nothing
        asked = data.get('type')
        limit = asked if isinstance(asked, list) and asked else ([asked] if isinstance(asked, str) else None)
        kinds = ('gameServer', 'mysqlServer', 'tsdnsServer', 'voiceServer', 'webspaceServer')
        if limit is not None and not any(name in limit for name in kinds):
            return 200, '<?xml version="1.0" encoding="utf-8"?>\n', XML_TYPE  # the root is never appended
        wanted = [name for name in kinds if limit is None or name in limit]
        hosts = []
        if 'gameServer' in wanted:
            hosts += [('gameServer', self.root_entry(row, 'hide_numeric_')) for row in self.roots_with_room()]
        if 'mysqlServer' in wanted:
            hosts += [('mysqlServer', self.mysql_host_entry(row)) for row in self.mysql_host_rows()]
        if 'voiceServer' in wanted:
            hosts += [('voiceServer', self.voice_master_entry(row)) for row in self.voice_master_rows()]
        types = ','.join(element_text(name) for name in limit) if limit is not None else 'all'
        return pretty('server', [('types', types), ('server', hosts)])

    # --- host lists -------------------------------------------------------------------------------------
    def root_usage(self, root):
        servers = self.rows('gsswitch', rootID=root['id'])
        slots = sum(row['slots'] or 0 for row in servers) if servers else None
        ram = sum(row['maxram'] or 0 for row in servers) if servers else None
        return {'freeserver': None if root['maxserver'] is None else root['maxserver'] - len(servers),
                'installedserver': len(servers),
                'leftslots': None if root['maxslots'] is None or slots is None else root['maxslots'] - slots,
                'installedslots': slots,
                'free_ram': None if root['ram'] is None or ram is None else root['ram'] - ram}

    def roots_with_room(self):
        """Active roots of reseller 0 with a free server place and a free slot, most free places first."""
        found = []
        for root in self.rows('rserverdata'):
            usage = self.root_usage(root)
            if root['active'] == 'Y' and root['resellerid'] == 0 and \
                    (usage['freeserver'] is None or usage['freeserver'] > 0) and \
                    (usage['leftslots'] is None or usage['leftslots'] > 0):
                found.append(dict(root, **usage))
        return sorted(found, key=lambda row: -row['freeserver'] if row['freeserver'] is not None else float('inf'))

    def root_entry(self, row, numeric_prefix=None):
        games = []
        for master in self.rows('rservermasterg', serverid=row['id']):
            template = self.tables['servertypes'].get(master['servertypeid'])
            if template is None:
                continue
            name = template['shorten']
            if name[:1].isdigit():
                if numeric_prefix is None:
                    raise PhpFatal('DOMException: invalid element name %s' % name)
                name = numeric_prefix + name
            games.append((name, element_text(template['description'])))
        return [(column, element_text(row[column])) for column in ROOT_LIST] + [('gamesavailable', games)]

    def voice_master_rows(self):
        rows = []
        for master in self.rows('voice_masterserver'):
            if master['active'] != 'Y' or master['resellerid'] != 0:
                continue
            servers = self.rows('voice_server', masterserver=master['id'])
            rows.append(dict(master, installedserver=len(servers),
                             installedslots=sum(row['slots'] for row in servers) if servers else None,
                             uslots=sum(row['usedslots'] or 0 for row in servers) if servers else None))
        return rows

    @staticmethod
    def voice_master_entry(row):
        return [(column, element_text(row[column])) for column in VOICE_MASTER_LIST]

    def mysql_host_rows(self):
        return [dict(host, installed=len(self.rows('mysql_external_dbs', sid=host['id'])))
                for host in self.rows('mysql_external_servers') if host['active'] == 'Y' and host['resellerid'] == 0]

    @staticmethod
    def mysql_host_entry(row):
        return [('id', str(row['id'])), ('externalID', element_text(row['externalID'])),
                ('ssh2ip', element_text(row['ip'])), ('description', element_text(row['interface'])),
                ('maxDBs', element_text(row['max_databases'])), ('dbsInstalled', str(row['installed']))]

    # --- the owner's type=user ls ------------------------------------------------------------------------
    def owner_listing(self, user_id, details_only):
        """{gserver, voice, mysql, tsdns, webspace}: the rows `type=user ls` shows of the user's servers."""
        listing = {'gserver': [], 'voice': [], 'mysql': [], 'tsdns': [], 'webspace': []}
        if details_only:
            return listing
        servers = sorted(self.rows('gsswitch', userid=user_id, resellerid=0),
                         key=lambda row: (row['serverip'], row['port'] or 0))
        for server in servers:
            row = {column: server[column] for column in OWNER_GSERVER_COLUMNS}
            row['shorten'] = ','.join(name for dummy, name in self.games_of(server['id']) if name is not None)
            listing['gserver'].append(row)
        listing['voice'] = [{column: row[column] for column in OWNER_VOICE_COLUMNS}
                            for row in self.rows('voice_server', userid=user_id, resellerid=0)]
        listing['mysql'] = [{column: row[column] for column in OWNER_MYSQL_COLUMNS}
                            for row in self.rows('mysql_external_dbs', uid=user_id, resellerid=0)]
        listing['webspace'] = [{'webVhostID': row['webVhostID'], 'active': row['active'], 'hdd': row['hdd'],
                                'hddUsage': row['hddUsage'], 'dns': row['defaultDomain'],
                                'externalID': row['externalID']}
                               for row in self.rows('webVhost', userID=user_id, resellerID=0)]
        return listing

    @staticmethod
    def owner_listing_xml(listing):
        """array2xml() of the lists: <gserver><key0>...</key0></gserver>, an empty list `<gserver/>`."""
        parts = []
        for name, rows in listing.items():
            if not rows:
                parts.append('<%s/>' % name)
                continue
            keys = ''.join('<key%d>%s</key%d>' % (number, ''.join(
                '<%s>%s</%s>' % (column, ascii_xml('' if value is None else str(value)), column)
                for column, value in row.items()), number) for number, row in enumerate(rows))
            parts.append('<%s>%s</%s>' % (name, keys, name))
        return ''.join(parts)

    # --- the job runner ---------------------------------------------------------------------------------
    def run_jobs(self, log, user_jobs):
        """jobs.php after its user jobs (`user_jobs`, just applied by the caller): the server jobs they fan out
        and every pending vo, my and gs job, with all hosts reachable. Appends the "Last job" texts to `log`;
        returns the ids of the jobs it finished."""
        for job in user_jobs:
            if job['action'] == 'dl':  # updateStates('dl', 'us'): the user's other pending jobs go
                self.cancel([other for other in self.pending_jobs(userID=job['userID']) if other['type'] != 'us'])
        for action in ('dl', 'ad', 'md'):  # updateStates(action): that job wins over the object's others
            objects = {(job['type'], job['affectedID']) for job in self.pending_jobs(action=action)
                       if job['type'] in ('gs', 'vo', 'ds', 'my', 'wv')}
            for job_type, affected in sorted(objects):
                newest = max(job['jobID'] for job in self.sim.jobs.values()
                             if (job['type'], job['affectedID'], job['action']) == (job_type, affected, action))
                self.cancel([job for job in self.pending_jobs(type=job_type, affectedID=affected)
                             if job['jobID'] != newest])
        for job in user_jobs:
            self.fan_out(job)
        processed = []
        self.mails_sent = 0
        try:
            for run in (self.run_voice_jobs, self.run_tsdns_jobs, self.run_mysql_jobs, self.run_gserver_jobs,
                        self.run_webspace_jobs):
                processed += run(log)
        except MailerFatal as fatal:  # the process ends: the jobs after it wait for the next pass
            return processed + fatal.done
        self.remove_orphans()
        return processed

    def send_mail(self, done):
        """The "installed" e-mail of a new database or game server; the second of one process may be fatal."""
        self.mails_sent += 1
        if self.second_mail_fatal and self.mails_sent == 2:
            raise MailerFatal(done)

    def fan_out(self, user_job):
        """jobs_user.php: one job per server of the user, then jobPending Y on the user's servers."""
        user_id, sources = user_job['affectedID'], (
            ('gs', 'gsswitch', 'userid', 'rootID', lambda row: '%s:%s' % (row['serverip'], row['port'])),
            ('vo', 'voice_server', 'userid', 'masterserver', lambda row: '%s:%s' % (row['ip'], row['port'])),
            ('ds', 'voice_dns', 'userID', 'tsdnsID', lambda row: '%s:%s %s' % (row['ip'], row['port'], row['dns'])),
            ('my', 'mysql_external_dbs', 'uid', 'sid', lambda row: row['dbname']))
        for job_type, table, owner, host, name in sources:
            for row in self.rows(table, **{owner: user_id}):
                self.queue(job_type, user_job['action'], row[host], row[KEYS.get(table, 'id')], user_id, name(row),
                           user_job['extraData'], api='S', invoiced_by=user_job['invoicedByID'])
        for table, owner in (('gsswitch', 'userid'), ('mysql_external_dbs', 'uid'), ('voice_server', 'userid')):
            for row in self.rows(table, **{owner: user_id, 'resellerid': 0}):
                row['jobPending'] = 'Y'

    def jobs_by_host(self, job_type):
        hosts = sorted({job['hostID'] for job in self.pending_jobs(type=job_type)})
        return [job for host in hosts for job in self.pending_jobs(type=job_type, hostID=host)]

    def run_voice_jobs(self, log):
        done = []
        for job in self.jobs_by_host('vo'):
            server = self.tables['voice_server'].get(job['affectedID'])
            created = server is not None and truthy(server['localserverid'])
            if job['action'] == 'dl' and created:
                del self.tables['voice_server'][server['id']]
                job['status'] = 3
                log.append('Delete voiceserverID: %s name:%s' % (job['affectedID'], job['name']))
            elif job['action'] == 'ad' and server is not None:
                if created:
                    job['status'] = 2
                    log.append('Add voiceserverID: %s; Skipping, virtual ID already exists in Easy-WI DB: %s' % (
                        job['affectedID'], server['localserverid']))
                else:
                    siblings = self.rows('voice_server', masterserver=server['masterserver'])
                    server['localserverid'] = max([row['localserverid'] or 0 for row in siblings]) + 1
                    server['jobPending'] = 'N'
                    # "UPDATE jobs SET status=3 WHERE affectedID=? AND type='vo' LIMIT 1": the server's first vo job
                    next(other for dummy, other in sorted(self.sim.jobs.items())
                         if other['type'] == 'vo' and other['affectedID'] == job['affectedID'])['status'] = 3
                    log.append('Add voiceserverID: %s; Name:%s' % (job['affectedID'], job['name']))
            elif job['action'] == 'md' and created:
                job['status'] = 3
                server['jobPending'] = 'N'
                log.append('Modify voiceserverID: %s name:%s' % (job['affectedID'], job['name']))
            elif not created:
                job['status'] = 2
                log.append('Error: can not find voiceserver')
            else:
                log.append('Error: unknown command')
            if job['status'] in (2, 3):
                done.append(job['jobID'])
        return done

    def run_tsdns_jobs(self, log):
        """jobs_tsdns.php: every ds job of an existing entry is done whether its host answers or not (file 28):
        jobPending N, a dl deletes the row; it prints no "Last job" line. A job whose entry is gone stays pending
        (code)."""
        done = []
        for job in self.jobs_by_host('ds'):
            entry = self.tables['voice_dns'].get(job['affectedID'])
            if entry is None:
                continue
            if job['action'] == 'dl':
                del self.tables['voice_dns'][entry['dnsID']]
            else:
                entry['jobPending'] = 'N'
            job['status'] = 3
            done.append(job['jobID'])
        return done

    def run_mysql_jobs(self, log):
        """jobs_mysql.php: an ad creates the database and its login (sqlN@localhost, the row's limits) with a
        grant, and sends an e-mail; a dl drops the database only (login and grant stay); md changes nothing on the
        master. An unreachable master counts as done (file 25)."""
        done = []
        for job in self.jobs_by_host('my'):
            host = self.tables['mysql_external_servers'].get(job['hostID'])
            if host is None:
                continue
            database = self.tables['mysql_external_dbs'].get(job['affectedID'])
            reachable = not self.refuses(host['ip'], 3306)  # the runner ignores the master's port
            if database is not None:
                verb = {'dl': 'Delete', 'ad': 'Add'}.get(job['action'], 'Modify')
                master = self.masters.setdefault(host['ip'], {'databases': set(), 'accounts': {}, 'grants': set()})
                if job['action'] == 'ad' and reachable:
                    master['databases'].add(database['dbname'])
                    master['accounts'][database['dbname']] = database
                    master['grants'].add(database['dbname'])
                    self.send_mail(done)
                elif job['action'] == 'dl' and reachable:
                    master['databases'].discard(database['dbname'])
                log.append('%s MySQLDBID: %s DBName: %s' % (verb, job['affectedID'], database['dbname']))
                if job['action'] == 'dl':
                    del self.tables['mysql_external_dbs'][database['id']]
            job['status'] = 3
            done.append(job['jobID'])
        return done

    def master_tables(self):
        """What the reachable MySQL masters hold of the sql* names, as the recording of file 25 reads them."""
        databases, accounts, grants = set(), [], []
        for master in self.masters.values():
            databases |= master['databases']
            for name, row in sorted(master['accounts'].items()):
                accounts.append({'User': name, 'Host': 'localhost', 'max_questions': str(row['max_queries_per_hour']),
                                 'max_updates': str(row['max_updates_per_hour']),
                                 'max_connections': str(row['max_connections_per_hour']),
                                 'max_user_connections': str(row['max_userconnections_per_hour'])})
            grants += [{'Db': name, 'User': name, 'Host': 'localhost', 'Select_priv': 'Y', 'Insert_priv': 'Y',
                        'Create_priv': 'Y', 'Drop_priv': 'Y'} for name in sorted(master['grants'])]
        return {'mariadb_databases_sql_prefix': sorted(databases),
                'mariadb_accounts_sql_prefix': sorted(accounts, key=lambda row: row['User']),
                'mariadb_db_grants_sql_prefix': sorted(grants, key=lambda row: row['Db'])}

    def run_gserver_jobs(self, log):
        done = []
        for job in self.jobs_by_host('gs'):
            server = self.tables['gsswitch'].get(job['affectedID'])
            extra = json.loads(job['extraData']) if job['extraData'] else None
            if server is None:
                job['status'] = 2
                log.append('Error: can not find gsswitchID')
            else:
                self.repair_start_game(server)
                label = 'gsswitchID: %s name:%s gsswitchID:%s' % (server['id'], job['name'], server['id'])
                if job['action'] == 'dl':
                    del self.tables['gsswitch'][server['id']]
                    job['status'] = 3
                    log.append('Delete ' + label)
                elif job['action'] == 'ad' or job['action'] == 'md' and isinstance(extra, dict):
                    if job['action'] == 'ad':
                        self.send_mail(done)
                    if job['action'] == 'md':
                        new_port = extra.get('newPort')
                        if new_port not in (None, '') and not php_equal(new_port, server['port']):
                            server['port'] = self.store_int(new_port, 65535)
                        label = label.replace('name:', 'name: ')
                    server['jobPending'] = 'N'
                    job['status'] = 3
                    log.append(('Add ' if job['action'] == 'ad' else 'Modify ') + label)
                elif job['action'] in ('re', 'st'):
                    server['stopped'] = 'N' if job['action'] == 're' else 'Y'
                    job['status'] = 3
                    verb = '(Re)Start' if job['action'] == 're' else 'Stop'
                    log.append('%s gsswitchID: %s name: %s' % (verb, server['id'], job['name']))
                else:
                    job['status'] = 2
                    log.append('Error: unknown command')
            done.append(job['jobID'])
        return done

    def run_webspace_jobs(self, log):
        """The wv jobs (jobs.php's "Fastdownload" step): a web master that refuses its SSH connection leaves its jobs
        pending with status 1 and prints one line per host (files 26-28). What a reachable host does was not recorded;
        the simulator counts its jobs as done (jobPending N)."""
        done = []
        for host_id in sorted({job['hostID'] for job in self.pending_jobs(type='wv')}):
            host = self.tables['webMaster'].get(host_id)
            jobs = self.pending_jobs(type='wv', hostID=host_id)
            if host is None or self.refuses(host['ip'], host['port']):
                for job in jobs:
                    job['status'] = 1
                log.append('cannot connect to web host with ID: %s' % host_id)
                continue
            for job in jobs:
                vhost = self.tables['webVhost'].get(job['affectedID'])
                if vhost is not None:
                    vhost['jobPending'] = 'N'
                job['status'] = 3
                done.append(job['jobID'])
        return done

    def refuses(self, ip, port):
        """runner_conditions: a host refuses connections by its IP, or by IP and port (an SSH port)."""
        return ip in self.unreachable or '%s:%s' % (ip, port) in self.unreachable

    def repair_start_game(self, server):
        """The runner points a start game that no longer exists at the server's first game (code)."""
        games = [game_id for game_id, dummy in self.games_of(server['id'])]
        if server['serverid'] not in games and games:
            server['serverid'] = games[0]

    def remove_orphans(self):
        """jobs_user_rm.php's clean-up: rows of deleted users and the games of removed servers."""
        users = self.sim.users
        for table, owner in (('gsswitch', 'userid'), ('voice_server', 'userid'), ('mysql_external_dbs', 'uid')):
            for row in self.rows(table):
                if row[owner] not in users:
                    del self.tables[table][row['id']]
        for row in self.rows('serverlist'):
            if row['switchID'] not in self.tables['gsswitch']:
                del self.tables['serverlist'][row['id']]

    # --- state -------------------------------------------------------------------------------------------
    def state(self):
        """The tables as MariaDB returns them (strings or null), joined names where the recording shows them."""
        dump = {}
        for table in TABLES:
            rows = []
            for row in self.rows(table):
                shown = {column: (str(value) if isinstance(value, int) else value) for column, value in row.items()}
                if table in JOINED:
                    name, key = JOINED[table]
                    shown[name] = (self.tables['servertypes'].get(row[key]) or {}).get('shorten')
                rows.append(shown)
            dump[table] = rows
        dump['hosting_next_ids'] = dict(self.next_ids)
        dump.update(self.master_tables())
        return dump

    def load(self, dump):
        """Replace the tables a state() dump holds."""
        for table in TABLES:
            if table in dump:
                self.tables[table] = {}
                self.next_ids[table] = 1
                self.put_rows(table, dump[table])
        self.next_ids.update(dump.get('hosting_next_ids', {}))

    def control(self, name, payload):
        if name == 'put_rows':
            self.put_rows(payload['table'], payload['rows'])
            return {'ok': True}
        if name == 'runner_conditions':
            self.unreachable = set(payload.get('unreachable', []))
            self.second_mail_fatal = bool(payload.get('second_mail_fatal'))
            return {'ok': True}
        raise KeyError(name)


class Call:
    """One request to an api_*.php script: the reply variables start as the script initialises them."""

    reply_fields = ()

    def __init__(self, hosting, data, kind):
        self.hosting = hosting
        self.sim = hosting.sim
        self.data = data
        self.kind = kind
        self.reply = dict.fromkeys(self.reply_fields, '')
        self.errors = []
        self.changed = False

    def isset(self, key):
        return self.data.get(key) is not None

    def data_exist(self, key):
        """dataExist(): the element named by `key` is present and not empty."""
        named = self.data.get(key)
        if isinstance(named, list):
            raise PhpFatal('Illegal offset type')
        return named is not None and not is_bad(self.data.get(named)) if isinstance(named, str) else False

    def missing_keys(self, keys):
        self.errors += ['Data key does not exist: %s' % key for key in keys if key not in self.data]

    def lookup_column(self, mapping, key):
        """The column an identify_*_by value names; any other value pastes an unknown column into SQL."""
        column = mapping.get(self.data.get(key))
        if column is None:
            raise PhpFatal('Unknown column in where clause')
        return column, self.data[self.data[key]]

    def owner(self, first=True):
        """The user the identify_user_by element names (None when not found), the reply's username updated."""
        column, value = self.lookup_column(USER_LOOKUP, 'identify_user_by')
        user = self.hosting.user(column, value, first)
        if user is not None:
            self.reply['username'] = user['cname']
        return user

    def echo_identification(self, local_length):
        data, reply = self.data, self.reply
        reply['identify_server_by'] = data.get('identify_server_by')
        reply['server_local_id'] = isid(data.get('server_local_id'), local_length)
        reply['server_external_id'] = check_external_id(data.get('server_external_id'))

    def echo_user(self, local_length):
        data, reply = self.data, self.reply
        reply['identify_user_by'] = data.get('identify_user_by')
        reply['user_localid'] = isid(data.get('user_localid'), local_length)
        reply['user_externalid'] = check_external_id(data.get('user_externalid'))
        reply['username'] = data.get('username')

    def master_ids(self):
        """The master_server_id filter of add (None: any master), failing like the script on what it cannot paste
        into its SQL (api_mysql.php, file 25; api_tsdns.php and api_web.php have the same code)."""
        data = self.data
        if self.isset('master_server_external_id') and not self.isset('master_server_id'):
            raise PhpFatal('implode(): the script passes a string where an array belongs')
        wanted = data.get('master_server_id')
        if self.isset('master_server_id') and not is_bad(wanted) and not isid(wanted, 19) and \
                not isinstance(wanted, list):
            raise PhpFatal('the master id is pasted into the SQL unquoted: an SQL error')
        return ([wanted] if truthy(isid(wanted, 19)) else as_list(wanted)) if self.isset('master_server_id') else None

    def xml(self, root, fields, extra=()):
        children = [(name, element_text(self.reply[name])) for name in fields] + list(extra)
        return 200, dom_document(root, children), XML_TYPE

    def finish(self, result, write_name):
        if self.changed:
            self.sim.record_write(write_name)
        return result


class GserverCall(Call):
    """api_gserver.php."""

    reply_fields = GSERVER_REPLY

    def __init__(self, hosting, data, kind):
        super().__init__(hosting, data, kind)
        self.reply['installGames'] = 'A'
        self.shorten = None  # the script's $shorten: a list, a string or null
        self.type_ids = []  # template ids of the requested games, repeats kept
        self.core_choice = None

    def run(self):
        data = self.data
        action = data.get('action')
        self.missing_keys(SERVER_KEYS)
        if 'action' in data and not php_equal(action, 'gs'):
            self.missing_keys(EDIT_KEYS)
        failed_keys = bool(self.errors)
        handler = {'add': self.add, 'mod': self.mod, 'del': self.delete, 'gs': self.restart}.get(
            action if isinstance(action, str) else None)
        if action == 'ls':
            return self.finish(self.ls(), 'gserver.ls')
        if handler is not None and not failed_keys:
            handler()
        else:
            self.errors.append('Not supported method or incomplete data')
        return self.finish(self.answer(), 'gserver.%s' % action)

    def answer(self):
        reply = self.reply
        if self.kind == 'json':
            values = dict(reply, shorten=self.shorten, action=None, errors=None)
            return 200, php_json_encode({name: values[name] for name in GSERVER_JSON}), JSON_TYPE
        reply['action'] = 'fail' if self.errors else 'success'
        reply['actionSend'] = self.data.get('action') or ''
        reply['errors'] = ', '.join(self.errors)
        games = [('shorten', element_text(name)) for name in self.shorten] if isinstance(self.shorten, list) else []
        return self.xml('gserver', GSERVER_REPLY, games)

    # --- add ---------------------------------------------------------------------------------------------
    def add(self):
        data, reply, hosting = self.data, self.reply, self.hosting
        if not (self.data_exist('identify_user_by') and truthy(isid(data.get('slots'), 11))):
            self.shorten = data.get('shorten')
            reply.update(active=check_active(data.get('active')), private=check_active(data.get('private')),
                         slots=isid(data.get('slots'), 11))
            self.echo_identification(21)
            self.echo_user(21)
            self.errors.append('Can not identify user or bad email' if not self.data_exist('identify_user_by')
                               else 'Slot amount needs to be specified')
            return
        self.shorten = as_list(data.get('shorten'))
        if not self.shorten:
            self.errors.append('No gameshorten(s) has been send')
            return
        reply.update(active=check_active(data.get('active')), private=check_active(data.get('private')),
                     slots=isid(data.get('slots'), 11))
        self.echo_identification(19)
        self.echo_user(21)
        password = data.get('initialpassword')
        reply['initialpassword'] = password if self.isset('initialpassword') and check_word(password, 50) and \
            len(password) > 1 else self.sim._random_text(PASSWORD_ALPHABET, 10)
        for flag in FLAGS:
            reply[flag] = data[flag] if self.isset(flag) and truthy(check_active(data[flag])) else 'N'
        reply['autoRestart'] = data['autoRestart'] if self.isset('autoRestart') and \
            truthy(check_active(data['autoRestart'])) else 'Y'
        for column, default in (('minram', 256), ('maxram', 512), ('hdd', 0)):
            reply[column] = data[column] if self.isset(column) and truthy(isid(data[column], 10)) else default
        user = self.owner()
        if user is not None:
            reply['ftpUser'] = user['cname']
        else:
            self.errors.append('user does not exist')
        games, template = self.templates_and_ports()
        if not self.errors and not is_bad(reply['server_external_id']) and any(
                sql_equal(row['externalID'], reply['server_external_id']) for row in hosting.rows('gsswitch')):
            self.errors.append('server with external ID already exists')
        root, ip, used = self.choose_root() if not self.errors else (None, None, [])
        if self.errors or not valid_ip4(ip):
            self.errors.append('Cannot find free root server with given shorten')
            return
        self.assign_ports(template, used)
        self.insert_server(user, root, ip, games)

    def templates_and_ports(self):
        """({sent name: template}, the template whose ports the server gets); an error per unknown game."""
        reply, primary = self.reply, self.data.get('primary')
        games, ports = {}, None
        for name in self.shorten:
            template = self.hosting.template(name) if name is not None else None
            if template is None:
                self.errors.append('image with the shorten %s does not exists' % element_text(name))
                continue
            if ports is None or template['portMax'] > ports['portMax'] or (
                    self.isset('primary') and gamestring(primary) and template['portMax'] <= ports['portMax']
                    and name == primary):
                ports = template
                for column, template_column in zip(PORTS, TEMPLATE_PORTS):
                    reply[column] = template[template_column]
            self.type_ids.append(template['id'])
            games[name] = template
        return games, ports

    def master_filter(self):
        """The root restriction master_server_id / master_server_external_id adds to the root query."""
        data = self.data
        if self.isset('master_server_id'):
            wanted = data['master_server_id']
            ids = [wanted] if truthy(isid(wanted, 19)) else as_list(wanted)
            if ids:
                if not all(value is not None and is_numeric(str(value)) for value in ids):
                    raise PhpFatal('SQL syntax error in the root id list')
                return lambda root: any(php_equal(root['id'], value) for value in ids)
        if self.isset('master_server_external_id'):
            wanted = data['master_server_external_id']
            names = [wanted] if check_external_id(wanted) not in ('', None) else as_list(wanted)
            if names:
                if any(value is not None and "'" in value for value in names):
                    raise PhpFatal('SQL syntax error in the root external id list')
                return lambda root: any(sql_equal(root['externalID'], value or '') for value in names)
        return lambda root: True

    def choose_root(self):
        """The root the add query finds, its IP and the ports used there: (root, ip, ports)."""
        hosting, reply = self.hosting, self.reply
        allowed = self.master_filter()
        slots, maxram = php_number(reply['slots']), php_number(reply['maxram'])
        candidates = []
        for root in hosting.rows('rserverdata'):
            usage = hosting.root_usage(root)
            masters = [row for row in hosting.rows('rservermasterg', serverid=root['id'])
                       if row['servertypeid'] in self.type_ids]
            if allowed(root) and root['active'] == 'Y' and root['resellerid'] == 0 and \
                    (usage['freeserver'] is None or usage['freeserver'] > 0) and \
                    (usage['leftslots'] is None or usage['leftslots'] > slots) and \
                    (usage['free_ram'] is None or usage['free_ram'] > maxram) and len(masters) == len(self.type_ids):
                candidates.append((usage['freeserver'], root))
        if not candidates:
            return None, None, []
        root = min(candidates, key=lambda item: -item[0] if item[0] is not None else float('inf'))[1]
        labels, default_label = home_labels(root)
        wanted_label = self.data.get('home_label') if self.isset('home_label') and \
            len(str(self.data['home_label'])) > 0 else default_label
        reply['home_label'] = wanted_label if wanted_label in labels else default_label
        reply['master_server_id'] = root['id']
        reply['master_server_external_id'] = root['externalID']
        ips = ([] if root['connect_ip_only'] == 'Y' else [root['ip']]) + \
            [ip for ip in (root['altips'] or '').split('\r\n') if ip]
        if self.isset('coreCount') and php_number(self.data['coreCount']) and php_number(self.data['coreCount']) > 0:
            self.core_choice = self.least_used_cores(root)
        ip, used = hosting.used_ports(ips)
        reply['ip'] = ip or ''
        return root, ip, used

    def least_used_cores(self, root):
        """coreCount at add: the least-used cores of the root (taskset servers share their cores)."""
        count = root['cores'] * (2 if root['hyperthreading'] == 'Y' else 1)
        usage = {core: 0 for core in range(count)}
        for server in self.hosting.rows('gsswitch', rootID=root['id'], resellerid=0):
            cores = (server['cores'] or '').split(',')
            if server['taskset'] == 'Y' and cores:
                for core in cores:
                    key = int(core) if core.isdigit() else core
                    usage[key] = (usage.get(key) or 0) + round(1 / len(cores), 2)
        wanted = php_number(self.data['coreCount'])
        chosen = []
        for core, dummy in sorted(usage.items(), key=lambda item: item[1]):
            chosen.append(str(core))
            if len(chosen) == count or len(chosen) == wanted:
                break
        return ','.join(chosen)

    def assign_ports(self, template, used):
        """The template's ports stepped until free; the request's port if free; port2..port5 wishes ignored."""
        data, reply = self.data, self.reply
        port_max, step = (template['portMax'], template['portStep']) if template else (0, 0)
        for number, column in enumerate(PORTS):
            if port_max <= number:
                break
            if self.isset(column) and valid_port(data[column]) and not php_in(data[column], used):
                reply['port'] = data.get('port')  # the script assigns `port`, whichever element it checked
            while reply[column] not in (None, '') and php_in(reply[column], used):
                reply[column] = php_number(reply[column]) + step

    def insert_server(self, user, root, ip, games):
        data, reply, hosting = self.data, self.reply, self.hosting
        if self.core_choice is not None:
            reply['cores'] = self.core_choice
        else:
            reply['cores'] = data['cores'] if self.isset('cores') and valid_cores(data['cores']) and \
                truthy(data['cores']) else ''
        if self.isset('installGames') and truthy(check_word(data['installGames'], 1)):
            reply['installGames'] = data['installGames']
        external = reply['server_external_id']
        server = hosting.insert(
            'gsswitch', active=hosting.store_enum(reply['active']), homeLabel=reply['home_label'],
            hdd=hosting.store_int(reply['hdd']), taskset=hosting.store_enum(reply['taskset']), cores=reply['cores'],
            userid=user['id'], pallowed=hosting.store_enum(reply['pallowed']),
            eacallowed=hosting.store_enum(reply['eacallowed']), serverip=ip, rootID=root['id'],
            tvenable=hosting.store_enum(reply['tvenable']), minram=hosting.store_int(reply['minram']),
            maxram=hosting.store_int(reply['maxram']), slots=hosting.store_int(reply['slots'], 65535),
            war=hosting.store_enum(reply['private']), brandname=hosting.store_enum(reply['brandname']),
            autoRestart=hosting.store_enum(reply['autoRestart']), ftppassword_decrypted=reply['initialpassword'],
            resellerid=0, externalID=external, serverid=1, stopped='Y',
            queryUpdatetime=self.sim._now(),
            **{column: None if reply[column] in (None, '') else hosting.store_int(reply[column], 65535)
               for column in PORTS})
        reply['server_local_id'] = str(server['id'])
        reply['ftpUser'] = '%s-%s' % (reply['ftpUser'], server['id'])
        start_game = None
        primary = data.get('primary')
        for name, template in games.items():
            game = hosting.install_game(server['id'], template)
            if start_game is None or self.isset('primary') and gamestring(primary) and name == primary:
                start_game = game['id']
            self.shorten = name  # the loop variable overwrites the game list: no <shorten> in the reply
        server['serverid'] = start_game
        reply['serverName'] = '%s:%s' % (ip, element_text(reply['port']))
        hosting.cancel(hosting.pending_jobs(type='gs', affectedID=server['id']))
        hosting.queue('gs', 'ad', root['id'], server['id'], user['id'], reply['serverName'],
                      php_json_encode({'installGames': reply['installGames']}))
        self.changed = True

    # --- mod ---------------------------------------------------------------------------------------------
    def mod(self):
        data, reply, hosting = self.data, self.reply, self.hosting
        self.echo_user(21)
        self.echo_identification(21)
        reply['initialpassword'] = data['initialpassword'] if self.isset('initialpassword') and \
            truthy(check_word(data['initialpassword'], 50)) else ''
        self.shorten = as_list(data['shorten']) if data.get('shorten') is not None else None
        if not self.data_exist('identify_server_by'):
            self.errors.append('No data for this method: %s' % element_text(data.get('action')))
            return
        column, value = self.lookup_column(SERVER_LOOKUP, 'identify_server_by')
        server = next((row for row in hosting.rows('gsswitch', resellerid=0) if sql_equal(row[column], value)
                       and row['rootID'] in hosting.tables['rserverdata'] and row['userid'] in self.sim.users), None)
        if server is None or server['slots'] is None:
            self.errors.append('No server can be found to edit')
            return
        if self.isset('coreCount') and php_number(data['coreCount']) and php_number(data['coreCount']) > 0 and \
                not php_equal(data['coreCount'], len([core for core in server['cores'].split(',') if core])):
            raise NotSimulated('gserver mod with coreCount (6.2.5 overwrites the server row in that branch)')
        self.modify(server)

    def modify(self, server):
        data, reply, hosting = self.data, self.reply, self.hosting
        root = hosting.tables['rserverdata'][server['rootID']]
        owner = self.sim.users[server['userid']]
        reply.update(username=owner['cname'], ftpUser='%s-%s' % (owner['cname'], server['id']),
                     master_server_id=server['rootID'], master_server_external_id=server['externalID'],
                     serverName='%s:%s' % (server['serverip'], element_text(server['port'])), ip=server['serverip'],
                     active=server['active'], cores=server['cores'], minram=server['minram'],
                     maxram=server['maxram'], pallowed=server['pallowed'], autoRestart=server['autoRestart'],
                     home_label=server['homeLabel'], hdd=server['hdd'],
                     **{column: server[column] for column in PORTS})
        old = dict(server)
        used = hosting.used_ports([server['serverip']])[1]
        if any(job['affectedID'] == server['id'] and job['action'] == 'dl' for job in hosting.pending_jobs()):
            self.errors.append('Server is marked for deletion')
        changes = {}

        def differs(element, column, check):
            return self.isset(element) and truthy(check(data[element])) and \
                not php_equal(data[element], server[column])

        if differs('private', 'war', check_active):
            changes['war'] = reply['private'] = data['private']
        if self.isset('home_label') and not php_equal(data['home_label'], server['homeLabel']) and \
                data['home_label'] in home_labels(root)[0]:
            changes['homeLabel'] = reply['home_label'] = data['home_label']
        if root['quota_active'] == 'Y' and self.isset('hdd') and len(str(data['hdd'])) > 0 and \
                not php_equal(data['hdd'], server['hdd']):
            changes['hdd'] = reply['hdd'] = data['hdd']
        if differs('slots', 'slots', lambda value: isid(value, 11)):
            changes['slots'] = reply['slots'] = data['slots']
        for flag in FLAGS + ('autoRestart',):
            if differs(flag, flag, check_active):
                changes[flag] = reply[flag] = data[flag]
        for column in ('minram', 'maxram'):
            if differs(column, column, lambda value: isid(value, 10)):
                changes[column] = reply[column] = data[column]
        if differs('cores', 'cores', lambda value: valid_cores(value) and value):
            changes['cores'] = reply['cores'] = data['cores']
        if differs('active', 'active', check_active):
            changes['active'] = reply['active'] = data['active']
        if self.isset('port') and valid_port(data['port']) and not php_equal(data['port'], server['port']) and \
                not php_in(data['port'], used):
            reply['port'] = data['port']  # only the job carries it
        for column in PORTS[1:]:  # the script tests the free `port`, not this one
            if self.isset(column) and valid_port(data[column]) and not php_equal(data[column], server[column]) \
                    and not php_in(data.get('port'), used):
                changes[column] = reply[column] = data[column]
        if truthy(check_external_id(data.get('server_external_id'))) and \
                data.get('identify_server_by') == 'server_local_id':
            changes['externalID'] = data['server_external_id']
        self.write(server, changes)
        removed = self.replace_games(server) if self.shorten is not None else []
        if not php_equal(reply['active'], old['active']) or not php_equal(reply['port'], old['port']) or \
                reply['home_label'] != old['homeLabel'] or not php_equal(reply['hdd'], old['hdd']) or \
                reply['pallowed'] != old['pallowed'] or removed or len(reply['initialpassword']) > 1:
            hosting.cancel([job for job in hosting.pending_jobs(type='gs', affectedID=server['id'])
                            if job['action'] != 'ad'])
            new_port = reply['port'] if isinstance(reply['port'], str) else old['port']
            hosting.queue('gs', 'md', server['rootID'], server['id'], server['userid'],
                          '%s:%s' % (old['serverip'], element_text(old['port'])),
                          php_json_encode({'newPort': new_port, 'oldProtected': old['pallowed'],
                                           'installGames': 'N', 'gamesRemoveArray': removed}))
        self.changed = True

    def write(self, server, changes):
        hosting = self.hosting
        for column, value in changes.items():
            if column in ('war', 'active', 'autoRestart') + FLAGS:
                value = hosting.store_enum(value)
            elif column in INT_COLUMNS:
                value = hosting.store_int(value, 65535 if column in PORTS or column == 'slots' else 4294967295)
            server[column] = value
        server['jobPending'] = 'Y'
        if len(self.reply['initialpassword']) > 1:
            server['ftppassword_decrypted'] = self.reply['initialpassword']

    def replace_games(self, server):
        """The sent list replaces the installed games; returns the names of those removed."""
        hosting = self.hosting
        installed = dict(hosting.games_of(server['id']))
        for name in self.shorten:
            template = next((row for row in hosting.rows('servertypes') if name is not None
                             and sql_equal(row['shorten'], name) and row['resellerid'] == 0
                             and hosting.rows('rservermasterg', servertypeid=row['id'])), None)
            if template is None:
                continue
            present = hosting.rows('serverlist', servertype=template['id'], switchID=server['id'])
            if present:
                installed.pop(present[0]['id'], None)
            else:
                hosting.install_game(server['id'], template)
        for game_id, name in installed.items():
            del hosting.tables['serverlist'][game_id]
            self.shorten = name  # the loop variable again: no <shorten> in the reply
        return list(installed.values())

    # --- del, gs, ls -------------------------------------------------------------------------------------
    def delete(self):
        data, reply, hosting = self.data, self.reply, self.hosting
        self.echo_identification(21)
        if not self.data_exist('identify_server_by'):
            self.errors.append('No data for this method: %s' % element_text(data.get('action')))
            return
        column, value = self.lookup_column(SERVER_LOOKUP, 'identify_server_by')
        found = [row for row in hosting.rows('gsswitch', resellerid=0) if sql_equal(row[column], value)]
        if not found:
            self.errors.append('No server can be found to delete')
            return
        server = found[-1]
        reply.update(serverName='%s:%s' % (server['serverip'], element_text(server['port'])),
                     master_server_id=server['rootID'], master_server_external_id=server['rootID'])
        server['jobPending'] = 'Y'
        hosting.cancel(hosting.pending_jobs(type='gs', affectedID=server['id']))
        hosting.queue('gs', 'dl', server['rootID'], server['id'], server['userid'], reply['serverName'])
        self.changed = True

    def restart(self):
        data, reply, hosting = self.data, self.reply, self.hosting
        self.echo_identification(10)
        if data.get('restart') not in ('re', 'st'):
            self.errors.append('(Re)start or Stop not defined')
            return
        if not self.data_exist('identify_server_by'):
            self.errors.append('Server cannot be identified')
            return
        column, value = self.lookup_column(SERVER_LOOKUP, 'identify_server_by')
        server = next((row for row in hosting.rows('gsswitch', resellerid=0) if sql_equal(row[column], value)), None)
        if server is None:
            self.errors.append('No server can be found to edit')
            return
        reply.update(serverName='%s:%s' % (server['serverip'], element_text(server['port'])),
                     master_server_id=server['rootID'])
        server['jobPending'] = 'Y'
        hosting.cancel([job for job in hosting.pending_jobs(type='gs', affectedID=server['id'])
                        if job['action'] in ('re', 'st')])
        hosting.queue('gs', data['restart'], server['rootID'], server['id'], server['userid'], reply['serverName'])
        self.changed = True

    def ls(self):
        rows = self.hosting.roots_with_room()
        if self.kind == 'json':
            typed = [{'id': row['id'], 'ip': row['ip'], 'description': row['description'], 'altips': row['altips'],
                      'maxslots': row['maxslots'], 'maxserver': row['maxserver'], 'freeserver': row['freeserver'],
                      'installedserver': row['installedserver'], 'hostactive': row['active'],
                      'resellerid': row['resellerid'],
                      'leftslots': None if row['leftslots'] is None else str(row['leftslots']),
                      'installedslots': None if row['installedslots'] is None else str(row['installedslots'])}
                     for row in rows]
            return 200, php_json_encode(typed), JSON_TYPE
        return pretty('gserver', [('server', self.hosting.root_entry(row)) for row in rows])


class VoiceCall(Call):
    """api_voice.php (TeamSpeak 3 through a voice master)."""

    reply_fields = VOICE_REPLY

    def run(self):
        data = self.data
        self.missing_keys(VOICE_KEYS)
        self.reply['action'] = 'fail'
        action = data.get('action') if isinstance(data.get('action'), str) else None
        ts3 = php_equal(data.get('shorten'), 'ts3') if not isinstance(data.get('shorten'), list) else False
        if not self.errors and action in ('add', 'mod', 'del') and ts3:
            {'add': self.add, 'mod': self.mod, 'del': self.delete}[action]()
        elif not self.errors and action == 'ls' and self.data_exist('identify_server_by'):
            return self.ls_one()
        elif action == 'ls':
            return self.ls_masters()
        else:
            self.errors.append('Not supported method or incomplete data')
        if self.kind == 'json':
            fields = ('private', 'active', 'identify_server_by', 'shorten', 'slots', 'server_external_id',
                      'server_local_id', 'identify_user_by', 'user_localid', 'user_externalid', 'username')
            body = {'action': 'fail'}
            body.update((name, self.reply[name]) for name in fields)
            body['errors'] = None
            return self.finish((200, php_json_encode(body), JSON_TYPE), 'voice.%s' % action)
        if not self.errors:
            self.reply['action'] = 'success'
        self.reply['actionSend'] = data.get('action') or ''
        self.reply['errors'] = ', '.join(self.errors)
        return self.finish(self.xml('voice', VOICE_REPLY), 'voice.%s' % action)

    def echo(self, local_length):
        data, reply = self.data, self.reply
        reply.update(active=check_active(data.get('active')), private=check_active(data.get('private')),
                     shorten=data.get('shorten'), slots=isid(data.get('slots'), 11))
        self.echo_user(21)
        self.echo_identification(local_length)

    def add(self):
        data, reply, hosting = self.data, self.reply, self.hosting
        if not (self.data_exist('identify_user_by') and truthy(isid(data.get('slots'), 11))):
            self.echo(21)
            self.errors.append('Can not identify user or bad email' if not self.data_exist('identify_user_by')
                               else 'Slot amount needs to be specified')
            return
        self.echo(21)
        user = self.owner(first=False)
        if user is None:
            self.errors.append('user does not exist')
        if not self.errors and not is_bad(reply['server_external_id']) and any(
                sql_equal(row['externalID'], reply['server_external_id']) for row in hosting.rows('voice_server')):
            self.errors.append('server with external ID already exists')
        if self.errors:
            return
        master = self.choose_master()
        if master is None:
            self.errors.append('No free host')
            return
        reply['master_server_id'] = master['id']
        if master['addedby'] == 1:  # on one of the panel's root servers
            root = hosting.tables['rserverdata'].get(master['rootid'])
            if root is None:
                return  # the script then writes nothing and still answers success
            ips = ([] if root['connect_ip_only'] == 'Y' else [root['ip']]) + \
                [ip for ip in (root['altips'] or '').split('\r\n') if ip]
        else:
            ips = ([] if master['connect_ip_only'] == 'Y' else [master['ssh2ip']]) + \
                [ip for ip in (master['ips'] or '').split('\r\n') if ip]
        ip, used = hosting.used_ports(ips)
        used = used + [VOICE_QUERY_PORT]
        port = data['port'] if self.isset('port') and valid_port(data['port']) and not php_in(data['port'], used) \
            else VOICE_PORT
        while php_in(port, used):
            port = php_number(port) + 1
        self.insert_server(user, master, ip, port)

    def choose_master(self):
        data, hosting = self.data, self.hosting
        ids = names = None
        if self.isset('master_server_id'):
            ids = [data['master_server_id']] if truthy(isid(data['master_server_id'], 19)) \
                else as_list(data['master_server_id'])
        elif self.isset('master_server_external_id'):
            names = as_list(data['master_server_external_id'])
        slots = php_number(self.reply['slots'])
        candidates = []
        for master in hosting.voice_master_rows():
            used = master['installedslots']
            allowed = (ids is None or any(php_equal(master['id'], value) for value in ids)) and \
                (names is None or any(sql_equal(master['externalID'], value or '') for value in names))
            if allowed and master['installedserver'] < master['maxserver'] and \
                    (used is None or used < master['maxslots'] and master['maxslots'] - used > slots):
                slot_share = None if used is None else used * 100 / master['maxslots']
                server_share = master['installedserver'] * 100 / master['maxserver']
                candidates.append(((slot_share is not None, slot_share or 0, server_share, master['id']), master))
        return min(candidates, key=lambda item: item[0])[1] if candidates else None

    def insert_server(self, user, master, ip, port):
        data, reply, hosting = self.data, self.reply, self.hosting
        defaults = (('max_download_total_bandwidth', lambda v: isid(v, 255), 65536),
                    ('max_upload_total_bandwidth', lambda v: isid(v, 255), 65536),
                    ('forcebanner', check_active, 'Y'), ('forcebutton', check_active, 'Y'),
                    ('forceservertag', check_active, 'Y'), ('forcewelcome', check_active, 'Y'),
                    ('lendserver', check_active, 'N'), ('backup', check_active, 'Y'), ('flexSlots', check_active, 'N'),
                    ('flexSlotsFree', lambda v: isid(v, 11), master['defaultFlexSlotsFree']),
                    ('flexSlotsPercent', lambda v: isid(v, 3), master['defaultFlexSlotsPercent']),
                    ('autoRestart', check_active, 'Y'))
        for name, check, default in defaults:
            reply[name] = data[name] if self.isset(name) and truthy(check(data[name])) else default
        traffic = data.get('maxtraffic')
        reply['maxtraffic'] = traffic if self.isset('maxtraffic') and (php_equal(traffic, 0) or traffic == '-1') \
            or truthy(isid(traffic, 255)) else 1024
        password = self.sim._random_text(PASSWORD_ALPHABET, 10) if reply['private'] == 'Y' else ''
        enums = ('forcebanner', 'forcebutton', 'forceservertag', 'forcewelcome', 'lendserver', 'backup', 'flexSlots',
                 'autoRestart')
        server = hosting.insert(
            'voice_server', active=hosting.store_enum(reply['active']), iniConfiguration='[]', userid=user['id'],
            masterserver=master['id'], ip=ip, port=hosting.store_int(port, 65535),
            slots=hosting.store_int(reply['slots']), initialpassword=password,
            password=hosting.store_enum(reply['private']), localserverid=0,
            externalID=reply['server_external_id'], jobPending='Y', serverCreated=self.sim._now()[:10],
            queryUpdatetime=self.sim._now(),
            **{name: hosting.store_enum(reply[name]) for name in enums},
            **{name: hosting.store_int(reply[name]) for name in ('max_download_total_bandwidth',
                                                                 'max_upload_total_bandwidth', 'maxtraffic',
                                                                 'flexSlotsFree', 'flexSlotsPercent')})
        reply.update(ip=ip, port=port, address=master['defaultname'], server_local_id=str(server['id']))
        tsdns = 'N'
        if master['usedns'] == 'Y':
            tsdns = data['tsdns'] if self.isset('tsdns') and truthy(check_active(data['tsdns'])) else 'Y'
        reply['tsdns'] = tsdns
        if tsdns == 'Y':
            given = data.get('dns')
            # isdomain() tests preg_match() against false, so it accepts anything
            server['dns'] = reply['dns'] = given if self.isset('dns') and truthy(given) else \
                ('%s.%s' % (server['id'], master['defaultdns'])).lower()
        hosting.cancel(hosting.pending_jobs(type='vo', affectedID=server['id']))
        token = data.get('serverToken')
        hosting.queue('vo', 'ad', master['id'], server['id'], user['id'], '%s:%s' % (ip, port), php_json_encode(
            {'serverToken': token if isinstance(token, str) and re.fullmatch(r'[\\\w/+]{4,50}', token) else ''}))
        self.changed = True

    def find(self, first=True):
        column, value = self.lookup_column(SERVER_LOOKUP, 'identify_server_by')
        found = [row for row in self.hosting.rows('voice_server', resellerid=0) if sql_equal(row[column], value)]
        return (found[0] if first else found[-1]) if found else None

    def mod(self):
        data, reply, hosting = self.data, self.reply, self.hosting
        reply['shorten'] = data.get('shorten')
        self.echo_user(21)
        self.echo_identification(21)
        if not self.data_exist('identify_server_by'):
            self.errors.append('No data for this method')
            return
        server = self.find()
        if server is not None and server['userid'] not in self.sim.users:
            server = None
        if server is None:
            self.errors.append('No server can be found to edit')
            return
        address = '%s:%s' % (server['ip'], server['port'])
        reply.update(master_server_id=server['masterserver'], address=address,
                     ip=server['ip'], private=server['password'], username=self.sim.users[server['userid']]['cname'],
                     **{name: server[name] for name in ('port', 'active', 'slots', 'max_download_total_bandwidth',
                                                        'max_upload_total_bandwidth', 'maxtraffic', 'forcebanner',
                                                        'forcebutton', 'forceservertag', 'forcewelcome', 'lendserver',
                                                        'backup', 'flexSlots', 'flexSlotsFree', 'flexSlotsPercent',
                                                        'dns', 'autoRestart')})
        old_active, old_slots = server['active'], server['slots']
        used = hosting.used_ports([server['ip']])[1]
        if any(job['affectedID'] == server['id'] and job['action'] == 'dl' for job in hosting.pending_jobs()):
            self.errors.append('Server is marked for deletion')
        changes = {}
        if self.isset('private') and truthy(check_active(data['private'])):
            changes['password'] = reply['private'] = data['private']
        if self.isset('port') and valid_port(data['port']) and not php_in(data['port'], used):
            changes['port'] = reply['port'] = data['port']
        checks = (('active', check_active), ('slots', lambda v: isid(v, 11)),
                  ('max_download_total_bandwidth', lambda v: isid(v, 255)),
                  ('max_upload_total_bandwidth', lambda v: isid(v, 255)))
        for name, check in checks:
            if self.isset(name) and truthy(check(data[name])):
                changes[name] = reply[name] = data[name]
        traffic = data.get('maxtraffic')
        if self.isset('maxtraffic') and (php_equal(traffic, 0) or traffic == '-1' or truthy(isid(traffic, 255))):
            changes['maxtraffic'] = reply['maxtraffic'] = traffic
        for name in ('forcebanner', 'forcebutton', 'forceservertag', 'forcewelcome', 'lendserver', 'backup',
                     'flexSlots'):
            if self.isset(name) and truthy(check_active(data[name])):
                changes[name] = reply[name] = data[name]
        for name, length in (('flexSlotsFree', 11), ('flexSlotsPercent', 3)):
            if self.isset(name) and truthy(isid(data[name], length)):
                changes[name] = reply[name] = data[name]
        if self.isset('tsdns') and truthy(check_active(data['tsdns'])):
            reply['tsdns'] = data['tsdns']
        if self.isset('dns') and reply['tsdns'] == 'Y' and truthy(data['dns']):
            changes['dns'] = reply['dns'] = data['dns']
        if self.isset('autoRestart') and truthy(check_active(data['autoRestart'])):
            changes['autoRestart'] = reply['flexSlots'] = data['autoRestart']  # sic: the script echoes it there
        if truthy(check_external_id(data.get('server_external_id'))) and \
                data.get('identify_server_by') == 'server_local_id':
            changes['externalID'] = data['server_external_id']
        for column, value in changes.items():
            server[column] = hosting.store_int(value) if column in INT_COLUMNS else (
                hosting.store_enum(value) if column not in ('dns', 'externalID') else value)
        server['jobPending'] = 'Y'
        if not is_bad(reply['active']) and not is_bad(reply['slots']) and (
                not php_equal(reply['active'], old_active) or not php_equal(reply['slots'], old_slots)):
            hosting.cancel(hosting.pending_jobs(type='vo', affectedID=server['id']))
            hosting.queue('vo', 'md', server['masterserver'], server['id'], server['userid'], address)
        self.changed = True

    def delete(self):
        reply, hosting = self.reply, self.hosting
        self.echo_identification(10)
        if not self.data_exist('identify_server_by'):
            self.errors.append('No data for this method')
            return
        server = self.find(first=False)
        if server is None:
            self.errors.append('No server can be found to delete')
            return
        reply['address'] = '%s:%s' % (server['ip'], server['port'])
        server['jobPending'] = 'Y'
        hosting.cancel(hosting.pending_jobs(type='vo', affectedID=server['id']))
        hosting.queue('vo', 'dl', server['masterserver'], server['id'], server['userid'], reply['address'])
        self.changed = True

    def ls_one(self):
        server = self.find()
        if self.kind == 'json':
            rows = [] if server is None else [server_columns(server)]
            return 200, php_json_encode(rows), JSON_TYPE
        if server is None:
            return pretty('voice', [])
        return pretty('voice', [(column, element_text(value)) for column, value in server_columns(server).items()])

    def ls_masters(self):
        rows = self.hosting.voice_master_rows()
        if self.kind == 'json':
            return 200, php_json_encode([{column: row[column] for column in VOICE_MASTER_LIST} for row in rows]), \
                JSON_TYPE
        return pretty('voice', [('server', self.hosting.voice_master_entry(row)) for row in rows], HTML_TYPE)


def server_columns(server):
    """A voice_server row as `SELECT *` returns it."""
    return {column: server[column] for column, dummy in TABLES['voice_server']}


class MysqlCall(Call):
    """api_mysql.php (databases on an external MySQL host)."""

    reply_fields = MYSQL_REPLY

    def run(self):
        data = self.data
        self.missing_keys(MYSQL_KEYS)
        value = data.get('manage_host_table')
        self.reply['manage_host_table'] = value if self.isset('manage_host_table') and \
            truthy(check_active(value)) else 'N'
        action = data.get('action') if isinstance(data.get('action'), str) else None
        handlers = {'add': self.add, 'mod': self.mod, 'del': self.delete, 'read': lambda: None}
        if not self.errors and action in handlers:
            handlers[action]()
        elif action == 'ls':
            return self.ls()
        else:
            self.errors.append('Method not allowed')
        if self.kind == 'json':
            body = {'action': None}
            body.update((name, self.reply[name]) for name in MYSQL_REPLY[3:]
                        if name not in ('dbname', 'manage_host_table'))
            body['errors'] = None
            return self.finish((200, php_json_encode(body), JSON_TYPE), 'mysql.%s' % action)
        self.reply['action'] = 'fail' if self.errors else 'success'
        self.reply['actionSend'] = data.get('action') or ''
        self.reply['errors'] = ', '.join(self.errors)
        return self.finish(self.xml('mysql', MYSQL_REPLY), 'mysql.%s' % action)

    def echo(self):
        self.reply['active'] = check_active(self.data.get('active'))
        self.echo_user(10)
        self.echo_identification(10)

    def add(self):
        reply, hosting = self.reply, self.hosting
        if not self.data_exist('identify_user_by'):
            self.echo()
            self.errors.append('Can not identify user or bad email')
            return
        self.echo()
        user = self.owner(first=False)
        if user is None:
            self.errors.append('user does not exist')
        if not self.errors and not is_bad(reply['server_external_id']) and any(
                sql_equal(row['externalID'], reply['server_external_id'])
                for row in hosting.rows('mysql_external_dbs')):
            self.errors.append('database with external ID already exists')
        if self.errors:
            return
        ids = self.master_ids()
        hosts = [row for row in hosting.mysql_host_rows()
                 if (ids is None or any(php_equal(row['id'], value) for value in ids))
                 and row['max_databases'] and row['installed'] * 100 / row['max_databases'] < 100]
        if not hosts:
            self.errors.append('No free host')
            return
        host = min(hosts, key=lambda row: (row['installed'] * 100 / row['max_databases'], row['id']))
        database = hosting.insert(
            'mysql_external_dbs', active=hosting.store_enum(reply['active']), sid=host['id'], uid=user['id'],
            ips='', manage_host_table=hosting.store_enum(reply['manage_host_table']),
            externalID=reply['server_external_id'],
            **{column: host[column] for column in ('max_queries_per_hour', 'max_updates_per_hour',
                                                   'max_connections_per_hour', 'max_userconnections_per_hour')})
        database['dbname'] = reply['dbname'] = 'sql%d' % database['id']
        database['password_decrypted'] = self.sim._random_text(PASSWORD_ALPHABET, 10 if reply['active'] != 'N'
                                                               else 20)
        hosting.cancel(hosting.pending_jobs(type='my', affectedID=database['id']))
        hosting.queue('my', 'ad', host['id'], database['id'], user['id'], database['dbname'])
        self.changed = True

    def mod(self):
        reply, hosting = self.reply, self.hosting
        self.echo()
        if not self.data_exist('identify_server_by'):
            self.errors.append('No data for this method')
            return
        column, value = self.lookup_column(SERVER_LOOKUP, 'identify_server_by')
        found = [row for row in hosting.rows('mysql_external_dbs', resellerid=0) if sql_equal(row[column], value)
                 and row['uid'] in self.sim.users]
        for database in found[:1]:  # the loop's statement is replaced inside it: one round only
            reply.update(dbname=database['dbname'], username=self.sim.users[database['uid']]['cname'])
            if any(job['affectedID'] == database['id'] and job['type'] == 'my' and job['action'] == 'dl'
                   for job in hosting.pending_jobs()):
                self.errors.append('Database is already marked for deletion')
            database['manage_host_table'] = hosting.store_enum(reply['manage_host_table'])
            database['externalID'] = reply['server_external_id']
            if not is_bad(reply['active']) and not php_equal(reply['active'], database['active']):
                database.update(active=hosting.store_enum(reply['active']), jobPending='Y')
                hosting.cancel(hosting.pending_jobs(type='my', affectedID=database['id']))
                hosting.queue('my', 'md', database['sid'], database['id'], database['uid'], database['dbname'])
            self.changed = True
        if not found:
            self.errors.append('No database can be found to edit')

    def delete(self):
        data, reply, hosting = self.data, self.reply, self.hosting
        reply['identify_server_by'] = data.get('identify_server_by')
        reply['server_local_id'] = isid(data.get('server_local_id'), 10)
        reply['server_external_id'] = check_external_id(data.get('server_external_id'))
        if not self.data_exist('identify_server_by'):
            self.errors.append('No data for this method')
            return
        column, value = self.lookup_column(SERVER_LOOKUP, 'identify_server_by')
        found = [row for row in hosting.rows('mysql_external_dbs', resellerid=0) if sql_equal(row[column], value)]
        if not found:
            self.errors.append('No database can be found to delete')
            return
        database = found[-1]
        reply['dbname'] = database['dbname']
        database['jobPending'] = 'Y'
        hosting.cancel(hosting.pending_jobs(type='my', affectedID=database['id']))
        hosting.queue('my', 'dl', database['sid'], database['id'], database['uid'], database['dbname'])
        self.changed = True

    def ls(self):
        rows = self.hosting.mysql_host_rows()
        if self.kind == 'json':
            return 200, php_json_encode([{'id': row['id'], 'externalID': row['externalID'], 'ip': row['ip'],
                                          'description': row['interface'], 'max_databases': row['max_databases'],
                                          'installed': row['installed']} for row in rows]), JSON_TYPE
        return pretty('webspace', [('mysqlServer', self.hosting.mysql_host_entry(row)) for row in rows], HTML_TYPE)


class OwnedEntryCall(Call):
    """What api_tsdns.php and api_web.php share: their keys, the owner lookup of add, the master choice, the reply
    (`<tsdns>` / `<web>`, text/xml; the JSON variant answers an empty body) and the host list of ls (text/html)."""

    root = ''
    table = ''
    not_found = ''

    def run(self):
        data = self.data
        self.missing_keys(MINIMUM_KEYS)
        if 'action' in data:
            self.missing_keys(OWNER_KEYS)
        action = data.get('action') if isinstance(data.get('action'), str) else None
        handlers = {'add': self.add, 'mod': self.mod, 'del': self.delete, 'read': self.read}
        if action == 'ls':  # answered whatever keys are missing
            return self.ls()
        if not self.errors and action in handlers:
            handlers[action]()
        else:
            self.errors.append('Unknown method')
        if self.kind == 'json':
            return self.finish((200, '', HTML_TYPE), '%s.%s' % (self.root, action))
        self.reply['action'] = 'fail' if self.errors else 'success'
        self.reply['actionSend'] = data.get('action') or ''
        self.reply['errors'] = ', '.join(self.errors)
        return self.finish(self.xml(self.root, self.reply_fields), '%s.%s' % (self.root, action))

    def echo_add(self):
        self.reply['active'] = check_active(self.data.get('active'))
        self.echo_user(10)
        self.echo_identification(10)

    def echo_identification_only(self):
        self.reply['identify_server_by'] = self.data.get('identify_server_by')
        self.reply['server_local_id'] = isid(self.data.get('server_local_id'), 10)
        self.reply['server_external_id'] = check_external_id(self.data.get('server_external_id'))

    def found(self, mapping, owned=True):
        """The rows identify_server_by names (only those whose owner exists when `owned`: an inner join)."""
        column, value = self.lookup_column(mapping, 'identify_server_by')
        return [row for row in self.hosting.rows(self.table, resellerID=0) if sql_equal(row[column], value)
                and (not owned or row['userID'] in self.sim.users)]

    def pending_delete(self, job_type, entry_id):
        return any(job['affectedID'] == entry_id and job['action'] == 'dl'
                   for job in self.hosting.pending_jobs(type=job_type))


class TsdnsCall(OwnedEntryCall):
    """api_tsdns.php (TeamSpeak DNS entries on a TSDNS master, file 28 and code)."""

    reply_fields = TSDNS_REPLY
    root = 'tsdns'
    table = 'voice_dns'
    lookup = {'server_local_id': 'dnsID', 'server_external_id': 'externalID'}

    def add(self):
        data, reply, hosting = self.data, self.reply, self.hosting
        if not self.data_exist('identify_user_by'):
            return  # no error: the script answers success and writes nothing
        self.echo_add()
        reply['ip'] = check_ip4(data['ip']) if self.isset('ip') else False
        reply['port'] = data['port'] if valid_port(data.get('port')) else False
        user = self.owner(first=False)
        if user is None:
            self.errors.append('user does not exist')
        if not self.errors and not is_bad(reply['server_external_id']) and any(
                sql_equal(row['externalID'], reply['server_external_id']) for row in hosting.rows('voice_dns')):
            self.errors.append('server with external ID already exists')
        if self.errors:
            return
        ids = self.master_ids()
        masters = []
        for master in hosting.rows('voice_tsdns', active='Y', resellerid=0):
            used = len(hosting.rows('voice_dns', tsdnsID=master['id']))
            share = used * 100 / master['max_dns'] if master['max_dns'] else None  # NULL: no room
            if share is not None and share < 100 and (ids is None or any(php_equal(master['id'], v) for v in ids)):
                masters.append(((share, master['id']), master))
        if not masters:
            self.errors.append('No free host')
            return
        master = min(masters, key=lambda item: item[0])[1]
        entry = hosting.insert('voice_dns', active=hosting.store_enum(reply['active']), ip=reply['ip'] or '',
                               port=hosting.store_int(reply['port'], 65535), tsdnsID=master['id'], userID=user['id'],
                               jobPending='Y', externalID=reply['server_external_id'], resellerID=0)
        # isdomain() accepts anything (file 28 stored `bad name!`)
        given = data.get('dns')
        entry['dns'] = given if self.isset('dns') and truthy(given) else \
            ('%s-%s.%s' % (entry['dnsID'], user['cname'], master['defaultdns'])).strip()
        reply.update(master_server_id=master['id'], master_server_external_id=master['externalID'],
                     server_local_id=entry['dnsID'], dns=entry['dns'])
        hosting.cancel(hosting.pending_jobs(type='us', affectedID=user['id'], action='dl'))
        hosting.queue('ds', 'ad', master['id'], entry['dnsID'], user['id'], entry['dns'], '')
        self.changed = True

    def mod(self):
        data, reply, hosting = self.data, self.reply, self.hosting
        self.echo_identification_only()
        if not self.data_exist('identify_server_by'):
            self.errors.append('No data for this method')
            return
        entries = self.found(self.lookup)
        for entry in entries:
            reply.update(username=self.sim.users[entry['userID']]['cname'], server_local_id=entry['dnsID'],
                         master_server_id=entry['tsdnsID'], server_external_id=entry['externalID'],
                         **{column: entry[column] for column in ('ip', 'port', 'dns', 'active')})
            if self.pending_delete('ds', entry['dnsID']):
                self.errors.append('Server is marked for deletion')
            changes = {}
            if self.isset('active') and truthy(check_active(data['active'])):
                changes['active'] = reply['active'] = data['active']
            if self.isset('dns') and truthy(data['dns']):
                changes['dns'] = reply['dns'] = data['dns']
            if self.isset('ip') and check_ip4(data['ip']):
                changes['ip'] = reply['ip'] = data['ip']
            if self.isset('port') and valid_port(data['port']):
                changes['port'] = reply['port'] = data['port']
            if truthy(check_external_id(data.get('server_external_id'))) and \
                    data.get('identify_server_by') == 'server_local_id':
                changes['externalID'] = data['server_external_id']
            if changes and not self.errors:  # unlike api_mysql.php, nothing is written during a pending delete
                for column, value in changes.items():
                    entry[column] = hosting.store_int(value, 65535) if column == 'port' else (
                        hosting.store_enum(value) if column == 'active' else value)
                entry['jobPending'] = 'Y'
                hosting.cancel(hosting.pending_jobs(type='ds', affectedID=entry['dnsID']))
                hosting.queue('ds', 'md', entry['tsdnsID'], entry['dnsID'], entry['userID'], entry['dns'])
                hosting.cancel(hosting.pending_jobs(type='us', affectedID=entry['userID'], action='dl'))
                self.changed = True
        if not entries:
            self.errors.append('No TSDNS can be found with the given ID')

    def delete(self):
        reply, hosting = self.reply, self.hosting
        self.echo_identification_only()
        if not self.data_exist('identify_server_by'):
            self.errors.append('No data for this method')
            return
        entries = self.found(self.lookup, owned=False)
        for entry in entries:
            reply.update(server_local_id=entry['dnsID'], dns=entry['dns'] or '', master_server_id=entry['tsdnsID'])
            entry['jobPending'] = 'Y'
            hosting.cancel(hosting.pending_jobs(type='ds', affectedID=entry['dnsID']))
            hosting.queue('ds', 'dl', entry['tsdnsID'], entry['dnsID'], entry['userID'], entry['dns'] or '', '')
            self.changed = True
        if not entries:
            self.errors.append('No TSDNS can be found with the given ID')

    def read(self):
        reply, hosting = self.reply, self.hosting
        self.echo_identification_only()
        if not self.data_exist('identify_server_by'):
            self.errors.append('No data for this method')
            return
        entries = [entry for entry in self.found(self.lookup) if entry['tsdnsID'] in hosting.tables['voice_tsdns']]
        for entry in entries:
            user = self.sim.users[entry['userID']]
            reply.update(server_local_id=entry['dnsID'], master_server_id=entry['tsdnsID'],
                         server_external_id=entry['externalID'], active=entry['active'], dns=entry['dns'],
                         ip=entry['ip'], port=entry['port'], user_localid=entry['userID'],
                         user_externalid=user['externalID'], email=user['mail'], username=user['cname'],
                         master_server_external_id=hosting.tables['voice_tsdns'][entry['tsdnsID']]['externalID'])
        if not entries:
            self.errors.append('No TSDNS can be found with the given ID')

    def ls(self):
        rows = [dict(master, installedDNS=len(self.hosting.rows('voice_dns', tsdnsID=master['id'])))
                for master in self.hosting.rows('voice_tsdns', active='Y', resellerid=0)]
        if self.kind == 'json':
            columns = ('id', 'externalID', 'ssh2ip', 'description', 'defaultdns', 'max_dns', 'installedDNS')
            return 200, php_json_encode([{column: row[column] for column in columns} for row in rows]), JSON_TYPE
        return pretty('tsdns', [('tsdnsServer', [
            (name, element_text(row[column])) for name, column in (
                ('id', 'id'), ('externalID', 'externalID'), ('ssh2ip', 'ssh2ip'), ('description', 'description'),
                ('maxDNS', 'max_dns'), ('installedDNS', 'installedDNS'))]) for row in rows], HTML_TYPE)


class WebCall(OwnedEntryCall):
    """api_web.php (webspace on a web master), broken on PHP 8 (file 26): add with a valid external ID, every mod
    that would write and every del end in a PHP error (HTTP 500); mod never reads `dns`."""

    reply_fields = WEB_REPLY
    root = 'web'
    table = 'webVhost'
    lookup = {'server_local_id': 'webVhostID', 'server_external_id': 'externalID'}

    def __init__(self, hosting, data, kind):
        super().__init__(hosting, data, kind)
        self.reply['ownVhost'] = 'N'

    def add(self):
        data, reply, hosting = self.data, self.reply, self.hosting
        if not self.data_exist('identify_user_by'):
            return  # no error: the script answers success and writes nothing (file 26)
        self.echo_add()
        reply['hdd'] = isid(data.get('hdd'), 10)
        if self.isset('ownVhost') and truthy(check_active(data['ownVhost'])):
            reply['ownVhost'] = data['ownVhost']
        reply['dns'] = data['dns'] if self.isset('dns') and truthy(data['dns']) else ''
        user = self.owner(first=False)
        if user is None:
            self.errors.append('user does not exist')
        if not self.errors and not is_bad(reply['server_external_id']):
            raise PhpFatal('the duplicate check reads a table vhostTemplate that does not exist')
        if self.errors:
            return
        master = self.choose_master(self.master_ids())
        if master is None:
            self.errors.append('No free host')
            return
        password = data['password'] if isinstance(data.get('password'), str) and data['password'] else \
            self.sim._random_text(PASSWORD_ALPHABET, 10)
        groups = re.findall(r'^\[([^\]\r\n]+)\]', master['phpConfiguration'] or '', re.MULTILINE)
        vhost = hosting.insert('webVhost', webMasterID=master['webMasterID'], userID=user['id'],
                               active=hosting.store_enum(reply['active']), jobPending='Y',
                               hdd=hosting.store_int(reply['hdd']),
                               ftpPassword_decrypted=password, ownVhost=hosting.store_enum(reply['ownVhost']),
                               phpConfiguration=php_json_encode(dict.fromkeys(groups)),
                               externalID=reply['server_external_id'], resellerID=0)
        vhost_id = vhost['webVhostID']
        vhost.update(ftpUser='web-%d' % vhost_id,
                     defaultDomain=reply['dns'] or 'web-%d.%s' % (vhost_id, master['defaultdns']))
        reply.update(master_server_id=master['webMasterID'], password=password, server_local_id=vhost_id,
                     dns=vhost['defaultDomain'])
        hosting.queue('wv', 'ad', master['webMasterID'], vhost_id, user['id'], vhost['defaultDomain'], '')
        self.changed = True

    def choose_master(self, ids):
        """The active master with the lowest disk share, then vhost share, below 100 % (or unlimited: NULL)."""
        candidates = []
        for master in self.hosting.rows('webMaster', active='Y', resellerID=0):
            vhosts = self.hosting.rows('webVhost', webMasterID=master['webMasterID'])
            room = master['maxHDD'] * (100 + master['overbookPercent']) / 100 if master['hddOverbook'] == 'Y' \
                else master['maxHDD']
            vhost_share = len(vhosts) * 100 / master['maxVhost'] if master['maxVhost'] else None
            hdd_share = sum(row['hdd'] for row in vhosts) * 100 / room if vhosts and room else None
            if (ids is None or any(php_equal(master['webMasterID'], value) for value in ids)) and \
                    (vhost_share is None or vhost_share < 100) and (hdd_share is None or hdd_share < 100):
                # ORDER BY percentHDDUsage, percentVhostUsage: NULL first
                candidates.append(((hdd_share is not None, hdd_share or 0, vhost_share is not None,
                                    vhost_share or 0, master['webMasterID']), master))
        return min(candidates, key=lambda item: item[0])[1] if candidates else None

    def mod(self):
        data, reply = self.data, self.reply
        self.echo_identification_only()
        if not self.data_exist('identify_server_by'):
            self.errors.append('No data for this method')
            return
        vhosts = self.found(self.lookup)
        for vhost in vhosts:
            reply.update(username=self.sim.users[vhost['userID']]['cname'], server_local_id=vhost['webVhostID'],
                         master_server_id=vhost['webMasterID'], server_external_id=vhost['externalID'],
                         active=vhost['active'], hdd=vhost['hdd'], ownVhost=vhost['ownVhost'])
            if self.pending_delete('wv', vhost['webVhostID']):
                self.errors.append('Server is marked for deletion')
            if self.isset('hdd') and isid(data['hdd'], 10):
                raise PhpFatal('the disk check selects a column v.hdd that is not there')
            writes = (self.isset('active') and truthy(check_active(data['active'])),
                      self.isset('password'),
                      self.isset('ownVhost') and truthy(check_active(data['ownVhost'])),
                      truthy(check_external_id(data.get('server_external_id')))
                      and data.get('identify_server_by') == 'server_local_id')
            if any(writes) and not self.errors:
                raise PhpFatal('count(): the error list it counts is null')
        if not vhosts:
            self.errors.append('No webspace can be found with the given ID')

    def delete(self):
        self.echo_identification_only()
        if not self.data_exist('identify_server_by'):
            self.errors.append('No data for this method')
            return
        raise PhpFatal('the delete selects a column dns that is not there')

    def read(self):
        reply, hosting = self.reply, self.hosting
        self.echo_identification_only()
        if not self.data_exist('identify_server_by'):
            self.errors.append('No data for this method')
            return
        vhosts = [vhost for vhost in self.found(self.lookup) if vhost['webMasterID'] in hosting.tables['webMaster']]
        for vhost in vhosts:
            user = self.sim.users[vhost['userID']]
            reply.update(server_local_id=vhost['webVhostID'], master_server_id=vhost['webMasterID'],
                         server_external_id=vhost['externalID'], active=vhost['active'], hdd=vhost['hdd'],
                         ownVhost=vhost['ownVhost'], user_localid=vhost['userID'], user_externalid=user['externalID'],
                         email=user['mail'], username=user['cname'],
                         master_server_external_id=hosting.tables['webMaster'][vhost['webMasterID']]['externalID'])
        if not vhosts:
            self.errors.append('No webspace can be found with the given ID')

    def ls(self):
        rows = []
        for master in self.hosting.rows('webMaster', active='Y', resellerID=0):
            vhosts = self.hosting.rows('webVhost', webMasterID=master['webMasterID'])
            rows.append(dict(master, installedVhosts=len(vhosts),
                             hddUsage=sum(row['hdd'] for row in vhosts) if vhosts else None))
        columns = ('webMasterID', 'externalID', 'description', 'ip', 'defaultdns', 'maxVhost', 'installedVhosts',
                   'maxHDD', 'hddOverbook', 'hddUsage')
        if self.kind == 'json':
            return 200, php_json_encode([{column: row[column] for column in columns} for row in rows]), JSON_TYPE
        return pretty('webspace', [('webspaceServer', [
            (name, element_text(row[column])) for name, column in (
                ('id', 'webMasterID'), ('externalID', 'externalID'), ('ssh2ip', 'ip'), ('description', 'description'),
                ('defaultdns', 'defaultdns'), ('maxVhost', 'maxVhost'), ('installedVhosts', 'installedVhosts'),
                ('maxHDD', 'maxHDD'), ('hddOverbook', 'hddOverbook'), ('hddUsage', 'hddUsage'))]) for row in rows],
            HTML_TYPE)
