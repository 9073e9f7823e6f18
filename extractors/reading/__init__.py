"""Bytes → page text: page rendering, the text layer, OCR and its clean-up, worker processes.

Never imports ``extractors.fields``; both stages meet only in ``extractors.model``.
"""
