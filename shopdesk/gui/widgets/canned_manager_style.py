"""The canned replies manager's look: a light list on the left, a clean editor and a preview card."""

from __future__ import annotations

from shopdesk.gui import theme

STYLE = f"""
#cannedManager {{ background: {theme.SURFACE}; }}
#cannedManager QLabel {{ background: transparent; }}
#cannedListPane {{ background: {theme.PANE}; border-right: 1px solid {theme.BORDER}; }}
#dialogFooter {{ background: {theme.SURFACE}; border-top: 1px solid {theme.BORDER}; }}
#cannedList {{ background: {theme.PANE}; border: none; outline: 0; }}
#cannedManager QLineEdit, #cannedManager QComboBox, #cannedManager QPlainTextEdit {{
    border: 1px solid {theme.BORDER}; border-radius: 7px; padding: 5px 8px; background: {theme.SURFACE};
    color: {theme.TEXT};
}}
#cannedManager QLineEdit:focus, #cannedManager QPlainTextEdit:focus {{ border-color: {theme.ACCENT}; }}
#cannedManager QComboBox::drop-down {{ border: none; width: 18px; }}
QLabel#editorHeading {{ font-size: 16px; font-weight: 600; color: {theme.TEXT}; padding-bottom: 4px; }}
QLabel#fieldLabel {{ color: {theme.MUTED}; font-weight: 600; }}
QLabel#slashPrefix {{ color: {theme.ACCENT}; font-weight: 700; font-size: 15px; }}
QLabel#fieldError {{
    color: {theme.DANGER}; background: #fef2f2; border: 1px solid #fecaca; border-radius: 6px;
    padding: 4px 8px;
}}
QLabel#sectionTitle {{ color: {theme.MUTED}; font-size: 11px; font-weight: 700; letter-spacing: 1px; }}
QLabel#cannedPreview {{
    background: {theme.INCOMING}; border: 1px solid {theme.BORDER}; border-radius: 10px; padding: 10px 12px;
    color: {theme.TEXT};
}}
QLabel#editorStatus {{ color: {theme.MUTED}; padding: 0 8px; }}
QLabel#editorStatus[error="true"] {{ color: {theme.DANGER}; }}
QPushButton#variableChip {{
    background: #eef2ff; color: #3730a3; border: 1px solid #c7d2fe; border-radius: 9px; padding: 2px 8px;
    font-size: 11px;
}}
QLabel#insertLabel {{ color: {theme.MUTED}; font-size: 11px; }}
QPushButton#variableChip:hover {{ background: #e0e7ff; }}
QPushButton#primaryButton {{
    background: {theme.ACCENT}; color: white; border: none; border-radius: 7px; padding: 6px 18px;
    font-weight: 600;
}}
QPushButton#primaryButton:hover {{ background: #1d4ed8; }}
QPushButton#primaryButton:disabled {{ background: #93c5fd; }}
QPushButton#secondaryButton {{
    background: {theme.SURFACE}; color: {theme.TEXT}; border: 1px solid {theme.BORDER}; border-radius: 7px;
    padding: 5px 12px;
}}
QPushButton#secondaryButton:hover {{ background: {theme.PANE}; }}
QPushButton#dangerButton {{
    background: transparent; color: {theme.DANGER}; border: 1px solid transparent; border-radius: 7px;
    padding: 5px 10px;
}}
QPushButton#dangerButton:hover {{ background: #fef2f2; border-color: #fecaca; }}
"""
