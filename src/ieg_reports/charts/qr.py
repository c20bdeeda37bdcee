"""QR codes encoded by `qrcode`, with its mask choice computed by numpy.

`qrcode` tries the eight masks one after the other, laying out the whole symbol and scoring
it in pure Python each time: three quarters of a code's cost. Here the data is laid out
once; each mask is an XOR over the data modules and its penalty (ISO/IEC 18004, the four
rules exactly as `qrcode` scores them) is counted with array operations. The chosen mask,
hence the symbol, is the one `qrcode` itself would choose (the tests check it).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import qrcode
from numpy.lib.stride_tricks import sliding_window_view

# The finder-like patterns of rule 3 (dark:light:dark:dark:dark:light:dark, light after or
# before), as `qrcode` looks for them.
_FINDERS = np.array(
    [[1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0], [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1]], dtype=bool
)


def matrix(url: str, border: int) -> list[list[bool]]:
    """The modules of the QR code of `url` (level M), with `border` light modules around."""
    code = _FastMaskCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=border)
    code.add_data(url)
    code.make(fit=True)
    modules: list[list[bool]] = code.get_matrix()
    return modules


class _FastMaskCode(qrcode.QRCode):  # type: ignore[misc]  # qrcode ships no type hints
    """A QRCode whose best mask is found once the data is laid out, not eight times."""

    _free: list[list[bool]] | None = None

    def map_data(self, data: Any, mask_pattern: int) -> None:
        """Lay out the data, noting first which modules it fills."""
        self._free = [[module is None for module in row] for row in self.modules]
        super().map_data(data, mask_pattern)

    def best_mask_pattern(self) -> int:
        """The mask of least penalty, the first of equals (as `qrcode` chooses)."""
        self.makeImpl(True, 0)
        laid = np.array(self.modules, dtype=bool)
        free = np.array(self._free, dtype=bool)
        rows, cols = np.indices(laid.shape)
        unmasked = laid ^ (free & mask(0, rows, cols))
        penalties = [penalty(unmasked ^ (free & mask(p, rows, cols))) for p in range(8)]
        return penalties.index(min(penalties))


def mask(pattern: int, i: Any, j: Any) -> Any:
    """Where mask `pattern` inverts a module (row `i`, column `j`; arrays or integers)."""
    formulas = (
        lambda: (i + j) % 2 == 0,
        lambda: i % 2 == 0,
        lambda: j % 3 == 0,
        lambda: (i + j) % 3 == 0,
        lambda: (i // 2 + j // 3) % 2 == 0,
        lambda: (i * j) % 2 + (i * j) % 3 == 0,
        lambda: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
        lambda: ((i * j) % 3 + (i + j) % 2) % 2 == 0,
    )
    return formulas[pattern]()


def penalty(modules: Any) -> int:
    """The penalty score of a symbol (rules 1 to 4, as `qrcode.util.lost_point`)."""
    n = modules.shape[0]
    total = 0
    for grid in (modules, modules.T):
        edges = np.ones((n, n + 1), dtype=bool)
        edges[:, 1:-1] = grid[:, 1:] != grid[:, :-1]
        runs = np.diff(np.flatnonzero(edges))  # across two rows: a run of 1, never counted
        total += int(((runs - 2) * (runs >= 5)).sum())
        windows = sliding_window_view(grid, 11, axis=1)
        found = (windows[:, :, None, :] == _FINDERS).all(axis=-1).any(axis=-1)
        total += 40 * int(found.sum())
    corner = modules[:-1, :-1]
    same = (corner == modules[:-1, 1:]) & (corner == modules[1:, :-1]) & (corner == modules[1:, 1:])
    total += 3 * int(same.sum())
    percent = float(int(modules.sum())) / (n**2)
    return total + int(abs(percent * 100 - 50) / 5) * 10
