"""Guards against a known-bad binding: PySide6 6.12.0 on CPython 3.11 lost a reference to True per emit()."""

import sys

from PySide6.QtCore import QObject, Signal


class _Sender(QObject):
    ping = Signal(object)


def test_emitting_from_python_keeps_reference_counts(qapp):
    sender = _Sender()
    before = sys.getrefcount(True)
    for _ in range(200):
        sender.ping.emit(1)
    # The broken binding lost one reference per emit (-200 here); allow a few unrelated references.
    assert abs(sys.getrefcount(True) - before) < 20
