"""A Microsoft 365 mailbox folder as the mailbox, through Microsoft Graph (app-only).

The folder is read in bounded batches, oldest first: each batch is one listing from the top of
the folder (``$orderby=receivedDateTime asc``, ``$top`` = batch size), following
``@odata.nextLink`` past messages already handed over in this poll. No message is moved while a
listing is being paged, so its ``$skip`` links stay true; the next batch lists afresh, because
moving handled messages shifts every later page. Only one batch of ids and one message's MIME
are held at a time, whatever the backlog.

Each message is fetched as MIME (``/messages/{id}/$value``) and keyed on its
``internetMessageId`` and the MIME's sha256, never on the Graph id: ``move`` gives a message a
new id. The processed folder is found by display name (at the top of the mailbox, then under
the inbox) or created. Folder names are "/"-paths; a leading "INBOX" is the inbox whatever its
localised name.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from datetime import datetime

from config.settings import MailboxSettings
from intake.connections.graph import GraphError, GraphMailbox
from intake.sources.base import SourceError, SourceItem, header_message_id

log = logging.getLogger(__name__)

LISTED_FIELDS = "id,internetMessageId,receivedDateTime"


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def child_folder(graph: GraphMailbox, parent: str | None, name: str) -> str | None:
    """The id of folder ``name`` under ``parent`` (None: the top of the mailbox)."""
    path = "/mailFolders" if parent is None else f"/mailFolders/{parent}/childFolders"
    params = {"$filter": f"displayName eq {_quoted(name)}", "$select": "id,displayName"}
    for page in graph.pages(path, **params):
        for folder in page:
            if folder.get("displayName") == name:
                return folder["id"]
    return None


def _create(graph: GraphMailbox, parent: str | None, name: str) -> str:
    path = "/mailFolders" if parent is None else f"/mailFolders/{parent}/childFolders"
    try:
        created = graph.post(path, {"displayName": name}, ok=(201,))
    except GraphError as exc:
        if exc.code != "ErrorFolderExists":
            raise
        found = child_folder(graph, parent, name)
        if found is None:
            raise
        return found
    log.info("graph: created folder=%s", name)
    return created["id"]


def _first(graph: GraphMailbox, parts: list[str]) -> str | None:
    """The id of the path's first folder: the inbox, or a folder by that name at the top of the
    mailbox or else under the inbox."""
    if parts[0].upper() == "INBOX":
        return "inbox"
    return child_folder(graph, None, parts[0]) or child_folder(graph, "inbox", parts[0])


def find_folder(graph: GraphMailbox, path: str) -> str | None:
    """The id of the folder at ``path``, or None."""
    parts = [p for p in path.split("/") if p] or ["INBOX"]
    current = _first(graph, parts)
    for part in parts[1:]:
        if current is None:
            return None
        current = child_folder(graph, current, part)
    return current


def ensure_folder(graph: GraphMailbox, path: str) -> tuple[str, bool]:
    """The id of the folder at ``path``, made where missing; and whether anything was made."""
    parts = [p for p in path.split("/") if p] or ["INBOX"]
    current = _first(graph, parts)
    created = current is None
    if current is None:
        current = _create(graph, None, parts[0])
    for part in parts[1:]:
        found = child_folder(graph, current, part)
        if found is None:
            found, created = _create(graph, current, part), True
        current = found
    return current, created


def _received(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


class GraphSource:
    kind = "graph"

    def __init__(self, settings: MailboxSettings, max_wait: float = 60.0) -> None:
        self.settings = settings
        self.max_wait = max_wait
        self.name = f"graph:{settings.email}/{settings.folder}"
        self._graph: GraphMailbox | None = None
        self._folder: str | None = None
        self._processed: str | None = None

    def _open(self) -> tuple[GraphMailbox, str, str]:
        if self._graph is None:
            graph = GraphMailbox(self.settings, max_wait=self.max_wait)
            try:
                folder = find_folder(graph, self.settings.folder)
                if folder is None:
                    raise SourceError(f"Mappen {self.settings.folder} finns inte i brevlådan "
                                      f"{self.settings.email}")
                processed, _ = ensure_folder(graph, self.settings.processed_folder)
            except SourceError:
                graph.close()
                raise
            self._graph, self._folder, self._processed = graph, folder, processed
        return self._graph, self._folder, self._processed

    def _batch(self, graph: GraphMailbox, folder: str, seen: set[str]) -> list[dict]:
        size = max(1, self.settings.batch_size)
        batch: list[dict] = []
        params = {"$select": LISTED_FIELDS, "$orderby": "receivedDateTime asc", "$top": str(size)}
        pages = graph.pages(f"/mailFolders/{folder}/messages", **params)
        for page in pages:
            for entry in page:
                if entry["id"] not in seen:
                    seen.add(entry["id"])
                    batch.append(entry)
            if len(batch) >= size:
                pages.close()
                break
        return batch

    def fetch(self) -> Iterator[SourceItem]:
        graph, folder, _ = self._open()
        seen: set[str] = set()
        while batch := self._batch(graph, folder, seen):
            for entry in batch:
                item = self._item(graph, entry)
                if item is not None:
                    yield item

    def _item(self, graph: GraphMailbox, entry: dict) -> SourceItem | None:
        try:
            raw = graph.request("GET", f"/messages/{entry['id']}/$value").content
        except GraphError as exc:
            if exc.status == 404:
                log.info("graph: message gone before it was read, skipped: %s", exc)
                return None
            raise
        message_id = entry.get("internetMessageId") or header_message_id(raw)
        digest = hashlib.sha256(raw).hexdigest()[:16]
        return SourceItem(
            raw=raw, kind="eml",
            key=f"graph:{self.settings.email}:{message_id or ''}:{digest}",
            message_id=message_id, received=_received(entry.get("receivedDateTime")),
            handle=entry["id"],
        )

    def mark_processed(self, item: SourceItem) -> None:
        graph, _, processed = self._open()
        moved = graph.post(f"/messages/{item.handle}/move", {"destinationId": processed}, ok=(201,))
        log.info("graph: moved key=%s to=%s new_id=%s", item.key, self.settings.processed_folder,
                 str(moved.get("id", ""))[:16])

    def backlog(self) -> int | None:
        if self._graph is None:
            return None
        try:
            return int(self._graph.get(f"/mailFolders/{self._folder}",
                                       **{"$select": "totalItemCount"})["totalItemCount"])
        except (SourceError, KeyError, ValueError):
            return None

    def close(self) -> None:
        if self._graph is not None:
            self._graph.close()
        self._graph = self._folder = self._processed = None
