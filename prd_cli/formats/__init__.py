"""Report formats built in Python rather than from a Jinja template (docx)."""
