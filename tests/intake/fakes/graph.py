"""Microsoft Graph and the Microsoft identity platform on loopback, over TLS with their own CA.

Enough of both for MSAL and the Graph source to run for real, answering with the services'
documented shapes:

- identity platform: ``/{tenant}/v2.0/.well-known/openid-configuration`` (an unknown tenant is
  ``400 invalid_tenant`` AADSTS90002) and ``/{tenant}/oauth2/v2.0/token`` for the client
  credentials grant, with a client secret or a certificate's signed client assertion. Refusals
  are the platform's JSON: ``error``, ``error_description`` beginning "AADSTSnnn: …" with Trace
  ID, Correlation ID and Timestamp lines, ``error_codes``, ``timestamp``, ``trace_id``,
  ``correlation_id``, ``error_uri`` (a wrong secret is ``401 invalid_client`` AADSTS7000215).
  Tokens are JWTs with ``aud``, ``tid``, ``appid`` and the granted application ``roles``.
  ``/introspect`` (RFC 7662, for Dovecot's oauth2 passdb) is the fake's own.
- Graph ``/v1.0/users/{mailbox}/…``: mailFolders (``$filter=displayName eq '…'``),
  childFolders, creating folders (``409 ErrorFolderExists``), a folder's messages with
  ``$select``, ``$orderby=receivedDateTime asc``, ``$top`` and ``@odata.nextLink`` carrying
  ``$skip``, ``/$value`` (MIME), ``move`` (``201`` with the message under a new id) and
  ``sendMail`` with base64 MIME (``202``). Errors are ``{"error": {"code", "message",
  "innerError": {"date", "request-id", "client-request-id"}}}``: an expired token
  ``401 InvalidAuthenticationToken`` "Lifetime validation failed, the token is expired.", a
  missing permission or a mailbox outside the app's RBAC scope ``403 ErrorAccessDenied``, an
  unknown mailbox ``404 ErrorInvalidUser``, a missing item ``404 ErrorItemNotFound``.
- faults on demand: ``fail(…)`` answers the next matching calls with ``429`` or ``503`` and a
  ``Retry-After``; ``expire_tokens()`` makes every issued token expired.

One server plays both hosts: ``authority_url`` is its base, ``graph_url`` its ``/v1.0``.
"""
from __future__ import annotations

import base64
import email
import email.policy
import json
import re
import socket
import ssl
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import getaddresses
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

import jwt
import trustme

READ_WRITE = "Mail.ReadWrite"
SEND = "Mail.Send"
IMAP_ROLE = "IMAP.AccessAsApp"
_FILTER = re.compile(r"^displayName eq '((?:[^']|'')*)'$")


def _graph_id() -> str:
    return "AAMkAG" + base64.urlsafe_b64encode(uuid.uuid4().bytes * 2).decode().rstrip("=")


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")


@dataclass
class Folder:
    id: str
    display_name: str
    parent: str | None
    well_known: str | None = None


@dataclass
class Item:
    id: str
    folder: str
    mime: bytes
    internet_message_id: str | None
    received: datetime
    recipients: tuple[str, ...] = ()


@dataclass
class Fault:
    status: int
    retry_after: int | None
    times: int
    on: str
    """A substring of "METHOD path" the fault applies to."""
    every: int = 1
    """Only every n-th matching call is answered with the fault."""
    seen: int = 0


class Mailbox:
    def __init__(self, address: str) -> None:
        self.address = address
        self.folders: dict[str, Folder] = {}
        self.items: dict[str, Item] = {}
        for well_known, name in (("inbox", "Inkorgen"), ("sentitems", "Skickat"),
                                 ("deleteditems", "Borttaget")):
            folder = Folder(_graph_id(), name, None, well_known)
            self.folders[folder.id] = folder

    def folder(self, ref: str) -> Folder | None:
        return self.folders.get(ref) or next(
            (f for f in self.folders.values() if f.well_known == ref.lower()), None)

    def named(self, path: str) -> Folder | None:
        """A folder by "/"-path from the top ("INBOX" is the inbox)."""
        parts = [p for p in path.split("/") if p]
        current = self.folder("inbox") if parts[0].upper() == "INBOX" else next(
            (f for f in self.folders.values() if f.parent is None and f.display_name == parts[0]), None)
        for part in parts[1:]:
            if current is None:
                return None
            current = next((f for f in self.folders.values()
                            if f.parent == current.id and f.display_name == part), None)
        return current

    def in_folder(self, path: str) -> list[Item]:
        folder = self.named(path)
        if folder is None:
            return []
        return sorted((i for i in self.items.values() if i.folder == folder.id),
                      key=lambda i: i.received)


class FakeMicrosoft:
    """The identity platform and Graph for one tenant and app; ``mailboxes`` by address."""

    def __init__(self, tenant_id: str = "7d3c1a52-region-tenant", client_id: str = "grant-intake-app",
                 client_secret: str = "app-hemlighet", roles: tuple[str, ...] = (READ_WRITE, SEND),
                 mailbox: str = "statsbidrag@region.example.se") -> None:
        self.tenant_id, self.client_id, self.client_secret = tenant_id, client_id, client_secret
        self.roles = list(roles)
        self.certificate_pem: bytes | None = None
        """The public certificate uploaded to the app registration, when any."""
        self.mailboxes = {mailbox: Mailbox(mailbox)}
        self.email = mailbox
        self.rbac_scope: set[str] | None = None
        """Mailboxes the app may reach (RBAC for Applications); None: all."""
        self.imap_user: str | None = None
        """The IMAP login ``/introspect`` names for a token with IMAP.AccessAsApp."""
        self.lock = threading.Lock()
        self.calls: list[str] = []
        self.moved: list[str | None] = []
        """The internetMessageId of every message moved, in order."""
        self.tokens_issued = 0
        self.token_lifetime = 3599
        """expires_in of the tokens issued (seconds)."""
        self.faults: list[Fault] = []
        self.errors: list[str] = []
        self._expired_upto = 0
        """Tokens numbered up to this are expired."""
        self._key = uuid.uuid4().hex
        self._dir = tempfile.TemporaryDirectory()
        self.ca = trustme.CA()
        self.ca_file = Path(self._dir.name) / "ca.pem"
        self.ca.cert_pem.write_to_path(str(self.ca_file))
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()  # headers and body go in two writes: no Nagle delay between them
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def log_message(self, *args) -> None:
                pass

            def _send(self, status: int, body: bytes | str | dict, content_type: str = "application/json",
                      headers: dict[str, str] | None = None) -> None:
                if isinstance(body, dict):
                    body = json.dumps(body)
                data = body.encode("utf-8") if isinstance(body, str) else body
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            def _handle(self, method: str) -> None:
                length = int(self.headers.get("Content-Length", "0") or 0)
                body = self.rfile.read(length)
                if len(body) < length:  # the client died mid-request (kill -9): no answer
                    self.close_connection = True
                    return
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                try:
                    status, answer, content_type, headers = fake.answer(
                        method, unquote(url.path), query, body, self.headers)
                except Exception as exc:  # noqa: BLE001 - a fake's bug fails the test
                    fake.errors.append(f"{method} {self.path}: {exc!r}")
                    status, answer, content_type, headers = 500, {"error": repr(exc)}, \
                        "application/json", {}
                try:
                    self._send(status, answer, content_type, headers)
                except OSError:  # the client died waiting for the answer
                    self.close_connection = True

            def do_GET(self) -> None:
                self._handle("GET")

            def do_POST(self) -> None:
                self._handle("POST")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.base = f"https://127.0.0.1:{self.httpd.server_address[1]}"
        self.graph_url = f"{self.base}/v1.0"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    # -- test controls -------------------------------------------------------------------

    @property
    def mailbox(self) -> Mailbox:
        return self.mailboxes[self.email]

    def deliver(self, mime: bytes, message_id: str | None = None, folder: str = "INBOX",
                received: datetime | None = None) -> str:
        with self.lock:
            item = Item(_graph_id(), self.mailbox.named(folder).id, mime, message_id,
                        received or datetime.now(UTC))
            self.mailbox.items[item.id] = item
            return item.id

    def fail(self, status: int, times: int = 1, retry_after: int | None = 1, on: str = "",
             every: int = 1) -> None:
        """Answer the next ``times`` Graph calls whose "METHOD path" contains ``on`` (or every
        ``every``-th of them) with ``status`` (429 or 503) and ``Retry-After: retry_after``."""
        with self.lock:
            self.faults.append(Fault(status, retry_after, times, on, every))

    def expire_tokens(self) -> None:
        """Every token issued so far is expired from now on (Graph says so before MSAL does)."""
        with self.lock:
            self._expired_upto = self.tokens_issued

    def settings(self, **overrides):
        from pydantic import SecretStr

        from config.settings import MailboxSettings

        values = dict(kind="graph", email=self.email, client_id=self.client_id,
                      client_secret=SecretStr(self.client_secret), tenant_id=self.tenant_id,
                      graph_url=self.graph_url, authority_url=self.base, ca_bundle=self.ca_file,
                      folder="INBOX", processed_folder="Behandlat", timeout_seconds=10)
        values.update(overrides)
        return MailboxSettings(**values)

    def env(self) -> dict[str, str]:
        """The same settings as GRANT_INTAKE_* variables, for a poller in its own process."""
        return {"GRANT_INTAKE_MAILBOX__KIND": "graph", "GRANT_INTAKE_MAILBOX__EMAIL": self.email,
                "GRANT_INTAKE_MAILBOX__CLIENT_ID": self.client_id,
                "GRANT_INTAKE_MAILBOX__CLIENT_SECRET": self.client_secret,
                "GRANT_INTAKE_MAILBOX__TENANT_ID": self.tenant_id,
                "GRANT_INTAKE_MAILBOX__GRAPH_URL": self.graph_url,
                "GRANT_INTAKE_MAILBOX__AUTHORITY_URL": self.base,
                "GRANT_INTAKE_MAILBOX__CA_BUNDLE": str(self.ca_file)}

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._dir.cleanup()

    # -- the identity platform -----------------------------------------------------------

    def _aadsts(self, status: int, error: str, code: int, text: str) -> tuple:
        trace, correlation = str(uuid.uuid4()), str(uuid.uuid4())
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%SZ")
        body = {"error": error,
                "error_description": f"AADSTS{code}: {text}\r\nTrace ID: {trace}\r\n"
                                     f"Correlation ID: {correlation}\r\nTimestamp: {stamp}",
                "error_codes": [code], "timestamp": stamp, "trace_id": trace,
                "correlation_id": correlation,
                "error_uri": f"{self.base}/error?code={code}"}
        return status, body, "application/json; charset=utf-8", {}

    def _openid(self, tenant: str) -> tuple:
        if tenant != self.tenant_id:
            return self._aadsts(400, "invalid_tenant", 90002,
                                f"Tenant '{tenant}' not found. Check to make sure you have the correct "
                                "tenant ID and are signing into the correct cloud.")
        root = f"{self.base}/{tenant}"
        return 200, {
            "token_endpoint": f"{root}/oauth2/v2.0/token",
            "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt",
                                                      "client_secret_basic"],
            "jwks_uri": f"{root}/discovery/v2.0/keys",
            "response_modes_supported": ["query", "fragment", "form_post"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
            "issuer": f"{root}/v2.0",
            "request_uri_parameter_supported": False,
            "userinfo_endpoint": f"{self.graph_url}/oidc/userinfo",
            "authorization_endpoint": f"{root}/oauth2/v2.0/authorize",
            "device_authorization_endpoint": f"{root}/oauth2/v2.0/devicecode",
            "http_logout_supported": True, "frontchannel_logout_supported": True,
            "end_session_endpoint": f"{root}/oauth2/v2.0/logout",
            "claims_supported": ["sub", "iss", "aud", "exp", "iat", "nbf", "tid"],
            "kerberos_endpoint": f"{root}/kerberos", "tenant_region_scope": "EU",
            "cloud_instance_name": "microsoftonline.com", "cloud_graph_host_name": "graph.windows.net",
            "msgraph_host": urlsplit(self.base).netloc, "rbac_url": "https://pas.windows.net",
        }, "application/json; charset=utf-8", {}

    def _client_authenticated(self, form: dict[str, str]) -> tuple | None:
        """None when the client proved itself, else the platform's refusal."""
        assertion = form.get("client_assertion")
        if assertion is not None:
            if self.certificate_pem is None:
                return self._aadsts(401, "invalid_client", 700027,
                                    "Client assertion failed signature validation.")
            from cryptography import x509

            public_key = x509.load_pem_x509_certificate(self.certificate_pem).public_key()
            try:
                claims = jwt.decode(assertion, public_key, algorithms=["RS256", "PS256"],
                                    audience=f"{self.base}/{self.tenant_id}/oauth2/v2.0/token")
            except jwt.InvalidTokenError as exc:
                return self._aadsts(401, "invalid_client", 700027,
                                    f"Client assertion failed signature validation. ({exc})")
            if claims.get("sub") != self.client_id or claims.get("iss") != self.client_id:
                return self._aadsts(401, "invalid_client", 700021,
                                    "Client assertion application identifier doesn't match "
                                    "'client_id' parameter.")
            return None
        secret = form.get("client_secret")
        if secret is None:
            return self._aadsts(401, "invalid_client", 7000218,
                                "The request body must contain the following parameter: "
                                "'client_assertion' or 'client_secret'.")
        if secret != self.client_secret:
            return self._aadsts(401, "invalid_client", 7000215,
                                "Invalid client secret provided. Ensure the secret being sent in the "
                                "request is the client secret value, not the client secret ID, for a "
                                f"secret added to app '{self.client_id}'.")
        return None

    def _token(self, tenant: str, body: bytes) -> tuple:
        form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
        self.calls.append("POST token")
        if tenant != self.tenant_id:
            return self._aadsts(400, "invalid_request", 90002, f"Tenant '{tenant}' not found.")
        if form.get("grant_type") != "client_credentials":
            return self._aadsts(400, "unsupported_grant_type", 70003,
                                "The app requested an unsupported grant type.")
        if form.get("client_id") != self.client_id:
            return self._aadsts(400, "unauthorized_client", 700016,
                                f"Application with identifier '{form.get('client_id')}' was not found "
                                f"in the directory '{tenant}'.")
        refusal = self._client_authenticated(form)
        if refusal is not None:
            return refusal
        scope = form.get("scope", "")
        if not scope.endswith("/.default"):
            return self._aadsts(400, "invalid_scope", 1002012,
                                f"The provided value for scope {scope} is not valid. Client credential "
                                "flows must have a scope value with /.default suffixed to the resource "
                                "identifier (application ID URI).")
        resource = scope.removesuffix("/.default")
        issued = int(time.time())
        with self.lock:
            self.tokens_issued += 1
            number = self.tokens_issued
        claims = {"n": number, "aud": resource, "iss": f"https://sts.windows.net/{tenant}/", "iat": issued,
                  "nbf": issued, "exp": issued + self.token_lifetime, "appid": self.client_id, "idtyp": "app",
                  "tid": tenant, "oid": str(uuid.uuid5(uuid.NAMESPACE_URL, self.client_id)),
                  "roles": list(self.roles), "jti": uuid.uuid4().hex}
        token = jwt.encode(claims, self._key, algorithm="HS256", headers={"typ": "JWT"})
        return 200, {"token_type": "Bearer", "expires_in": self.token_lifetime,
                     "ext_expires_in": self.token_lifetime,
                     "access_token": token}, "application/json; charset=utf-8", {}

    def _claims(self, token: str) -> dict | str:
        """The token's claims, or why it is refused (Graph's message)."""
        if not token:
            return "Access token is empty."
        try:
            claims = jwt.decode(token, self._key, algorithms=["HS256"], options={"verify_aud": False})
        except jwt.ExpiredSignatureError:
            return "Lifetime validation failed, the token is expired."
        except jwt.InvalidTokenError:
            return "IDX14100: JWT is not well formed, there are no dots (.)."
        if claims.get("n", 0) <= self._expired_upto:
            return "Lifetime validation failed, the token is expired."
        return claims

    def _introspect(self, body: bytes) -> tuple:
        token = {k: v[0] for k, v in parse_qs(body.decode()).items()}.get("token", "")
        claims = self._claims(token)
        if isinstance(claims, str) or IMAP_ROLE not in claims.get("roles", []):
            return 200, {"active": False}, "application/json", {}
        return 200, {"active": True, "email": self.imap_user, "client_id": claims["appid"]}, \
            "application/json", {}

    # -- Graph ---------------------------------------------------------------------------

    def _graph_error(self, status: int, code: str, message: str,
                     headers: dict[str, str] | None = None) -> tuple:
        request_id = str(uuid.uuid4())
        body = {"error": {"code": code, "message": message, "innerError": {
            "date": _now(), "request-id": request_id, "client-request-id": request_id}}}
        return status, body, "application/json", {"request-id": request_id, **(headers or {})}

    def answer(self, method: str, path: str, query: dict[str, str], body: bytes,
               headers) -> tuple:
        identity = re.fullmatch(r"/([^/]+)/v2\.0/\.well-known/openid-configuration", path)
        if identity and method == "GET":
            return self._openid(identity.group(1))
        token = re.fullmatch(r"/([^/]+)/oauth2/v2\.0/token", path)
        if token and method == "POST":
            return self._token(token.group(1), body)
        if path == "/introspect" and method == "POST":
            return self._introspect(body)
        if not path.startswith("/v1.0/"):
            return 404, {"error": "not in the fake"}, "application/json", {}
        call = f"{method} {path}"
        with self.lock:
            self.calls.append(call)
            for fault in self.faults:
                if fault.times <= 0 or fault.on not in call:
                    continue
                fault.seen += 1
                if fault.seen % fault.every == 0:
                    fault.times -= 1
                    extra = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
                    if fault.status == 429:
                        return self._graph_error(429, "ApplicationThrottled",
                                                 "Application is over its MailboxConcurrency limit.",
                                                 extra)
                    return self._graph_error(fault.status, "ServiceUnavailable",
                                             "Service is unavailable, try again later.", extra)
        scheme, _, bearer = (headers.get("Authorization") or "").partition(" ")
        claims = self._claims(bearer if scheme == "Bearer" else "")
        if isinstance(claims, str):
            return self._graph_error(401, "InvalidAuthenticationToken", claims,
                                     {"WWW-Authenticate": 'Bearer realm="", error="invalid_token"'})
        if claims.get("aud") != self.base:
            return self._graph_error(401, "InvalidAuthenticationToken", "Invalid audience.")
        match = re.fullmatch(r"/v1\.0/users/([^/]+)(/.*)?", path)
        if match is None:
            return self._graph_error(400, "BadRequest", f"Resource not found for the segment '{path}'.")
        address, rest = match.group(1), match.group(2) or ""
        box = self.mailboxes.get(address)
        if box is None:
            return self._graph_error(404, "ErrorInvalidUser", f"The requested user '{address}' is invalid.")
        needed = SEND if rest == "/sendMail" else READ_WRITE
        in_scope = self.rbac_scope is None or address in self.rbac_scope
        if needed not in claims.get("roles", []) or not in_scope:
            return self._graph_error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.")
        with self.lock:
            return self._mail(box, method, rest, query, body, headers)

    def _folder_json(self, box: Mailbox, folder: Folder) -> dict:
        total = sum(1 for i in box.items.values() if i.folder == folder.id)
        children = sum(1 for f in box.folders.values() if f.parent == folder.id)
        return {"id": folder.id, "displayName": folder.display_name,
                "parentFolderId": folder.parent or "AAMkAGroot", "childFolderCount": children,
                "unreadItemCount": 0, "totalItemCount": total, "sizeInBytes": 0, "isHidden": False}

    def _message_json(self, item: Item, select: str | None) -> dict:
        full = {"@odata.etag": f'W/"{uuid.uuid4().hex}"', "id": item.id,
                "receivedDateTime": item.received.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                "internetMessageId": item.internet_message_id, "parentFolderId": item.folder,
                "subject": "", "isRead": False}
        if select:
            wanted = set(select.split(","))
            return {k: v for k, v in full.items() if k in wanted or k.startswith("@")}
        return full

    def _folders(self, box: Mailbox, parent: str | None, query: dict[str, str]) -> tuple:
        folders = [f for f in box.folders.values() if f.parent == parent]
        wanted = query.get("$filter")
        if wanted is not None:
            match = _FILTER.match(wanted)
            if match is None:
                return self._graph_error(400, "ErrorInvalidUrlQueryFilter",
                                         "The query filter contains one or more invalid nodes.")
            name = match.group(1).replace("''", "'")
            folders = [f for f in folders if f.display_name == name]
        return 200, {"@odata.context": "…/$metadata#users('…')/mailFolders",
                     "value": [self._folder_json(box, f) for f in folders]}, "application/json", {}

    def _create_folder(self, box: Mailbox, parent: str | None, body: bytes) -> tuple:
        name = json.loads(body)["displayName"]
        if any(f.parent == parent and f.display_name == name for f in box.folders.values()):
            return self._graph_error(409, "ErrorFolderExists",
                                     "A folder with the specified name already exists.")
        folder = Folder(_graph_id(), name, parent)
        box.folders[folder.id] = folder
        return 201, self._folder_json(box, folder), "application/json", {}

    def _list(self, box: Mailbox, folder: Folder, path: str, query: dict[str, str]) -> tuple:
        items = [i for i in box.items.values() if i.folder == folder.id]
        order = query.get("$orderby", "receivedDateTime desc")
        if order not in ("receivedDateTime asc", "receivedDateTime desc"):
            return self._graph_error(400, "ErrorInvalidProperty", f"Could not find a property named "
                                                                  f"'{order}'.")
        items.sort(key=lambda i: i.received, reverse=order.endswith("desc"))
        top = int(query.get("$top", "10"))
        if not 1 <= top <= 1000:
            return self._graph_error(400, "ErrorInvalidUrlQuery", "The value of $top is out of range.")
        skip = int(query.get("$skip", "0"))
        page = items[skip:skip + top]
        answer = {"@odata.context": "…/$metadata#users('…')/mailFolders('…')/messages",
                  "value": [self._message_json(i, query.get("$select")) for i in page]}
        if skip + top < len(items):
            answer["@odata.nextLink"] = (f"{self.graph_url}/users/{box.address}{path}?"
                                         + urlencode({**query, "$skip": str(skip + top)}))
        return 200, answer, "application/json", {}

    def _send_mail(self, box: Mailbox, body: bytes, headers) -> tuple:
        if not (headers.get("Content-Type") or "").startswith("text/plain"):
            return self._graph_error(400, "ErrorInvalidRequest", "Only MIME is in the fake.")
        try:
            mime = base64.b64decode(body, validate=True)
        except ValueError:
            return self._graph_error(400, "ErrorMimeContentInvalidBase64String",
                                     "Invalid base64 string for MIME content.")
        parsed = email.message_from_bytes(mime, policy=email.policy.default)
        to = tuple(address for _, address in getaddresses(parsed.get_all("To", [])))
        if not to:
            return self._graph_error(400, "ErrorInvalidRecipients",
                                     "At least one recipient isn't valid.")
        item = Item(_graph_id(), box.folder("sentitems").id, mime, parsed.get("Message-ID"),
                    datetime.now(UTC), to)
        box.items[item.id] = item
        return 202, b"", "text/plain", {}

    def _mail(self, box: Mailbox, method: str, rest: str, query: dict[str, str], body: bytes,
              headers) -> tuple:
        if rest == "/mailFolders" and method == "GET":
            return self._folders(box, None, query)
        if rest == "/mailFolders" and method == "POST":
            return self._create_folder(box, None, body)
        if rest == "/sendMail" and method == "POST":
            return self._send_mail(box, body, headers)
        folder_call = re.fullmatch(r"/mailFolders/([^/]+)(/childFolders|/messages)?", rest)
        if folder_call:
            folder = box.folder(folder_call.group(1))
            if folder is None:
                return self._graph_error(404, "ErrorItemNotFound",
                                         "The specified object was not found in the store.")
            what = folder_call.group(2)
            if what is None and method == "GET":
                return 200, self._folder_json(box, folder), "application/json", {}
            if what == "/childFolders":
                if method == "POST":
                    return self._create_folder(box, folder.id, body)
                return self._folders(box, folder.id, query)
            if what == "/messages" and method == "GET":
                return self._list(box, folder, rest, query)
        message_call = re.fullmatch(r"/messages/([^/]+)/(\$value|move)", rest)
        if message_call:
            item = box.items.get(message_call.group(1))
            if item is None:
                return self._graph_error(404, "ErrorItemNotFound",
                                         "The specified object was not found in the store.")
            if message_call.group(2) == "$value" and method == "GET":
                return 200, item.mime, "text/plain", {}
            if message_call.group(2) == "move" and method == "POST":
                target = box.folder(json.loads(body).get("destinationId", ""))
                if target is None:
                    return self._graph_error(404, "ErrorItemNotFound",
                                             "The specified object was not found in the store.")
                del box.items[item.id]
                item.id, item.folder = _graph_id(), target.id
                box.items[item.id] = item
                self.moved.append(item.internet_message_id)
                return 201, self._message_json(item, None), "application/json", {}
        return self._graph_error(400, "BadRequest", f"Unsupported in the fake: {method} {rest}")
