from pathlib import Path

import pytest

from ieg_reports.config import Config, line_of, load_config
from ieg_reports.exceptions import ConfigError


def _config(tmp_path: Path, text: str) -> Config:
    (tmp_path / "ieg-reports.toml").write_text(text, encoding="utf-8")
    return load_config(tmp_path / "a.xlsx")


def _errors(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ConfigError) as info:
        _config(tmp_path, text)
    return str(info.value).splitlines()


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config(tmp_path / "a.xlsx")
    assert config == Config()
    assert (config.capacity_threshold, config.criticality_threshold) == (3.0, 3.0)


def test_values_from_the_file(tmp_path: Path) -> None:
    (tmp_path / "mes-modeles").mkdir()
    config = _config(
        tmp_path,
        "[echelle]\nmin = 0\nmax = 10\n[seuils]\ncriticite = 6.5\n"
        '[documents]\nmodeles = "mes-modeles"\ndossiers_pour_tous_les_themes = true\n',
    )
    assert (config.scale.low, config.scale.high) == (0, 10)
    assert (config.capacity_threshold, config.criticality_threshold) == (5.0, 6.5)
    assert config.templates == tmp_path / "mes-modeles"
    assert config.packs_for_all_themes is True


def test_every_error_reported_at_once_with_its_line(tmp_path: Path) -> None:
    lines = _errors(
        tmp_path, '[echelle]\nmin = 5\nmax = "dix"\n[seuils]\ncapacite_agir = 9\n[couleurs]\n'
    )
    assert lines[0] == "ieg-reports.toml\u00a0: 3 erreurs"
    assert lines[1].startswith("  - ligne 3, [echelle] max\u00a0: doit être un nombre")
    assert "«\u00a0dix\u00a0»" in lines[1]
    assert lines[2].startswith("  - ligne 5, [seuils] capacite_agir\u00a0: 9 sort de l’échelle")
    assert lines[3].startswith("  - ligne 6, [couleurs]\u00a0: section inconnue")


def test_a_section_written_as_a_value_is_an_error_not_a_crash(tmp_path: Path) -> None:
    lines = _errors(tmp_path, "echelle = 5\n")
    assert lines[1] == (
        "  - ligne 1, [echelle]\u00a0: doit être une section, écrite [echelle] sur sa propre ligne"
    )


def test_unknown_key_suggests_the_close_one(tmp_path: Path) -> None:
    lines = _errors(tmp_path, "[seuils]\ncriticte = 4\n")
    assert lines[1] == (
        "  - ligne 2, [seuils] criticte\u00a0: clé inconnue — vouliez-vous dire «\u00a0criticite\u00a0»\u00a0?"
    )


def test_a_missing_templates_folder_is_an_error(tmp_path: Path) -> None:
    lines = _errors(tmp_path, '[documents]\nmodeles = "mes-modele"\n')
    assert lines[1].startswith("  - ligne 2, [documents] modeles\u00a0: dossier introuvable")


def test_wrong_types(tmp_path: Path) -> None:
    lines = _errors(tmp_path, '[documents]\nmodeles = 3\ndossiers_pour_tous_les_themes = "oui"\n')
    assert "modeles\u00a0: doit être un chemin" in lines[1]
    assert "dossiers_pour_tous_les_themes\u00a0: doit valoir true ou false" in lines[2]


def test_line_of_finds_keys_in_their_own_section_only() -> None:
    text = "[seuils]\nmin = 1\n[echelle]\n# note\nmin = 2\n"
    assert line_of(text, "echelle", "min") == 5
    assert line_of(text, "echelle") == 3
    assert line_of(text, "documents") is None


def test_unparsable_file(tmp_path: Path) -> None:
    (tmp_path / "ieg-reports.toml").write_text("[echelle\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="illisible"):
        load_config(tmp_path / "a.xlsx")
