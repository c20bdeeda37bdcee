"""ieg-reports: from a foresight workshop's workbook to its documents."""

__version__ = "0.1.0"
