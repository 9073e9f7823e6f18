"""Labelled corpora as data: document specs (page set-up, blocks, degradations, truth) rendered
into the dev set's format by ``scripts/make_corpus.py``."""
