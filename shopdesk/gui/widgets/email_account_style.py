"""The email accounts dialog's look: a sidebar of mailboxes and a roomy form, like the settings dialog."""

from __future__ import annotations

from shopdesk.gui import theme
from shopdesk.gui.widgets.settings_style import STYLE as SETTINGS_STYLE

STYLE = (
    SETTINGS_STYLE.replace("#settingsDialog", "#emailAccountDialog")
    + f"""
#accountSide {{ background: {theme.PANE}; border-right: 1px solid {theme.BORDER}; min-width: 210px;
    max-width: 240px; }}
#accountList {{ background: {theme.PANE}; border: none; outline: 0; }}
#accountList::item {{ padding: 7px 8px; border-radius: 6px; color: {theme.TEXT}; margin-bottom: 2px; }}
#accountList::item:hover {{ background: #eef2f7; }}
#accountList::item:selected {{ background: {theme.ACCENT_SOFT}; color: {theme.ACCENT}; font-weight: 600; }}
QLabel#providerNote {{
    background: {theme.NOTE}; border: 1px solid {theme.NOTE_BORDER}; border-radius: 6px; padding: 6px 8px;
    color: {theme.TEXT}; font-size: 12px;
}}
QLabel#notice {{ color: {theme.SUCCESS}; }}
#emailAccountDialog QLineEdit[invalid="true"] {{ border: 1px solid {theme.DANGER}; }}
#emailAccountDialog QScrollArea, #emailAccountDialog QScrollArea > QWidget > QWidget {{
    background: {theme.SURFACE};
}}
QPushButton#dangerButton {{
    background: {theme.PANE}; color: {theme.DANGER}; border: 1px solid {theme.BORDER}; border-radius: 7px;
    padding: 5px 12px;
}}
QPushButton#dangerButton:hover {{ background: #fef2f2; }}
QPushButton#dangerButton:disabled {{ color: {theme.FAINT}; }}
"""
)
