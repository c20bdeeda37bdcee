from pathlib import Path

import pytest

from ieg_reports.config import Config, load_config
from ieg_reports.exceptions import ConfigError


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config(tmp_path / "a.xlsx")
    assert config == Config()
    assert (config.capacity_threshold, config.criticality_threshold) == (3.0, 3.0)


def test_values_from_the_file(tmp_path: Path) -> None:
    (tmp_path / "ieg-reports.toml").write_text(
        "[echelle]\nmin = 0\nmax = 10\n[seuils]\ncriticite = 6.5\n"
        '[documents]\nmodeles = "mes-modeles"\n',
        encoding="utf-8",
    )
    config = load_config(tmp_path / "a.xlsx")
    assert (config.scale.low, config.scale.high) == (0, 10)
    assert (config.capacity_threshold, config.criticality_threshold) == (5.0, 6.5)
    assert config.templates == tmp_path / "mes-modeles"


def test_every_error_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "ieg-reports.toml").write_text(
        '[echelle]\nmin = 5\nmax = "dix"\n[seuils]\ncapacite_agir = 9\n[couleurs]\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "a.xlsx")
    message = str(info.value)
    assert "[couleurs]" in message and "max doit être un nombre" in message
    assert "inférieur à max" in message and "capacite_agir = 9" in message


def test_unparsable_file(tmp_path: Path) -> None:
    (tmp_path / "ieg-reports.toml").write_text("[echelle\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="illisible"):
        load_config(tmp_path / "a.xlsx")
