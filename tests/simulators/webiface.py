# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Simulator of the Easy-WI web interface external API (`api.php`, `type=user`), after
docs/api/webiface.md and the recorded transcripts in tests/conformance/data/webiface/
(Easy-WI 6.2.5 on PHP 8.2 / MariaDB 10.11; where the two disagree the transcripts win).

Transport: `POST /api.php` (any other path: 404), form fields `user`, `pwd`, `type` and `xml` =
base64 of the XML document (or `json` = base64 of a JSON object, which takes precedence). The server
decodes like PHP: lenient base64, then urldecode (so `+` becomes a space and `%41` an `A` unless the
client URL-encoded the XML text before base64), then parses. Root element name ignored, empty or nested
elements count as absent, repeated elements become lists.

Replies, byte for byte as 6.2.5 sends them:
  - add / mod / del / clean / failed ls: pretty-printed `<voice>` (text/xml; charset=UTF-8), HTTP 200
    also on failure (`<action>fail</action>`, `<errors>`). mod echoes an empty <email> and the login
    in <name>; duplicates echo the existing account's login and mail.
  - ls with identify_by: `<user>` on one line, headed `<?xml version="1.0"?>`; ls without it: `<users>`.
  - JSON variant: `action` is always null and `errors` always empty; the JSON list is followed by a
    second JSON object (the body is not valid JSON).
  - Transport failures: plain text `403 Forbidden: ...` (text/html; charset=UTF-8).
  - SQL errors (strict mode on add, a `'` pasted into mod's UPDATE, a non-integer LIMIT): HTTP 500,
    empty body, nothing after the failing statement happens.
  Every reply sets a PHPSESSID cookie.

State and quirks (observed unless marked "code", i.e. read from api_users.php but not recorded):
generated login `<prefix><id>` and a generated 10-character password [a-zA-Z1-9]; global
case-insensitive duplicate checks on add (admin included); values failing validation dropped silently;
enum columns store '' for anything but Y/N (any single character passes the check); mail truncated to
50 characters; del and active changes only queue jobs (`us/dl`, `us/md`, invoicedByID 0 as recorded)
that the job runner applies; every mod cancels the user's pending us jobs, del all its pending jobs;
del of an unknown user and mod of an unknown numeric localid succeed and queue phantom jobs; mod/del
can reach the admin account, ls cannot; jobPending is sticky; a `&` that starts no entity empties the
reply element; ls with identify_by writes non-ASCII as character references (code: asXML without an
encoding). Code: mod with groupID only removes the user's groups that are not listed and never adds
one (the reference says "replaces"); lookups by localid cast like MariaDB ('5abc' finds user 5);
LIMIT start,amount that is numeric but no plain integer (1.5, -1) and, in strict mode, a phantom del
without a localid are SQL errors (HTTP 500); JSON numbers and booleans are read as PHP strings.

Options (serve('webiface', **options) or serve.py --option key=json):
  api_user, api_password   API credentials (default demo / demo-password)
  seed                     'recording': the transcripts' set-up instead (apiuser / apipass123); the
                           installer state is the same in both: admin id 1 (group 1), default user
                           group "User Default" id 3, prefix `user`, next user id 2, next job id 1
  allowed_ips              caller IPs allowed (default ["127.0.0.1"]); any other REMOTE_ADDR gets
                           `403 Forbidden: No valid api data Request IP is: <ip>`
  api_active               false: API switched off (every login refused)
  user_prefix              login prefix for generated names (default "user")
  next_user_id, next_job_id  auto-increment counters
  strict_sql               MariaDB strict sql_mode (transcript 01): add without valid active,
                           salutation and birthday, a mail over 50 characters or an invalid mail_* or
                           active value stored -> HTTP 500 with an empty body, nothing stored
  broken_login_head        repository HEAD 98aa0597 (transcript 00): every login is refused
  install_folder           the "install" folder is still present: HTTP 200 `Please remove the
                           "install" folder` for every request
  random_seed              seed of the generator for passwords, salts and session ids (default 0)
  gserver_seed             game servers, voice, MySQL, TS-DNS and webspace (webiface_gserver.py, which
                           documents them): 'demo' (default) root, voice, MySQL and TSDNS hosts and game
                           templates; 'recording' those of transcript 20; 'empty' templates only (transcripts
                           00-18)

Controls (POST /__sim__/<name>; in-process: run_jobs(), load(dump), set_usergroup(id, **fields),
password_matches(id, password), login(username, password), panel_save_user(id, active=None), the attribute
remote_addr). What the panel does by itself (the cron job, an admin's save) is no API request and is not
counted among the writes:
  run_jobs {}                       the job runner (jobs.php, cron mode, no servers): supersedes
                                    duplicate pending jobs, then applies every pending us job (md: set
                                    active and jobPending=N; dl: remove the user and its groups), all to
                                    status 3, then the gs/vo/ds/my/wv jobs (webiface_gserver.py)
                                    -> {"processed": [jobIDs], "log": [lines as jobs.php prints]}
  remote_addr {"ip": "127.0.0.2"}   pretend requests come from this REMOTE_ADDR (null: the real one)
  load {state dump}                 replace the database with rows in the format state() returns
                                    (userdata rows may carry "password" to set a known password)
  set_usergroup {"id": 3, "active": "N", ...}   create or change a user group
  verify_password {"id": 5, "password": "..."} -> {"match": bool}: password_verify() of the stored hash,
                                    nothing else (what the API stored)
  login {"username": "...", "password": "..."} -> {"logged_in": bool, "user_id": id or null, "reason": text
                                    or null}: the panel's login form (login.php): the login or e-mail and the
                                    password through $ui->username()/$ui->ismail()/$ui->password() (trimmed;
                                    login of A-Za-z0-9_-.@ only, password 6 to 255 bytes without white
                                    space), the account by login or e-mail, active must be Y, then
                                    password_verify(). Not simulated: the e-mail domain's DNS check, the
                                    last-login order among accounts sharing an address (the lowest ID wins
                                    here), substitutes, captcha, external auth
  panel_save_user {"id": 5, "active": "N"}   an admin saving the user's page in the panel (admin user.php,
                                    action md) with the values it shows, `active` changed or not (omitted:
                                    unchanged): a change cancels the user's queued user jobs and queues
                                    us/md (api U) with jobPending=Y; no change leaves the queue as it is and
                                    sets jobPending=N -> {"jobPending": "Y"|"N"}
  put_rows {"table": "rserverdata", "rows": [...]}  write game, voice, MySQL, TSDNS or web host rows
                                    (webiface_gserver.py)
state() returns {userdata, jobs, userdata_groups, usergroups, api_settings, sql_mode, next_user_id,
next_job_id} and the tables of webiface_gserver.py; rows as MariaDB returns them (strings or null; security shown as a 20-char prefix).
Call names are `<type>.<action>` (e.g. `user.add`) or `api.php` when the request cannot be parsed.

Game servers, voice, MySQL, TS-DNS and webspace are in webiface_gserver.py. Not simulated: resellers (every
account belongs to the main admin, reseller 0), licence limits, the panel debug flag (PHP notices
before the XML), several API owners sharing one IP.
"""

import base64
import binascii
import datetime
import email.parser
import email.policy
import hashlib
import json
import random
import re
import time
import unicodedata
from xml.etree import ElementTree
from urllib.parse import parse_qsl, quote_plus, unquote_to_bytes
from xml.sax.saxutils import escape

from ._base import Response, Simulator

XML_TYPE = 'text/xml; charset=UTF-8'
HTML_TYPE = 'text/html; charset=UTF-8'
JSON_TYPE = 'application/json; charset=UTF-8'
API_PATH = '/api.php'
KNOWN_TYPES = ('gserver', 'list', 'tsdns', 'mysql', 'user', 'voice', 'web')
LOOKUP_COLUMNS = {'localid': 'id', 'username': 'cname', 'external_id': 'externalID', 'email': 'mail'}
MAIL_FLAGS = ('mail_backup', 'mail_gsupdate', 'mail_securitybreach', 'mail_serverdown', 'mail_ticket',
              'mail_vserver')
ENUM_COLUMNS = ('active', 'jobPending') + MAIL_FLAGS
MAIL_COLUMN_LENGTH = 50
PASSWORD_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ123456789'
BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
STRICT_SQL_MODE = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION'
USER_COLUMNS = ('id', 'cname', 'active', 'accounttype', 'jobPending', 'mail', 'vname', 'name', 'externalID',
                'resellerid', 'phone', 'handy', 'fax', 'city', 'cityn', 'street', 'streetn', 'salutation',
                'birthday', 'country', 'fdlpath') + MAIL_FLAGS + ('language', 'creationTime', 'updateTime')
JOB_COLUMNS = ('jobID', 'hostID', 'affectedID', 'userID', 'invoicedByID', 'api', 'type', 'name', 'status',
               'action', 'date', 'extraData', 'resellerID')
# reply fields of the <voice> answer, in the order api_users.php emits them
VOICE_FIELDS = ('action', 'actionSend', 'username', 'external_id', 'email', 'errors', 'password', 'active',
                'localid', 'vname', 'name', 'phone', 'handy', 'fax', 'city', 'cityn', 'street', 'streetn',
                'salutation', 'birthday', 'country', 'fdlpath') + MAIL_FLAGS
LS_DETAIL_COLUMNS = ('id', 'active', 'cname', 'name', 'vname', 'mail', 'phone', 'handy', 'city', 'cityn',
                     'street', 'streetn', 'externalID', 'jobPending')
LS_LIST_COLUMNS = ('id', 'active', 'salutation', 'cname', 'name', 'vname', 'mail', 'city', 'cityn', 'street',
                   'streetn', 'language', 'phone', 'externalID')
LS_LIST_XML_ORDER = ('id', 'active', 'salutation', 'cname', 'vname', 'name', 'mail', 'city', 'cityn', 'street',
                     'streetn', 'language', 'phone', 'externalID')
ADMIN_CREATED = '2026-11-23 08:06:02'


class PhpFatal(Exception):
    """An uncaught PDO exception or PHP error with debug off: HTTP 500 and an empty body."""


class Forbidden(Exception):
    """api.php's die('403 Forbidden: ...')."""


# --- PHP and MariaDB semantics ---------------------------------------------------------------

def is_bad(value):
    """PHP in_array($value, array(false, null, '')): loose comparison, so "0" is bad too."""
    return value is None or value is False or value == '' or value == '0' or value == 0


def is_numeric(value):
    return isinstance(value, str) and re.fullmatch(r'\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*', value) \
        is not None


def enum_value(value):
    """What an enum('Y','N') column keeps (non-strict): the matching value, case-insensitively, else ''."""
    return value.upper() if isinstance(value, str) and value.upper() in ('Y', 'N') else ''


def collation_key(value):
    """utf8_general_ci: case and accent insensitive, trailing spaces ignored."""
    decomposed = unicodedata.normalize('NFD', str(value))
    stripped = ''.join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().rstrip(' ')


def sql_equal(column_value, parameter):
    """`column`=? in MariaDB: ints compare numerically (a string parameter is cast), text by collation."""
    if column_value is None:
        return False
    if isinstance(column_value, int):
        return column_value == mysql_number(parameter)
    return collation_key(column_value) == collation_key(parameter)


def mysql_number(value):
    """MariaDB's cast of a string to a number (and PHP's (int)): the leading integer part, else 0."""
    if isinstance(value, int):
        return value
    match = re.match(r'\s*([+-]?\d+)', str(value))
    return int(match.group(1)) if match else 0


def sql_like(value, prefix):
    """`value` LIKE 'prefix%' with the collation; `_` in the prefix matches one character."""
    if value is None:
        return False
    pattern = ''.join('.' if ch == '_' else re.escape(ch) for ch in collation_key(prefix))
    return re.match(pattern, collation_key(value), re.DOTALL) is not None


def sql_string_literal(value):
    """A value pasted between single quotes into SQL (mod's UPDATE): the stored text, or PhpFatal
    when the quote closes early (syntax error)."""
    result = []
    index = 0
    escapes = {'0': '\0', 'n': '\n', 'r': '\r', 't': '\t', 'b': '\b', 'Z': '\x1a'}
    while index < len(value):
        char = value[index]
        if char == '\\':
            if index + 1 >= len(value):
                raise PhpFatal('backslash escapes the closing quote')
            following = value[index + 1]
            result.append(('\\' + following) if following in '%_' else escapes.get(following, following))
            index += 2
        elif char == "'":
            if value[index + 1:index + 2] != "'":
                raise PhpFatal('quote ends the string literal early')
            result.append("'")
            index += 2
        else:
            result.append(char)
            index += 1
    return ''.join(result)


def php_urldecode(raw):
    return unquote_to_bytes(raw.replace(b'+', b' '))


def php_base64_decode(text):
    """base64_decode() in non-strict mode: characters outside the alphabet are skipped."""
    cleaned = re.sub(r'[^A-Za-z0-9+/]', '', text)
    remainder = len(cleaned) % 4
    cleaned = cleaned[:-1] if remainder == 1 else cleaned + '=' * ((4 - remainder) % 4)
    try:
        return base64.b64decode(cleaned)
    except (binascii.Error, ValueError):
        return b''


def php_json_encode(value):
    return json.dumps(value, ensure_ascii=True, separators=(',', ':')).replace('/', '\\/')


# Easy-WI's input checks (stuff/methods): each returns the value when valid, else False.

def check_mail(value):
    """PHP FILTER_VALIDATE_EMAIL, close enough: dot-atom local part, dotted host name."""
    if not isinstance(value, str) or len(value) > 320 or value.count('@') != 1:
        return False
    local, domain = value.split('@')
    if not re.fullmatch(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*", local) \
            or len(local) > 64:
        return False
    labels = domain.split('.')
    if len(labels) < 2 or not all(re.fullmatch(r'[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?', label)
                                  for label in labels):
        return False
    return value


def check_external_id(value):
    """isExternalID(): the value if it matches ^[A-Za-z0-9_:]{0,255}$ (null passes as null), else ''."""
    if value is None:
        return None
    return value if isinstance(value, str) and re.fullmatch(r'[A-Za-z0-9_:]{0,255}', value) else ''


def check_active(value):
    """active_check(): any single character passes."""
    return value if isinstance(value, str) and len(value) == 1 else False


def check_name(value, max_length):
    if not isinstance(value, str) or not 2 <= len(value) <= max_length:
        return False
    if not value[0].isalnum() or not all(ch.isalnum() or ch in ' _.-' for ch in value[1:]):
        return False
    return value


def check_phone(value):
    return value if isinstance(value, str) and re.fullmatch(r'[0-9+()/\-\s]+', value) else False


def check_number(value, max_length):
    """is_number(): digits only, at most max_length of them, greater than 0."""
    if not isinstance(value, str) or not re.fullmatch(r'[0-9]{1,%d}' % max_length, value) or int(value) == 0:
        return False
    return value


def check_word(value, max_length):
    """wpreg_check(): ^\\w+$ (ASCII word characters), at most max_length."""
    return value if isinstance(value, str) and re.fullmatch(r'[A-Za-z0-9_]{1,%d}' % max_length, value) else False


def check_id(value, max_length):
    return value if isinstance(value, str) and re.fullmatch(r'[0-9]{1,%d}' % max_length, value) else False


def check_url(value):
    """FILTER_VALIDATE_URL: scheme://host[...], no whitespace."""
    if not isinstance(value, str) or re.search(r'\s', value):
        return False
    return value if re.fullmatch(r'[A-Za-z][A-Za-z0-9+.-]*://[^/?#:@]+(:\d+)?([/?#].*)?', value) else False


MONTHS = {name: number for number, names in enumerate(
    [('jan', 'january'), ('feb', 'february'), ('mar', 'march'), ('apr', 'april'), ('may',), ('jun', 'june'),
     ('jul', 'july'), ('aug', 'august'), ('sep', 'sept', 'september'), ('oct', 'october'),
     ('nov', 'november'), ('dec', 'december')], start=1) for name in names}


def parse_birthday(value, today):
    """strtotime() for the date forms a client sends; returns Y-m-d or False. Days beyond the month's
    end roll over like PHP's (2001-02-30 -> 2001-03-02)."""
    if not isinstance(value, str):
        return False
    text = value.strip().lower()
    relative = {'now': 0, 'today': 0, 'midnight': 0, 'tomorrow': 1, 'yesterday': -1}
    if text in relative:
        return (today + datetime.timedelta(days=relative[text])).isoformat()
    forms = [
        (r'(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?', ('y', 'm', 'd')),
        (r'(\d{4})/(\d{1,2})/(\d{1,2})', ('y', 'm', 'd')),
        (r'(\d{1,2})\.(\d{1,2})\.(\d{4})', ('d', 'm', 'y')),
        (r'(\d{1,2})/(\d{1,2})/(\d{4})', ('m', 'd', 'y')),
        (r'(\d{1,2})[ -]([a-z]+)\.?[ -](\d{4})', ('d', 'mon', 'y')),
        (r'([a-z]+)\.? (\d{1,2}),? (\d{4})', ('mon', 'd', 'y')),
    ]
    for pattern, order in forms:
        match = re.fullmatch(pattern, text)
        if not match:
            continue
        parts = dict(zip(order, match.groups()))
        month = MONTHS.get(parts['mon']) if 'mon' in parts else int(parts['m'])
        day, year = int(parts['d']), int(parts['y'])
        if not month or not 1 <= month <= 12 or not 0 <= day <= 31 or not 1 <= year <= 9999:
            return False
        return (datetime.date(year, month, 1) + datetime.timedelta(days=day - 1)).isoformat()
    return False


def check_api_user(value):
    """$ui->names('user', 255): a letter or digit, then letters, digits, space, _ . -; 2 to 255 chars."""
    return check_name(value, 255)


def php_trim(value):
    return value.strip(' \t\n\r\0\x0b')


def check_password(value):
    """$ui->password(name, 255) (api.php's `pwd`, login.php's `password`): trimmed, then ^[\\w\\S]{6,255}$
    without the /u flag, so 6 to 255 bytes none of which is ASCII white space."""
    if is_bad(value) or not isinstance(value, str):
        return False
    value = php_trim(value)
    encoded = value.encode('utf-8')
    return value if 6 <= len(encoded) <= 255 and not re.search(rb'[ \t\n\x0b\x0c\r]', encoded) else False


def check_login_name(value):
    """$ui->username('username', 255): trimmed, ^[\\w\\-\\.\\@]{1,255}$ without /u (ASCII word characters)."""
    if is_bad(value) or not isinstance(value, str):
        return False
    value = php_trim(value)
    return value if re.fullmatch(r'[A-Za-z0-9_.@-]{1,255}', value) else False


def check_ip4(value):
    parts = str(value).split('.')
    if len(parts) == 4 and all(part.isdigit() and int(part) <= 255 for part in parts):
        return value
    return False


# --- reading the payload ------------------------------------------------------------------------

def parse_form(request):
    """$_POST: url-encoded or multipart body; the last of repeated fields wins."""
    content_type = request.headers.get('content-type', '')
    if content_type.startswith('multipart/form-data'):
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b'Content-Type: ' + content_type.encode('latin-1') + b'\r\n\r\n' + request.body)
        form = {}
        for part in message.iter_parts():
            name = part.get_param('name', header='content-disposition')
            if name:
                form[name] = part.get_payload(decode=True).decode('utf-8', 'replace')
        return form
    return dict(parse_qsl(request.body.decode('utf-8', 'replace'), keep_blank_values=True))


def decode_payload(form):
    """(kind, data): 'json' or 'xml' (json wins), data None when it does not decode; (None, None)
    without either field."""
    if form.get('json'):
        return 'json', flatten_json(php_urldecode(php_base64_decode(form['json'])))
    if form.get('xml'):
        return 'xml', flatten_xml(php_urldecode(php_base64_decode(form['xml'])))
    return None, None


def flatten_xml(document):
    """simplexml_load_string() + (array) cast: root children as a map; an element that is empty, has
    children or attributes becomes null; a repeated element becomes a list. None if not valid."""
    try:
        root = ElementTree.fromstring(document)
    except ElementTree.ParseError:
        return None
    if not len(root) and not root.attrib and not (root.text or ''):
        return None  # an empty SimpleXMLElement is false
    data = {}
    for child in root:
        value = child.text if child.text and not len(child) and not child.attrib else None
        if child.tag in data:
            previous = data[child.tag]
            data[child.tag] = (previous if isinstance(previous, list) else [previous]) + [value]
        else:
            data[child.tag] = value
    return data


def flatten_json(document):
    """json_decode() + (array) cast; nested objects become null. Scalars become PHP strings."""
    try:
        decoded = json.loads(document.decode('utf-8'))
    except (ValueError, UnicodeDecodeError):
        return None
    if decoded in (None, False, 0, '', '0', []):
        return None  # json_decode() gave something PHP counts as false (an empty object is true)
    if not isinstance(decoded, (dict, list)):
        decoded = [decoded]  # (array) of a scalar
    items = decoded.items() if isinstance(decoded, dict) else enumerate(decoded)

    def scalar(value):
        if isinstance(value, bool):
            return '1' if value else ''
        if isinstance(value, (int, float)):
            return str(value)
        if isinstance(value, list):
            return [scalar(item) for item in value]
        return None if isinstance(value, dict) else value

    return {str(key): scalar(value) for key, value in items}


# --- writing replies ------------------------------------------------------------------------------

ENTITY = re.compile(r'&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);')
NAMED_ENTITIES = {'amp': '&', 'lt': '<', 'gt': '>', 'quot': '"', 'apos': "'"}


def _entity_text(match):
    name = match.group(1)
    if name in NAMED_ENTITIES:
        return NAMED_ENTITIES[name]
    return chr(int(name[2:], 16) if name.startswith('#x') else int(name[1:]))


def element_text(value):
    """The text DOMDocument::createElement($name, $value) / addChild() gives: '&' starts an entity
    reference, and an unterminated one empties the element (the `we ird/x&y` login of transcript 17)."""
    if value is None or value is False:
        return ''
    if isinstance(value, list):
        raise PhpFatal('array given where a string is expected')
    text = str(value)
    if '&' not in text:
        return text
    if '&' in ENTITY.sub('', text):
        return ''
    return ENTITY.sub(_entity_text, text)


def xml_escape(text):
    return escape(text).replace('\r', '&#13;')


def dom_document(root, children):
    """DOMDocument('1.0', 'utf-8') with formatOutput: two-space indent, empty elements self-closed.
    children: list of (name, text or list of (name, text))."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<%s>' % root]

    def emit(name, value, depth):
        pad = '  ' * depth
        if isinstance(value, list):
            lines.append('%s<%s>' % (pad, name))
            for child_name, child_value in value:
                emit(child_name, child_value, depth + 1)
            lines.append('%s</%s>' % (pad, name))
        elif value == '':
            lines.append('%s<%s/>' % (pad, name))
        else:
            lines.append('%s<%s>%s</%s>' % (pad, name, xml_escape(value), name))

    for name, value in children:
        emit(name, value, 1)
    lines.append('</%s>' % root)
    return '\n'.join(lines) + '\n'


def ascii_xml(text):
    """asXML() of a document without an encoding declaration: non-ASCII as character references."""
    return ''.join(ch if ord(ch) < 128 else '&#x%X;' % ord(ch) for ch in xml_escape(text))


# --- the simulator ------------------------------------------------------------------------------

class WebifaceSimulator(Simulator):
    name = 'webiface'

    def seed(self):
        recording = self.options.get('seed') == 'recording'
        self.api_user = self.options.get('api_user', 'apiuser' if recording else 'demo')
        self.api_password = self.options.get('api_password', 'apipass123' if recording else 'demo-password')
        self.allowed_ips = list(self.options.get('allowed_ips', ['127.0.0.1']))
        self.api_active = bool(self.options.get('api_active', True))
        self.user_prefix = self.options.get('user_prefix', 'user')
        self.strict_sql = bool(self.options.get('strict_sql', False))
        self.broken_login_head = bool(self.options.get('broken_login_head', False))
        self.install_folder = bool(self.options.get('install_folder', False))
        self.random = random.Random(self.options.get('random_seed', 0))
        self.remote_addr = None
        self.api_salt = self._random_text('0123456789abcdef', 32)
        self.api_hash = self._hash_password(self.api_password)
        self.users = {}
        self.jobs = {}
        self.user_groups = []  # [userID, groupID, resellerID]
        self.usergroups = {
            1: {'id': 1, 'grouptype': 'a', 'name': 'Admin Default', 'active': 'Y', 'defaultgroup': 'Y'},
            2: {'id': 2, 'grouptype': 'r', 'name': 'Reseller Default', 'active': 'Y', 'defaultgroup': 'Y'},
            3: {'id': 3, 'grouptype': 'u', 'name': 'User Default', 'active': 'Y', 'defaultgroup': 'Y'},
        }
        admin = self._blank_user(1, 'admin', 'admin@example.org', 'a', ADMIN_CREATED)
        admin.update({'active': 'Y', 'externalID': '0', 'birthday': '2000-01-01', 'security':
                      hashlib.sha512(b'admin').hexdigest()})
        self.users[1] = admin
        self.user_groups.append([1, 1, 0])
        self.next_user_id = int(self.options.get('next_user_id', 2))
        self.next_job_id = int(self.options.get('next_job_id', 1))
        from .webiface_gserver import GameHosting  # here: that module builds on this one
        self.hosting = GameHosting(self, self.options.get('gserver_seed', 'demo'))

    # --- helpers -------------------------------------------------------------------------------
    def _random_text(self, alphabet, length):
        return ''.join(self.random.choice(alphabet) for dummy in range(length))

    def _now(self):
        return time.strftime('%Y-%m-%d %H:%M:%S', time.gmtime(self.clock.now()))

    def _hash_password(self, password, salt=None):
        """A bcrypt-shaped `$2y$10$` hash with a fresh salt each time, like password_hash()."""
        salt = salt or self._random_text(BCRYPT_ALPHABET, 22)
        digest = hashlib.sha256((salt + password).encode('utf-8')).digest()
        return '$2y$10$' + salt + ''.join(BCRYPT_ALPHABET[byte % 64] for byte in digest[:31])

    def password_matches(self, user_id, password):
        user = self.users.get(int(user_id))
        stored = user and user['security'] or ''
        return stored.startswith('$2y$10$') and self._hash_password(password, stored[7:29]) == stored

    @staticmethod
    def _blank_user(user_id, cname, mail, accounttype, created):
        user = dict.fromkeys(USER_COLUMNS)
        user.update({'id': user_id, 'cname': cname, 'mail': mail, 'accounttype': accounttype,
                     'jobPending': 'N', 'resellerid': '0', 'creationTime': created, 'updateTime': created,
                     'security': ''})
        user.update(dict.fromkeys(MAIL_FLAGS, 'Y'))
        return user

    def _store(self, column, value):
        """What MariaDB stores for a value bound to a column; strict mode raises instead of mangling."""
        if value is False:
            value = ''
        if column in ENUM_COLUMNS:
            if self.strict_sql and enum_value(value) == '':
                raise PhpFatal('Data truncated for column %s' % column)
            return enum_value(value)
        if column == 'salutation' and value == '':
            if self.strict_sql:
                raise PhpFatal("Incorrect integer value: '' for column salutation")
            return '0'
        if column == 'birthday' and value == '':
            if self.strict_sql:
                raise PhpFatal("Incorrect date value: '' for column birthday")
            return '0000-00-00'
        if column == 'mail' and value is not None and len(value) > MAIL_COLUMN_LENGTH:
            if self.strict_sql:
                raise PhpFatal('Data too long for column mail')
            return value[:MAIL_COLUMN_LENGTH]
        return value

    def _store_int(self, value):
        """An integer column bound to a PHP string (job user IDs): non-strict casts, strict refuses."""
        if isinstance(value, int):
            return value
        if re.fullmatch(r'\s*[+-]?\d+\s*', str(value)):
            return int(value)
        if self.strict_sql:
            raise PhpFatal("Incorrect integer value: '%s'" % value)
        return mysql_number(value)

    def _lookup(self, column, value, accounttype=None):
        """Rows of `SELECT ... WHERE column=? AND resellerid=0` in primary-key order."""
        if isinstance(value, list):
            value = 'Array'  # PHP's array-to-string conversion
        return [user for user_id, user in sorted(self.users.items())
                if sql_equal(user[column], value) and (accounttype is None or user['accounttype'] == accounttype)]

    def _add_job(self, user_id, name, action, extra=None, api='A', invoiced_by=0):
        job_id = self.next_job_id
        self.next_job_id += 1
        self.jobs[job_id] = {'jobID': job_id, 'hostID': 0, 'affectedID': user_id, 'userID': user_id,
                             'invoicedByID': invoiced_by, 'api': api, 'type': 'us', 'name': name, 'status': None,
                             'action': action, 'date': self._now(), 'extraData': extra, 'resellerID': 0}

    def _cancel_pending_jobs(self, user_id, user_jobs_only):
        """Pending jobs of the user to status 2; returns how many."""
        cancelled = 0
        for job in self.jobs.values():
            if job['userID'] == user_id and job['status'] in (None, 1) and \
                    (not user_jobs_only or job['type'] == 'us'):
                job['status'] = 2
                cancelled += 1
        return cancelled

    def _default_user_group(self):
        """[id] of the reseller's default active user group, else of any active user group, else []."""
        active = [group for dummy, group in sorted(self.usergroups.items())
                  if group['grouptype'] == 'u' and group['active'] == 'Y']
        defaults = [group for group in active if group['defaultgroup'] == 'Y']
        return [group['id'] for group in (defaults or active)[:1]]

    def _valid_groups(self, requested):
        """groupID values (one or a list) naming an active group of this reseller."""
        if requested is None:
            return []
        found = []
        for group_id in (requested if isinstance(requested, list) else [requested]):
            group = self.usergroups.get(int(group_id)) if check_id(group_id, 19) else None
            if group and group['active'] == 'Y' and group['id'] not in found:
                found.append(group['id'])
        return found

    # --- base-class hooks ----------------------------------------------------------------------
    def call_name(self, request):
        form = parse_form(request) if request.path == API_PATH else {}
        data = decode_payload(form)[1]
        action = data.get('action') if data else None
        if form.get('type') and isinstance(action, str):
            return '%s.%s' % (form['type'], action)
        return request.path.lstrip('/') or '/'

    def is_write_call(self, call):
        return '.' in call and call.rpartition('.')[2] in ('add', 'mod', 'del', 'clean')

    def handle(self, request):
        if request.path != API_PATH:
            return Response(404, '<h1>Not Found</h1>', HTML_TYPE)
        headers = {'Set-Cookie': 'PHPSESSID=%s; path=/' % self._random_text('abcdefghijklmnopqrstuv0123456789', 26)}
        if self.install_folder:
            return Response(200, 'Please remove the "install" folder', HTML_TYPE, headers)
        try:
            status, body, content_type = self._api(request)
        except Forbidden as refusal:
            status, body, content_type = 403, '403 Forbidden: %s' % refusal, HTML_TYPE
        except PhpFatal:
            status, body, content_type = 500, '', HTML_TYPE
        return Response(status, body, content_type, headers)

    def state(self):
        def user_row(user):
            row = {column: (str(user[column]) if column == 'id' else user[column]) for column in USER_COLUMNS}
            row['security_prefix'] = (user['security'] or '')[:20]
            return row

        def job_row(job):
            return {column: (None if job[column] is None else str(job[column])) for column in JOB_COLUMNS}

        return {
            'userdata': [user_row(user) for dummy, user in sorted(self.users.items())],
            'jobs': [job_row(job) for dummy, job in sorted(self.jobs.items())],
            'userdata_groups': [{'userID': str(u), 'groupID': str(g), 'resellerID': str(r)}
                                for u, g, r in sorted(self.user_groups)],
            'usergroups': [dict(group, id=str(group['id'])) for dummy, group in sorted(self.usergroups.items())],
            'api_settings': [{'resellerID': '0', 'active': 'Y' if self.api_active else 'N', 'user': self.api_user,
                              'salt': self.api_salt, 'pwd': self.api_hash}],
            'sql_mode': STRICT_SQL_MODE if self.strict_sql else '',
            'next_user_id': self.next_user_id,
            'next_job_id': self.next_job_id,
            **self.hosting.state(),
        }

    def control(self, name, payload):
        if name == 'run_jobs':
            return self.run_jobs()
        if name == 'remote_addr':
            self.remote_addr = payload.get('ip')
            return {'ok': True}
        if name == 'load':
            self.load(payload)
            return {'ok': True}
        if name == 'set_usergroup':
            fields = dict(payload)
            return self.set_usergroup(fields.pop('id'), **fields)
        if name == 'verify_password':
            return {'match': self.password_matches(payload['id'], payload['password'])}
        if name == 'login':
            return self.login(payload.get('username'), payload.get('password'))
        if name == 'panel_save_user':
            return self.panel_save_user(payload['id'], payload.get('active'))
        return self.hosting.control(name, payload)

    # --- controls --------------------------------------------------------------------------------
    def load(self, dump):
        """Replace the database with rows in state() format (missing columns: NULL; counters kept
        unless given)."""
        with self.lock:
            self.users = {}
            for row in dump.get('userdata', []):
                user = dict.fromkeys(USER_COLUMNS)
                user.update({key: value for key, value in row.items() if key in USER_COLUMNS})
                user['id'] = int(row['id'])
                password = row.get('password') or self._random_text(PASSWORD_ALPHABET, 10)
                if (row.get('security_prefix') or '$2y$').startswith('$2y$'):
                    user['security'] = self._hash_password(password)
                else:  # accounts created by the panel's installer carry an older, hex hash
                    user['security'] = hashlib.sha512(password.encode('utf-8')).hexdigest()
                self.users[user['id']] = user
            self.jobs = {}
            for row in dump.get('jobs', []):
                job = dict.fromkeys(JOB_COLUMNS)
                job.update({key: value for key, value in row.items() if key in JOB_COLUMNS})
                for column in ('jobID', 'hostID', 'affectedID', 'userID', 'invoicedByID', 'resellerID'):
                    job[column] = int(job[column] or 0)
                job['status'] = None if job['status'] is None else int(job['status'])
                self.jobs[job['jobID']] = job
            if 'userdata_groups' in dump:
                self.user_groups = [[int(row['userID']), int(row['groupID']), int(row.get('resellerID', 0))]
                                    for row in dump['userdata_groups']]
            self.next_user_id = int(dump.get('next_user_id', max(list(self.users) + [self.next_user_id - 1]) + 1))
            self.next_job_id = int(dump.get('next_job_id', max(list(self.jobs) + [self.next_job_id - 1]) + 1))
            if 'sql_mode' in dump:
                self.strict_sql = bool(dump['sql_mode'])
            self.hosting.load(dump)

    def set_usergroup(self, group_id, **fields):
        """Create (a non-default user group) or change the user group `group_id`."""
        with self.lock:
            group = self.usergroups.setdefault(int(group_id), {'id': int(group_id), 'grouptype': 'u',
                                                               'name': 'Group %s' % group_id, 'active': 'Y',
                                                               'defaultgroup': 'N'})
            group.update(fields)
            return dict(group)

    def login(self, username, password):
        """The panel's login form (login.php) for user accounts: see the `login` control."""
        with self.lock:
            name = check_login_name(username)
            mail = check_mail(php_trim(username)) if isinstance(username, str) else False
            secret = check_password(password)
            if not (name or mail) or not secret:
                return {'logged_in': False, 'user_id': None, 'reason': 'the form refuses the login or password'}
            found = [user for dummy, user in sorted(self.users.items())
                     if (name and sql_equal(user['cname'], name)) or (mail and sql_equal(user['mail'], mail.lower()))]
            if not found:
                return {'logged_in': False, 'user_id': None, 'reason': 'no account with this login or e-mail'}
            user = found[0]
            if user['active'] != 'Y':
                return {'logged_in': False, 'user_id': user['id'], 'reason': 'the account is not active'}
            if not self.password_matches(user['id'], secret):
                return {'logged_in': False, 'user_id': user['id'], 'reason': 'wrong password'}
            return {'logged_in': True, 'user_id': user['id'], 'reason': None}

    def panel_save_user(self, user_id, active=None):
        """An admin saving the user's page in the panel: see the `panel_save_user` control."""
        with self.lock:
            user = self.users[int(user_id)]
            if active is not None and active != user['active']:
                self._cancel_pending_jobs(user['id'], user_jobs_only=True)
                self._add_job(user['id'], user['cname'], 'md', php_json_encode({'newActive': active}), api='U',
                              invoiced_by=1)
                user['jobPending'] = 'Y'
            else:
                user['jobPending'] = 'N'
            user['updateTime'] = self._now()
            return {'jobPending': user['jobPending']}

    def run_jobs(self):
        """jobs.php in cron mode with no servers configured (transcript 11)."""
        with self.lock:
            pending = [job for dummy, job in sorted(self.jobs.items()) if job['status'] in (None, 1)]
            newest = {}
            for job in pending:  # updateStates(): the newest pending job per object and action wins
                key = (job['type'], job['affectedID'], job['action'])
                if key in newest:
                    newest[key]['status'] = 2
                newest[key] = job
            user_jobs = [job for job in newest.values() if job['type'] == 'us']
            log = []
            processed = []
            for job in sorted(user_jobs, key=lambda j: (j['action'] != 'md', j['jobID'])):
                user = self.users.get(job['userID'])
                if job['action'] == 'md':
                    log.append('Modify userID: %s name:%s' % (job['userID'], job['name']))
                    if user is not None:
                        user['active'] = enum_value(json.loads(job['extraData'] or '{}').get('newActive'))
                        user['jobPending'] = 'N'
                elif job['action'] == 'dl':
                    log.append('Delete cleanup userID: %s name:%s' % (job['userID'], job['name']))
                    self.users.pop(job['userID'], None)
                    self.user_groups = [row for row in self.user_groups if row[0] != job['userID']]
                job['status'] = 3
                processed.append(job['jobID'])
            processed += self.hosting.run_jobs(log, sorted(user_jobs, key=lambda j: j['jobID']))
            return {'processed': processed, 'log': log}

    # --- api.php ---------------------------------------------------------------------------------
    def _api(self, request):
        form = parse_form(request)
        remote = self.remote_addr or request.client_ip
        ip = check_ip4(remote)
        api_user = check_api_user(form.get('user'))
        if not ip:
            raise Forbidden('No valid access data. No API user given. No IP4 can be found at REMOTE_ADDR.')
        if not api_user:
            raise Forbidden('No valid access data. No API user given. Request IP is: %s' % ip)
        password = check_password(form.get('pwd'))
        logged_in = (ip in self.allowed_ips and self.api_active and not self.broken_login_head
                     and password is not False and password == self.api_password and api_user == self.api_user)
        type_given = form.get('type') if re.fullmatch(r'[a-z]{1,10}', form.get('type') or '') else None
        api_type = type_given if type_given in KNOWN_TYPES else None
        if not logged_in:
            raise Forbidden('No valid api data Request IP is: %s' % ip)
        if api_type is None:
            raise Forbidden('Type %sis not known' % type_given if type_given else 'Type is not defined')
        kind, data = decode_payload(form)
        if kind is None:
            raise Forbidden('Neither POST value xml, nor JSON has been send!')
        if data is None:
            raise Forbidden('JSON not vaild' if kind == 'json' else 'XML not valid')
        if api_type == 'user':
            return UserApi(self, data, kind).run()
        if api_type == 'list':
            return self.hosting.list_api(data, kind)
        return self.hosting.api(api_type, data, kind)


class UserApi:
    """One request to stuff/api/api_users.php. Reply variables start as '' like the PHP script's."""

    def __init__(self, simulator, data, kind):
        self.sim = simulator
        self.data = data
        self.kind = kind
        self.reply = dict.fromkeys(VOICE_FIELDS[2:], '')
        self.errors = []
        self.changed = False

    def run(self):
        action = self.data.get('action')
        handler = {'add': self.add, 'clean': self.clean, 'mod': self.mod, 'del': self.delete}.get(
            action if isinstance(action, str) else None)
        try:
            if handler:
                result = handler()
            elif action == 'ls' and self._ls_by_identifier_requested():
                result = self.ls_one()
            elif action == 'ls' and self.data.get('identify_by') is None:
                result = self.ls_list()
            else:
                self.errors.append('No action defined')
                result = None
        finally:
            if self.changed:
                self.sim.record_write('user.%s' % action)
        return result or self._answer()

    # --- shared pieces ---------------------------------------------------------------------------
    def _answer(self):
        """The trailing reply: <voice> for XML, the (broken) JSON object otherwise."""
        reply = self.reply
        if self.kind == 'json':
            body = php_json_encode({'action': None, 'username': reply['username'],
                                    'external_id': reply['external_id'], 'email': reply['email'], 'errors': '',
                                    'password': reply['password'], 'active': reply['active'],
                                    'localid': reply['localid']})
            return 200, body, JSON_TYPE
        action = self.data.get('action')
        fields = [('action', 'fail' if self.errors else 'success'),
                  ('actionSend', element_text(action)),
                  ('username', element_text(reply['username'])),
                  ('external_id', element_text(reply['external_id'])),
                  ('email', element_text(reply['email'])),
                  ('errors', element_text(', '.join(self.errors)))]
        fields += [(name, element_text(reply[name])) for name in VOICE_FIELDS[6:]]
        return 200, dom_document('voice', fields), XML_TYPE

    def _lookup_identifier(self):
        """dataExist('identify_by'): the column and value to look the user up by, or None."""
        identify_by = self.data.get('identify_by')
        if not isinstance(identify_by, str) or identify_by not in LOOKUP_COLUMNS:
            return None
        value = self.data.get(identify_by)
        return None if is_bad(value) else (LOOKUP_COLUMNS[identify_by], value)

    def _sent_external_id(self):
        value = self.data.get('external_id')
        return value if value is not None and check_external_id(value) not in ('', None) else ''

    # --- add -------------------------------------------------------------------------------------
    def add(self):
        sim, data, reply = self.sim, self.data, self.reply
        email = check_mail(data.get('email'))
        if not email:
            self.errors.append('Can not identify user or bad email')
            return None
        reply['email'] = email
        reply['username'] = username = data.get('username') or ''
        reply['external_id'] = external_id = check_external_id(data.get('external_id'))
        reply['active'] = active = check_active(data.get('active'))
        duplicates = [user for dummy, user in sorted(sim.users.items())
                      if sql_equal(user['mail'], email) or sql_equal(user['cname'], username)]
        if duplicates:
            reply['username'], reply['email'] = duplicates[0]['cname'], duplicates[0]['mail']
            self.errors.append('user with this e-mail already exists: %s' % reply['username'])
        elif not is_bad(external_id) and sim._lookup('externalID', external_id):
            # the script reads a $row that was never fetched: name and mail come back empty
            reply['username'] = reply['email'] = ''
            self.errors.append('user with external ID exists: ')
        groups = sim._valid_groups(data.get('groupID'))
        if not groups and not duplicates:
            groups = sim._default_user_group()
        self._validated_fields()
        for flag in MAIL_FLAGS:
            reply[flag] = check_active(data.get(flag)) or 'Y'
        if self.errors:
            return None
        if not groups:
            self.errors.append('No usergroup available')
            return None
        self._insert_user(username, email, external_id, active, groups)
        return None

    def _insert_user(self, username, email, external_id, active, groups):
        sim, reply = self.sim, self.reply
        now = sim._now()
        user = sim._blank_user(sim.next_user_id, username, None, 'u', now)
        values = {'active': active, 'mail': email, 'externalID': external_id}
        copied = ('vname', 'name', 'phone', 'handy', 'fax', 'city', 'cityn', 'street', 'streetn', 'salutation',
                  'birthday', 'country', 'fdlpath') + MAIL_FLAGS
        values.update({column: reply[column] for column in copied})
        for column, value in values.items():
            user[column] = sim._store(column, value)  # strict mode raises before anything is stored
        sim.next_user_id += 1
        if is_bad(username):
            user['cname'] = reply['username'] = '%s%d' % (sim.user_prefix, user['id'])
        password = self.data.get('password')
        reply['password'] = password = sim._random_text(PASSWORD_ALPHABET, 10) if is_bad(password) else password
        user['security'] = sim._hash_password(password)
        sim.users[user['id']] = user
        sim.user_groups.extend([user['id'], group_id, 0] for group_id in groups)
        reply['localid'] = str(user['id'])
        self.changed = True

    def _validated_fields(self):
        """The optional fields that pass Easy-WI's checks (add and mod share them)."""
        data, reply = self.data, self.reply
        checks = (('name', lambda v: check_name(v, 255)), ('vname', lambda v: check_name(v, 255)),
                  ('phone', check_phone), ('handy', check_phone), ('fax', check_phone),
                  ('city', lambda v: check_name(v, 50)), ('cityn', lambda v: check_number(v, 6)),
                  ('street', lambda v: check_name(v, 50)), ('streetn', lambda v: check_word(v, 6)),
                  ('salutation', lambda v: check_number(v, 1)))
        valid = {}
        for field, check in checks:
            value = check(data.get(field)) if field in data else False
            if value:
                reply[field] = valid[field] = value
        birthday = parse_birthday(data.get('birthday'), datetime.date.fromtimestamp(self.sim.clock.now()))
        if birthday:
            reply['birthday'] = valid['birthday'] = birthday
        country = check_word(data.get('country'), 2)
        if country:
            reply['country'] = valid['country'] = country.lower()
        if check_url(data.get('fdlpath')):
            reply['fdlpath'] = valid['fdlpath'] = data['fdlpath']
        return valid

    # --- clean -----------------------------------------------------------------------------------
    def clean(self):
        external_id = self._sent_external_id()
        self.reply['external_id'] = external_id
        if not is_bad(external_id):
            for user in self.sim._lookup('externalID', external_id):
                user['externalID'] = ''
                self.changed = True
        return None

    # --- mod -------------------------------------------------------------------------------------
    def mod(self):
        sim, data, reply = self.sim, self.data, self.reply
        reply['username'] = data.get('username') or ''
        reply['external_id'] = self._sent_external_id()
        active = check_active(data['active']) if data.get('active') is not None else 'Y'
        reply['active'] = active
        local_id = data.get('localid') if data.get('localid') is not None else ''
        lookup = self._lookup_identifier()
        if lookup is None:
            self.errors.append('No data for this method')
            return None
        found = sim._lookup(*lookup)
        old_active = None
        if found:
            local_id, reply['name'], old_active = found[-1]['id'], found[-1]['cname'], found[-1]['active']
        reply['localid'] = local_id
        if not check_id(str(local_id), 10):
            self.errors.append('No user can be found to edit')
            return None
        user_id = sim._store_int(local_id)
        what = {}
        password = data.get('password')
        if not is_bad(password):
            reply['password'] = password
            what['security'] = sim._hash_password(password)
        if check_mail(data.get('email')):
            what['mail'] = data['email']  # not echoed: the script keeps it in another variable
        what.update(self._validated_fields())
        for flag in MAIL_FLAGS:
            if check_active(data.get(flag)):
                reply[flag] = what[flag] = data[flag]
        if reply['external_id']:
            what['externalID'] = reply['external_id']
        self._reduce_groups(user_id)
        # the values are pasted into the UPDATE between single quotes: a stray quote is a syntax error
        stored = {column: sim._store(column, sql_string_literal(str(value))) for column, value in what.items()}
        user = sim.users.get(user_id)
        if user is not None:
            user.update(stored)
            user['updateTime'] = sim._now()
            self.changed = True
        if sim._cancel_pending_jobs(user_id, user_jobs_only=True):
            self.changed = True
        if not is_bad(active) and active != old_active:
            if user is not None:
                user['jobPending'] = 'Y'
            sim._add_job(user_id, reply['name'], 'md', php_json_encode({'newActive': active}))
            self.changed = True
        return None

    def _reduce_groups(self, user_id):
        """A valid groupID list removes the user's other groups; the script never adds the new ones."""
        requested = self.sim._valid_groups(self.data.get('groupID'))
        if requested:
            kept = [row for row in self.sim.user_groups if row[0] != user_id or row[1] in requested]
            self.changed = self.changed or len(kept) != len(self.sim.user_groups)
            self.sim.user_groups = kept

    # --- del -------------------------------------------------------------------------------------
    def delete(self):
        sim, data, reply = self.sim, self.data, self.reply
        reply['email'] = data.get('email')
        reply['username'] = data.get('username') or ''
        reply['external_id'] = self._sent_external_id()
        reply['active'] = check_active(data['active']) if data.get('active') is not None else ''
        local_id = data.get('localid') if data.get('localid') is not None else ''
        lookup = self._lookup_identifier()
        if lookup is None:
            self.errors.append('No data for this method')
            return None
        found = sim._lookup(*lookup)
        if found:
            local_id, reply['name'] = found[-1]['id'], found[-1]['cname']
        # "found" tests two variables that are always set: an unknown user still gets a job
        reply['localid'] = local_id
        user = sim.users.get(mysql_number(local_id))
        if user is not None:
            user['jobPending'] = 'Y'
            self.changed = True
        if sim._cancel_pending_jobs(mysql_number(local_id), user_jobs_only=False):
            self.changed = True
        sim._add_job(sim._store_int(local_id), reply['name'], 'dl')  # strict mode: '' is no integer
        self.changed = True
        return None

    # --- ls --------------------------------------------------------------------------------------
    def _ls_by_identifier_requested(self):
        identify_by = self.data.get('identify_by')
        if isinstance(identify_by, list):
            raise PhpFatal('Illegal offset type in isset')
        return identify_by is not None and not is_bad(self.data.get(identify_by))

    def ls_one(self):
        sim, data, reply = self.sim, self.data, self.reply
        reply['email'] = data.get('email') or ''
        reply['username'] = data.get('username') or ''
        reply['external_id'] = self._sent_external_id()
        reply['localid'] = data.get('localid') or ''
        only_details = 1 if data.get('show_user_data_only') == '1' else 0
        lookup = self._lookup_identifier()
        if lookup is None:
            self.errors.append('No data for this method')
            return None
        found = sim._lookup(*lookup, accounttype='u')
        if not found:
            self.errors.append('Can not find a user with this data!')
            return None
        user = found[0]
        details = {column: user[column] for column in LS_DETAIL_COLUMNS}
        details['show_user_data_only'] = only_details
        servers = sim.hosting.owner_listing(user['id'], only_details)
        if self.kind == 'json':
            body = dict({'userdetails': details}, **servers)
            return 200, php_json_encode(body), JSON_TYPE
        inner = ''.join('<%s>%s</%s>' % (key, ascii_xml(element_text(value)), key) for key, value in details.items())
        body = '<?xml version="1.0"?>\n<user><userdetails>%s</userdetails>%s</user>\n' % (
            inner, sim.hosting.owner_listing_xml(servers))
        return 200, body, XML_TYPE

    def ls_list(self):
        sim, data = self.sim, self.data
        start, amount = data.get('start'), data.get('amount')
        users = [user for dummy, user in sorted(sim.users.items()) if user['accounttype'] == 'u']
        total = len(users)
        not_like = check_word(data.get('notLike'), 255)
        like = check_word(data.get('like'), 255)
        if not_like:
            users = [user for user in users if user['externalID'] is None or not sql_like(user['externalID'], not_like)]
        elif like:
            users = [user for user in users if sql_like(user['externalID'], like)]
        if is_numeric(start) and is_numeric(amount):
            # pasted into "LIMIT start,amount": only plain integers are valid SQL there
            if not (re.fullmatch(r'\s*\d+', start) and re.fullmatch(r'\s*\d+', amount)):
                raise PhpFatal('SQL syntax error in LIMIT')
            users = users[int(start):int(start) + int(amount)]
        if self.kind == 'json':
            rows = [{column: self._typed(column, user[column]) for column in LS_LIST_COLUMNS} for user in users]
            return 200, php_json_encode(rows) + self._answer()[1], JSON_TYPE
        children = [('totalAmount', str(total)),
                    ('start', str(mysql_number(start)) if start is not None else ''),
                    ('amount', str(mysql_number(amount)) if amount is not None else ''),
                    ('like', like or ''), ('notLike', not_like or '')]
        children += [('user', [(column, element_text(user[column])) for column in LS_LIST_XML_ORDER])
                     for user in users]
        return 200, dom_document('users', children), XML_TYPE

    @staticmethod
    def _typed(column, value):
        """PDO with mysqlnd returns integer columns as ints."""
        return int(value) if column in ('id', 'salutation') and value is not None else value


SIMULATOR = WebifaceSimulator


def encode_xml_field(xml_text, urlencode_text=False):
    """The `xml` form value a client sends: base64 of the document (optionally URL-encoded first,
    for an exact round trip of `+` and `%`)."""
    raw = quote_plus(xml_text).encode('ascii') if urlencode_text else xml_text.encode('utf-8')
    return base64.b64encode(raw).decode('ascii')
