"""The window's colours and style sheet: a calm, light help-desk look shared by every pane."""

from __future__ import annotations

ACCENT = "#2563eb"
ACCENT_SOFT = "#e0e9ff"
TEXT = "#111827"
MUTED = "#6b7280"
FAINT = "#9ca3af"
BORDER = "#e5e7eb"
PANE = "#f8fafc"
SURFACE = "#ffffff"
HIGHLIGHT = "#fde68a"
NOTE = "#fef9c3"
NOTE_BORDER = "#facc15"
INCOMING = "#f1f5f9"
OUTGOING = "#dbeafe"
DANGER = "#dc2626"
WARNING = "#d97706"
SUCCESS = "#16a34a"

CHANNEL_COLORS = {"email": "#ea580c", "telegram": "#0ea5e9", "webchat": "#7c3aed"}
STATUS_COLORS = {"open": SUCCESS, "pending": WARNING, "snoozed": "#6366f1", "resolved": FAINT}
LABEL_COLORS = ("#0891b2", "#7c3aed", "#db2777", "#ca8a04", "#059669", "#4f46e5", "#dc2626", "#0d9488")
AVATAR_COLORS = ("#f97316", "#0ea5e9", "#8b5cf6", "#ec4899", "#10b981", "#6366f1", "#14b8a6", "#eab308")

STYLE_SHEET = f"""
QMainWindow, QSplitter {{ background: {SURFACE}; }}
QSplitter::handle {{ background: {BORDER}; }}
QSplitter::handle:horizontal {{ width: 1px; }}
QMenuBar {{ background: {SURFACE}; border-bottom: 1px solid {BORDER}; padding: 2px 6px; }}
QMenuBar::item {{ padding: 4px 10px; border-radius: 4px; }}
QMenuBar::item:selected {{ background: {ACCENT_SOFT}; }}
QStatusBar {{ background: {PANE}; border-top: 1px solid {BORDER}; color: {MUTED}; }}
QStatusBar::item {{ border: none; }}
#ConversationListPane {{ background: {PANE}; }}
#ConversationListPane QListView {{ background: {PANE}; border: none; outline: 0; }}
#ListHeader {{ font-size: 15px; font-weight: 600; color: {TEXT}; }}
#ListCount {{ color: {MUTED}; }}
#SearchBox {{
    border: 1px solid {BORDER}; border-radius: 8px; padding: 6px 10px; background: {SURFACE};
    selection-background-color: {ACCENT};
}}
#SearchBox:focus {{ border: 1px solid {ACCENT}; }}
#StatusTabs::tab {{
    padding: 5px 4px; margin: 0; border: none; border-bottom: 2px solid {BORDER};
    color: {MUTED}; background: transparent;
}}
#StatusTabs::tab:selected {{ color: {ACCENT}; border-bottom: 2px solid {ACCENT}; font-weight: 600; }}
#StatusTabs::tab:hover:!selected {{ color: {TEXT}; }}
#StatusTabs::tab:disabled {{ color: {FAINT}; }}
#FilterBar QComboBox {{
    border: 1px solid {BORDER}; border-radius: 6px; padding: 3px 8px; background: {SURFACE}; min-height: 20px;
}}
#FilterBar QComboBox::drop-down {{ border: none; width: 16px; }}
#FilterBar QToolButton {{
    border: 1px solid {BORDER}; border-radius: 6px; padding: 3px 8px; background: {SURFACE};
}}
#FilterBar QToolButton:checked {{ background: {ACCENT_SOFT}; border-color: {ACCENT}; color: {ACCENT}; }}
#ConversationActions {{ background: {SURFACE}; border-bottom: 1px solid {BORDER}; }}
#ConversationTitle {{ font-size: 16px; font-weight: 600; color: {TEXT}; }}
#ConversationSubtitle {{ color: {MUTED}; }}
#ConversationActions QToolButton {{
    border: 1px solid {BORDER}; border-radius: 6px; padding: 4px 10px; background: {SURFACE}; color: {TEXT};
}}
#ConversationActions QToolButton:hover {{ background: {PANE}; }}
#ConversationActions QToolButton#ResolveButton {{
    background: {ACCENT}; color: white; border-color: {ACCENT};
}}
#ConversationActions QToolButton#ResolveButton:hover {{ background: #1d4ed8; }}
#ConversationActions QToolButton::menu-indicator {{ image: none; width: 0; }}
#ConversationView {{ background: {SURFACE}; border: none; }}
#EmptyState {{ color: {FAINT}; font-size: 14px; }}
QToolTip {{ background: {TEXT}; color: white; border: none; padding: 4px 6px; }}
"""
