"""A throw-away Dovecot 2.3 IMAP server on a free loopback port, for tests and the soak script.

Runs as root with the usual unprivileged users (dovecot, dovenull) and a non-root uid owning
the Maildirs; base_dir and state_dir live in its own directory, so several can run at once.
Each test takes a fresh account from a pool written before the start.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from imap_tools import MailBoxUnencrypted
from pydantic import SecretStr

from config.settings import MailboxSettings

DOVECOT = "/usr/sbin/dovecot"
PASSWORD = "hemligt"
MAIL_UID = 65534  # nobody: the Maildir must not belong to root

CONFIG = """\
base_dir = {dir}/run
state_dir = {dir}/state
log_path = {dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login{mechanisms}
auth_failure_delay = 0
default_internal_user = dovecot
default_login_user = dovenull
mail_location = maildir:~/Maildir
{oauth2_passdb}passdb {{
  driver = passwd-file
  args = scheme=PLAIN {dir}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={uid} home={dir}/mail/%u
}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
  }}
}}
"""


OAUTH2_PASSDB = """\
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {dir}/oauth2.conf.ext
}}
"""
OAUTH2_CONFIG = """\
introspection_mode = post
introspection_url = {url}
username_attribute = email
active_attribute = active
active_value = true
tls_ca_cert_file = {ca_file}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class ImapAccount:
    host: str
    port: int
    username: str
    password: str

    def settings(self, **overrides) -> MailboxSettings:
        values = dict(kind="imap", host=self.host, port=self.port, ssl="false",
                      username=self.username, password=SecretStr(self.password),
                      folder="INBOX", processed_folder="Behandlat", timeout_seconds=10)
        values.update(overrides)
        return MailboxSettings(**values)

    def connect(self) -> MailBoxUnencrypted:
        return MailBoxUnencrypted(self.host, self.port, timeout=10).login(
            self.username, self.password, initial_folder=None)

    def append(self, *messages: bytes, folder: str = "INBOX", flags: tuple[str, ...] = ()) -> None:
        with self.connect() as box:
            for raw in messages:
                box.append(raw, folder, flag_set=flags or None)

    def uids(self, folder: str) -> list[str]:
        with self.connect() as box:
            if not box.folder.exists(folder):
                return []
            box.folder.set(folder)
            return list(box.uids("ALL"))

    def raw_messages(self, folder: str) -> list[bytes]:
        with self.connect() as box:
            if not box.folder.exists(folder):
                return []
            box.folder.set(folder)
            return [m.obj.as_bytes() for m in box.fetch(mark_seen=False)]


class DovecotServer:
    """``introspection_url`` (with ``ca_file`` trusted for it) also offers XOAUTH2 and
    OAUTHBEARER, checking each token at that RFC 7662 endpoint (the oauth2 passdb).
    ``tls_cert`` (a trustme leaf certificate) also serves IMAPS on ``imaps_port``."""

    def __init__(self, users: int = 500, introspection_url: str | None = None,
                 ca_file: Path | None = None, tls_cert=None) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="gi-dovecot-"))
        self.dir.chmod(0o755)
        mail = self.dir / "mail"
        mail.mkdir()
        os.chown(mail, MAIL_UID, MAIL_UID)
        self.users = self.dir / "users"
        self.users.write_text("".join(f"u{n}:{{PLAIN}}{PASSWORD}::::::\n" for n in range(users)))
        self._accounts = iter(f"u{n}" for n in range(users))
        self.port = free_port()
        self.imaps_port = 0
        ssl = "ssl = no"
        if tls_cert is not None:
            self.imaps_port = free_port()
            cert, key = self.dir / "imaps-cert.pem", self.dir / "imaps-key.pem"
            cert.write_bytes(b"".join(p.bytes() for p in tls_cert.cert_chain_pems))
            key.write_bytes(tls_cert.private_key_pem.bytes())
            ssl = f"ssl = yes\nssl_cert = <{cert}\nssl_key = <{key}"
        self.config = self.dir / "dovecot.conf"
        oauth2 = ""
        if introspection_url:
            trusted = self.dir / "oauth2-ca.pem"  # readable by the unprivileged auth process
            shutil.copyfile(ca_file, trusted)
            trusted.chmod(0o644)
            (self.dir / "oauth2.conf.ext").write_text(
                OAUTH2_CONFIG.format(url=introspection_url, ca_file=trusted))
            oauth2 = OAUTH2_PASSDB.format(dir=self.dir)
        self.config.write_text(CONFIG.format(dir=self.dir, uid=MAIL_UID, port=self.port, ssl=ssl,
                                             imaps_port=self.imaps_port,
                                             mechanisms=" xoauth2 oauthbearer" if oauth2 else "",
                                             oauth2_passdb=oauth2))
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(self.config)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self._wait_ready()

    def _wait_ready(self, seconds: float = 15.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"dovecot exited: {self.process.stderr.read().decode()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("dovecot did not start")

    def add_user(self) -> ImapAccount:
        """A fresh account (from a pool written at start: Dovecot caches the passwd-file)."""
        return ImapAccount("127.0.0.1", self.port, next(self._accounts), PASSWORD)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> DovecotServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
