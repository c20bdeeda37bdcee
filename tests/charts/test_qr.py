"""QR codes: numpy's mask choice gives exactly the symbol `qrcode` would make."""

from __future__ import annotations

import random
import string

import numpy as np
import qrcode
from qrcode import util

from ieg_reports.charts.qr import mask, matrix, penalty

URL_CHARS = string.ascii_letters + string.digits + "/-._?=&%~"


def _urls(count: int) -> list[str]:
    """Web addresses of every length a resource may have (a version 1 to 10 symbol)."""
    rnd = random.Random(2017)
    return [
        "https://" + "".join(rnd.choice(URL_CHARS) for _ in range(rnd.randint(1, 250)))
        for _ in range(count)
    ]


def _reference(url: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(url)
    code.make(fit=True)
    return code


def test_the_symbol_is_the_one_qrcode_chooses() -> None:
    for url in _urls(60):
        assert matrix(url, 2) == _reference(url).get_matrix(), url


def test_each_mask_scores_as_qrcode_scores_it() -> None:
    for url in _urls(12):
        code = _reference(url)
        for pattern in range(8):
            code.makeImpl(True, pattern)
            expected = util.lost_point(code.modules)
            assert penalty(np.array(code.modules, dtype=bool)) == expected, (url, pattern)


def test_the_mask_formulas_are_the_standard_ones() -> None:
    for pattern in range(8):
        reference = util.mask_func(pattern)
        rows, cols = np.indices((45, 45))
        expected = [[reference(i, j) for j in range(45)] for i in range(45)]
        assert mask(pattern, rows, cols).tolist() == expected
