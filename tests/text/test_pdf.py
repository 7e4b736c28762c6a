import pytest

from diplograph.text.encoding import InputError
from diplograph.text.pdf import pdf_to_text, read_pdf

FIRST = "The two foreign ministers met in Geneva and agreed on a transport corridor."
SECOND = "A second page mentions the energy dialogue launched last spring."


def test_text_layer_of_each_page_joined_by_blank_line(make_pdf):
    text = pdf_to_text(make_pdf([FIRST, SECOND]))
    first, second = text.split("\n\n")
    assert " ".join(first.split()) == FIRST
    assert " ".join(second.split()) == SECOND


def test_metadata_title_and_date(make_pdf):
    _, meta = read_pdf(make_pdf([FIRST], title="Annual review"))
    assert meta["title"] == "Annual review"
    assert len(meta["pdf_date"]) == 10 and meta["pdf_date"][4] == "-"


def test_encrypted_pdf_needs_password(make_pdf, make_encrypted_pdf):
    locked = make_encrypted_pdf(make_pdf([FIRST]), "secret")
    with pytest.raises(InputError, match=r"encrypted PDF \(needs a password\)"):
        pdf_to_text(locked)


def test_encrypted_pdf_with_empty_password_is_read(make_pdf, make_encrypted_pdf):
    readable = make_encrypted_pdf(make_pdf([FIRST]), "")
    assert "Geneva" in pdf_to_text(readable)


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9])
def test_truncated_pdf_is_corrupt(make_pdf, keep):
    data = make_pdf([FIRST, SECOND])
    with pytest.raises(InputError, match="corrupt PDF"):
        pdf_to_text(data[: int(len(data) * keep)])


def test_not_a_pdf_at_all():
    with pytest.raises(InputError, match="corrupt PDF: no %PDF header"):
        pdf_to_text(b"<html>not a pdf</html>")


def test_pdf_without_text_layer(make_pdf):
    with pytest.raises(InputError, match=r"no text layer \(scanned PDF\?\)"):
        pdf_to_text(make_pdf(["", ""]))


def test_empty_bytes():
    with pytest.raises(InputError, match="empty file"):
        pdf_to_text(b"")
