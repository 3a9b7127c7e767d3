from retour.core.actors import SystemActor
from retour.orgs import services
from retour.testing.factories import UserFactory
from retour.testing.routes import register_param


@register_param("membership_uuid")
def _membership(tc):
    user = UserFactory(username="canary-member", first_name=tc.canary)
    return services.membership_add(
        actor=SystemActor.cli("test"), organisation=tc.org_b, user=user, role="analyst"
    ).uuid
