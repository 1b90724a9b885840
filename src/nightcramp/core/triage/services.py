"""Who to call, for the triage advice: the emergency number and the health line for today.

The numbers come from one table with sources (`content/triage/services.toml`), read by
`nightcramp.core.help_lines`; this module gives the triage rules the answer as a value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from nightcramp.core.errors import ContentError
from nightcramp.core.help_lines import dial, help_lines_for, read_table
from nightcramp.core.knowledge.files import ContentFileError

if TYPE_CHECKING:
    from pathlib import Path

    from nightcramp.core.help_lines import Table

__all__ = ["Services", "dial", "load_services", "services_for"]


@dataclass(frozen=True)
class Services:
    """Where to call from one country.

    `country` is the ISO 3166 code ("GB"; "" when unknown). `urgent_service` fits in a sentence
    ("call NHS 111", "see your doctor or an urgent care clinic" reads with the verb the
    advice gives); `urgent_service_number` is None when there is no one number to call.
    """

    country: str
    emergency_number: str
    urgent_service: str
    urgent_service_number: str | None

    @property
    def emergency_tel(self) -> str:
        """The emergency number as a `tel:` link dials it (digits and a leading + only)."""
        return dial(self.emergency_number)

    @property
    def urgent_service_tel(self) -> str | None:
        """The health line as a `tel:` link dials it; None when there is no number."""
        return None if self.urgent_service_number is None else dial(self.urgent_service_number)


def services_for(country: str | None, emergency_number: str | None = None) -> Services:
    """The services for `country` (an ISO 3166 code; None or "" when unknown).

    `emergency_number` (the person's setting) replaces the table's number; a country not in
    the table gets 112 and "your doctor or an urgent care clinic".
    """
    lines = help_lines_for(country, emergency_number)
    return Services(
        country=lines.country,
        emergency_number=lines.emergency_number,
        urgent_service=lines.urgent_service,
        urgent_service_number=lines.urgent_service_number,
    )


def load_services(content_dir: Path | None = None) -> Table:
    """Read and check the services table under `content_dir` (default: the shipped content).

    Raises ContentFileError naming the file, the entry and the field when something is wrong.
    """
    path = None if content_dir is None else str(content_dir / "triage" / "services.toml")
    try:
        return read_table(path)
    except ContentFileError:
        raise
    except ContentError as error:
        # "services.toml: countries.GB: emergency_number: reason" names the entry and field.
        parts = str(error).split(": ", 3)
        if len(parts) == 4 and parts[1].startswith(("countries.", "default")):
            raise ContentFileError(
                parts[3], file="triage/services.toml", entry=parts[1], field=parts[2]
            ) from error
        reason = str(error).removeprefix("services.toml: ")
        raise ContentFileError(reason, file="triage/services.toml") from error
