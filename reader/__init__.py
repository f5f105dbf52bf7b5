"""Pizhu (批注): a reader and annotator for Chinese documents."""

__version__ = "0.1.0"
APP_NAME = "Pizhu"
APP_ID = "io.github.pizhu.Pizhu"
