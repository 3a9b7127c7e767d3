from retour.testing.routes import public_route, register_model

public_route("healthz", reason="liveness probe; reports only the database vendor")
public_route("core:2fa-setup", reason="acts on the signed-in user only")
public_route("core:2fa-verify", reason="acts on the signed-in user only")
public_route("orgs:switch", reason="only switches among the user's own organisations")
public_route("api:schema", reason="the public OpenAPI document")
public_route("set_language", reason="Django's language switch")
# Wagtail's account views act on the signed-in user alone (and logging out or
# changing the password would end the walker's session).
public_route(
    "wagtail.admin.views.account.",
    reason="the signed-in user's own account, login, logout and password reset",
)
public_route("wagtailcore_login", reason="Django's login form")
public_route("wagtailadmin_dismissibles", reason="the signed-in user's dismissed hints")
for _name in ("wagtailadmin_sprite", "wagtailadmin_javascript_catalog"):
    public_route(_name, reason="static interface assets of the admin")
public_route("wagtail_localize:javascript_catalog", reason="static interface strings")
public_route(
    "wagtail.admin.views.home.default",
    reason="the admin's catch-all 'not found' answer",
    fetch=False,
)


@register_model("auth.user")
def _user(tc):
    # Wagtail's user editor (platform-wide) pointed at org B's administrator.
    return tc.users[("b", "admin")]
