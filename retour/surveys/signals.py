"""Follow the case's retention: when a case is pseudonymised, so are its answers."""

from __future__ import annotations


def case_saved(sender, instance, created, update_fields=None, **kwargs):
    if created or instance.pseudonymised_at is None:
        return
    from retour.core.actors import SystemActor

    from .services import submission_answers_pseudonymise

    submission_answers_pseudonymise(actor=SystemActor.job("retention"), case=instance)
