"""The workbook contract: sheets, columns, their French labels and enumerations.

Everything a user may type as a sheet name, a header or an enumerated value is declared
here once; `init` writes a workbook from it, `normalise` reads one against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ieg_reports.workbook.text import fold_plural


class Kind(StrEnum):
    """How a column's cells are parsed."""

    TEXT = "text"
    CODE = "code"
    NUMBER = "number"
    BOOL = "bool"
    ENUM = "enum"
    LIST = "list"
    LINES = "lines"
    DATE = "date"
    TIME = "time"
    PEOPLE = "people"
    YEAR = "year"
    URL = "url"
    EMAIL = "email"


@dataclass(frozen=True)
class Choice:
    """One allowed value of an enumeration, with the spellings it accepts."""

    key: str
    label: str
    aliases: tuple[str, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        """Every accepted spelling, the label first."""
        return (self.label, self.key, *self.aliases)


@dataclass(frozen=True)
class Enumeration:
    """A closed list of values."""

    name: str
    choices: tuple[Choice, ...]

    def match(self, text: str) -> Choice | None:
        """The choice `text` stands for, ignoring case, accents, punctuation and plural."""
        key = fold_plural(text)
        for choice in self.choices:
            if key in {fold_plural(s) for s in choice.spellings()}:
                return choice
        return None

    def labels(self) -> list[str]:
        """The French labels, for messages and drop-down lists."""
        return [c.label for c in self.choices]


NATURE = Enumeration(
    "nature",
    (
        Choice("macro_determinant", "macro-déterminant", ("macro", "facteur macro-déterminant")),
        Choice("signal_faible", "signal faible", ("weak signal", "signal")),
    ),
)
REGISTRE = Enumeration(
    "registre",
    (
        Choice("definition", "définition", ("definition",)),
        Choice("consequence", "conséquence", ("consequence", "impact")),
        Choice("question", "question", ("questionnement",)),
        Choice("risque", "risque", ("risk",)),
    ),
)
EFFECT_TYPE = Enumeration(
    "type",
    (
        Choice("innovation", "piste d’innovation", ("innovation", "innovation track")),
        Choice("competence", "compétence", ("nouvelle compétence", "skill")),
    ),
)
CATEGORY = Enumeration(
    "categorie",
    (
        Choice("nouveau_metier", "nouveau métier", ("new job",)),
        Choice("nouvelle_maniere", "nouvelle manière d’exercer", ("nouvelle maniere", "new way")),
        Choice("connaissances", "connaissances", ("knowledge", "savoirs")),
        Choice("pratiques", "pratiques professionnelles", ("pratiques", "practices")),
        Choice("aptitudes_individuelles", "aptitudes individuelles", ("individual skills",)),
        Choice("aptitudes_collectives", "aptitudes collectives", ("collective skills",)),
    ),
)
# Which categories belong to which effect type.
CATEGORIES_BY_TYPE = {
    "innovation": ("nouveau_metier", "nouvelle_maniere"),
    "competence": (
        "connaissances",
        "pratiques",
        "aptitudes_individuelles",
        "aptitudes_collectives",
    ),
}
ROUTE = Enumeration(
    "parcours",
    (
        Choice(
            "rencontre", "rencontre", ("rencontre prospective", "evenement", "event", "prioritaire")
        ),
        Choice("documentaire", "documentaire", ("apport documentaire", "dossier", "documentary")),
    ),
)

# A participant may follow both routes: their packs and the event's invitation.
PARTICIPANT_ROUTE = Enumeration(
    "parcours",
    (
        *ROUTE.choices,
        Choice(
            "les_deux",
            "les deux",
            ("rencontre et documentaire", "documentaire et rencontre", "both", "deux parcours"),
        ),
    ),
)


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its key, French label, accepted names and kind."""

    key: str
    label: str
    kind: Kind = Kind.TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()
    enum: Enumeration | None = None
    width: int = 18
    help: str = ""
    # Required columns need a value on every row, except where a row may leave it empty.
    row_optional: bool = False

    @property
    def needs_value(self) -> bool:
        """True when every data row must fill this column."""
        return self.required and not self.row_optional

    def names(self) -> tuple[str, ...]:
        """Every header accepted for this column."""
        return (self.label, self.key, *self.aliases)


@dataclass(frozen=True)
class Sheet:
    """A sheet of the workbook and its columns."""

    key: str
    label: str
    columns: tuple[Column, ...]
    help: str
    aliases: tuple[str, ...] = ()

    def names(self) -> tuple[str, ...]:
        """Every sheet name accepted for this sheet."""
        return (self.label, self.key, *self.aliases)

    def column(self, key: str) -> Column:
        """The column with that key."""
        return next(c for c in self.columns if c.key == key)


@dataclass(frozen=True)
class Field:
    """A field of the two-column `atelier` sheet."""

    key: str
    label: str
    kind: Kind = Kind.TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()
    help: str = ""


C = Column
ATELIER_FIELDS: tuple[Field, ...] = (
    Field(
        "titre", "Titre", required=True, aliases=("title", "intitulé"), help="Intitulé de l’atelier"
    ),
    Field("date", "Date", Kind.DATE, required=True, help="Date de l’atelier (12/07/2017)"),
    Field("lieu", "Lieu", aliases=("place", "location")),
    Field("commanditaire", "Commanditaire", aliases=("client", "branche", "organisation")),
    Field(
        "perimetre",
        "Périmètre",
        aliases=("secteur", "scope", "champ de l’étude"),
        help="Comment les documents nomment le périmètre étudié, avec son article "
        "(« la branche des IEG », « le secteur ») ; « l’organisation » par défaut",
    ),
    Field("animation", "Animation", aliases=("animateur", "facilitation", "cabinet")),
    Field("phase", "Phase", help="Phase de la démarche (phase 1)"),
    Field("version", "Version"),
    Field("evenement", "Événement", aliases=("event", "rencontre"), help="Événement de la phase 2"),
    Field(
        "evenement_date", "Date de l’événement", Kind.DATE, aliases=("event date", "date evenement")
    ),
    Field(
        "evenement_debut",
        "Heure de début",
        Kind.TIME,
        aliases=("début de l’événement", "heure de debut de l’evenement", "event start", "debut"),
        help="Heure d’ouverture de l’événement (9h00)",
    ),
    Field(
        "evenement_fin",
        "Heure de fin",
        Kind.TIME,
        aliases=("fin de l’événement", "heure de fin de l’evenement", "event end", "fin"),
        help="Heure de clôture de l’événement (12h30)",
    ),
    Field("evenement_lieu", "Lieu de l’événement", aliases=("event place", "lieu evenement")),
    Field(
        "evenement_adresse",
        "Adresse de l’événement",
        aliases=("event address", "adresse evenement", "adresse"),
        help="Adresse complète du lieu (pour le programme et l’invitation)",
    ),
    Field(
        "lien", "Lien", Kind.URL, aliases=("site", "page", "url"), help="Page web de la démarche"
    ),
    Field(
        "evenement_lien", "Lien de l’événement", Kind.URL, aliases=("event link", "lien evenement")
    ),
    Field(
        "evenement_inscription",
        "Lien d’inscription",
        Kind.URL,
        aliases=("inscription", "registration", "lien inscription"),
        help="Page d’inscription à l’événement",
    ),
    Field(
        "evenement_contact",
        "Contact de l’événement",
        aliases=("event contact", "contact evenement", "renseignements"),
        help="Personne à joindre le jour de l’événement (nom, téléphone, e-mail)",
    ),
    Field(
        "contact",
        "E-mail de l’animation",
        Kind.EMAIL,
        aliases=("contact", "expediteur", "email"),
        help="Adresse d’expédition des dossiers",
    ),
    Field(
        "mention",
        "Mention",
        aliases=("avertissement", "note", "notice"),
        help="Mention portée sur les documents (« données d’illustration »)",
    ),
)

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "atelier",
        "Atelier",
        (
            C("champ", "Champ", required=True, aliases=("field", "rubrique"), width=26),
            C("valeur", "Valeur", required=True, aliases=("value",), width=60, row_optional=True),
        ),
        "Une ligne par information sur l’atelier : titre, date, lieu, commanditaire, "
        "événement de la phase 2 (date, heures, lieu, adresse, inscription, contact).",
        ("workshop", "informations", "general"),
    ),
    Sheet(
        "familles",
        "Familles",
        (
            C("code", "Code", Kind.CODE, True, width=10),
            C(
                "nom",
                "Nom",
                required=True,
                aliases=(
                    "name",
                    "famille",
                    "libellé",
                    "nom de la famille",
                    "nom de famille",
                    "intitulé",
                ),
                width=40,
            ),
            C("description", "Description", width=70),
        ),
        "Une ligne par famille de facteurs.",
        ("families", "famille de facteurs"),
    ),
    Sheet(
        "facteurs",
        "Facteurs",
        (
            C("code", "Code", Kind.CODE, True, width=10),
            C(
                "libelle",
                "Libellé",
                required=True,
                aliases=("label", "nom", "facteur", "intitulé"),
                width=50,
            ),
            C("famille", "Famille", Kind.CODE, True, aliases=("family",), width=28),
            C("nature", "Nature", Kind.ENUM, enum=NATURE, aliases=("type",), width=20),
            C("source", "Source", aliases=("étude", "study"), width=34),
            C("description", "Description", width=60),
            C(
                "facteur_cle",
                "Facteur clé",
                Kind.BOOL,
                aliases=("key factor", "clé", "retenu"),
                width=14,
            ),
        ),
        "Une ligne par facteur macro-déterminant ou signal faible, rattaché à une famille.",
        ("factors",),
    ),
    Sheet(
        "mots_cles",
        "Mots-clés",
        (
            C("facteur", "Facteur", Kind.CODE, True, aliases=("factor", "code facteur"), width=12),
            C("mot_cle", "Mot-clé", required=True, aliases=("keyword", "mot"), width=40),
            C(
                "registre",
                "Registre",
                Kind.ENUM,
                True,
                enum=REGISTRE,
                aliases=("register",),
                width=18,
            ),
        ),
        "Une ligne par mot-clé d’un facteur, avec son registre : définition, conséquence, "
        "question ou risque.",
        ("keywords", "mots clefs"),
    ),
    Sheet(
        "evaluations",
        "Évaluations",
        (
            C("facteur", "Facteur", Kind.CODE, True, aliases=("factor", "code facteur"), width=12),
            C(
                "evaluateur",
                "Évaluateur",
                aliases=("rater", "équipe", "team", "participant"),
                width=22,
            ),
            C(
                "capacite_agir",
                "Capacité d’agir",
                Kind.NUMBER,
                True,
                aliases=("capacity to act", "capacity", "capacité à agir", "capacite"),
                width=18,
            ),
            C("criticite", "Criticité", Kind.NUMBER, True, aliases=("criticality",), width=14),
        ),
        "Une ligne par note d’un facteur par une équipe ; plusieurs notes par facteur "
        "sont moyennées.",
        ("ratings", "notes", "cotations"),
    ),
    Sheet(
        "effets",
        "Effets",
        (
            C("facteur", "Facteur", Kind.CODE, True, aliases=("factor", "facteur clé"), width=12),
            C("type", "Type", Kind.ENUM, True, enum=EFFECT_TYPE, width=20),
            C("categorie", "Catégorie", Kind.ENUM, enum=CATEGORY, aliases=("category",), width=28),
            C(
                "libelle",
                "Libellé",
                required=True,
                aliases=("label", "effet", "intitulé"),
                width=50,
            ),
            C("description", "Description", width=60),
        ),
        "Une ligne par effet d’un facteur-clé : piste d’innovation ou nouvelle compétence.",
        ("effects",),
    ),
    Sheet(
        "themes",
        "Thèmes",
        (
            C("code", "Code", Kind.CODE, True, width=10),
            C("titre", "Titre", required=True, aliases=("title", "thème", "intitulé"), width=60),
            C("axe", "Axe", required=True, aliases=("axis",), width=36),
            C(
                "parcours",
                "Parcours",
                Kind.ENUM,
                True,
                enum=ROUTE,
                aliases=("route", "traitement"),
                width=16,
            ),
            C("facteurs", "Facteurs", Kind.LIST, aliases=("factors", "facteurs clés"), width=24),
            C("enjeux", "Enjeux", aliases=("stakes", "enjeu"), width=60),
            C("questions", "Questions", Kind.LINES, width=60),
        ),
        "Une ligne par thème retenu, avec son axe, son parcours (rencontre ou documentaire) "
        "et les facteurs dont il est issu.",
        ("themes", "thématiques"),
    ),
    Sheet(
        "ressources",
        "Ressources",
        (
            C("theme", "Thème", Kind.CODE, True, aliases=("theme code",), width=10),
            C("titre", "Titre", required=True, aliases=("title",), width=50),
            C("auteur", "Auteur", aliases=("author", "auteurs"), width=26),
            C("source", "Source", aliases=("éditeur", "publisher"), width=26),
            C("annee", "Année", Kind.YEAR, aliases=("year", "date"), width=10),
            C("type", "Type", width=14),
            C("url", "URL", Kind.URL, aliases=("lien", "link"), width=40),
            C("resume", "Résumé", aliases=("summary", "abstract", "description"), width=60),
        ),
        "Une ligne par ressource documentaire d’un thème (étude, article, vidéo).",
        ("resources", "bibliographie", "references"),
    ),
    Sheet(
        "participants",
        "Participants",
        (
            C("nom", "Nom", required=True, aliases=("name", "last name"), width=20),
            C("prenom", "Prénom", aliases=("first name", "firstname"), width=16),
            C(
                "organisation",
                "Organisation",
                aliases=("entreprise", "organization", "company"),
                width=26,
            ),
            C(
                "email",
                "E-mail",
                Kind.EMAIL,
                aliases=("courriel", "mail", "adresse e-mail"),
                width=30,
            ),
            C(
                "parcours",
                "Parcours",
                Kind.ENUM,
                enum=PARTICIPANT_ROUTE,
                aliases=("route",),
                width=16,
            ),
            C("themes", "Thèmes", Kind.LIST, aliases=("theme codes",), width=20),
        ),
        "Une ligne par participant, avec son parcours (rencontre, documentaire ou les deux) "
        "et les thèmes qu’il suit.",
        ("participants", "inscrits"),
    ),
    Sheet(
        "programme",
        "Programme",
        (
            C("debut", "Début", Kind.TIME, True, aliases=("start", "heure de début"), width=10),
            C("fin", "Fin", Kind.TIME, True, aliases=("end", "heure de fin"), width=10),
            C(
                "titre",
                "Séquence",
                required=True,
                aliases=("titre", "title", "intitulé", "sequence"),
                width=44,
            ),
            C("theme", "Thème", Kind.CODE, aliases=("theme code", "code thème"), width=10),
            C("format", "Format", aliases=("type", "forme"), width=16),
            C(
                "intervenants",
                "Intervenants",
                Kind.PEOPLE,
                aliases=("intervenant", "speakers", "orateurs"),
                width=40,
            ),
            C(
                "moderation",
                "Modération",
                Kind.PEOPLE,
                aliases=("animation", "modérateur", "animateur", "moderator"),
                width=30,
            ),
            C("description", "Description", aliases=("résumé", "contenu"), width=60),
        ),
        "Facultative : une ligne par séquence de l’événement de la phase 2 (horaires, "
        "thème traité, intervenants « Prénom Nom (Organisation) » séparés par ; ou des "
        "retours à la ligne).",
        ("agenda", "déroulé", "programme de l’événement"),
    ),
)
# Optional sheets of the consultant's own words (added after the data sheets).
SECTION = Enumeration(
    "section",
    (
        Choice("essentiel", "L’essentiel", ("essentiel", "synthèse", "messages clés")),
        Choice("contexte", "Contexte et méthode", ("contexte", "méthode")),
        Choice("familles", "Les familles de facteurs", ("familles", "facteurs")),
        Choice("mots_cles", "Les mots-clés des participants", ("mots-clés", "registres")),
        Choice("selection", "La sélection des facteurs-clés", ("sélection", "facteurs-clés")),
        Choice("effets", "Les effets sur l’environnement de travail", ("effets",)),
        Choice("themes", "Les thèmes retenus", ("thèmes",)),
        Choice("etapes", "Prochaines étapes", ("étapes", "suite", "phase 2")),
    ),
)
SHEETS = (
    *SHEETS,
    Sheet(
        "enseignements",
        "Enseignements",
        (
            C("section", "Section", Kind.ENUM, True, enum=SECTION, aliases=("partie",), width=32),
            C("texte", "Texte", required=True, aliases=("message", "commentaire"), width=90),
        ),
        "Facultative. Vos propres messages : une ligne par paragraphe, placé en tête de la "
        "section de la synthèse indiquée (L’essentiel, Les familles de facteurs…).",
        ("lessons", "messages clés", "commentaires"),
    ),
    Sheet(
        "glossaire",
        "Glossaire",
        (
            C("terme", "Terme", required=True, aliases=("sigle", "term", "mot"), width=24),
            C("definition", "Définition", required=True, aliases=("sens", "definition"), width=80),
            C(
                "etranger",
                "Terme étranger",
                Kind.BOOL,
                aliases=("étranger", "anglicisme", "langue étrangère", "italique", "foreign"),
                width=16,
            ),
        ),
        "Facultative. Les sigles et termes propres au commanditaire (IEG, QVT…), ajoutés au "
        "glossaire de la synthèse ; « oui » en Terme étranger met le terme en italique "
        "partout dans les documents.",
        ("glossary", "lexique", "sigles"),
    ),
)
# Sheets nobody has to provide, and whose absence is not worth a warning.
OPTIONAL_SHEETS = ("programme", "enseignements", "glossaire")
SHEETS_BY_KEY = {s.key: s for s in SHEETS}
# Sheets written for people (instructions, notes): read by nobody, warned about never.
INFO_SHEETS = ("Mode d’emploi", "Lisez-moi", "Notes", "README", "Instructions")


def sheet_rank(name: str | None) -> int:
    """Position of a sheet in the contract (unknown sheets last), to order reports."""
    if name is None:
        return -1
    key = fold_plural(name.rsplit("/", 1)[-1])
    for rank, sheet in enumerate(SHEETS):
        if key in {fold_plural(n) for n in sheet.names()}:
            return rank
    return len(SHEETS)
