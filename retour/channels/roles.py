from retour.orgs.models import Role

# Counsellors answer chats; caseworkers are the organisation's counsellors.
# Configuring a channel (its secrets) and the dead letters are for admins.
ROLE_PERMISSIONS = {
    Role.ADMIN: ["channels.reply_conversation", "channels.manage_chatchannel"],
    Role.CASEWORKER: ["channels.reply_conversation"],
}
