"""App-only access tokens from the Microsoft identity platform, through MSAL.

The client-credentials grant, with a client secret or a certificate. MSAL keeps the token and
asks for a new one before it expires (within five minutes of expiry); ``renew`` drops it at
once, for the resource server that calls a token expired before MSAL thinks so.

A refusal carries the identity platform's AADSTS code; ``AADSTS`` says what it means in
Swedish, so ``mailbox check`` and the logs can tell an administrator what to change.
"""
from __future__ import annotations

import base64
import json
import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

import msal
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from config.settings import MailboxSettings
from intake.sources.base import SourceError

log = logging.getLogger(__name__)

AADSTS = {
    7000215: "fel klienthemlighet (ange hemlighetens värde, inte dess id)",
    7000222: "klienthemligheten har gått ut; skapa en ny i appregistreringen",
    7000218: "varken klienthemlighet eller certifikat skickades",
    700016: "appen (client_id) finns inte i klientorganisationen (tenant_id)",
    700027: "certifikatet godtas inte: det är inte uppladdat i appregistreringen, eller har gått ut",
    7000112: "appen är inaktiverad i klientorganisationen",
    90002: "klientorganisationen (tenant_id) finns inte",
    900023: "tenant_id är varken ett giltigt id (GUID) eller ett domännamn",
    500011: "resursen (Microsoft Graph eller Exchange Online) finns inte i klientorganisationen; "
            "fel GRAPH_URL eller nationellt moln?",
    70011: "ogiltigt scope",
    1002012: "ogiltigt scope",
    53003: "stoppad av en princip för villkorsstyrd åtkomst",
    700024: "klientintyget (certifikatets signering) ligger utanför sin giltighetstid; "
            "kontrollera datorns klocka",
}
_CODE = re.compile(r"AADSTS(\d+)")


class SignInError(SourceError):
    """The identity platform refused the app, or could not be reached."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


def explain(description: str) -> tuple[int | None, str]:
    """The AADSTS code in a refusal's text and its meaning in Swedish."""
    match = _CODE.search(description or "")
    if match is None:
        return None, (description or "okänt fel").splitlines()[0]
    code = int(match.group(1))
    return code, AADSTS.get(code, description.splitlines()[0])


def certificate_credential(path: Path) -> dict[str, str]:
    """MSAL's client credential from a PEM file holding the certificate and its private key."""
    pem = path.read_bytes()
    certificate = x509.load_pem_x509_certificate(pem)
    key = serialization.load_pem_private_key(pem, password=None)
    return {
        "private_key": key.private_bytes(serialization.Encoding.PEM,
                                         serialization.PrivateFormat.PKCS8,
                                         serialization.NoEncryption()).decode("ascii"),
        # SHA-1: the thumbprint Entra ID knows an uploaded certificate by
        "thumbprint": certificate.fingerprint(hashes.SHA1()).hex(),
        "public_certificate": certificate.public_bytes(serialization.Encoding.PEM).decode("ascii"),
    }


class AppTokens:
    """Tokens for one resource (``scope``, e.g. "https://graph.microsoft.com/.default")."""

    def __init__(self, settings: MailboxSettings, scope: str, session: requests.Session) -> None:
        self.settings = settings
        self.scope = scope
        self.session = session
        self._app: msal.ConfidentialClientApplication | None = None

    @property
    def authority(self) -> str:
        return f"{self.settings.authority_url.rstrip('/')}/{self.settings.tenant_id}"

    def _application(self) -> msal.ConfidentialClientApplication:
        if self._app is not None:
            return self._app
        s = self.settings
        problem = s.app_problem()
        if problem:
            raise SignInError(problem)
        if s.client_certificate is not None:
            try:
                credential: str | dict[str, str] = certificate_credential(s.client_certificate)
            except (OSError, ValueError) as exc:
                raise SignInError(f"Certifikatet {s.client_certificate} kan inte läsas: {exc}") from exc
        else:
            credential = s.client_secret.get_secret_value()
        try:
            self._app = msal.ConfidentialClientApplication(
                s.client_id, client_credential=credential, authority=self.authority,
                http_client=self.session, timeout=s.timeout_seconds, instance_discovery=False)
        except ValueError as exc:  # the tenant's OpenID configuration was refused
            # MSAL's message drops the platform's answer; the error it wraps has it
            code, meaning = explain(f"{exc.__context__ or ''} {exc}".strip())
            raise SignInError(f"Identitetsplattformen ({self.authority}) nekade: {meaning}"
                              + (f" (AADSTS{code})" if code else ""), code) from exc
        except requests.RequestException as exc:
            raise SignInError(f"Identitetsplattformen ({s.authority_url}) kan inte nås: {exc}") from exc
        return self._app

    def token(self) -> str:
        app = self._application()
        try:
            result = app.acquire_token_for_client(scopes=[self.scope])
        except requests.RequestException as exc:
            raise SignInError(f"Identitetsplattformen ({self.settings.authority_url}) kan inte nås: "
                              f"{exc}") from exc
        if "access_token" not in result:
            description = result.get("error_description") or result.get("error") or ""
            code, meaning = explain(description)
            raise SignInError(f"Identitetsplattformen nekade appen {self.settings.client_id}: {meaning}"
                              + (f" (AADSTS{code})" if code else ""), code)
        if result.get("token_source") == "identity_provider":
            log.info("token: new app-only token scope=%s expires_in=%s", self.scope,
                     result.get("expires_in"))
        return result["access_token"]

    def renew(self) -> str:
        """A new token, whatever MSAL holds (the resource server called the old one expired)."""
        if self._app is not None:
            cache = self._app.token_cache
            for entry in list(cache.search(msal.TokenCache.CredentialType.ACCESS_TOKEN)):
                cache.remove_at(entry)
        return self.token()

    def roles(self) -> list[str]:
        """The application permissions in the token (its unverified ``roles`` claim); [] when
        the token is not a JWT."""
        try:
            payload = self.token().split(".")[1]
            claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        except (IndexError, ValueError):
            return []
        roles = claims.get("roles") if isinstance(claims, dict) else None
        return [r for r in roles if isinstance(r, str)] if isinstance(roles, list) else []


def scope_for(url: str) -> str:
    """The ``/.default`` scope of the resource at ``url`` (its origin)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/.default"
