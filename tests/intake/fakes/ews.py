"""A minimal Exchange Web Services endpoint on loopback, enough for exchangelib to run for real.

It answers ConvertId (exchangelib's version probe), GetFolder, FindFolder (by display name),
CreateFolder, FindItem, GetItem (with MimeContent) and MoveItem with genuine SOAP, each with a
ServerVersionInfo header, and checks HTTP basic auth. A moved item gets a new id, as on a real
server. Anything else is answered with a SOAP fault, so an unexpected call fails the test.
"""
from __future__ import annotations

import base64
import threading
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

S = "http://schemas.xmlsoap.org/soap/envelope/"
M = "http://schemas.microsoft.com/exchange/services/2006/messages"
T = "http://schemas.microsoft.com/exchange/services/2006/types"

ENVELOPE = """<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="{S}"><s:Header><h:ServerVersionInfo MajorVersion="15" MinorVersion="1" \
MajorBuildNumber="2507" MinorBuildNumber="6" Version="V2017_07_11" xmlns:h="{T}" xmlns="{T}"/>\
</s:Header><s:Body>{{body}}</s:Body></s:Envelope>""".format(S=S, T=T)

FAULT = """<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="{S}"><s:Body><s:Fault><faultcode>s:Client</faultcode>\
<faultstring>{{text}}</faultstring></s:Fault></s:Body></s:Envelope>""".format(S=S)


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


class FakeMailbox:
    """The server's state: folders and items, guarded by one lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.folders: dict[str, FakeFolder] = {}
        self.items: dict[str, FakeItem] = {}
        self.calls: list[str] = []
        self.errors: list[str] = []
        root = self._add_folder("root", None, "root")
        top = self._add_folder("Top of Information Store", root.id, "msgfolderroot")
        self._add_folder("Inkorgen", top.id, "inbox")

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
                            received or datetime.now(timezone.utc))
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
            received = item.received.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
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


class FakeEwsServer:
    """``http://127.0.0.1:<port>/EWS/Exchange.asmx`` for one account, basic auth."""

    def __init__(self, username: str = "statsbidrag", password: str = "hemligt",
                 email: str = "statsbidrag@region.example.se") -> None:
        self.username, self.password, self.email = username, password, email
        self.mailbox = FakeMailbox()
        handlers = EwsHandlers(self.mailbox)
        expected = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
        box = self.mailbox

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _send(self, status: int, body: str, headers: dict[str, str] | None = None) -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "text/xml; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.headers.get("Authorization") != expected:
                    self._send(401, "", {"WWW-Authenticate": 'Basic realm="ews"'})
                    return
                request = ET.fromstring(body).find(f"{{{S}}}Body")[0]
                operation = request.tag.split("}", 1)[1]
                handler = getattr(handlers, operation, None)
                with box.lock:
                    box.calls.append(operation)
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
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/EWS/Exchange.asmx"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def settings(self, **overrides):
        from pydantic import SecretStr

        from config.settings import MailboxSettings

        values = dict(kind="exchange", service_endpoint=self.url, email=self.email,
                      username=self.username, password=SecretStr(self.password), auth="basic",
                      folder="INBOX", processed_folder="INBOX/Behandlat", timeout_seconds=10)
        values.update(overrides)
        return MailboxSettings(**values)

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

