"""The settings dialog's look: a quiet sidebar of sections and a roomy page."""

from __future__ import annotations

from shopdesk.gui import theme

STYLE = f"""
#settingsDialog {{ background: {theme.SURFACE}; }}
#settingsDialog QLabel {{ background: transparent; color: {theme.TEXT}; }}
#settingsNav {{
    background: {theme.PANE}; border: none; border-right: 1px solid {theme.BORDER}; outline: 0;
    padding: 12px 8px; min-width: 170px; max-width: 190px;
}}
#settingsNav::item {{ padding: 7px 10px; border-radius: 6px; color: {theme.TEXT}; margin-bottom: 2px; }}
#settingsNav::item:hover {{ background: #eef2f7; }}
#settingsNav::item:selected {{ background: {theme.ACCENT_SOFT}; color: {theme.ACCENT}; font-weight: 600; }}
QLabel#pageTitle {{ font-size: 17px; font-weight: 600; padding-bottom: 6px; }}
QLabel#fieldLabel {{ font-weight: 600; }}
QLabel#hint {{ color: {theme.MUTED}; font-size: 12px; }}
QLabel#errorLabel {{ color: {theme.DANGER}; }}
QLabel#pathLabel {{
    background: {theme.PANE}; border: 1px solid {theme.BORDER}; border-radius: 6px; padding: 6px 8px;
    font-family: monospace; font-size: 12px;
}}
#settingsDialog QLineEdit, #settingsDialog QComboBox {{
    border: 1px solid {theme.BORDER}; border-radius: 6px; padding: 4px 8px; background: {theme.SURFACE};
    min-height: 20px;
}}
#settingsDialog QLineEdit:focus {{ border-color: {theme.ACCENT}; }}
#settingsDialog QComboBox::drop-down {{ border: none; width: 18px; }}
QPushButton#primaryButton {{
    background: {theme.ACCENT}; color: white; border: none; border-radius: 7px; padding: 6px 20px;
    font-weight: 600;
}}
QPushButton#primaryButton:hover {{ background: #1d4ed8; }}
QPushButton#primaryButton:disabled {{ background: #93c5fd; }}
QPushButton#secondaryButton {{
    background: {theme.SURFACE}; color: {theme.TEXT}; border: 1px solid {theme.BORDER}; border-radius: 7px;
    padding: 5px 12px;
}}
QPushButton#secondaryButton:hover {{ background: {theme.PANE}; }}
QPushButton#secondaryButton:disabled {{ color: {theme.FAINT}; }}
"""
