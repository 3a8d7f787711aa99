"""The NLP stage: model loading and sentence starts at headlines and paragraphs."""

from __future__ import annotations

import pytest

from frontlines.nlp.model import ModelNotFound, load_model


def test_headline_and_paragraphs_start_sentences_but_wrapped_lines_do_not() -> None:
    nlp = load_model()
    doc = nlp("Army retakes town\nThe army said on Monday that\nfighters were killed near the\n"
              "town of Mosul.\n\nA new paragraph without a full stop")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Army retakes town"
    assert "fighters were killed near the\ntown of Mosul." in sents[1]
    assert sents[-1] == "A new paragraph without a full stop"


def test_unknown_model_name_says_how_to_install() -> None:
    with pytest.raises(ModelNotFound, match="pip install no_such_model"):
        load_model("no_such_model")
