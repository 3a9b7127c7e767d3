"""The dialogue: one incoming message → the bot's replies, for every channel.

Runs inside the webhook's transaction (inbound.receive), so the conversation
state, the person's message and the replies in the outbox commit together.

Commands work at any time, in every interface language (KEYWORDS); a bare
number answers the last menu (numbered choices on SMS, taps on channels with
native quick replies send the choice id instead).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from retour.core import language
from retour.search import engine
from retour.search.models import SearchDocument

from . import choices, privacy, replies
from .models import Author, ChatMessage, Conversation, ConversationStatus
from .types import Choice, Incoming, get

# Whole-message keywords (after lowercasing and dropping punctuation and spaces,
# so "guten tag" is "gutentag"), in every launch language. A word is listed only
# if it means the same command everywhere and is not a question on its own:
# STOP deletes the sender's data, so its words must be unmistakable.
KEYWORDS = {
    "start": {
        "start", "hi", "hello", "hey", "bonjour", "salut", "hallo", "hoi", "dag",
        "مرحبا", "اهلا", "أهلا", "السلامعليكم", "سلام", "درود", "سلاموعلیکم",
        "gutentag", "servus", "moin", "grüßgott", "grüssgott",  # de
        "hei", "heisann", "goddag",  # no
        "привет", "здравствуйте", "здравствуй", "добрыйдень",  # ru
        "السلامعلیکم", "آداب", "ہیلو",  # ur
        "assalamualaikum", "assalamoalaikum", "aoa", "salam",  # ur (romanised)
        "ستړیمهشې", "ستړيمهشې", "ستړیمهشی",  # ps
        "salaan", "nabad", "iskawarran",  # so
        "ሰላም", "ሰላምታ", "ከመይ", "ከመይኣለኹም", "ከመይኣለኻ", "ከመይኣለኺ",  # ti
        "përshëndetje", "pershendetje", "tungjatjeta", "mirëdita", "miredita", "çkemi", "ckemi",  # sq
    },
    "menu": {
        "menu", "help", "aide", "hulp", "قائمة", "القائمة", "مساعدة", "منو", "راهنما",
        "menü", "menue", "hilfe",  # de
        "meny", "hjelp",  # no
        "меню", "помощь",  # ru
        "مدد", "مینو", "madad",  # ur (مینو also ps)
        "مرسته",  # ps
        "caawimaad", "caawimo",  # so
        "ሓገዝ", "ሜኑ",  # ti
        "ndihmë", "ndihme",  # sq
    },
    "language": {
        "language", "lang", "langue", "taal", "لغة", "اللغة", "زبان",
        "sprache", "språk", "sprak", "язык", "zaban", "zuban", "zubaan", "ژبه",
        "luqad", "luuqad", "luqadda", "ቋንቋ", "gjuha", "gjuhë", "gjuhe",
    },
    "stop": {
        "stop", "arret", "arrêt", "stoppen", "توقف", "إيقاف", "ايقاف", "پایان",
        "stopp", "avslutt", "стоп", "رکو", "ruko", "بندکرو", "bandkaro", "ودروه",
        "jooji", "joogso", "ኣቋርጽ", "ጠጠው", "ደውበል", "ndalo", "ndal",
    },
    "human": {
        "human", "person", "agent", "counsellor", "counselor", "humain", "conseiller",
        "mens", "medewerker", "شخص", "موظف", "مستشار", "انسان", "مشاور",
        "mensch", "berater", "beraterin", "mitarbeiter",  # de
        "menneske", "rådgiver", "radgiver", "veileder",  # no
        "человек", "консультант", "оператор",  # ru
        "مشیر", "insaan", "insan", "mushir",  # ur
        "qof", "lataliye",  # so
        "ሰብ", "ኣማኻሪ",  # ti
        "njeri", "këshilltar", "keshilltar",  # sq
    },
}  # fmt: skip
_WORD = re.compile(r"[\W_]+", re.UNICODE)
_NUMBER = re.compile(r"^\s*([0-9\u0660-\u0669\u06f0-\u06f9]{1,2})(?:[.)\s].*)?$", re.S)
# Detection needs a few words; a greeting is not enough to tell the language,
# but the greeting itself often is.
MIN_DETECT_CHARS = 12
GREETING_LANGUAGE = {
    "bonjour": "fr", "salut": "fr", "hallo": "nl", "hoi": "nl", "dag": "nl",
    "مرحبا": "ar", "اهلا": "ar", "أهلا": "ar", "السلامعليكم": "ar",
    "سلام": "fa", "درود": "fa", "سلاموعلیکم": "fa",
    "gutentag": "de", "servus": "de", "moin": "de", "grüßgott": "de", "grüssgott": "de",
    "hei": "no", "heisann": "no", "goddag": "no",
    "привет": "ru", "здравствуйте": "ru", "здравствуй": "ru", "добрыйдень": "ru",
    "آداب": "ur", "ہیلو": "ur", "aoa": "ur",
    "ستړیمهشې": "ps", "ستړيمهشې": "ps", "ستړیمهشی": "ps",
    "salaan": "so", "nabad": "so", "iskawarran": "so",
    "ሰላም": "ti", "ሰላምታ": "ti", "ከመይ": "ti", "ከመይኣለኹም": "ti", "ከመይኣለኻ": "ti", "ከመይኣለኺ": "ti",
    "përshëndetje": "sq", "pershendetje": "sq", "tungjatjeta": "sq", "mirëdita": "sq",
    "miredita": "sq", "çkemi": "sq", "ckemi": "sq",
}  # fmt: skip


@dataclass
class Turn:
    """The bot's answer to one message: texts (with choices) for the outbox."""

    conversation: Conversation | None
    replies: list[tuple[str, tuple[Choice, ...]]] = field(default_factory=list)
    language: str = "en"

    def say(self, text: str, options: tuple[Choice, ...] = ()) -> None:
        self.replies.append((text, options))


def keyword(text: str) -> str:
    head = text.strip().split("@")[0].split(" ")[0] if text.strip().startswith("/") else text
    word = _WORD.sub("", head.lower())
    return next((name for name, words in KEYWORDS.items() if word in words), "")


def _number(text: str) -> int | None:
    match = _NUMBER.match(text)
    if not match:
        return None
    digits = match.group(1).translate(str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"))
    return int(digits)


def interpret(conv: Conversation, incoming: Incoming) -> tuple[str, str]:
    """(action, argument) for a message."""
    choice = incoming.choice
    if not choice and conv.choices:
        n = _number(incoming.text)
        if n is not None and 1 <= n <= len(conv.choices):
            choice = conv.choices[n - 1]
    if choice:
        kind, _sep, arg = choice.partition(":")
        if kind in ("doc", "lang", "cmd"):
            return {"doc": "pick", "lang": "set_language", "cmd": arg}[kind], arg
    command = keyword(incoming.text)
    return (command, "") if command else ("question", incoming.text)


def _launch(code: str) -> str:
    return code if code in language.launch_languages() else settings.LANGUAGE_CODE


def welcome(conv: Conversation) -> str:
    org = conv.organisation.name
    days = getattr(getattr(conv.organisation, "chat_settings", None), "retention_days", 30)
    with translation.override(conv.language):
        return "\n\n".join(
            [
                _("Welcome. This chat is run by %(org)s.") % {"org": org},
                _(
                    "We answer questions about returning home and about help after return, "
                    "with information checked by people."
                ),
                _(
                    "It is confidential. We are not the immigration authorities and do not "
                    "work for them."
                ),
                _(
                    "We keep your messages only while this conversation is open, at most "
                    "%(days)d days, then delete them. Your number is never stored in readable form."
                )
                % {"days": days},
                _(
                    "Write your question in your own words. Send MENU for options, HUMAN to "
                    "talk to a counsellor, LANGUAGE to change language, STOP to delete your data."
                ),
            ]
        )


def menu(conv: Conversation, turn: Turn) -> None:
    with translation.override(conv.language):
        options = (
            Choice("cmd:human", _("Talk to a counsellor")),
            Choice("cmd:language", _("Change language")),
            Choice("cmd:stop", _("Delete my data")),
        )
        turn.say(_("Write your question, or choose:"), options)
    conv.choices = [c.id for c in options]


def language_menu(conv: Conversation, turn: Turn) -> None:
    from django.utils.translation import get_language_info

    options = tuple(
        Choice(f"lang:{code}", get_language_info(code)["name_local"])
        for code in language.launch_languages()
    )
    with translation.override(conv.language):
        turn.say(_("Choose your language:"), options)
    conv.choices = [c.id for c in options]


def handoff(conv: Conversation, turn: Turn, *, reason: str) -> None:
    conv.status = ConversationStatus.WAITING
    conv.handoff_reason = reason
    with translation.override(conv.language):
        if reason == "no_answer":
            turn.say(
                _(
                    "We have no checked answer to this question yet. A counsellor of %(org)s "
                    "will answer you here."
                )
                % {"org": conv.organisation.name}
            )
        else:
            turn.say(
                _("A counsellor of %(org)s will answer you here. You can keep writing.")
                % {"org": conv.organisation.name}
            )


def answer_card(conv: Conversation, turn: Turn, hit, *, limit: int) -> None:
    text, link = replies.card(hit, lang=conv.language)
    for part in replies.split(text, link, limit):
        turn.say(part)


def question(conv: Conversation, turn: Turn, text: str, *, limit: int) -> None:
    if conv.status in (ConversationStatus.WAITING, ConversationStatus.COUNSELLOR):
        return  # a counsellor has it: the message waits in their inbox
    text = text.strip()
    if len(text) >= MIN_DETECT_CHARS:
        # Detection cost grows with length; 600 characters are plenty to tell.
        conv.language = _launch(language.detect(text[:600], conv.language))
    try:
        decision = choices.decide(text, lang=conv.language, channel=conv.channel.kind)
    except engine.QueryError:
        turn.say(replies.notice("empty" if not text else "too_long", conv.language))
        return
    asked = decision.outcome.place_query
    place_question = asked is not None and asked.is_place_question
    if place_question and (decision.none or not decision.outcome.service_points):
        # "Where is the office in Antwerp" (the engine dropped the pages: the
        # point is the answer), or a place question with no place known.
        _nearest(conv, turn, decision, limit=limit)
        if decision.outcome.service_points:
            return
        place_question = False  # said once
    _answer(conv, turn, decision, limit=limit)
    if place_question:
        # The same order as the answer API: the pages first, then the nearest
        # points ("insulin when I return to Shkoder" is not asking for an office).
        _nearest(conv, turn, decision, limit=limit)


def _nearest(conv: Conversation, turn: Turn, decision: choices.Decision, *, limit: int) -> None:
    """The nearest service points, by distance (or how to tell us a place)."""
    for part in replies.split(
        replies.nearest_points(decision.outcome, lang=conv.language), "", limit
    ):
        turn.say(part)


def _answer(conv: Conversation, turn: Turn, decision: choices.Decision, *, limit: int) -> None:
    if decision.single is not None:
        answer_card(conv, turn, decision.single, limit=limit)
    elif decision.several:
        options = tuple(
            Choice(f"doc:{h.document.uuid}", h.document.title[:120], h.document.summary[:72])
            for h in decision.hits
        )
        with translation.override(conv.language):
            turn.say(_("Which of these is closest to your question?"), options)
        conv.choices = [c.id for c in options]
    else:
        handoff(conv, turn, reason="no_answer")
        with translation.override(conv.language):
            turn.say(
                _("You can also find a service point near you: %(link)s")
                % {"link": replies.service_points_link(conv.language)}
            )


def pick(conv: Conversation, turn: Turn, doc_uuid: str, *, limit: int) -> None:
    doc = (
        SearchDocument.objects.select_related("organisation").filter(uuid=doc_uuid).first()
        if re.fullmatch(r"[0-9a-f-]{36}", doc_uuid)
        else None
    )
    if doc is None:  # unpublished since it was offered
        menu(conv, turn)
        return
    hit = engine.Hit(
        document=doc, score=0, confidence=1, matched=[], other_language=doc.locale != conv.language
    )
    answer_card(conv, turn, hit, limit=limit)


def forget(conv: Conversation, turn: Turn) -> None:
    """STOP: delete the sender's conversations (messages cascade) and confirm."""
    with translation.override(conv.language):
        turn.say(
            _(
                "Your messages have been deleted and we no longer keep anything that links "
                "this chat to you. Write again at any time to start over."
            )
        )
    Conversation.objects.filter(channel=conv.channel, sender=conv.sender).delete()
    turn.conversation = None


def _open(channel, incoming: Incoming, sender: str) -> tuple[Conversation, bool]:
    """The sender's open conversation, locked, or a new one not yet saved
    (handle() inserts it once, with its final state)."""
    conv = (
        Conversation.objects.select_for_update()
        .filter(channel=channel, sender=sender)
        .exclude(status=ConversationStatus.CLOSED)
        .first()
    )
    if conv is not None:
        # The channel's own objects (loaded with its organisation and chat
        # settings by the webhook): no query to read them again.
        conv.channel, conv.organisation = channel, channel.organisation
        conv.address, conv.account = incoming.address, incoming.account
        return conv, False
    hint = incoming.lang_hint.split("-")[0].lower()
    text = incoming.text.strip()
    if len(text) >= MIN_DETECT_CHARS:
        guess = language.detect(text[:600], hint)
    else:
        guess = hint or GREETING_LANGUAGE.get(_WORD.sub("", text.lower()), "")
    conv = Conversation(
        organisation=channel.organisation,
        channel=channel,
        sender=sender,
        address=incoming.address,
        account=incoming.account,
        language=_launch(guess),
    )
    return conv, True


ACTIONS = {"menu": menu, "language": language_menu, "stop": forget}


def handle(*, channel, incoming: Incoming, sender: str = "") -> Turn:
    """One message → the bot's replies. Writes once at the end: the
    conversation (one INSERT or UPDATE) and its messages (one INSERT)."""
    limit = get(channel.kind).max_length
    sender = sender or privacy.sender_hash(str(channel.uuid), incoming.address)
    conv, new = _open(channel, incoming, sender)
    action, arg = interpret(conv, incoming)
    if action not in ("pick", "set_language"):
        conv.choices = []
    turn = Turn(conversation=conv)
    # A tap has no text: the counsellor sees what it did, not its internal id.
    written = incoming.text or f"({action})"
    said = ChatMessage(author=Author.PERSON, text=written[:2000], created_at=timezone.now())
    if (new and action != "set_language") or action == "start":
        turn.say(welcome(conv))
    if action == "set_language":
        conv.language = _launch(arg)
        conv.choices = []
        turn.say(welcome(conv))
    elif action == "pick":
        conv.choices = []
        pick(conv, turn, arg, limit=limit)
    elif action == "human":
        handoff(conv, turn, reason="asked")
    elif action == "question":
        question(conv, turn, arg, limit=limit)
    elif action in ACTIONS:
        ACTIONS[action](conv, turn)
    turn.language = conv.language
    if turn.conversation is not None:  # None after STOP: nothing is kept
        conv.last_activity = timezone.now()
        conv.save()
        written_now = [said] + [
            ChatMessage(author=Author.BOT, text=text[:4000]) for text, _options in turn.replies
        ]
        for message in written_now:
            message.conversation = conv
        ChatMessage.objects.bulk_create(written_now)
    return turn
