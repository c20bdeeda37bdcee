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
        scores = penalties(np.stack([unmasked ^ (free & mask(p, rows, cols)) for p in range(8)]))
        return scores.index(min(scores))


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
    """The penalty score of one symbol (rules 1 to 4, as `qrcode.util.lost_point`)."""
    return penalties(modules[None])[0]


def penalties(symbols: Any) -> list[int]:
    """The penalty scores of a stack of symbols of one size, all at once."""
    count, n = symbols.shape[0], symbols.shape[1]
    total = np.zeros(count, dtype=np.int64)
    for grids in (symbols, symbols.transpose(0, 2, 1)):
        edges = np.ones((count, n, n + 1), dtype=bool)
        edges[:, :, 1:-1] = grids[:, :, 1:] != grids[:, :, :-1]
        starts = np.flatnonzero(edges)
        runs = np.diff(starts)  # across two rows: a run of 1, never counted
        owner = starts[:-1] // (n * (n + 1))
        total += np.bincount(owner, weights=(runs - 2) * (runs >= 5), minlength=count).astype(
            np.int64
        )
        windows = sliding_window_view(grids, 11, axis=2)
        found = (windows[:, :, :, None, :] == _FINDERS).all(axis=-1).any(axis=-1)
        total += 40 * found.sum(axis=(1, 2))
    corner = symbols[:, :-1, :-1]
    same = (
        (corner == symbols[:, :-1, 1:])
        & (corner == symbols[:, 1:, :-1])
        & (corner == symbols[:, 1:, 1:])
    )
    total += 3 * same.sum(axis=(1, 2))
    dark = symbols.sum(axis=(1, 2))
    return [
        int(score) + int(abs(float(int(d)) / (n**2) * 100 - 50) / 5) * 10
        for score, d in zip(total, dark, strict=True)
    ]
