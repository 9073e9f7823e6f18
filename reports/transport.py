"""Sending a built report: SMTP (smtplib) or the configured Exchange mailbox (exchangelib)."""
from __future__ import annotations

import copy
import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Protocol

from config.settings import MailboxSettings, Settings, SmtpSettings

log = logging.getLogger(__name__)


class SendError(RuntimeError):
    """The message was not handed over; the text says why (for the delivery log)."""


class Transport(Protocol):
    def __call__(self, message: EmailMessage) -> None: ...


def smtp_transport(smtp: SmtpSettings, timeout: float = 30.0) -> Transport:
    def send(message: EmailMessage) -> None:
        if not smtp.host:
            raise SendError("report.smtp.host är inte inställt")
        try:
            with smtplib.SMTP(smtp.host, smtp.port, timeout=timeout) as client:
                if smtp.starttls:
                    client.starttls(context=ssl.create_default_context())
                if smtp.username:
                    password = smtp.smtp_password.get_secret_value() if smtp.smtp_password else ""
                    client.login(smtp.username, password)
                refused = client.send_message(message)
        except (OSError, smtplib.SMTPException) as exc:
            raise SendError(f"SMTP {smtp.host}:{smtp.port}: {exc}") from exc
        if refused:
            raise SendError(f"SMTP {smtp.host}:{smtp.port} tog inte emot: {refused}")

    return send


def exchange_transport(mailbox: MailboxSettings) -> Transport:
    """Send from the configured Exchange mailbox (CreateItem, SendAndSaveCopy): the MIME message
    as built, so the text, the HTML with its inline chart and the attachments travel unchanged.

    From is the mailbox itself: Exchange refuses another sender without Send As rights
    (ErrorSendAsDenied), and report.smtp.sender is meant for SMTP.
    """

    def send(message: EmailMessage) -> None:
        from exchangelib import Mailbox, Message

        outgoing = copy.deepcopy(message)
        del outgoing["From"]
        outgoing["From"] = mailbox.email or ""
        mime = outgoing.as_bytes(policy=outgoing.policy.clone(linesep="\r\n"))
        recipients = [address for _, address in getaddresses(outgoing.get_all("To", []))]
        try:
            account = _exchange_account(mailbox)
            item = Message(account=account, folder=account.sent, mime_content=mime,
                           to_recipients=[Mailbox(email_address=a) for a in recipients])
            item.send_and_save()
        except Exception as exc:
            # anything but SendError would stop the job before the failure is recorded
            raise SendError(f"Exchange {mailbox.email}: {exc}") from exc

    return send


def _exchange_account(mailbox: MailboxSettings):
    """The account the mailbox source uses, so sending shares its credentials and auth."""
    from intake.sources.exchange import ExchangeSource

    return ExchangeSource(mailbox)._connect()


def configured_transport(settings: Settings) -> Transport:
    if settings.report.transport == "exchange":
        return exchange_transport(settings.mailbox)
    return smtp_transport(settings.report.smtp)
