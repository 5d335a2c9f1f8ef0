# Copyright (c) hosting.provision developers
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Self-signed certificates made at test time, and simulators served over https with them.

The certificate is made with the `cryptography` package when it is installed (ansible-core brings it), else
with the `openssl` command; nothing is downloaded.
"""

import datetime
import ipaddress
import os
import shutil
import ssl
import subprocess
import threading

from simulators._base import Running, make_server


def make_certificate(directory, name='simulator'):
    """(certificate path, key path) of a new self-signed certificate for 127.0.0.1 and localhost."""
    cert_path = os.path.join(directory, '%s.crt' % name)
    key_path = os.path.join(directory, '%s.key' % name)
    try:
        _with_cryptography(cert_path, key_path, name)
    except ImportError:
        if not shutil.which('openssl'):
            raise RuntimeError('neither the cryptography package nor the openssl command is available')
        subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
                        '-subj', '/CN=%s' % name, '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
                        '-keyout', key_path, '-out', cert_path], check=True, capture_output=True)
    return cert_path, key_path


def _with_cryptography(cert_path, key_path, name):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address('127.0.0.1')),
                                                    x509.DNSName('localhost')]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256()))
    with open(cert_path, 'wb') as handle:
        handle.write(certificate.public_bytes(serialization.Encoding.PEM))
    with open(key_path, 'wb') as handle:
        handle.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))


class TlsRunning(Running):
    """A simulator served over https with the certificate `cert_path` (its key at `key_path`)."""

    def __init__(self, simulator, cert_path, key_path):  # pylint: disable=super-init-not-called
        self.simulator = simulator
        self.server = make_server(simulator)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_path, key_path)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={'poll_interval': 0.05}, daemon=True)
        self.thread.start()

    @property
    def url(self):
        host, port = self.server.server_address[:2]
        return 'https://%s:%d' % (host, port)
