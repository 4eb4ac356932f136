"""E-mail over SMTP (the standard library's smtplib): one connection for a batch of letters,
STARTTLS and login when configured. Plain-text messages only. A failure is described by its
kind and the server's code, never the server's words, which can quote the recipient's address."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Protocol

from settings import Settings
from storage.errors import InvalidInput, ServiceError

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
