"""The documented limits of a workbook, and the short messages when a file exceeds them.

A workshop's workbook holds hundreds of rows; these limits are far above that and far
below what would exhaust a laptop, so a hostile or damaged file is refused in seconds.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ieg_reports.exceptions import UnreadableWorkbookError

MAX_ROWS = 50_000  # rows per sheet: a workshop 100 times the sample holds 25 000 ratings
MAX_COLUMNS = 200  # columns per sheet (up to GR)
MAX_CELL_CHARS = 10_000  # characters in one cell (descriptions, questions, summaries)
MAX_TITLE_CHARS = 300  # a title, a name, a label: it becomes a heading or a table cell
MAX_CODE_CHARS = 40  # a code (F12, T07…)
MAX_WORD_CHARS = 200  # characters without a space, outside the link and e-mail columns
MAX_MEMBER_BYTES = 100 * 2**20  # one part of an .xlsx/.ods, once uncompressed
MAX_ARCHIVE_BYTES = 300 * 2**20  # every part together, once uncompressed
MAX_CSV_BYTES = 50 * 2**20  # one CSV file


def thousands(n: int) -> str:
    """« 20 000 », with a no-break space."""
    return f"{n:,}".replace(",", "\u00a0")


def megabytes(size: int) -> str:
    """« 100 Mo »."""
    return f"{size // 2**20}\u00a0Mo"


def unreadable(path: Path, exc: BaseException) -> UnreadableWorkbookError:
    """« classeur illisible »: a damaged file, with the technical cause at the end."""
    cause = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
    return UnreadableWorkbookError(
        f"{path.name} : classeur illisible, le fichier est endommagé ({cause}). "
        "Ouvrez-le dans Excel ou LibreOffice et enregistrez-le de nouveau."
    )


def check_archive(path: Path) -> None:
    """Refuse a zip (xlsx, ods) whose parts would inflate beyond the limits (a « zip bomb »)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise UnreadableWorkbookError(
            f"{path.name} : classeur illisible, ce fichier n’est pas un classeur Excel ou "
            "OpenDocument (ce n’est pas une archive zip). Enregistrez-le en .xlsx ou .ods."
        ) from exc
    except (OSError, ValueError) as exc:
        raise unreadable(path, exc) from exc
    biggest = max(infos, key=lambda i: i.file_size, default=None)
    total = sum(i.file_size for i in infos)
    if biggest is not None and (biggest.file_size > MAX_MEMBER_BYTES or total > MAX_ARCHIVE_BYTES):
        raise UnreadableWorkbookError(
            f"{path.name} : classeur refusé, il occuperait {megabytes(total)} une fois "
            f"décompressé (partie «\u00a0{biggest.filename}\u00a0» : "
            f"{megabytes(biggest.file_size)}), "
            f"au-delà de la limite de {megabytes(MAX_MEMBER_BYTES)} par partie. "
            "Vérifiez qu’il s’agit bien du classeur de l’atelier."
        )


def over_limit(path: Path, sheet: str, cells: list[str]) -> UnreadableWorkbookError:
    """Values past the row or column limit: a count and the first cells, never a long list."""
    first = ", ".join(cells[:5])
    more = " et d’autres" if len(cells) > 5 else ""
    return UnreadableWorkbookError(
        f"{path.name}, feuille «\u00a0{sheet}\u00a0» : des valeurs dépassent les limites de "
        f"{thousands(MAX_ROWS)} lignes et {MAX_COLUMNS} colonnes par feuille "
        f"(cellules {first}{more}). "
        "Supprimez ces cellules, ou répartissez les données sur une feuille plus courte."
    )
