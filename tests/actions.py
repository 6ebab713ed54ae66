"""Small Action records (printed values only, not yet normalised) for normalisation tests."""

from __future__ import annotations

from extract.models import Action, Recommendation, SdgTarget, Source


def sdg(code: str, label: str) -> SdgTarget:
    return SdgTarget(code=code, label=label, printed_code=code, printed_label=label, score=0, status="unnormalised")


def rec(printed: str) -> Recommendation:
    return Recommendation(id=printed, title=printed, printed=printed, score=0, status="unnormalised")


def action(
    *,
    targets=(),
    recommendations=(),
    language="fr",
    title="Titre",
    subtitle=None,
    objective="Objectif.",
    activities=("Activité",),
    results=("Résultat",),
    page=1,
    action_id="a",
) -> Action:
    return Action(
        id=action_id,
        source=Source(file="sample.pdf", sha256="0" * 64, page=page),
        language=language,
        title=title,
        subtitle=subtitle,
        objective=objective,
        activities=list(activities),
        results=list(results),
        sdg_targets=[sdg(code, label) for code, label in targets],
        recommendations=[rec(title) for title in recommendations],
    )
