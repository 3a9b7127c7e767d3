"""End-to-end in Chromium: a whole conversation in Arabic on the demo chat page
(welcome, question, choices, pick, hand-off), the counsellor's reply from the
inbox reaching the same chat, and a rumour marked. Phone size, right-to-left."""

from __future__ import annotations

import pytest

from retour.testing.browser import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def chat(settings):
    from retour.channels.models import ChatChannel
    from retour.orgs.models import Role
    from retour.search.tests.factories import make_document
    from retour.testing.factories import OrganisationFactory, member

    settings.RETOUR_CHANNEL_TRANSPORT = "retour.channels.types.transport.FakeTransport"
    org = OrganisationFactory(name="منظمة العودة التجريبية", slug="sample-chat")
    org.languages = ["ar", "en"]
    org.save()
    grant = make_document(
        organisation=org,
        title="هل يمكنني الحصول على منحة نقدية عند العودة؟",
        summary="نص تجريبي: معظم البرامج تدفع منحة نقدية صغيرة عند الوصول.",
        locale="ar",
    )
    make_document(
        organisation=org,
        title="كم تبلغ المنحة النقدية بعد العودة؟",
        summary="نص تجريبي: يختلف مبلغ المنحة النقدية حسب البرنامج والبلد.",
        locale="ar",
    )
    channel = ChatChannel.objects.create(
        organisation=org, kind="local", name="Test chat", secrets={"webhook_secret": "s"}
    )
    counsellor = member(organisation=org, role=Role.CASEWORKER, username="counsellor-ar")
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(counsellor)
    profile.preferred_language = "ar"
    profile.save()
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=counsellor, name="phone", confirmed=True)
    return {"org": org, "channel": channel, "grant": grant, "device": device}


def _send(page, text: str) -> None:
    page.fill("#chat-text", text)
    page.click(".chat-compose button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_arabic_conversation_with_a_counsellor(browser, live_server, chat):
    from retour.channels.models import Conversation, ConversationStatus, Rumour
    from retour.core import two_factor

    person = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    phone = person.new_page()
    url = f"{live_server.url}/channels/local/{chat['channel'].uuid}/chat/"
    phone.goto(url)
    _send(phone, "مرحبا")
    assert phone.locator("html").get_attribute("dir") == "rtl"
    assert "لسنا سلطات الهجرة" in phone.content()  # welcome: not the authorities
    assert "منظمة العودة التجريبية" in phone.content()
    _send(phone, "هل أحصل على منحة نقدية؟")
    choices = phone.locator(".quick-replies button")
    assert choices.count() == 2, phone.content()
    screenshot(phone, "chat-ar-choices", full_page=False)
    choices.nth(0).click()
    phone.wait_for_load_state("networkidle")
    assert "نص تجريبي" in phone.locator(".bubble.bot").last.inner_text()
    assert "/ar/" in phone.locator(".bubble.bot").last.inner_text()
    _send(phone, "هل يمكنني أن آخذ ببغائي معي في الطائرة؟")
    assert "سيجيبك مستشار" in phone.content()
    conv = Conversation.objects.get()
    assert conv.status == ConversationStatus.WAITING

    staff = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    admin = staff.new_page()
    admin.goto(f"{live_server.url}/admin/login/")
    admin.fill("input[name=username]", "counsellor-ar")
    admin.fill("input[name=password]", "correct horse battery staple")
    admin.click("button[type=submit]")
    # Caseworkers see case identities, so they sign in with a second factor.
    admin.wait_for_selector("input[name=token]")
    admin.fill("input[name=token]", two_factor.current_code(chat["device"]))
    admin.click("button.primary")
    admin.wait_for_load_state("networkidle")
    admin.goto(f"{live_server.url}/admin/chat/")
    assert admin.locator("html").get_attribute("dir") == "rtl"
    assert "ببغائي" in admin.content()
    screenshot(admin, "chat-inbox-ar")
    admin.click("text=ببغائي")
    admin.fill("textarea[name=text]", "مرحبًا، نعم يمكن ذلك في بعض الرحلات. سأتحقق لك.")
    admin.click("form[action$='/reply/'] button[type=submit]")
    admin.wait_for_load_state("networkidle")
    admin.fill("input[name=claim]", "يجب على العائدين إعادة المنحة")
    admin.select_option("select[name=corrected_by]", str(chat["grant"].uuid))
    admin.click("form[action$='/rumour/'] button[type=submit]")
    admin.wait_for_load_state("networkidle")
    screenshot(admin, "chat-conversation-ar")
    rumour = Rumour.objects.get()
    assert (rumour.language, rumour.channel, rumour.corrected_by_id) == (
        "ar",
        "local",
        chat["grant"].pk,
    )

    phone.goto(url)
    assert "سأتحقق لك" in phone.locator(".bubble.bot").last.inner_text()
    screenshot(phone, "chat-ar-counsellor-reply")
    person.close()
    staff.close()
