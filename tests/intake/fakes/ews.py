"""A minimal Exchange Web Services endpoint on loopback, enough for exchangelib to run for real.

It answers ConvertId (exchangelib's version probe), GetFolder, FindFolder (by display name),
CreateFolder, FindItem, GetItem (with MimeContent), MoveItem and CreateItem (a message sent and
saved in Sent Items) with genuine SOAP, each with a ServerVersionInfo header. A moved item gets a
new id, as on a real server. Anything else is answered with a SOAP fault, so an unexpected call
fails the test.

With ``tls=True`` it serves HTTPS with a certificate from its own CA (``ca_file``).

It demands one kind of login, as Exchange does: HTTP basic, NTLM (a 401 challenge, then the
handshake on the same connection, checked by pyspnego's acceptor against ``ntlm_user_file``,
which the test names in ``NTLM_USER_FILE``), or OAuth2 client credentials (a token endpoint at
``/<tenant>/oauth2/v2.0/token`` and ``Authorization: Bearer`` with the ExchangeImpersonation
header that app-only tokens need).
"""
from __future__ import annotations

import base64
import json
import tempfile
import threading
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs
from xml.sax.saxutils import escape

import spnego
import spnego.exceptions

S = "http://schemas.xmlsoap.org/soap/envelope/"
M = "http://schemas.microsoft.com/exchange/services/2006/messages"
T = "http://schemas.microsoft.com/exchange/services/2006/types"

ENVELOPE = f"""<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="{S}"><s:Header><h:ServerVersionInfo MajorVersion="15" MinorVersion="1" \
MajorBuildNumber="2507" MinorBuildNumber="6" Version="V2017_07_11" xmlns:h="{T}" xmlns="{T}"/>\
</s:Header><s:Body>{{body}}</s:Body></s:Envelope>"""

FAULT = f"""<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="{S}"><s:Body><s:Fault><faultcode>s:Client</faultcode>\
<faultstring>{{text}}</faultstring></s:Fault></s:Body></s:Envelope>"""


def _new_id() -> str:
    return base64.b64encode(uuid.uuid4().bytes * 2).decode()


@dataclass
class FakeFolder:
    id: str
    name: str
    parent: str | None
    distinguished: str | None = None
    change_key: str = field(default_factory=lambda: uuid.uuid4().hex[:8])


@dataclass
class FakeItem:
    id: str
    folder: str
    mime: bytes
    message_id: str | None
    received: datetime
    change_key: str = field(default_factory=lambda: uuid.uuid4().hex[:8])
    recipients: tuple[str, ...] = ()
    """ToRecipients of a message sent through CreateItem."""


class FakeMailbox:
    """The server's state: folders and items, guarded by one lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.folders: dict[str, FakeFolder] = {}
        self.items: dict[str, FakeItem] = {}
        self.calls: list[str] = []
        self.errors: list[str] = []
        self.logins: list[str] = []
        """The scheme of every accepted request's login: Basic, NTLM or Bearer."""
        self.challenges: list[str] = []
        """Every WWW-Authenticate a 401 carried."""
        self.send_error: tuple[str, str] | None = None
        """(ResponseCode, MessageText) CreateItem answers while set."""
        root = self._add_folder("root", None, "root")
        top = self._add_folder("Top of Information Store", root.id, "msgfolderroot")
        self._add_folder("Inkorgen", top.id, "inbox")
        self._add_folder("Skickat", top.id, "sentitems")

    def _add_folder(self, name: str, parent: str | None, distinguished: str | None = None) -> FakeFolder:
        folder = FakeFolder(_new_id(), name, parent, distinguished)
        self.folders[folder.id] = folder
        return folder

    def distinguished(self, name: str) -> FakeFolder | None:
        return next((f for f in self.folders.values() if f.distinguished == name), None)

    def folder_named(self, path: str) -> FakeFolder | None:
        """A folder by its "/"-path below the top of the mailbox ("INBOX" is the inbox)."""
        parts = [p for p in path.split("/") if p]
        if parts and parts[0].upper() == "INBOX":
            current, parts = self.distinguished("inbox"), parts[1:]
        else:
            current = self.distinguished("msgfolderroot")
        for part in parts:
            current = next((f for f in self.folders.values()
                            if f.parent == current.id and f.name == part), None)
            if current is None:
                return None
        return current

    def deliver(self, mime: bytes, message_id: str | None = None, folder: str = "INBOX",
                received: datetime | None = None) -> str:
        with self.lock:
            target = self.folder_named(folder)
            item = FakeItem(_new_id(), target.id, mime, message_id,
                            received or datetime.now(UTC))
            self.items[item.id] = item
            return item.id

    def in_folder(self, path: str) -> list[FakeItem]:
        folder = self.folder_named(path)
        if folder is None:
            return []
        return sorted((i for i in self.items.values() if i.folder == folder.id),
                      key=lambda i: i.received)


def _folder_xml(f: FakeFolder, total: int) -> str:
    parent = f'<t:ParentFolderId Id="{f.parent}" ChangeKey="x"/>' if f.parent else ""
    return (f'<t:Folder><t:FolderId Id="{f.id}" ChangeKey="{f.change_key}"/>{parent}'
            f"<t:FolderClass>IPF.Note</t:FolderClass><t:DisplayName>{escape(f.name)}</t:DisplayName>"
            f"<t:TotalCount>{total}</t:TotalCount><t:ChildFolderCount>0</t:ChildFolderCount>"
            f"<t:UnreadCount>0</t:UnreadCount></t:Folder>")


def _ok(service: str, inner: str) -> str:
    return (f'<m:{service}ResponseMessage ResponseClass="Success">'
            f"<m:ResponseCode>NoError</m:ResponseCode>{inner}</m:{service}ResponseMessage>")


def _error(service: str, code: str, text: str, inner: str = "") -> str:
    return (f'<m:{service}ResponseMessage ResponseClass="Error"><m:MessageText>{escape(text)}'
            f"</m:MessageText><m:ResponseCode>{code}</m:ResponseCode>"
            f"<m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>{inner}</m:{service}ResponseMessage>")


def _response(service: str, messages: list[str]) -> str:
    return (f'<m:{service}Response xmlns:m="{M}" xmlns:t="{T}"><m:ResponseMessages>'
            f"{''.join(messages)}</m:ResponseMessages></m:{service}Response>")


class EwsHandlers:
    """One method per EWS operation: request element in, response body out."""

    def __init__(self, box: FakeMailbox) -> None:
        self.box = box

    def _folder_ref(self, el: ET.Element) -> FakeFolder | None:
        if el.tag == f"{{{T}}}DistinguishedFolderId":
            return self.box.distinguished(el.get("Id"))
        return self.box.folders.get(el.get("Id"))

    def _total(self, folder: FakeFolder) -> int:
        return sum(1 for i in self.box.items.values() if i.folder == folder.id)

    def ConvertId(self, req: ET.Element) -> str:
        return _response("ConvertId", [_error("ConvertId", "ErrorInvalidIdMalformed", "Id is malformed.")])

    def GetFolder(self, req: ET.Element) -> str:
        out = []
        for ref in req.find(f"{{{M}}}FolderIds"):
            folder = self._folder_ref(ref)
            if folder is None:
                out.append(_error("GetFolder", "ErrorFolderNotFound", "Folder not found."))
            else:
                out.append(_ok("GetFolder", f"<m:Folders>{_folder_xml(folder, self._total(folder))}</m:Folders>"))
        return _response("GetFolder", out)

    def FindFolder(self, req: ET.Element) -> str:
        parent = self._folder_ref(req.find(f"{{{M}}}ParentFolderIds")[0])
        wanted = req.find(f".//{{{T}}}Constant")
        found = [f for f in self.box.folders.values() if f.parent == parent.id
                 and (wanted is None or f.name == wanted.get("Value"))]
        folders = "".join(_folder_xml(f, self._total(f)) for f in found)
        root = (f'<m:RootFolder IndexedPagingOffset="{len(found)}" TotalItemsInView="{len(found)}" '
                f'IncludesLastItemInRange="true"><t:Folders>{folders}</t:Folders></m:RootFolder>')
        return _response("FindFolder", [_ok("FindFolder", root)])

    def CreateFolder(self, req: ET.Element) -> str:
        parent = self._folder_ref(req.find(f"{{{M}}}ParentFolderId")[0])
        out = []
        for spec in req.find(f"{{{M}}}Folders"):
            folder = self.box._add_folder(spec.findtext(f"{{{T}}}DisplayName"), parent.id)
            out.append(_ok("CreateFolder", f'<m:Folders><t:Folder><t:FolderId Id="{folder.id}" '
                                           f'ChangeKey="{folder.change_key}"/></t:Folder></m:Folders>'))
        return _response("CreateFolder", out)

    def FindItem(self, req: ET.Element) -> str:
        parent = self._folder_ref(req.find(f"{{{M}}}ParentFolderIds")[0])
        view = req.find(f"{{{M}}}IndexedPageItemView")
        offset = int(view.get("Offset", "0")) if view is not None else 0
        limit = int(view.get("MaxEntriesReturned", "1000")) if view is not None else 1000
        items = sorted((i for i in self.box.items.values() if i.folder == parent.id),
                       key=lambda i: i.received)
        page = items[offset:offset + limit]
        last = offset + len(page) >= len(items)
        xml = "".join(f'<t:Message><t:ItemId Id="{i.id}" ChangeKey="{i.change_key}"/></t:Message>'
                      for i in page)
        root = (f'<m:RootFolder IndexedPagingOffset="{offset + len(page)}" TotalItemsInView="{len(items)}" '
                f'IncludesLastItemInRange="{str(last).lower()}"><t:Items>{xml}</t:Items></m:RootFolder>')
        return _response("FindItem", [_ok("FindItem", root)])

    def GetItem(self, req: ET.Element) -> str:
        out = []
        for ref in req.find(f"{{{M}}}ItemIds"):
            item = self.box.items.get(ref.get("Id"))
            if item is None:
                out.append(_error("GetItem", "ErrorItemNotFound", "The specified object was not found in the store.",
                                  "<m:Items/>"))
                continue
            mime = base64.b64encode(item.mime).decode()
            mid = f"<t:InternetMessageId>{escape(item.message_id)}</t:InternetMessageId>" if item.message_id else ""
            received = item.received.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            out.append(_ok("GetItem", f'<m:Items><t:Message><t:MimeContent CharacterSet="UTF-8">{mime}'
                                      f'</t:MimeContent><t:ItemId Id="{item.id}" ChangeKey="{item.change_key}"/>'
                                      f"<t:DateTimeReceived>{received}</t:DateTimeReceived>{mid}"
                                      "</t:Message></m:Items>"))
        return _response("GetItem", out)

    def MoveItem(self, req: ET.Element) -> str:
        target = self._folder_ref(req.find(f"{{{M}}}ToFolderId")[0])
        out = []
        for ref in req.find(f"{{{M}}}ItemIds"):
            item = self.box.items.pop(ref.get("Id"), None)
            if item is None or target is None:
                out.append(_error("MoveItem", "ErrorItemNotFound", "The specified object was not found in the store.",
                                  "<m:Items/>"))
                continue
            item.id, item.folder = _new_id(), target.id
            self.box.items[item.id] = item
            out.append(_ok("MoveItem", f'<m:Items><t:Message><t:ItemId Id="{item.id}" '
                                       f'ChangeKey="{item.change_key}"/></t:Message></m:Items>'))
        return _response("MoveItem", out)

    def CreateItem(self, req: ET.Element) -> str:
        """Only a new message sent with a copy saved, as reports.transport sends it."""
        if req.get("MessageDisposition") != "SendAndSaveCopy":
            raise ValueError(f"MessageDisposition={req.get('MessageDisposition')}")
        if self.box.send_error:
            code, text = self.box.send_error
            return _response("CreateItem", [_error("CreateItem", code, text, "<m:Items/>")])
        saved = self._folder_ref(req.find(f"{{{M}}}SavedItemFolderId")[0])
        for message in req.find(f"{{{M}}}Items"):
            mime = base64.b64decode(message.findtext(f"{{{T}}}MimeContent"))
            to = tuple(a.text for a in message.iterfind(f".//{{{T}}}EmailAddress"))
            item = FakeItem(_new_id(), saved.id, mime, None, datetime.now(UTC),
                            recipients=to)
            self.box.items[item.id] = item
        return _response("CreateItem", [_ok("CreateItem", "<m:Items/>")])


IMPERSONATION_MISSING = ("ExchangeImpersonation SOAP header must be present for this type of "
                         "OAuth token.")
SCOPE = "https://outlook.office365.com/.default"


class FakeEwsServer:
    """``http://127.0.0.1:<port>/EWS/Exchange.asmx`` for one account; ``auth`` is the login it
    demands: "basic", "ntlm" or "oauth2" (tokens from ``<base>/<tenant>/oauth2/v2.0/token``)."""

    def __init__(self, username: str = "statsbidrag", password: str = "hemligt",
                 email: str = "statsbidrag@region.example.se", auth: str = "basic",
                 client_id: str = "grant-intake-app", client_secret: str = "app-hemlighet",
                 tenant_id: str = "region-tenant", tls: bool = False) -> None:
        self.username, self.password, self.email, self.auth = username, password, email, auth
        self.client_id, self.client_secret, self.tenant_id = client_id, client_secret, tenant_id
        self.token = uuid.uuid4().hex
        self.mailbox = FakeMailbox()
        self._dir = tempfile.TemporaryDirectory()
        domain, _, user = username.rpartition("\\")
        self.ntlm_user_file = Path(self._dir.name) / "ntlm-users"
        self.ntlm_user_file.write_text(f"{domain}:{user}:{password}\n", encoding="utf-8")
        handlers = EwsHandlers(self.mailbox)
        basic = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
        box, fake = self.mailbox, self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive: NTLM authenticates a connection
            ntlm = None

            def log_message(self, *args) -> None:
                pass

            def _send(self, status: int, body: str, headers: dict[str, str] | None = None,
                      content_type: str = "text/xml; charset=utf-8") -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            def _challenge(self, scheme: str) -> None:
                box.challenges.append(scheme)
                self._send(401, "", {"WWW-Authenticate": scheme})

            def _token(self, body: bytes) -> None:
                form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
                box.calls.append("token")
                if (self.path == f"/{fake.tenant_id}/oauth2/v2.0/token"
                        and form.get("grant_type") == "client_credentials"
                        and form.get("client_id") == fake.client_id
                        and form.get("client_secret") == fake.client_secret
                        and SCOPE in form.get("scope", "").split()):
                    token = {"token_type": "Bearer", "expires_in": 3599, "access_token": fake.token}
                    self._send(200, json.dumps(token), content_type="application/json")
                    return
                refusal = {"error": "invalid_client",
                           "error_description": "AADSTS7000215: Invalid client secret provided."}
                self._send(401, json.dumps(refusal), content_type="application/json")

            def _login(self) -> str | None:
                """The accepted scheme, or None after answering 401."""
                scheme, _, token = (self.headers.get("Authorization") or "").partition(" ")
                if fake.auth == "basic":
                    return "Basic" if self.headers.get("Authorization") == basic else None
                if fake.auth == "oauth2":
                    return "Bearer" if scheme == "Bearer" and token == fake.token else None
                if scheme != "NTLM":
                    return "NTLM" if self.ntlm is not None and self.ntlm.complete else None
                if self.ntlm is None or self.ntlm.complete:
                    self.ntlm = spnego.server(protocol="ntlm")
                try:
                    answer = self.ntlm.step(base64.b64decode(token))
                except spnego.exceptions.SpnegoError:
                    self.ntlm = None
                    return None
                if self.ntlm.complete:
                    return "NTLM"
                self._challenge("NTLM " + base64.b64encode(answer).decode())
                return "challenged"

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.path.endswith("/oauth2/v2.0/token"):
                    self._token(body)
                    return
                scheme = self._login()
                if scheme is None:
                    self._challenge({"basic": 'Basic realm="ews"', "ntlm": "NTLM",
                                     "oauth2": 'Bearer error="invalid_token"'}[fake.auth])
                    return
                if scheme == "challenged":
                    return
                envelope = ET.fromstring(body)
                request = envelope.find(f"{{{S}}}Body")[0]
                operation = request.tag.split("}", 1)[1]
                handler = getattr(handlers, operation, None)
                with box.lock:
                    box.calls.append(operation)
                    box.logins.append(scheme)
                    acting_for = envelope.findtext(f".//{{{T}}}ExchangeImpersonation//"
                                                   f"{{{T}}}PrimarySmtpAddress")
                    if scheme == "Bearer" and acting_for != fake.email:
                        box.errors.append(f"{operation}: {IMPERSONATION_MISSING}")
                        self._send(500, FAULT.format(text=IMPERSONATION_MISSING))
                        return
                    if handler is None:
                        self._send(500, FAULT.format(text=escape(f"not in the fake: {operation}")))
                        return
                    try:
                        answer = ENVELOPE.format(body=handler(request))
                    except Exception as exc:  # noqa: BLE001 - a fake's bug becomes a SOAP fault
                        box.errors.append(f"{operation}: {exc!r} in {body!r}")
                        self._send(500, FAULT.format(text=escape(repr(exc))))
                        return
                    self._send(200, answer)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.ca_file: Path | None = None
        """With ``tls``: the PEM of the server's own CA (as an internal CA would be)."""
        scheme = "http"
        if tls:
            import ssl

            import trustme

            ca = trustme.CA()
            self.ca_file = Path(self._dir.name) / "ca.pem"
            ca.cert_pem.write_to_path(str(self.ca_file))
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ca.issue_cert("127.0.0.1").configure_cert(context)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            scheme = "https"
        self.base = f"{scheme}://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = f"{self.base}/EWS/Exchange.asmx"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def settings(self, **overrides):
        from pydantic import SecretStr

        from config.settings import MailboxSettings

        values = dict(kind="exchange", service_endpoint=self.url, email=self.email, auth=self.auth,
                      folder="INBOX", processed_folder="INBOX/Behandlat", timeout_seconds=10)
        if self.auth == "oauth2":
            values.update(client_id=self.client_id, client_secret=SecretStr(self.client_secret),
                          tenant_id=self.tenant_id, authority_url=self.base)
        else:
            values.update(username=self.username, password=SecretStr(self.password))
        values.update(overrides)
        return MailboxSettings(**values)

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._dir.cleanup()
