"""Settings, read once at an entry point and passed down.

Nothing in the project reads the environment at import time: `load_settings()` is
called by the CLI (and the bot's composition root) and the resulting value is handed to
every service that needs it. That keeps tests free to build `Settings(...)` directly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every setting of newsdigest; `.env.example` documents each one."""

    # Empty values (`TOPICS_FILE=` as in .env.example) mean "use the default", not "".
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", frozen=True,
        env_ignore_empty=True,
    )

    # Storage
    data_dir: Path = Field(default=Path("data"), description="Where the SQLite file lives.")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; empty means SQLite under data_dir."
    )
    seeds_dir: Path = Field(default=PROJECT_ROOT / "seeds")
    topics_file: Path | None = Field(
        default=None, description="Extra topics file; the bundled topics.toml is always read."
    )

    # Summaries
    summary_algorithm: str = "hybrid"
    summary_length: str = "5"
    max_article_chars: int = 400_000

    # Digests
    digest_stories: int = 5
    digest_key_points: int = 5
    #: At most this share of a digest's stories may come from one source while other
    #: sources have stories (`digests.balance`); 1 turns the balance off.
    digest_max_source_share: float = Field(default=0.4, gt=0, le=1)
    near_duplicate_threshold: float = 0.4  # calibrated on the corpus: digests/ingest/signature.py

    # Telegram
    telegram_bot_token: SecretStr | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    admin_user_ids: list[int] = Field(default_factory=list)
    default_timezone: str = "UTC"
    group_cooldown_seconds: float = 20.0
    admin_report_interval_seconds: float = 600.0
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_url: str | None = None
    webhook_path: str = "telegram"
    webhook_secret_token: SecretStr | None = None

    # Delivery
    catch_up_grace_hours: float = 6.0
    delivery_lease_seconds: float = Field(default=30.0, gt=0)
    delivery_heartbeat_seconds: float = Field(default=10.0, gt=0)
    delivery_ambiguous: Literal["skip", "resend"] = "skip"
    delivery_read_timeout_seconds: float = Field(default=60.0, gt=0)
    delivery_retry_seconds: float = Field(default=60.0, ge=0)
    delivery_worker_id: str | None = None

    # Alerts
    alert_interval_seconds: float = Field(default=10.0, gt=0)
    alert_min_relevance: float = Field(default=1.5, gt=0)  # x a topic's digest floor
    alert_max_edits: int = Field(default=3, ge=0)

    # Fetching
    fetch_allow_private_addresses: bool = False
    fetch_timeout_seconds: float = 20.0
    fetch_max_bytes: int = 5_000_000
    fetch_user_agent: str = "newsdigest/0.1 (+https://github.com/newsdigest/newsdigest)"
    feed_interval_minutes: float = 15.0
    feed_min_interval_minutes: float = 5.0
    feed_max_failures: int = 5
    feed_max_entries_per_poll: int = Field(
        default=200, ge=1,
        description="Entries ingested per poll of one feed; the rest come on later polls.")

    # Operations
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"
    metrics_port: int | None = Field(
        default=None, ge=0, le=65535,
        description="Port of /metrics, /healthz, /readyz; unset means no server.")
    metrics_host: str = "127.0.0.1"

    def resolved_database_url(self) -> str:
        """Return the configured URL, or the embedded SQLite file under `data_dir`."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'newsdigest.sqlite3').resolve()}"


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment and `.env` once; keyword overrides win."""
    return Settings(**overrides)  # type: ignore[arg-type]
