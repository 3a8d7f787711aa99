"""NLP stage: sentences, tokens, entities and the dependency parse, from spaCy."""

from frontlines.nlp.model import load_model

__all__ = ["load_model"]
