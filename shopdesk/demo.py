"""The demo inbox: a Turkish handmade-ceramics shop's conversations, stored through the real core doors."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from sqlmodel import func, select

from shopdesk.channels.base import IncomingItem, OutgoingItem
from shopdesk.core import automation, canned, conversations, invitations, surveys
from shopdesk.core.db import read_session, write_session
from shopdesk.core.ingest import ingest
from shopdesk.core.models import CannedReply, Conversation, Message
from shopdesk.settings import save_settings

log = logging.getLogger(__name__)
SHOP_NAME = "Toprak & İplik"
OWNER_NAME = "Elif Kaya"


@dataclass(frozen=True)
class DemoConversation:
    """One scripted conversation. ``lines`` are (">" incoming | "<" outgoing, minutes after start, text)."""

    channel: str
    address: str
    name: str
    hours_ago: float  # when its first message arrived
    lines: tuple[tuple[str, int, str], ...]
    subject: str = ""
    status: str = "open"
    unread: bool = False
    labels: tuple[str, ...] = ()
    note: str = ""
    snooze_days: int = 0
    survey: tuple[int | None, str] | None = None  # resolved: the satisfaction answer (None: not answered)


def _c(channel, address, name, hours_ago, *lines, **extra) -> DemoConversation:
    return DemoConversation(channel, address, name, hours_ago, tuple(lines), **extra)


# fmt: off
# An earlier, resolved conversation of a customer who wrote again (stored first, so the new one is separate).
PAST = (
    _c("email", "ayse.yilmaz@gmail.com", "Ayşe Yılmaz", 228,
       (">", 0, "Merhaba, geçen hafta aldığım çini desenli kupalar elime ulaştı. Paketleme çok özenliydi, "
                "teşekkür ederim! Kız kardeşim için bir set daha alacağım."),
       ("<", 95, "Merhaba Ayşe Hanım, güzel sözleriniz için çok teşekkür ederiz! Kız kardeşinizin "
                 "siparişine küçük bir sürpriz ekleyeceğiz. Sevgiler, Elif"),
       subject="Teşekkürler!", status="resolved", labels=("VIP",), survey=(5, "Her zamanki gibi harika!")),
)

CONVERSATIONS = (
    _c("email", "ayse.yilmaz@gmail.com", "Ayşe Yılmaz", 5,
       (">", 0, "Merhaba, 3 gün önce verdiğim #10482 numaralı siparişim (çini desenli kupa seti) hâlâ "
                "kargoya verilmemiş görünüyor. Cumartesi doğum günü için yetişir mi? Teşekkürler, Ayşe"),
       subject="Sipariş #10482 kargo durumu", unread=True, labels=("kargo", "VIP")),
    _c("telegram", "401223876", "Mehmet Öztürk", 52,
       (">", 0, "İyi günler, aldığım seramik tabaklardan biri kırık geldi. Fotoğrafını atıyorum."),
       (">", 1, "İade mi yapıyorsunuz, değişim mi?"),
       ("<", 40, "Merhaba Mehmet Bey, çok üzüldük! Kırık ürün için hemen yenisini gönderebilir ya da ücret "
                 "iadesi yapabiliriz. Hangisini tercih edersiniz?"),
       (">", 55, "Değişim olursa sevinirim, aynı renkten varsa."),
       ("<", 70, "Aynı renkten stokta var. Yenisini pazartesi kargoya veriyoruz; kırık tabağı geri "
                 "göndermenize gerek yok."),
       status="pending", labels=("iade", "kargo"),
       note="Kargo hasarı: Yurtiçi'ne tutanak açıldı. Yeni tabak pazartesi çıkacak, takip no'yu ilet."),
    _c("webchat", "v-8c21f0", "Zeynep Kaya", 2,
       (">", 0, "Merhaba, keten önlüğün boyu kaç cm? 1.58 boyundayım, uzun gelir mi?"),
       unread=True),
    _c("email", "sarah.miller@outlook.com", "Sarah Miller", 200,
       (">", 0, "Hi! Do you ship to Germany? I'd love to order the blue İznik-style bowl set. How long "
                "would delivery take, and are there customs fees?"),
       ("<", 130, "Hi Sarah, yes, we ship to Germany with PTT/EMS, usually in 5–8 business days. Orders "
                  "under €150 normally have no customs fees. Best, Elif"),
       (">", 300, "Perfect, I just ordered! Thank you!"),
       ("<", 320, "Thank you, Sarah! We'll email you the tracking number as soon as it ships."),
       subject="Shipping to Germany?", status="resolved", labels=("kargo",),
       survey=(5, "Quick and friendly answers, thank you!")),
    _c("telegram", "558190342", "Emre Çelik", 170,
       (">", 0, "Kapıda ödeme seçeneğiniz var mı?"),
       ("<", 12, "Merhaba Emre Bey, evet, kapıda nakit veya kartla ödeyebilirsiniz; 20 TL kapıda ödeme "
                 "hizmet bedeli ekleniyor."),
       (">", 20, "Tamam, o zaman sipariş veriyorum."),
       status="resolved", survey=(5, "")),
    _c("email", "gulsen.aydin@hotmail.com", "Gülşen Aydın", 30,
       (">", 0, "Merhaba, #10391 numaralı sipariş için şirketim adına kurumsal fatura kesebilir misiniz? "
                "Ünvan: Aydın Mimarlık Ltd. Şti., Kadıköy V.D., vergi no 1234567890."),
       ("<", 45, "Merhaba Gülşen Hanım, tabii ki. Faturanızı muhasebemiz düzenleyip yarın e-posta ile "
                 "gönderecek."),
       subject="Fatura talebi – Sipariş #10391", status="pending", labels=("fatura",),
       note="Muhasebeye iletildi. E-fatura mükellefi mi, kontrol et."),
    _c("webchat", "v-1d77aa", "Can Arslan", 120,
       (">", 0, "HOSGELDIN10 indirim kodu çalışmıyor, “geçersiz kod” diyor."),
       ("<", 6, "Merhaba Can Bey, kod ilk siparişte ve 300 TL üzeri sepetlerde geçerli. Sepetiniz 280 TL "
                "görünüyor; küçük bir ürün eklerseniz indirim uygulanır."),
       (">", 9, "Anladım, bir kupa altlığı ekledim, oldu. Teşekkürler!"),
       status="resolved", survey=(5, "Hemen çözüldü, teşekkürler! Kodun koşulu sitede de yazsa iyi olur.")),
    _c("email", "james.oconnor@gmail.com", "James O'Connor", 26,
       (">", 0, "Hello, I run a small homeware store in Dublin and I'm interested in stocking your "
                "hand-woven peshtemal towels. Do you offer wholesale prices for 50+ pieces?"),
       ("<", 90, "Hi James, thank you for reaching out! Yes, orders of 50 pieces or more get 25% off. I'll "
                 "send our wholesale catalogue today."),
       (">", 400, "Great, looking forward to it. Could you also tell me the lead time for 100 pieces?"),
       subject="Wholesale inquiry", unread=True, labels=("VIP", "toptan")),
    _c("telegram", "612004871", "Fatma Şahin", 98,
       (">", 0, "Kargo takip numaram çalışmıyor, Aras'ın sitesinde “bulunamadı” diyor."),
       ("<", 15, "Merhaba Fatma Hanım, kargo firması numarayı genelde akşam sisteme işliyor. Takip no: "
                 "3817229055. Yarın sabah tekrar dener misiniz?"),
       (">", 900, "Şimdi göründü, teşekkür ederim."),
       status="resolved", labels=("kargo",), survey=(2, "Kargo çok geç geldi.")),
    _c("webchat", "v-42be09", "Selin Koç", 75,
       (">", 0, "Masa örtüsünün 140x200 ölçüsü de var mı? Sitede sadece 140x180 görüyorum."),
       ("<", 20, "Merhaba Selin Hanım, 140x200'ü sipariş üzerine dokuyoruz; 7 iş günü içinde hazır olur. "
                 "İster misiniz?"),
       (">", 35, "Evet lütfen, bej renk olsun."),
       status="pending", labels=("özel sipariş",)),
    _c("email", "hakan.dogan@yahoo.com", "Hakan Doğan", 20,
       (">", 0, "Merhabalar, aldığım kilim yastık kılıfının rengi fotoğraftakinden çok farklı. İade etmek "
                "istiyorum, nasıl yapabilirim?"),
       ("<", 60, "Merhaba Hakan Bey, ürünü 14 gün içinde ücretsiz iade edebilirsiniz. Yurtiçi Kargo'ya "
                 "14628830 anlaşma koduyla verebilirsiniz; ücret iadesi 3-5 iş günü içinde yapılır."),
       (">", 600, "Kargoya verdim, gönderi kodu 77201184. Param ne zaman yatar?"),
       subject="İade talebi", unread=True, labels=("iade",)),
    _c("email", "anna.rossi@libero.it", "Anna Rossi", 140,
       (">", 0, "Hi, my order #10455 is a gift for my mother. Could you wrap it and add a small card saying "
                "“Buon compleanno, mamma!”?"),
       ("<", 50, "Of course, Anna! We'll wrap it in our hand-printed paper and add the card. Happy birthday "
                 "to your mum!"),
       subject="Gift wrapping for order #10455", status="resolved", survey=(4, "")),
    _c("telegram", "700312559", "Burak Yıldız", 60,
       (">", 0, "Yeni koleksiyon ne zaman gelecek? Lacivert kupaları bekliyorum."),
       ("<", 25, "Merhaba Burak Bey, fırından çıkan yeni seri perşembe sitede olacak. Size haber veririm!"),
       status="snoozed", snooze_days=3),
    _c("webchat", "v-93ad14", "İrem Güneş", 1,
       (">", 0, "Seramik kupalar bulaşık makinesinde yıkanabilir mi? Mikrodalgaya da girer mi?"),
       unread=True),
    _c("email", "olivia.brown@gmail.com", "Olivia Brown", 44,
       (">", 0, "Hello, my parcel arrived today and one of the two vases is cracked. I've attached a photo. "
                "What can we do?"),
       ("<", 35, "Hi Olivia, I'm so sorry! We will send a replacement free of charge. Could you confirm that "
                 "your address is still the same?"),
       (">", 80, "Yes, same address. Thanks for the quick answer!"),
       subject="Order arrived damaged", labels=("iade",)),
    _c("telegram", "433871220", "Ahmet Kılıç", 84,
       (">", 0, "Toplu alımda indirim yapıyor musunuz? Düğün hediyesi için 30 kupa lazım."),
       ("<", 30, "Merhaba Ahmet Bey, 20 adet üzeri siparişlerde %15 indirim uyguluyoruz. Kupaların üzerine "
                 "isim de yazabiliriz."),
       (">", 50, "Süper, isim listesini yarın göndereyim."),
       status="pending", labels=("toptan",)),
    _c("email", "deniz.ercan@gmail.com", "Deniz Erçan", 150,
       (">", 0, "Merhaba, #10477 numaralı siparişimin teslimat adresini değiştirmem gerekiyor. Yeni adres: "
                "Bağdat Cad. No: 214 D:5 Maltepe/İstanbul"),
       ("<", 18, "Merhaba Deniz Hanım, siparişiniz henüz kargoya verilmediği için adresi güncelledik."),
       subject="Adres değişikliği", status="resolved", labels=("kargo",), survey=(None, "")),
    _c("webchat", "v-5f0c3e", "Tom Becker", 110,
       (">", 0, "Hi, are the prices on the site in Turkish lira? Can I pay in euros with PayPal?"),
       ("<", 4, "Hi Tom, prices are in TL, and your card or PayPal converts them at checkout. Shipping to "
                "the Netherlands is €18."),
       status="resolved", survey=(5, "")),
    _c("telegram", "389245117", "Esra Polat", 190,
       (">", 0, "Merhaba, pötikareli masa örtüsü yıkamada çeker mi?"),
       ("<", 22, "Merhaba Esra Hanım, %100 pamuk olduğu için ilk yıkamada %3 kadar çekebilir; 30 derecede "
                 "yıkamanızı öneririz."),
       (">", 30, "Teşekkürler, o zaman bir büyük ölçüyü alayım."),
       status="resolved", survey=(5, "Çok hızlı yanıt, teşekkürler.")),
    _c("email", "murat.sezer@gmail.com", "Murat Sezer", 70,
       (">", 0, "Kapıda ödeme ile aldığım ürünü iade ettim, param ne zaman yatar? IBAN'ımı yazıyorum: "
                "TR12 0006 4000 0011 2345 6789 01"),
       ("<", 120, "Merhaba Murat Bey, iadeniz depomuza ulaştı. Kapıda ödemeli siparişlerde iade 3-5 iş günü "
                  "içinde IBAN'ınıza yapılır."),
       subject="Kapıda ödeme iadesi", status="snoozed", snooze_days=2, labels=("iade",),
       note="İade ödemesi cuma günü yapılacak; cuma günü dekontu gönder."),
    _c("webchat", "v-c8e211", "Gökhan Uçar", 8,
       (">", 0, "Sipariş verdim ama onay e-postası gelmedi, sipariş alındı mı?"),
       (">", 3, "Sipariş no 10502 sanırım."),
       unread=True),
    _c("email", "maria.garcia@gmail.com", "María García", 96,
       (">", 0, "Hello! I bought your terracotta plates last year and loved them. Could you make a set of 8 "
                "in sage green?"),
       ("<", 180, "Hi María, lovely to hear from you again! Yes, we can glaze a set of 8 in sage green. It "
                  "takes about three weeks; I'll send you a photo of the glaze sample first."),
       (">", 240, "Wonderful, please do!"),
       subject="Custom colour for ceramic plates", status="pending", labels=("VIP", "özel sipariş")),
    _c("telegram", "615530982", "Kübra Aksoy", 0.5,
       (">", 0, "Merhaba, hediye paketi yapıyor musunuz? Cumartesi doğum günü var, İzmir'e yetişir mi?"),
       unread=True),
    _c("email", "serkan.tas@icloud.com", "Serkan Taş", 14,
       (">", 0, "Merhaba, dörtlü kase seti sipariş ettim ama kutudan üç kase çıktı."),
       ("<", 25, "Merhaba Serkan Bey, özür dileriz! Eksik kaseyi bugün kargoluyoruz; takip numarasını "
                 "akşam ileteceğim."),
       subject="Eksik ürün", labels=("kargo",)),
    _c("webchat", "v-77d0b2", "Lucas Martin", 36,
       (">", 0, "Do you have the striped peshtemal in grey? Only navy is shown."),
       ("<", 10, "Hi Lucas, grey is back in stock next week. Shall I let you know?"),
       (">", 14, "Yes please!"),
       status="snoozed", snooze_days=5),
)

CANNED = (
    ("Kargo bilgisi", "kargo", "tr", "kargom nerede kargo takip numarası ne zaman gelir",
     "Merhaba {{contact.first_name}}, siparişiniz kargoya verildi Takip numaranızı SMS ile ilettik; "
     "1-3 iş günü içinde elinizde olur.\n\nSevgiler,\n{{agent.name}} – {{shop.name}}"),
    ("İade ve değişim", "iade", "tr", "iade değişim kırık hasarlı ürün para iadesi",
     "Merhaba {{contact.first_name}}, ürünü teslim aldığınız günden itibaren 14 gün içinde iade "
     "edebilirsiniz. Yurtiçi Kargo'ya 14628830 anlaşma koduyla ücretsiz gönderebilirsiniz; ücret iadesi, "
     "ürün bize ulaştıktan sonra 3-5 iş günü içinde yapılır.\n\n{{agent.name}} – {{shop.name}}"),
    ("Teşekkür", "tesekkur", "tr", "teşekkürler çok güzel geldi",
     "Çok teşekkür ederiz {{contact.first_name}}! Güzel günlerde kullanmanızı dileriz. Memnun kaldıysanız "
     "bir yorum bırakırsanız çok seviniriz.\n\n{{shop.name}}"),
    ("Kapıda ödeme", "kapida", "tr", "kapıda ödeme nakit kart",
     "Merhaba {{contact.first_name}}, kapıda nakit veya kredi kartıyla ödeyebilirsiniz. Kapıda ödeme hizmet "
     "bedeli 20 TL'dir ve sepette otomatik eklenir."),
    ("Fatura", "fatura", "tr", "fatura kurumsal vergi numarası",
     "Merhaba {{contact.first_name}}, faturanız e-Arşiv fatura olarak e-posta adresinize gönderilir. "
     "Kurumsal fatura için ünvan, vergi dairesi ve vergi numaranızı yazmanız yeterli."),
    ("Beden ve ölçü", "olcu", "tr", "beden ölçü boy kaç cm uzun gelir",
     "Merhaba {{contact.first_name}}, ölçüler her ürün sayfasının “Ölçüler” sekmesinde. Keten önlüklerimiz "
     "tek beden: boy 85 cm, bel bağcığı ayarlanabilir. Emin olamazsanız boyunuzu yazın, birlikte bakalım."),
    ("İndirim kodu", "indirim", "tr", "indirim kodu çalışmıyor geçersiz kupon",
     "Merhaba {{contact.first_name}}, HOSGELDIN10 kodu ilk siparişinizde, 300 TL ve üzeri sepetlerde %10 "
     "indirim sağlar. Kodu ödeme adımındaki “İndirim kodu” alanına yazabilirsiniz."),
    ("Hediye paketi", "hediye", "tr", "hediye paketi not kartı doğum günü yetişir mi",
     "Merhaba {{contact.first_name}}, tüm siparişleri ücretsiz hediye paketiyle gönderiyoruz. Not kartına "
     "yazılmasını istediğiniz mesajı sipariş notuna eklemeniz yeterli; 14:00'e kadar verilen siparişler aynı "
     "gün kargoda.\n\n{{agent.name}} – {{shop.name}}"),
    ("Shipping abroad", "shipping", "en", "do you ship delivery time customs tracking",
     "Hi {{contact.first_name}}, we ship worldwide from Istanbul with PTT/EMS. Delivery takes 5–8 business "
     "days to Europe and 7–12 to the UK and the US; you will get a tracking number by email.\n\n"
     "Best wishes,\n{{agent.name}} from {{shop.name}}"),
    ("Returns", "returns", "en", "return refund damaged broken cracked",
     "Hi {{contact.first_name}}, you can return any item within 14 days of delivery. Write to us first and "
     "we'll send you the return address; refunds are made within 5 business days after the parcel arrives."
     "\n\n{{agent.name}}, {{shop.name}}"),
    ("Thank you", "thanks", "en", "thank you beautiful love it",
     "Thank you so much, {{contact.first_name}}! We hope you enjoy your handmade pieces.\n\n"
     "{{agent.name}}, {{shop.name}}"),
)
# fmt: on


class StoryDelivery:
    """A channel of the demo inbox: a reply to one of the story's made-up customers is kept as sent and
    goes nowhere; any other (a visitor of the demo shop's chat) goes out through ``channel`` as usual."""

    def __init__(self, channel, addresses: frozenset[str]) -> None:
        self._channel, self.name, self._addresses = channel, channel.name, addresses

    async def send(self, item: OutgoingItem) -> str | None:
        if item.to_address in self._addresses:
            log.info("demo: the reply to %s stays here (a made-up customer)", item.to_address)
            return f"demo-{item.message_id}"
        return await self._channel.send(item)

    def __getattr__(self, name: str):
        return getattr(self._channel, name)  # start, stop, typing, reload, demo_url, inner …


def keep_story_replies_local(ctx) -> None:
    """Wrap the registered channels so that the owner can answer the demo's conversations (a reply to
    them would otherwise wait for an account or be refused as unknown by the relay). Only in a store the
    story was written into: ``--demo --data-dir`` on a real inbox answers its customers as usual."""
    with read_session(ctx.engine) as session:
        story = session.exec(select(Message.id).where(Message.natural_key.startswith("demo/")).limit(1))
        if story.first() is None:
            return
    for channel in ctx.channels.all():
        addresses = frozenset(c.address for c in (*PAST, *CONVERSATIONS) if c.channel == channel.name)
        if addresses:
            ctx.channels.register(StoryDelivery(channel, addresses))


def fill_demo_if_empty(ctx, *, now: datetime | None = None) -> bool:
    """Fill an empty store with the demo shop's inbox; a store with conversations is left alone."""
    with read_session(ctx.engine) as session:
        if session.exec(select(func.count()).select_from(Conversation)).one():
            return False
    now = now or datetime.now(UTC)
    _fill_settings(ctx)
    _store(ctx, PAST, now, "past")
    _store(ctx, CONVERSATIONS, now, "demo")
    _fill_canned(ctx)
    _fill_invitations(ctx)
    return True


def _fill_settings(ctx) -> None:
    settings = replace(
        ctx.settings,
        shop_name=ctx.settings.shop_name or SHOP_NAME,
        owner_name=ctx.settings.owner_name or OWNER_NAME,
    )
    if settings != ctx.settings:
        save_settings(ctx.engine, settings)
        ctx.settings = settings
    # open around the clock, so that trying the demo shop's chat at night finds the shop online
    always = {day: ["00:00", "00:00"] for day in automation.WEEK}
    automation.save_automation_settings(ctx.engine, automation.AutomationSettings(hours=always))


def _store(ctx, scripted: tuple[DemoConversation, ...], now: datetime, prefix: str) -> None:
    """All messages in one ingest (one transaction), then the owner's actions on each conversation."""
    items = [
        _item(conv, line, now, f"{prefix}/{n}/{i}", ctx.settings.owner_name)
        for n, conv in enumerate(scripted)
        for i, line in enumerate(conv.lines)
    ]
    results = ingest(ctx.engine, items, blobs=ctx.blobs, publish=ctx.publish)
    first_of = {}
    for item, result in zip(items, results, strict=True):
        first_of.setdefault(item.natural_key.rsplit("/", 1)[0], result.conversation_id)
    for n, conv in enumerate(scripted):
        _act(ctx, conv, first_of[f"{prefix}/{n}"], now)


def _item(conv: DemoConversation, line, now: datetime, key: str, owner: str) -> IncomingItem:
    arrow, minutes, text = line
    outgoing = arrow == "<"
    return IncomingItem(
        channel=conv.channel,
        natural_key=key,
        # an outgoing reply names the customer's address, so it threads into their conversation
        sender_address=conv.address,
        sender_name=owner if outgoing else conv.name,
        text=text,
        subject=conv.subject,
        direction="outgoing" if outgoing else "incoming",
        created_at=now - timedelta(hours=conv.hours_ago) + timedelta(minutes=minutes),
    )


def _act(ctx, conv: DemoConversation, conversation_id: int, now: datetime) -> None:
    engine, publish = ctx.engine, ctx.publish
    if conv.labels:
        conversations.set_labels(engine, publish, conversation_id=conversation_id, names=list(conv.labels))
    if conv.note:
        conversations.add_note(
            engine, publish, conversation_id=conversation_id, text=conv.note, author=ctx.settings.owner_name
        )
    answered = any(arrow == "<" for arrow, _, _ in conv.lines)
    if not conv.unread or answered:
        conversations.mark_read(engine, publish, conversation_id=conversation_id)
    if conv.unread and answered:
        # only the customer's last message, after our reply, is new
        conversations.mark_read(engine, publish, conversation_id=conversation_id, read=False)
    if conv.snooze_days:
        until = (now + timedelta(days=conv.snooze_days)).replace(hour=6, minute=0, second=0, microsecond=0)
        conversations.snooze(engine, publish, conversation_id=conversation_id, until=until)
    elif conv.status != "open":
        conversations.set_status(engine, publish, conversation_id=conversation_id, status=conv.status)
    if conv.status == "resolved":
        _resolved_in_the_story(ctx, conv, conversation_id, now)


def _resolved_in_the_story(ctx, conv: DemoConversation, conversation_id: int, now: datetime) -> None:
    """The story's resolves are days old: resolved a quarter of an hour after the last message (so the
    reports' resolution times are the story's), and the follow-up the resolve just scheduled is not sent
    to these made-up customers. Where the story has one, it went out half an hour after the last message."""
    last = now - timedelta(hours=conv.hours_ago) + timedelta(minutes=max(m for _, m, _ in conv.lines))
    with write_session(ctx.engine) as session:
        row = session.get(Conversation, conversation_id)
        row.resolved_at = last + timedelta(minutes=15)
        session.add(row)
        surveys.cancel_pending(session, conversation_id, reason="demo")
        if conv.survey is not None:
            score, comment = conv.survey
            sent_at = last + timedelta(minutes=30)
            surveys.record_past(session, row, sent_at=sent_at, score=score, comment=comment)


# Two proactive invitations the demo shop's page (/demo) shows a newcomer: wait there, or fill the cart.
INVITATIONS = (
    invitations.Rule(
        id="r_demo_sepet",
        name="Dolu sepet",
        min_cart_value=500,
        message_tr="Güzel seçimler! 750 ₺ üzeri kargo bizden; bir sorunuz olursa buradayım.",
        message_en="Lovely picks! Shipping is free over ₺750; ask me anything.",
    ),
    invitations.Rule(
        id="r_demo_bekleyen",
        name="Sayfada 45 sn",
        seconds_on_page=45,
        message_tr="Merhaba! Aradığınızı bulabildiniz mi? Hediye paketi ve kargo için yardımcı olabilirim.",
        message_en="Hi! Finding what you need? I can help with gift wrapping and shipping.",
    ),
)


def _fill_invitations(ctx) -> None:
    with read_session(ctx.engine) as session:
        if invitations.load_rules(session):
            return
    invitations.save_rules(ctx.engine, ctx.publish, list(INVITATIONS))


def _fill_canned(ctx) -> None:
    with read_session(ctx.engine) as session:
        taken = set(session.exec(select(CannedReply.shortcut)))
    for title, shortcut, language, questions, body in CANNED:
        if shortcut not in taken:
            canned.save_canned(
                ctx.engine,
                ctx.publish,
                title=title,
                shortcut=shortcut,
                language=language,
                body=body,
                questions=questions,
            )
