"""The Telegram channel: the shop's bots, polled with our own getUpdates loop, answered through PTB's Bot."""

import os

# PTB 22 warns on every read of a time period as int (RetryAfter.retry_after …) until this opt-in, which
# the next major version makes the default: time periods are timedelta from now on.
os.environ.setdefault("PTB_TIMEDELTA", "true")
