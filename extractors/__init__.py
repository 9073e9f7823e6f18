"""From a document's bytes to fields: page text (text layer or OCR), Swedish parsing, classification."""
