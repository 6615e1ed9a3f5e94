"""ShopDesk: a desktop inbox for small online shops."""

APP_NAME = "ShopDesk"
APP_ID = "com.shopdesk.ShopDesk"
APP_AUTHOR = "ShopDesk"
__version__ = "0.1.0"
