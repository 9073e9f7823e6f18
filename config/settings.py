"""Settings: a TOML file plus GRANT_INTAKE_* environment variables (nested with ``__``).

The environment wins over the file. Secrets (passwords, client secrets) are accepted only
from the environment: a settings file that names one is refused.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, SecretStr, ValidationError
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from config import masking
from config.calibration import review_threshold
from config.settings_check import explain, unknown_environment, unknown_keys

DEFAULT_CONFIG_FILE = Path("config/settings.toml")
SECRET_KEYS = {"password", "client_secret", "smtp_password"}


class SettingsError(ValueError):
    """The settings file cannot be used."""


GRAPH_URL = "https://graph.microsoft.com/v1.0"
AUTHORITY_URL = "https://login.microsoftonline.com"


class MailboxSettings(BaseModel):
    kind: Literal["folder", "imap", "exchange", "graph"] = "folder"
    path: Path = Path("var/inbox")
    host: str | None = None
    port: int = 993
    ssl: Literal["true", "starttls", "false"] = "true"
    username: str | None = None
    password: SecretStr | None = None
    folder: str = "INBOX"
    processed_folder: str = "Behandlat"
    service_endpoint: str | None = None
    email: str | None = None
    auth: Literal["ntlm", "basic", "oauth2"] = "ntlm"
    """Exchange: ntlm, basic or oauth2. IMAP: oauth2 means XOAUTH2 with an app-only token from
    the identity platform; anything else the password."""
    client_id: str | None = None
    client_secret: SecretStr | None = None
    client_certificate: Path | None = None
    """PEM file with the app registration's certificate and its private key (instead of a
    client secret)."""
    tenant_id: str | None = None
    graph_url: str = GRAPH_URL
    authority_url: str = AUTHORITY_URL
    ca_bundle: Path | None = None
    """PEM file of certificate authorities trusted besides the system's (graph, exchange, imap)."""
    timeout_seconds: float = 30.0
    batch_size: int = 50

    def app_problem(self) -> str | None:
        """What an app-only sign-in (graph, or OAuth2 for imap) lacks, in Swedish."""
        missing = [] if self.email or self.kind == "imap" else ["mailbox.email (brevlådans adress)"]
        missing += [name for name, value in (("mailbox.client_id", self.client_id),
                                             ("mailbox.tenant_id", self.tenant_id)) if not value]
        has_secret = self.client_secret is not None and bool(self.client_secret.get_secret_value())
        if not has_secret and self.client_certificate is None:
            missing.append("GRANT_INTAKE_MAILBOX__CLIENT_SECRET (i miljön) "
                           "eller mailbox.client_certificate")
        if not missing:
            return None
        return f"Inloggningen med app-registrering saknar {', '.join(missing)}"

    def exchange_problem(self) -> str | None:
        """What an Exchange login lacks, in Swedish; None when the settings are complete."""
        missing = [] if self.email else ["mailbox.email (brevlådans adress)"]
        if self.auth == "oauth2":
            required = {"mailbox.client_id": self.client_id, "mailbox.tenant_id": self.tenant_id}
            env, secret = "CLIENT_SECRET", self.client_secret
        else:
            required = {"mailbox.username": self.username}
            env, secret = "PASSWORD", self.password
        missing += [name for name, value in required.items() if not value]
        if secret is None or not secret.get_secret_value():
            missing.append(f"GRANT_INTAKE_MAILBOX__{env} (i miljön)")
        if not missing:
            return None
        return f"Exchange-inloggningen (auth = {self.auth}) saknar {', '.join(missing)}"


class OcrSettings(BaseModel):
    languages: str = "swe+eng"
    """Measured on the dev set's scans: `swe` alone drops "40 %" (the municipal share) and reads
    "§" and "@" wrong; `swe+eng` keeps them for about 15 % more Tesseract time."""
    dpi: int = 300
    workers: int = 0
    """Worker processes for page text; 0 means one per core."""
    min_text_quality: float = 0.75
    """Share of a text layer's words that must look like Swedish for the layer to be used."""


class LimitSettings(BaseModel):
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 200
    max_pixels: int = 100_000_000
    page_seconds: float = 60.0
    worker_memory_mb: int = 2048


class SmtpSettings(BaseModel):
    host: str | None = None
    port: int = 25
    starttls: bool = False
    username: str | None = None
    smtp_password: SecretStr | None = None
    sender: str = "grant-intake@localhost"


class ReportRecipient(BaseModel):
    address: str
    programs: list[str] | None = None
    """Program ids this recipient subscribes to; absent: every program."""


class ReportSettings(BaseModel):
    day_of_week: str = "mon"
    hour: int = 7
    minute: int = 0
    timezone: str = "Europe/Stockholm"
    transport: Literal["smtp", "exchange", "graph"] = "smtp"
    recipients: list[str | ReportRecipient] | dict[str, list[str]] = Field(default_factory=list)
    """Plain addresses (every program) and ``{address, programs}`` entries; or, as before, a
    table of program id → addresses where the key ``*`` receives every program."""
    desk_url: str | None = None
    """The review desk's address as recipients reach it, for the report's links; default
    http://web.host:web.port."""
    smtp: SmtpSettings = Field(default_factory=SmtpSettings)


class WebSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = 8000
    session_secret: SecretStr | None = None
    forwarded_allow_ips: str | None = None
    """Behind a reverse proxy: the proxy's addresses (comma-separated), whose X-Forwarded-For
    and X-Forwarded-Proto are believed (the client's address for login throttling)."""
    max_body_bytes: int = Field(1024 * 1024, ge=1024)
    """The most a request may send, refused before it is read or anyone is logged in."""
    max_upload_bytes: int = Field(21 * 1024 * 1024, ge=1024)
    """The same for the allocation-list upload: a little above the page's own 20 MB limit, so
    that the page can explain a file just over it."""
    login_failures_per_account: int = Field(5, ge=1)
    login_failures_per_client: int = Field(20, ge=1)
    login_window_minutes: int = Field(15, ge=1)
    """Failed log-ins allowed per account and per client within the window before a wait."""


class SessionSettings(BaseModel):
    hours: int = Field(8, ge=1)
    """A log-in ends this long after it began, whatever happens."""
    idle_minutes: int = Field(60, ge=1)
    """A log-in ends after this long without a request."""
    secure_cookie: bool = False
    """Behind HTTPS: the cookie is sent only over HTTPS, and answers carry HSTS."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="GRANT_INTAKE_",
        env_nested_delimiter="__",
        case_sensitive=False,
        extra="ignore",
    )

    db: str = "sqlite:///var/grant-intake.db"
    data_dir: Path = Path("var/store")
    poll_minutes: int = 5
    confidence_threshold: float = Field(default_factory=review_threshold)
    timezone: str = "Europe/Stockholm"
    mailbox: MailboxSettings = Field(default_factory=MailboxSettings)
    ocr: OcrSettings = Field(default_factory=OcrSettings)
    limits: LimitSettings = Field(default_factory=LimitSettings)
    report: ReportSettings = Field(default_factory=ReportSettings)
    web: WebSettings = Field(default_factory=WebSettings)
    session: SessionSettings = Field(default_factory=SessionSettings)

    toml_file_path: ClassVar[Path | None] = None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if cls.toml_file_path is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=cls.toml_file_path))
        return tuple(sources)


def _secret_paths(data: Any, prefix: str = "") -> list[str]:
    found: list[str] = []
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}{key}"
            if key.lower() in SECRET_KEYS:
                found.append(path)
            found += _secret_paths(value, path + ".")
    return found


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Settings from ``config_file`` (or ``config/settings.toml`` if present) and the environment.

    ``overrides`` (command-line options) win over both.
    """
    import tomllib

    path = config_file
    if path is None and DEFAULT_CONFIG_FILE.is_file():
        path = DEFAULT_CONFIG_FILE
    if path is not None:
        if not path.is_file():
            raise SettingsError(f"Inställningsfilen {path} finns inte")
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(f"Inställningsfilen {path} kan inte läsas: {exc}") from exc
        secrets = _secret_paths(data)
        if secrets:
            raise SettingsError(
                f"Hemligheter får bara anges i miljövariabler, inte i {path}: {', '.join(secrets)}"
            )
        unknown = unknown_keys(data, Settings)
        if unknown:
            raise SettingsError(f"Inställningsfilen {path}: {'; '.join(unknown)}")
    unknown = unknown_environment(Settings)
    if unknown:
        raise SettingsError(f"Inställningarna i miljön: {'; '.join(unknown)}")

    class _FromFile(Settings):
        toml_file_path = path

    values = {k: v for k, v in overrides.items() if v is not None}
    try:
        settings = _FromFile(**values)
    except ValidationError as exc:
        where = f"Inställningarna ({path} och miljön)" if path else "Inställningarna i miljön"
        raise SettingsError(f"{where}: {explain(exc, SECRET_KEYS)}") from None
    masking.remember([settings.mailbox.password, settings.mailbox.client_secret,
                      settings.report.smtp.smtp_password, settings.web.session_secret])
    _check_sign_in(settings)
    return settings


def _check_sign_in(settings: Settings) -> None:
    """Refuse at start an Exchange or Graph mailbox or report transport that cannot log in."""
    mailbox = settings.mailbox
    uses = {mailbox.kind, settings.report.transport}
    problem = None
    if "exchange" in uses:
        problem = mailbox.exchange_problem()
    if problem is None and "graph" in uses:
        problem = mailbox.app_problem()
    if problem is None and mailbox.kind == "imap" and mailbox.auth == "oauth2":
        problem = mailbox.app_problem()
    if problem:
        raise SettingsError(problem)
