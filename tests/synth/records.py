"""Synthetic action records: what a generated sheet *says*, independent of its look.

A record is a frozen dataclass (`ActionRecord`) holding exactly the printed values a
round-trip test expects back from the extractor. Records come from two places:

* `action_records()` — a hypothesis strategy composing French or English phrases
  from the vocabularies below (guillemets « », numbers, hyphenated compounds,
  typographic apostrophes ’, accented uppercase, items long enough to wrap);
* `FIXED_RECORDS` — a few named, hand-written records for deterministic tests.

Rules every record obeys (checked by `check_record`):

* list items (activities, results) never end with ";" or "." — the renderer may
  append a list terminator (" ;", ";", ".") that the extractor is expected to strip;
* no text contains a section header word (OBJECTIF, ACTIVITIES, …) or a page
  furniture phrase (running header, "Funded by the European Union", logos);
* recommendation titles are the canonical printed titles of the language
  (one fixed record uses a printed variant seen in the real brochure);
* SDG codes are valid target codes (``10.7``, ``16.b``) with short labels.

`expected_fields(record)` gives what extraction should return after the
documented normalisation (`normalise_text`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hypothesis import strategies as st

NBSP = "\u00a0"
FR = "fr"
EN = "en"
LANGUAGES = (FR, EN)

MAX_ACTIVITIES = 7
MAX_RESULTS = 5
MAX_SDGS = 5
MAX_RECOMMENDATIONS = 6
MAX_OBJECTIVE_SENTENCES = 3

# --------------------------------------------------------------------------- canon

RECOMMENDATIONS: dict[str, tuple[str, ...]] = {
    FR: (
        "Gouvernance multi-niveaux et coopération",
        "Mise à disposition d’instruments d’accueil",
        "Accès à l’éducation",
        "Accès à la santé",
        "Accès au marché du travail, à l’entrepreneuriat et à la formation professionnelle",
        "Planification urbaine et accès à un logement adéquat",
        "Accès à la participation sociale et politique",
        "Protection contre les discriminations",
    ),
    EN: (
        "Multi-level governance and cooperation",
        "Provision of welcoming instruments",
        "Access to education",
        "Access to health",
        "Access to the labour market, entrepreneurship and vocational training",
        "Urban planning and access to adequate housing",
        "Access to social and political participation",
        "Protection against discrimination",
    ),
}

# (code, French label, English label): short paraphrases of SDG targets.
SDG_TARGETS: tuple[tuple[str, str, str], ...] = (
    ("1.3", "Mettre en place des systèmes de protection sociale", "Implement social protection systems"),
    ("3.8", "Assurer une couverture sanitaire universelle", "Achieve universal health coverage"),
    (
        "4.1",
        "Assurer une éducation primaire et secondaire de qualité",
        "Ensure quality primary and secondary schooling",
    ),
    ("4.4", "Augmenter les compétences pour l’emploi", "Increase skills for employment"),
    ("4.5", "Éliminer les inégalités dans l’éducation", "Eliminate disparities in education"),
    ("4.7", "Promouvoir l’éducation à la citoyenneté mondiale", "Promote education for global citizenship"),
    ("4.a", "Adapter les établissements scolaires", "Build and upgrade education facilities"),
    ("5.1", "Mettre fin à la discrimination contre les femmes", "End discrimination against women"),
    ("5.5", "Garantir la participation des femmes", "Ensure women’s full participation"),
    ("8.5", "Parvenir au plein emploi productif", "Achieve full and productive employment"),
    ("8.8", "Défendre les droits des travailleurs migrants", "Protect labour rights of migrant workers"),
    (
        "10.2",
        "Favoriser l’inclusion sociale, économique et politique",
        "Promote social, economic and political inclusion",
    ),
    ("10.3", "Assurer l’égalité des chances", "Ensure equal opportunity"),
    ("10.7", "Faciliter la migration des personnes", "Facilitate orderly and safe migration"),
    ("11.1", "Assurer l’accès à un logement adéquat", "Ensure access to adequate housing"),
    ("11.3", "Renforcer une urbanisation durable et participative", "Enhance inclusive and sustainable urbanisation"),
    ("11.7", "Assurer l’accès à des espaces publics sûrs", "Provide access to safe public spaces"),
    ("16.6", "Développer des institutions efficaces et responsables", "Develop effective and accountable institutions"),
    ("16.7", "Garantir une prise de décision participative", "Ensure participatory decision-making"),
    ("16.9", "Garantir une identité juridique pour tous", "Provide legal identity for all"),
    ("16.b", "Appliquer des lois non discriminatoires", "Enforce non-discriminatory laws"),
    (
        "17.9",
        "Promouvoir le soutien international pour un renforcement ciblé des capacités",
        "Enhance international support for targeted capacity-building",
    ),
    (
        "17.17",
        "Encourager les partenariats publics, public-privé et avec la société civile",
        "Encourage public, public-private and civil society partnerships",
    ),
)

# Words and phrases that belong to the page, not to the content: a record text
# containing one would make header/furniture detection ambiguous by construction.
FORBIDDEN_PATTERNS: tuple[str, ...] = (
    r"\bobjecti(f|fs|ve|ves)\b",
    r"\bactivit(é|e)s\b",
    r"\bactivities\b",
    r"\br(é|e)sultats?\b",
    r"\bresults?\b",
    r"\boutcomes?\b",
    r"recommandations politiques",
    r"policy recommendations",
    r"\bmc2cm\b",
    r"financ(é|e) par",
    r"funded by",
    r"union europ(é|e)enne",
    r"european union",
    r"\bicmpd\b",
    r"\buclg\b",
    r"\b(onu|un)-habitat\b",
    r"ville (à|a) ville",
    r"city-to-city",
    r"actions cibl(é|e)es",
    r"targeted city actions",
)
_FORBIDDEN_RE = re.compile("|".join(FORBIDDEN_PATTERNS), re.IGNORECASE)

# List terminators the renderer may print after an item; items must not carry them.
LIST_TERMINATORS = (";", ".")

# --------------------------------------------------------------------------- vocab

CITIES = (
    "Sfax",
    "Tunis",
    "Sousse",
    "Tétouan",
    "Tanger",
    "Oujda",
    "Rabat",
    "Amman",
    "Irbid",
    "Zarqa",
    "Beyrouth",
    "Alexandrie",
    "Lyon",
    "Turin",
    "Lisbonne",
    "Vienne",
)
CITIES_EN = (
    "Sfax",
    "Tunis",
    "Sousse",
    "Tetouan",
    "Tangier",
    "Oujda",
    "Rabat",
    "Amman",
    "Irbid",
    "Zarqa",
    "Beirut",
    "Alexandria",
    "Lyon",
    "Turin",
    "Lisbon",
    "Vienna",
)

TITLES = {
    FR: (
        "ACMALS",
        "ÉRIGER LE VIVRE-ENSEMBLE",
        "VILLES ACCUEILLANTES",
        "ÉCOLE POUR TOUS",
        "BIEN-ÊTRE ET INCLUSION",
        "MAISON DES MIGRANTS",
        "INCLUSION SOCIO-ÉCONOMIQUE DES JEUNES",
        "L’ACCUEIL EN RÉSEAU",
        "ÉGALITÉ DES DROITS À LA SANTÉ",
        "Maison de l’intégration",
        "CONSTRUIRE ENSEMBLE LA VILLE DE DEMAIN : PARTICIPATION, COHÉSION ET ÉGALITÉ DES CHANCES",
        "RENFORCER L’ACCÈS AUX SERVICES DE SANTÉ POUR LES FAMILLES MIGRANTES",
    ),
    EN: (
        "ACMALS",
        "BUILDING TOGETHERNESS",
        "WELCOMING CITIES",
        "SCHOOL FOR ALL",
        "WELL-BEING AND INCLUSION",
        "HOUSE OF MIGRANTS",
        "SOCIO-ECONOMIC INCLUSION OF YOUNG PEOPLE",
        "NETWORKED RECEPTION",
        "EQUAL RIGHTS TO HEALTH",
        "Integration House",
        "BUILDING TOMORROW’S CITY TOGETHER: PARTICIPATION, COHESION AND EQUAL OPPORTUNITIES",
        "STRENGTHENING ACCESS TO HEALTH SERVICES FOR MIGRANT FAMILIES",
    ),
}

SUBTITLE_STEMS = {
    FR: (
        "Améliorer la coordination de la migration par les acteurs locaux",
        "Comment construire nos villes à travers la cohésion sociale",
        "Favoriser le vivre-ensemble dans les quartiers",
        "Un guichet unique pour l’accueil des nouveaux arrivants",
        "Promouvoir l’inclusion socio-économique des femmes migrantes",
    ),
    EN: (
        "Improving the coordination of migration by local actors",
        "How to build our cities through social cohesion",
        "Fostering living together in the neighbourhoods",
        "A one-stop shop for newcomers",
        "Promoting the socio-economic inclusion of migrant women",
    ),
}

ACTIVITY_HEADS = {
    FR: (
        "Organiser 3 formations et 3 ateliers",
        "Réaliser des visites d’échanges entre municipalités",
        "Mettre en place une plateforme locale sur la migration",
        "Élaborer un guide «" + NBSP + "Bienvenue dans la ville" + NBSP + "»",
        "Créer un centre d’accueil de jour",
        "Lancer une campagne de sensibilisation contre les discriminations",
        "Animer 12 ateliers de dialogue interculturel",
        "Réaliser un diagnostic socio-économique des quartiers",
        "Former 40 agents municipaux à l’accueil",
        "Organiser un festival du vivre-ensemble",
        "Publier un livret de recommandations",
        "Ouvrir un guichet unique d’information",
        "Proposer des cours de langue arabe et française",
        "Cartographier les services publics de proximité",
    ),
    EN: (
        "Organise 3 trainings and 3 workshops",
        "Carry out exchange visits between municipalities",
        "Set up a local platform on migration",
        "Draft a “Welcome to the city” guide",
        "Create a day reception centre",
        "Launch an awareness campaign against discrimination",
        "Run 12 intercultural dialogue workshops",
        "Carry out a socio-economic assessment of the neighbourhoods",
        "Train 40 municipal officers in reception",
        "Organise a living-together festival",
        "Publish a booklet of recommendations",
        "Open a one-stop information desk",
        "Offer Arabic and English language courses",
        "Map local public services",
    ),
}

RESULT_HEADS = {
    FR: (
        "Les capacités des acteurs locaux sont renforcées",
        "Un centre d’accueil est opérationnel",
        "300 migrants bénéficient d’une assistance juridique",
        "Le bien-être des familles migrantes est amélioré",
        "La coordination entre les parties prenantes est renforcée",
        "Améliorer les connaissances des acteurs locaux en matière de migration",
        "Établir des mécanismes de coordination",
        "Les écoles accueillent 1" + NBSP + "200 élèves supplémentaires",
        "Une stratégie municipale d’intégration est adoptée",
        "Les préjugés envers les migrants reculent de 20 %",
    ),
    EN: (
        "The capacities of local actors are strengthened",
        "A reception centre is operational",
        "300 migrants receive legal assistance",
        "The well-being of migrant families is improved",
        "Coordination between stakeholders is strengthened",
        "Improve the knowledge of local actors on migration",
        "Establish coordination mechanisms",
        "Schools welcome 1,200 additional pupils",
        "A municipal integration strategy is adopted",
        "Prejudice against migrants falls by 20%",
    ),
}

COMPLEMENTS = {
    FR: (
        "pour les acteurs locaux",
        "avec la société civile",
        "à l’intention de 250 femmes migrantes",
        "dans les quartiers périphériques",
        "en partenariat avec l’université",
        "au bénéfice de 1" + NBSP + "200 jeunes",
        "pour les enfants non scolarisés",
        "entre 2019 et 2021",
        "sur la base d’un diagnostic participatif",
        "en lien avec les services municipaux de l’état civil",
        "afin de favoriser l’inclusion socio-économique des nouveaux arrivants",
        "dans le cadre du plan d’action municipal pour l’intégration",
        "grâce à une méthodologie co-construite avec les associations de quartier",
    ),
    EN: (
        "for local actors",
        "with civil society",
        "for 250 migrant women",
        "in the outlying neighbourhoods",
        "in partnership with the university",
        "for 1,200 young people",
        "for out-of-school children",
        "between 2019 and 2021",
        "based on a participatory assessment",
        "in connection with the municipal civil registry services",
        "in order to foster the socio-economic inclusion of newcomers",
        "within the framework of the municipal integration action plan",
        "using a methodology co-designed with neighbourhood associations",
    ),
}

OBJECTIVE_OPENERS = {
    FR: ("Le projet vise à", "Cette action a pour but de", "L’action cherche à", "Il s’agit de"),
    EN: ("The project aims to", "This action seeks to", "The purpose of the action is to", "The city intends to"),
}

OBJECTIVE_CLAUSES = {
    FR: (
        "mettre en place des mécanismes de coordination entre les autorités locales, les services publics"
        " et les organisations de la société",
        "renforcer les capacités des acteurs locaux",
        "améliorer l’accès aux droits socio-économiques à travers un centre d’accueil",
        "promouvoir le vivre-ensemble et le bien-être de tous les habitants",
        "faciliter l’accès des enfants migrants à l’école «" + NBSP + "pour tous" + NBSP + "»",
        "soutenir 150 entrepreneurs migrants dans la création de leur activité économique",
        "lutter contre les discriminations dans l’accès au logement",
    ),
    EN: (
        "set up coordination mechanisms between local authorities, public services and civil society organisations",
        "strengthen the capacities of local actors",
        "improve access to socio-economic rights through a reception centre",
        "promote living together and the well-being of all residents",
        "make it easier for migrant children to access “school for all”",
        "support 150 migrant entrepreneurs in starting their own business",
        "fight discrimination in access to housing",
    ),
}

# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class ActionRecord:
    """The printed content of one action sheet (one page)."""

    language: str
    title: str
    subtitle: str | None
    sdgs: tuple[tuple[str, str], ...]  # (printed_code, printed_label)
    objective: str
    activities: tuple[str, ...]
    results: tuple[str, ...]
    recommendations: tuple[str, ...]  # printed titles, in printed order
    name: str = field(default="", compare=False)


def normalise_text(text: str | None) -> str | None:
    """Fold every run of Unicode whitespace (incl. NBSP) into one space; strip ends."""
    if text is None:
        return None
    return " ".join(text.split())


def normalise_item(text: str) -> str:
    """`normalise_text`, then drop one trailing list terminator (" ;", ";", ".")."""
    folded = normalise_text(text)
    for terminator in LIST_TERMINATORS:
        if folded.endswith(terminator):
            folded = folded[: -len(terminator)].rstrip()
            break
    return folded


def expected_fields(record: ActionRecord) -> dict:
    """What extraction should return for `record`, after the documented normalisation.

    Every text is whitespace-folded (`normalise_text`), so line breaks, NBSP and
    line-end hyphenation inserted by the renderer do not count; list items carry
    no trailing terminator. Keys mirror `extract.models.Action`.
    """
    return {
        "language": record.language,
        "title": normalise_text(record.title),
        "subtitle": normalise_text(record.subtitle),
        "objective": normalise_text(record.objective),
        "activities": [normalise_text(item) for item in record.activities],
        "results": [normalise_text(item) for item in record.results],
        "sdg_printed_codes": [code for code, _ in record.sdgs],
        "sdg_printed_labels": [normalise_text(label) for _, label in record.sdgs],
        "recommendations_printed": [normalise_text(title) for title in record.recommendations],
    }


def record_texts(record: ActionRecord) -> list[str]:
    """Every free text of a record (not the SDG codes)."""
    texts = [
        record.title,
        record.objective,
        *record.activities,
        *record.results,
        *(label for _, label in record.sdgs),
        *record.recommendations,
    ]
    if record.subtitle:
        texts.append(record.subtitle)
    return texts


def forbidden_phrase(text: str) -> str | None:
    """The first header word or furniture phrase found in `text`, else None."""
    match = _FORBIDDEN_RE.search(text)
    return match.group(0) if match else None


def check_record(record: ActionRecord) -> list[str]:
    """Problems that make `record` unfit for a round trip (empty list when fine)."""
    problems = []
    if record.language not in LANGUAGES:
        problems.append(f"language {record.language!r}")
    for text in record_texts(record):
        if not normalise_text(text):
            problems.append("empty text")
        elif (phrase := forbidden_phrase(text)) is not None:
            problems.append(f"forbidden phrase {phrase!r} in {text!r}")
    for item in (*record.activities, *record.results):
        if normalise_text(item).endswith(LIST_TERMINATORS):
            problems.append(f"item ends with a list terminator: {item!r}")
    if not record.activities or not record.results:
        problems.append("activities and results must not be empty")
    if len(set(record.recommendations)) != len(record.recommendations):
        problems.append("duplicate recommendation")
    return problems


# --------------------------------------------------------------------------- strategies


def _sdg_entry(row: tuple[str, str, str], language: str) -> tuple[str, str]:
    code, label_fr, label_en = row
    return code, label_fr if language == FR else label_en


def _goal_and_target(code: str) -> tuple[int, str]:
    goal, target = code.split(".")
    return int(goal), target.zfill(3)


@st.composite
def _sdgs(draw, language: str) -> tuple[tuple[str, str], ...]:
    rows = draw(st.lists(st.sampled_from(SDG_TARGETS), min_size=0, max_size=MAX_SDGS, unique_by=lambda row: row[0]))
    rows.sort(key=lambda row: _goal_and_target(row[0]))
    return tuple(_sdg_entry(row, language) for row in rows)


@st.composite
def _item(draw, heads: tuple[str, ...], language: str) -> str:
    """A list item: a head phrase plus 0-3 complements (3 make it wrap 3+ lines)."""
    head = draw(st.sampled_from(heads))
    complements = draw(st.lists(st.sampled_from(COMPLEMENTS[language]), max_size=3, unique=True))
    return " ".join([head, *complements])


@st.composite
def _objective(draw, language: str) -> str:
    """1-3 sentences, each an opener and one or two clauses, ending with a period."""
    and_word = " et " if language == FR else " and "
    sentences = []
    for _ in range(draw(st.integers(1, MAX_OBJECTIVE_SENTENCES))):
        opener = draw(st.sampled_from(OBJECTIVE_OPENERS[language]))
        clauses = draw(st.lists(st.sampled_from(OBJECTIVE_CLAUSES[language]), min_size=1, max_size=2, unique=True))
        sentences.append(f"{opener} {and_word.join(clauses)}.")
    return " ".join(sentences)


@st.composite
def _subtitle(draw, language: str) -> str | None:
    if draw(st.booleans()):
        return None
    stem = draw(st.sampled_from(SUBTITLE_STEMS[language]))
    city = draw(st.sampled_from(CITIES if language == FR else CITIES_EN))
    preposition = " à " if language == FR else " in "
    return stem + preposition + city if draw(st.booleans()) else stem


@st.composite
def action_records(
    draw, language: str | None = None, max_activities: int = MAX_ACTIVITIES, max_results: int = MAX_RESULTS
) -> ActionRecord:
    """Random realistic records (fr or en); every one passes `check_record`."""
    language = language or draw(st.sampled_from(LANGUAGES))
    activities = draw(
        st.lists(_item(ACTIVITY_HEADS[language], language), min_size=1, max_size=max_activities, unique=True)
    )
    results = draw(st.lists(_item(RESULT_HEADS[language], language), min_size=1, max_size=max_results, unique=True))
    recommendations = draw(
        st.lists(st.sampled_from(RECOMMENDATIONS[language]), min_size=1, max_size=MAX_RECOMMENDATIONS, unique=True)
    )
    record = ActionRecord(
        language=language,
        title=draw(st.sampled_from(TITLES[language])),
        subtitle=draw(_subtitle(language)),
        sdgs=draw(_sdgs(language)),
        objective=draw(_objective(language)),
        activities=tuple(activities),
        results=tuple(results),
        recommendations=tuple(recommendations),
        name="random",
    )
    assert not check_record(record), check_record(record)
    return record


# --------------------------------------------------------------------------- fixed


def _fr_sdgs(*codes: str) -> tuple[tuple[str, str], ...]:
    rows = {row[0]: row for row in SDG_TARGETS}
    return tuple(_sdg_entry(rows[code], FR) for code in codes)


def _en_sdgs(*codes: str) -> tuple[tuple[str, str], ...]:
    rows = {row[0]: row for row in SDG_TARGETS}
    return tuple(_sdg_entry(rows[code], EN) for code in codes)


_REC_FR = RECOMMENDATIONS[FR]
_REC_EN = RECOMMENDATIONS[EN]

FIXED_RECORDS: dict[str, ActionRecord] = {
    record.name: record
    for record in (
        ActionRecord(
            name="acmals_fr",
            language=FR,
            title="ACMALS",
            subtitle="Améliorer la coordination de la migration par les acteurs locaux à Sfax",
            sdgs=_fr_sdgs("5.1", "10.7", "16.6", "17.9"),
            objective=(
                "Le projet vise à mettre en place des mécanismes de coordination entre les "
                "autorités locales, les services publics et les organisations de la société. "
                "De ce fait, il permet de renforcer les capacités des acteurs locaux et "
                "d’améliorer l’accès aux droits socio-économiques à travers un centre "
                "d’accueil qui assure une assistance juridique et sociale aux migrants."
            ),
            activities=(
                "Organiser 3 formations et 3 ateliers pour des acteurs locaux",
                "Réaliser des visites d’échanges par une délégation de municipalités",
                "Mettre en place une plateforme locale sur la migration",
                "Elaborer un livret de recommandations sur l’intégration des migrants",
                "Organiser un congrès régional de coopération",
                "Organiser 3 ateliers de sensibilisation pour les migrants",
            ),
            results=(
                "Améliorer les connaissance des acteurs locaux en matière de migration",
                "Établir de mécanismes pour la coordination des acteurs de la migration",
                "Rendre opérationnel un centre d’accueil et la coordination avec les parties prenantes",
            ),
            # the real brochure prints a variant title for the welcoming instruments
            recommendations=("Mise en œuvre d’instruments de bienvenue", _REC_FR[0], _REC_FR[6]),
        ),
        ActionRecord(
            name="vivre_ensemble_fr",
            language=FR,
            title="ÉRIGER LE VIVRE-ENSEMBLE : UNE VILLE ACCUEILLANTE POUR TOUTES ET TOUS À TÉTOUAN",
            subtitle="Comment construire nos villes à travers la cohésion sociale",
            sdgs=_fr_sdgs("4.a", "10.2", "11.7", "16.b"),
            objective=(
                "L’action cherche à promouvoir le vivre-ensemble et le bien-être de tous les "
                "habitants. Il s’agit de faciliter l’accès des enfants migrants à l’école "
                "«" + NBSP + "pour tous" + NBSP + "» dans les quartiers périphériques."
            ),
            activities=(
                "Animer 12 ateliers de dialogue interculturel dans les quartiers périphériques "
                "en lien avec les services municipaux de l’état civil afin de favoriser "
                "l’inclusion socio-économique des nouveaux arrivants",
                "Élaborer un guide «" + NBSP + "Bienvenue dans la ville" + NBSP + "»",
                "Organiser un festival du vivre-ensemble au bénéfice de 1" + NBSP + "200 jeunes",
            ),
            results=(
                "Le bien-être des familles migrantes est amélioré",
                "Les préjugés envers les migrants reculent de 20 %",
            ),
            recommendations=(_REC_FR[0], _REC_FR[2], _REC_FR[4], _REC_FR[5], _REC_FR[7]),
        ),
        ActionRecord(
            name="welcoming_en",
            language=EN,
            title="WELCOMING CITIES",
            subtitle=None,
            sdgs=_en_sdgs("10.7", "11.1", "17.17"),
            objective=(
                "The project aims to set up coordination mechanisms between local authorities, "
                "public services and civil society organisations. This action seeks to "
                "promote living together and the well-being of all residents."
            ),
            activities=(
                "Set up a local platform on migration with civil society",
                "Draft a “Welcome to the city” guide for 250 migrant women",
                "Train 40 municipal officers in reception",
                "Open a one-stop information desk in the outlying neighbourhoods",
            ),
            results=(
                "A reception centre is operational",
                "Schools welcome 1,200 additional pupils between 2019 and 2021 in partnership "
                "with the university using a methodology co-designed with neighbourhood associations",
                "Prejudice against migrants falls by 20%",
            ),
            recommendations=tuple(_REC_EN),
        ),
        ActionRecord(
            name="minimal_en",
            language=EN,
            title="Integration House",
            subtitle="A one-stop shop for newcomers in Amman",
            sdgs=(),
            objective="The city intends to fight discrimination in access to housing.",
            activities=("Map local public services",),
            results=("Establish coordination mechanisms",),
            recommendations=(_REC_EN[5],),
        ),
    )
}
