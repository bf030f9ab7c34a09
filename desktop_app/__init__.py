"""Brain & Body Glossary: an offline desktop reference of mental-health terms."""

__version__ = "0.1.0"
