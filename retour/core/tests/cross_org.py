from retour.testing.routes import public_route

public_route("healthz", reason="liveness probe; reports only the database vendor")
public_route("core:2fa-setup", reason="acts on the signed-in user only")
public_route("core:2fa-verify", reason="acts on the signed-in user only")
public_route("orgs:switch", reason="only switches among the user's own organisations")
public_route("api:schema", reason="the public OpenAPI document")
public_route("set_language", reason="Django's language switch")
