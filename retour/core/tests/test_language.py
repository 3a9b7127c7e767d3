"""Language detection for chat messages: romanised and dialect Arabic keep the
phone's language; what lingua is sure of still wins."""

from retour.core import language


def test_latin_letters_from_a_phone_in_arabic_script_keep_the_phone_language():
    # Moroccan Arabizi with French loanwords: lingua alone says French.
    assert language.detect("bghit ndir projet sghir f tanger wach t3awnoni", "fr") == "fr"
    assert language.detect("bghit ndir projet sghir f tanger wach t3awnoni", "ar") == "ar"
    # Finglish and romanised Tigrinya the same way.
    assert language.detect("baad az bazgasht mitunam dobare biam norvej", "fa") == "fa"
    assert language.detect("nab england kkeyd delye mngedi alo do", "ti") == "ti"


def test_latin_letters_from_a_latin_script_phone_are_still_detected():
    assert language.detect("je voudrais rentrer chez moi au Maroc, que faire", "en") == "fr"
    assert language.detect("ik wil terug naar mijn land, wie kan mij helpen", "") == "nl"


def test_text_in_another_script_is_detected_whatever_the_phone():
    assert language.detect("Я хочу вернуться домой, кто может помочь", "ar") == "ru"
    assert language.detect("می‌خواهم به افغانستان برگردم کمک می‌کنید", "ar") == "fa"


def test_arabic_letters_only_from_an_arabic_phone_stay_arabic():
    assert language.detect("شحال كيعطيو؟", "ar") == "ar"
    # The same letters from a Persian phone are left to lingua and the hint.
    assert language.detect("شحال كيعطيو؟", "fa") in ("ar", "fa")


def test_latin_only_needs_a_letter():
    assert not language._latin_only("123 ?!")
    assert language._latin_only("Liège è ñ")
    assert not language._latin_only("salam سلام")


def test_urdu_only_letters_are_urdu_and_pashto_letters_still_pashto():
    assert language.detect("ٹکٹ کون دے گا", "fa") == "ur"
    assert language.detect("ٹکٹ کون دے گا", "") == "ur"
    assert language.detect("زه غواړم بېرته خپل هېواد ته لاړ شم", "ur") == "ps"
