"""E-mail over SMTP (the standard library's smtplib): one connection for a batch of letters,
STARTTLS and login when configured. Plain-text messages only. A failure is described by its
kind and the server's code, never the server's words, which can quote the recipient's address.
`deliver` sends a batch and says what became of each message; services call it only once the
write that records the batch has committed (use_cases/common.py's Outbox)."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Protocol

from settings import Settings
from use_cases.errors import InvalidInput, ServiceError

LOOPBACK = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str
    at: datetime


Send = Callable[[Mail], None]


class MailNotSetUp(InvalidInput):
    """The settings do not say how to send e-mail (or would send a password in clear)."""


class MailUnavailable(ServiceError):
    """The mail server could not be reached or refused the connection: nothing was sent."""


class Mailer(Protocol):
    def problem(self) -> str | None:
        """Why e-mail cannot be sent with these settings, or None."""

    def connection(self) -> AbstractContextManager[Send]:
        """An open connection: call it with each Mail."""


def describe(exc: BaseException) -> str:
    """What went wrong, without the server's text (it can quote the address)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = sorted({str(code) for code, _ in exc.recipients.values()})
        return f"the mail server refused the recipient (code {', '.join(codes)})"
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return f"the mail server refused the sender address (code {exc.smtp_code})"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return f"the mail server refused the user name or password (code {exc.smtp_code})"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"the mail server answered with code {exc.smtp_code}"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return "the mail server closed the connection"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return "the mail server does not support a command needed (STARTTLS, or SMTPUTF8 for the address)"
    if isinstance(exc, smtplib.SMTPException | OSError):
        return f"the mail server could not be reached ({type(exc).__name__})"
    return f"the message could not be made ({type(exc).__name__})"


def is_mail_failure(exc: BaseException) -> bool:
    """An error of the mail server or the network (anything else is a fault of ours)."""
    return isinstance(exc, smtplib.SMTPException | OSError)


def is_per_message(exc: BaseException) -> bool:
    """A refusal of this one message; the connection can go on with the next."""
    return isinstance(
        exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPDataError | smtplib.SMTPNotSupportedError
    )


@dataclass(frozen=True)
class SmtpMailer:
    host: str
    sender: str
    port: int = 25
    username: str = ""
    password: str = ""
    starttls: bool = False
    timeout: float = 30.0

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpMailer:
        return cls(
            host=settings.smtp_host, sender=settings.smtp_from, port=settings.smtp_port,
            username=settings.smtp_username, password=settings.smtp_password.get_secret_value(),
            starttls=settings.smtp_starttls, timeout=settings.smtp_timeout,
        )  # fmt: skip

    def problem(self) -> str | None:
        if not self.host:
            return "E-mail is not set up on this server: set SMTP_HOST (and SMTP_FROM)."
        if not self.sender or "@" not in self.sender:
            return "E-mail is not set up on this server: set SMTP_FROM to the council's address."
        if self.username and not self.starttls and self.host not in LOOPBACK:
            return (
                "E-mail is not sent: SMTP_USERNAME is set but SMTP_STARTTLS is not, so the "
                "password would cross the network unencrypted. Set SMTP_STARTTLS=1."
            )
        return None

    def message(self, mail: Mail) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = mail.to
        message["Subject"] = mail.subject
        message["Date"] = format_datetime(mail.at)
        message["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2] or None)
        message.set_content(mail.body)  # text/plain, UTF-8 where needed: never read as HTML
        return message

    @contextmanager
    def connection(self) -> Iterator[Send]:
        problem = self.problem()
        if problem:
            raise MailNotSetUp(problem)
        try:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        except (smtplib.SMTPException, OSError) as exc:
            raise MailUnavailable(self._nothing_sent(exc)) from None
        try:
            try:
                if self.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.username:
                    smtp.login(self.username, self.password)
            except (smtplib.SMTPException, OSError) as exc:
                raise MailUnavailable(self._nothing_sent(exc)) from None
            yield lambda mail: self._send(smtp, mail)
        finally:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()

    def _send(self, smtp: smtplib.SMTP, mail: Mail) -> None:
        smtp.send_message(self.message(mail), from_addr=self.sender, to_addrs=[mail.to])

    def _nothing_sent(self, exc: BaseException) -> str:
        return (
            f"Nothing was sent: {describe(exc)} at {self.host}:{self.port}. Check SMTP_HOST, "
            "SMTP_PORT and the other SMTP settings, or try again later."
        )


@dataclass(frozen=True)
class Outgoing:
    key: str  # what the sender knows the message by (an application's reference, a user's id)
    mail: Mail


@dataclass(frozen=True)
class Delivery:
    """What became of a batch: each message sent, failed or not tried. `error`: the batch
    stopped on it (no connection, or a fault of ours); raise it once the rest is recorded."""

    sent: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()  # (key, what went wrong: `describe`)
    not_tried: tuple[str, ...] = ()  # after the server stopped taking messages
    error: Exception | None = None

    @property
    def unsent(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.failed) + self.not_tried


def deliver(mailer: Mailer, queued: Sequence[Outgoing]) -> Delivery:
    """Send `queued` over one connection. A refusal of one message goes on with the next; a
    connection lost stops the batch; no connection, or an error of ours, stops it with
    `error`. Never raises: the caller records each message's fate first."""
    if not queued:
        return Delivery()
    keys = tuple(q.key for q in queued)
    sent: list[str] = []
    failed: list[tuple[str, str]] = []
    try:
        with mailer.connection() as send:
            for n, item in enumerate(queued):
                try:
                    send(item.mail)
                except Exception as exc:
                    failed.append((item.key, describe(exc)))
                    if not is_mail_failure(exc) or not is_per_message(exc):
                        fault = None if is_mail_failure(exc) else exc
                        return Delivery(tuple(sent), tuple(failed), keys[n + 1 :], fault)
                else:
                    sent.append(item.key)
    except Exception as exc:  # no connection (MailUnavailable): nothing was sent
        done = len(sent) + len(failed)
        return Delivery(tuple(sent), tuple(failed), keys[done:], exc)
    return Delivery(tuple(sent), tuple(failed))
