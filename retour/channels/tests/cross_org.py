from retour.testing.routes import public_route

for _name in ("telegram", "whatsapp", "rapidpro"):
    public_route(
        f"channels:{_name}",
        reason="signed chat webhook; answers only from published public content",
    )
