from diplograph.text.language import detect_language, is_other_language

ENGLISH = ("The ministers of the two countries met in the capital on Monday and agreed to "
           "expand cooperation in energy and transport, according to a statement.")
RUSSIAN = ("Министры двух стран встретились в столице в понедельник и договорились о "
           "расширении сотрудничества в энергетике и на транспорте.")
GERMAN = ("Die Minister der beiden Länder trafen sich am Montag in der Hauptstadt und "
          "vereinbarten eine engere Zusammenarbeit bei Energie und Verkehr.")


def test_detect_language():
    assert detect_language(ENGLISH) == "en"
    assert detect_language(RUSSIAN) == "ru"
    assert detect_language(GERMAN) == "de"
    assert detect_language("ok") is None
    assert detect_language("") is None


def test_other_language_lines_in_an_english_text():
    assert is_other_language("Bizə yazın, yeni xəbərləri ilk siz oxuyun!", "en")
    assert is_other_language("TÜRK DEVLETLERİ ülkeleri arası VİZESİZ dolaşım ne zaman?", "en")
    assert is_other_language(RUSSIAN, "en")
    assert is_other_language(GERMAN, "en")
    assert is_other_language("Los ministros se reunieron en la capital para hablar del comercio",
                             "en")


def test_english_lines_full_of_foreign_names_are_not_foreign():
    for line in ("Ilham Aliyev, Recep Tayyip Erdoğan, Şavkat Mirziyoyev",
                 "Uzbek President Mirziyoyev and Turkish President Erdoğan made statements",
                 "Kazakhstan, Kyrgyzstan, Turkmenistan, Uzbekistan",
                 "Qara-Qoyunlu, Ag-Qoyunlu, Shirvanshahs and Atabays",
                 "Milli Majlis Committee on International Relations",
                 ENGLISH):
        assert not is_other_language(line, "en"), line


def test_short_lines_are_never_judged():
    assert not is_other_language("Bizə yazın!", "en")
    assert not is_other_language("Keçid et", "en")


def test_english_line_in_a_russian_text():
    assert is_other_language("The ministers met again and signed a new agreement on trade.",
                             "ru")
    assert not is_other_language(RUSSIAN, "ru")


def test_no_main_language_means_no_judgement():
    assert not is_other_language(RUSSIAN, None)
