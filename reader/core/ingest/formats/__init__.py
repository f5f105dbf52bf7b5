"""One module per file format; each exposes ``extract(data, filename) -> Extracted``."""
