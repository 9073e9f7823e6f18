"""An IMAP connection, logged in: with the password, or with XOAUTH2 and an app-only token.

For Exchange Online the token's scope is the IMAP host's ``/.default``
(``https://outlook.office365.com/.default``; a national cloud's host likewise), the app needs
the application permission IMAP.AccessAsApp and its service principal FullAccess on the
mailbox, and the login name is the mailbox's address.

imap-tools reads the server's capabilities before login, and servers such as Dovecot announce
MOVE only after it: they are read again, and a server without MOVE is refused (imap-tools'
fallback, COPY + \\Deleted + EXPUNGE, would also expunge mail someone else marked deleted).
"""
from __future__ import annotations

import imaplib
import socket
import ssl

from imap_tools import BaseMailBox, MailBox, MailBoxStartTls, MailBoxUnencrypted
from imap_tools.errors import ImapToolsError

from config.settings import MailboxSettings
from intake.connections.tls import http_session, tls_context
from intake.sources.base import SourceError

IMAP_ERRORS = (OSError, socket.timeout, ssl.SSLError, imaplib.IMAP4.error, ImapToolsError)


def xoauth2_token(s: MailboxSettings) -> str:
    from intake.connections.tokens import AppTokens, scope_for

    session = http_session(s.ca_bundle)
    try:
        return AppTokens(s, scope_for(f"https://{s.host}"), session).token()
    finally:
        session.close()


def imap_mailbox(s: MailboxSettings) -> BaseMailBox:
    """Connected, logged in, capabilities read again; SourceError when any of it fails."""
    oauth = s.auth == "oauth2"
    if not s.host or not s.username:
        raise SourceError("IMAP kräver värd och användarnamn (mailbox.host, mailbox.username)")
    if not oauth and s.password is None:
        raise SourceError("IMAP kräver värd, användarnamn och lösenord (MAILBOX__PASSWORD i miljön)")
    token = xoauth2_token(s) if oauth else None
    box: BaseMailBox | None = None
    try:
        if s.ssl == "true":
            box = MailBox(s.host, s.port, timeout=s.timeout_seconds, ssl_context=tls_context(s.ca_bundle))
        elif s.ssl == "starttls":
            box = MailBoxStartTls(s.host, s.port, timeout=s.timeout_seconds,
                                  ssl_context=tls_context(s.ca_bundle))
        else:
            box = MailBoxUnencrypted(s.host, s.port, timeout=s.timeout_seconds)
        if token is not None:
            box.xoauth2(s.username, token, initial_folder=None)
        else:
            box.login(s.username, s.password.get_secret_value(), initial_folder=None)
        _refresh_capabilities(box)
    except (SourceError, *IMAP_ERRORS) as exc:
        if box is not None:
            logout(box)
        if isinstance(exc, SourceError):
            raise
        raise SourceError(f"IMAP-servern {s.host}:{s.port}: {exc}") from exc
    return box


def _refresh_capabilities(box: BaseMailBox) -> None:
    typ, data = box.client.capability()
    if typ != "OK" or not data:
        raise SourceError("IMAP-servern svarade inte på CAPABILITY")
    box.client.capabilities = tuple(data[-1].decode("ascii").upper().split())
    if "MOVE" not in box.client.capabilities:
        raise SourceError("IMAP-servern saknar MOVE (RFC 6851); flytt utan MOVE kan radera annan post")


def logout(box: BaseMailBox) -> None:
    try:
        box.logout()
    except IMAP_ERRORS:
        pass
