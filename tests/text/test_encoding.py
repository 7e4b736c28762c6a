import codecs

import pytest

from diplograph.text.encoding import InputError, decode_bytes

RUSSIAN = ("Министр иностранных дел встретился с послом соседней страны. "
           "Стороны обсудили торговлю, транспорт и энергетическое сотрудничество.")
FRENCH = ("Le ministre a reçu l'ambassadeur à Genève. Ils ont évoqué la coopération "
          "énergétique, les échanges commerciaux et un accord déjà signé.")


def test_utf8_plain():
    assert decode_bytes("Ağdam – Şuşa “road” ə".encode("utf-8")) == "Ağdam – Şuşa “road” ə"


def test_utf8_bom_is_not_part_of_the_text():
    text = decode_bytes(codecs.BOM_UTF8 + "Hello world".encode("utf-8"))
    assert text == "Hello world"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    assert decode_bytes(bom + RUSSIAN.encode(codec)) == RUSSIAN


def test_utf16_without_bom_is_recognized():
    assert decode_bytes(FRENCH.encode("utf-16-le")) == FRENCH


def test_cp1251_russian():
    assert decode_bytes(RUSSIAN.encode("cp1251")) == RUSSIAN


def test_cp1252_accents_and_typography():
    assert decode_bytes(FRENCH.encode("cp1252")) == FRENCH
    short = "Café déjà vu – “quoted” €5"
    assert decode_bytes(short.encode("cp1252")) == short


def test_cp1254_turkish():
    turkish = "Dışişleri Bakanı İstanbul'da görüştü ve işbirliği anlaşması imzalandı."
    assert decode_bytes(turkish.encode("cp1254")) == turkish


def test_newlines_are_not_translated():
    assert decode_bytes(b"a\r\nb\rc\n") == "a\r\nb\rc\n"


def test_empty_file():
    with pytest.raises(InputError, match="empty file"):
        decode_bytes(b"")


def test_binary_with_nul_bytes():
    with pytest.raises(InputError, match=r"binary file \(NUL bytes"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")


def test_binary_control_characters():
    with pytest.raises(InputError, match="binary file"):
        decode_bytes(b"\x01\x02\x03\x04data\x05\x06" * 20)


def test_undecodable_bytes():
    with pytest.raises(InputError, match="undecodable bytes: not UTF-8 .byte 0x80 at offset 0"):
        decode_bytes(b"\x80\x01\x02\x03\x04\x05\x06" * 20)
