"""Fixed records of the design families: the generator's fixed records plus two per
language with five results, long wrapping SDG labels and many recommendations.

Every record passes `check_record` and `family_problems` (no header phrase of the families,
no partner word: a record containing one would make block detection ambiguous by construction).
"""

from __future__ import annotations

import re

from ..records import EN, FIXED_RECORDS, FR, NBSP, RECOMMENDATIONS, SDG_TARGETS, ActionRecord, check_record

# Header phrases of the families beyond the generator's own forbidden patterns.
FAMILY_FORBIDDEN = (
    r"\bpartenaires?\b",
    r"\bpartners?\b",
    r"\bcibles? odd\b",
    r"\bsdg targets?\b",
    r"d(é|e)veloppement durable",
    r"sustainable development goals?",
    r"\bavant-propos\b",
    r"\bforeword\b",
)
_FAMILY_RE = re.compile("|".join(FAMILY_FORBIDDEN), re.IGNORECASE)


def _sdgs(language: str, *codes: str) -> tuple[tuple[str, str], ...]:
    rows = {row[0]: row for row in SDG_TARGETS}
    return tuple((code, rows[code][1] if language == FR else rows[code][2]) for code in codes)


_REC_FR, _REC_EN = RECOMMENDATIONS[FR], RECOMMENDATIONS[EN]

NEW_RECORDS = (
    ActionRecord(
        name="sante_fr",
        language=FR,
        title="RENFORCER L’ACCÈS AUX SERVICES DE SANTÉ POUR LES FAMILLES MIGRANTES",
        subtitle="Un guichet unique pour l’accueil des nouveaux arrivants à Oujda",
        sdgs=_sdgs(FR, "3.8", "10.2", "16.6", "17.9", "17.17"),
        objective=(
            "Cette action a pour but de renforcer les capacités des acteurs locaux et d’améliorer "
            "l’accès aux droits socio-économiques à travers un centre d’accueil. Il s’agit de lutter "
            "contre les discriminations dans l’accès au logement."
        ),
        activities=(
            "Réaliser un diagnostic socio-économique des quartiers",
            "Former 40 agents municipaux à l’accueil en lien avec les services municipaux de l’état civil",
            "Ouvrir un guichet unique d’information",
            "Cartographier les services publics de proximité",
        ),
        results=(
            "Un centre d’accueil est opérationnel",
            "300 migrants bénéficient d’une assistance juridique",
            "La coordination entre les parties prenantes est renforcée",
            "Une stratégie municipale d’intégration est adoptée",
            "Les écoles accueillent 1" + NBSP + "200 élèves supplémentaires",
        ),
        recommendations=(_REC_FR[3], _REC_FR[1], _REC_FR[4], _REC_FR[6]),
    ),
    ActionRecord(
        name="ecole_fr",
        language=FR,
        title="ÉCOLE POUR TOUS",
        subtitle=None,
        sdgs=_sdgs(FR, "4.1", "4.5"),
        objective="Le projet vise à faciliter l’accès des enfants migrants à l’école «"
        + NBSP
        + "pour tous"
        + NBSP
        + "».",
        activities=(
            "Proposer des cours de langue arabe et française pour les enfants non scolarisés",
            "Adapter trois établissements scolaires",
        ),
        results=(
            "Les préjugés envers les migrants reculent de 20 %",
            "Le bien-être des familles migrantes est amélioré",
        ),
        recommendations=(_REC_FR[2], _REC_FR[7]),
    ),
    ActionRecord(
        name="health_en",
        language=EN,
        title="STRENGTHENING ACCESS TO HEALTH SERVICES FOR MIGRANT FAMILIES",
        subtitle="Improving the coordination of migration by local actors in Irbid",
        sdgs=_sdgs(EN, "1.3", "3.8", "5.5", "10.3", "16.7"),
        objective=(
            "This action seeks to improve access to socio-economic rights through a reception centre. "
            "The city intends to support 150 migrant entrepreneurs in starting their own business."
        ),
        activities=(
            "Carry out a socio-economic assessment of the neighbourhoods",
            "Run 12 intercultural dialogue workshops in the outlying neighbourhoods",
            "Publish a booklet of recommendations",
        ),
        results=(
            "The capacities of local actors are strengthened",
            "300 migrants receive legal assistance",
            "Coordination between stakeholders is strengthened",
            "A municipal integration strategy is adopted",
            "The well-being of migrant families is improved",
        ),
        recommendations=(_REC_EN[3], _REC_EN[0], _REC_EN[6], _REC_EN[4]),
    ),
    ActionRecord(
        name="school_en",
        language=EN,
        title="SCHOOL FOR ALL",
        subtitle=None,
        sdgs=_sdgs(EN, "4.1", "4.a"),
        objective="The project aims to make it easier for migrant children to access “school for all”.",
        activities=(
            "Offer Arabic and English language courses for out-of-school children",
            "Build and equip two classrooms",
        ),
        results=("Schools welcome 1,200 additional pupils", "Prejudice against migrants falls by 20%"),
        recommendations=(_REC_EN[2], _REC_EN[7]),
    ),
)

FAMILY_RECORDS: dict[str, ActionRecord] = {
    **{name: record for name, record in FIXED_RECORDS.items()},
    **{record.name: record for record in NEW_RECORDS},
}


def family_problems(record: ActionRecord) -> list[str]:
    """`check_record` plus the family header phrases."""
    texts = [record.title, record.subtitle or "", record.objective, *record.activities, *record.results]
    texts += [label for _, label in record.sdgs]
    found = [f"family header phrase in {t!r}" for t in texts if _FAMILY_RE.search(t)]
    return check_record(record) + found


def records_of(language: str) -> list[ActionRecord]:
    """The family records of one language, in a fixed order."""
    return [record for record in FAMILY_RECORDS.values() if record.language == language]
