"""Loads the Turkish or English translation: the owner's choice, else the system locale."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from shopdesk.paths import resource

SUPPORTED = ("en", "tr")


def choose_language(setting: str) -> str:
    if setting in SUPPORTED:
        return setting
    system = QLocale.system().name().split("_")[0]
    return system if system in SUPPORTED else "en"


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Install ShopDesk's and Qt's own translations for ``language``; returns them (keep a reference)."""
    for old in getattr(app, "_shopdesk_translators", []):
        app.removeTranslator(old)
    installed = []
    QLocale.setDefault(QLocale(QLocale.Language.Turkish if language == "tr" else QLocale.Language.English))
    if language != "en":
        ours = QTranslator(app)
        if ours.load(str(resource(f"i18n/shopdesk_{language}.qm"))):
            app.installTranslator(ours)
            installed.append(ours)
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            installed.append(qt)
    app._shopdesk_translators = installed
    return installed
