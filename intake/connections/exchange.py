"""An Exchange (EWS) account, logged in, for the mailbox source and the report transport.

OAuth2 client credentials act for the mailbox by impersonation (an app-only token has no mailbox
of its own), with the token from ``mailbox.authority_url`` (national clouds); a username and
password log in as the mailbox's delegate. ``mailbox.ca_bundle`` is trusted besides the
system's authorities: exchangelib makes its HTTP sessions from one adapter class for the whole
process, so that class is set here (one mailbox per process).
"""
from __future__ import annotations

from exchangelib import (
    BASIC,
    DELEGATE,
    IMPERSONATION,
    NTLM,
    OAUTH2,
    Account,
    Configuration,
    Credentials,
    FailFast,
    FaultTolerance,
    Identity,
    OAuth2Credentials,
    close_connections,
)
from exchangelib.errors import EWSError, UnauthorizedError
from exchangelib.protocol import BaseProtocol
from oauthlib.oauth2 import OAuth2Error
from requests.exceptions import RequestException

from config.settings import MailboxSettings
from intake.connections.tls import adapter_class
from intake.sources.base import SourceError

EXCHANGE_ERRORS = (EWSError, RequestException, OSError, OAuth2Error)
_AUTH = {"ntlm": NTLM, "basic": BASIC, "oauth2": OAUTH2}


class _AppCredentials(OAuth2Credentials):
    """Client credentials whose token comes from the configured identity platform."""

    def __init__(self, *args, authority_url: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.authority_url = authority_url.rstrip("/")

    @property
    def token_url(self) -> str:
        return f"{self.authority_url}/{self.tenant_id}/oauth2/v2.0/token"


def _credentials(s: MailboxSettings) -> tuple[Credentials | OAuth2Credentials, str]:
    if s.auth == "oauth2":
        return _AppCredentials(
            client_id=s.client_id, client_secret=s.client_secret.get_secret_value(),
            tenant_id=s.tenant_id, identity=Identity(primary_smtp_address=s.email),
            authority_url=s.authority_url), IMPERSONATION
    return Credentials(s.username, s.password.get_secret_value()), DELEGATE


def exchange_account(s: MailboxSettings, max_wait: float = 60.0) -> Account:
    """The account, logged in. The first request fails fast, so a refused login is a
    SourceError at once rather than a 401 retried as throttling until ``max_wait``; later
    requests wait out throttling for up to ``max_wait`` seconds."""
    problem = s.exchange_problem()
    if problem:
        raise SourceError(problem)
    trusted = getattr(BaseProtocol.HTTP_ADAPTER_CLS, "trusted", None)
    if s.ca_bundle is not None and trusted != s.ca_bundle:
        BaseProtocol.HTTP_ADAPTER_CLS = adapter_class(s.ca_bundle)
        close_connections()  # cached protocols keep sessions made with the old adapter
    credentials, access_type = _credentials(s)
    config = Configuration(
        service_endpoint=s.service_endpoint or None, credentials=credentials,
        auth_type=_AUTH[s.auth], retry_policy=FailFast(), max_connections=2)
    try:
        account = Account(primary_smtp_address=s.email, config=config, credentials=credentials,
                          autodiscover=not s.service_endpoint, access_type=access_type)
        account.protocol.TIMEOUT = s.timeout_seconds
        account.version  # noqa: B018 - the first request, under FailFast
    except (UnauthorizedError, OAuth2Error) as exc:
        raise SourceError(f"Exchange nekade inloggningen (auth = {s.auth}): {exc}") from exc
    except EXCHANGE_ERRORS as exc:
        raise SourceError(f"Exchange ({s.service_endpoint or 'autodiscover'}): {exc}") from exc
    account.protocol.config.retry_policy = FaultTolerance(max_wait=max_wait)
    return account
