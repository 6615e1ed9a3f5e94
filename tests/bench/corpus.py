"""Word lists and sentence templates for the benchmark store: a Turkish handmade shop's inbox."""

from __future__ import annotations

import random


def _split(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


FIRST_TR = _split(
    "Ayşe Fatma Zeynep Elif Emine Hatice Merve Büşra Gülşen Şeyma İrem Özge Çiğdem Gökçe Selin Derya "
    "Kübra Esra Tuğba Ebru Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Murat Ömer Yusuf Emre Burak "
    "Oğuz Çağrı Serkan Gökhan Uğur Barış Onur Tolga Şükrü Kadir Ümit Doğan Erdem Tarık Cem Can"
)
LAST_TR = _split(
    "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç Aslan Çetin "
    "Kara Koç Kurt Özkan Şimşek Polat Erdoğan Güneş Aksoy Uçar Taş Ekinci Türkmen Bozkurt Karaca Ünal "
    "Güler Sarı Işık Akgül Tekin Keskin Duman Bulut Eren"
)
FIRST_EN = _split("Sarah James Olivia Emma Lucas Anna Tom Maria Daniel Sophie Liam Chloe Noah Mia Jack Laura")
LAST_EN = _split("Miller Smith Brown Becker Rossi García Martin Wilson Taylor Müller Dubois Jansen Novak")

PRODUCTS_TR = _split(
    "kupa,kupa seti,seramik tabak,servis tabağı,kase,çorba kasesi,vazo,saksı,fincan,çay bardağı,"
    "tuzluk,sürahi,keten önlük,peştemal,masa örtüsü,runner,yastık kılıfı,kilim yastık,nevresim,"
    "havlu,bornoz,el örgüsü şal,makrome askı,tabak seti,espresso fincanı,mumluk,tütsülük,çömlek,"
    "güveç,zeytinyağı şişesi,ekmek sepeti,amigurumi,battaniye,kırlent,perde,tepsi",
    ",",
)
PRODUCTS_EN = _split(
    "mug,mug set,ceramic plate,serving plate,bowl,vase,planter,cup,pitcher,linen apron,peshtemal towel,"
    "tablecloth,cushion cover,kilim cushion,bedding set,bath towel,throw blanket,candle holder,tray",
    ",",
)
COLORS_TR = _split(
    "lacivert,bej,krem,toprak,terrakota,adaçayı yeşili,hardal,bordo,füme,gri,beyaz,siyah,turkuaz,mercan,"
    "zümrüt,lila,pudra,ekru,kiremit,okyanus mavisi",
    ",",
)
COLORS_EN = _split("navy,beige,cream,sage green,mustard,grey,white,black,turquoise,coral,terracotta", ",")
CITIES = _split(
    "İstanbul Ankara İzmir Bursa Antalya Eskişehir Konya Kayseri Trabzon Samsun Gaziantep Mersin Adana "
    "Denizli Muğla Çanakkale Edirne Tekirdağ Sakarya Kocaeli Düzce Bolu Rize Artvin Erzurum Van Mardin "
    "Diyarbakır Şanlıurfa Hatay Aydın Manisa Balıkesir Uşak Afyonkarahisar Isparta Burdur Nevşehir Sivas "
    "Tokat Ordu Giresun Kastamonu Sinop Çorum Yozgat Kırşehir Niğde Aksaray Karaman Kütahya Bilecik"
)
COUNTRIES = _split(
    "Germany,the Netherlands,France,Italy,Spain,the UK,Ireland,Austria,Belgium,Sweden,the US", ","
)
CARRIERS = _split("Yurtiçi Kargo,Aras Kargo,MNG Kargo,PTT Kargo,Sürat Kargo,HepsiJET", ",")
DAYS_TR = _split("pazartesi,salı,çarşamba,perşembe,cuma,cumartesi,pazar", ",")
TIMES_TR = _split("3 gündür,bir haftadır,dünden beri,iki gündür,geçen haftadan beri,10 gündür", ",")
RARE_TR = _split(
    "çömlekçi sırlı astarlı el boyaması fırınlanmış kil rakı kadehi şamdan ibrik cezve nazarlık "
    "yağlıboya çini İznik Kütahya Avanos Menemen dokuma tezgâhı Buldan Denizli bezi ipek kozası "
    "Bursa ipeği hasır sepet ahşap kaşık zeytin ağacı bakır güğüm telkâri"
)

INCOMING_TR = (
    "Merhaba, {order} numaralı siparişim {since} hâlâ gelmedi. Kargo takip numarası nedir?",
    "Merhaba, {product} {color} renkte var mı? Stokta görünmüyor.",
    "İyi günler, {product} ölçüleri nedir? Sitede göremedim.",
    "Merhaba, siparişimdeki {product} kırık geldi, fotoğrafını gönderiyorum. "
    "İade mi değişim mi yapabilirsiniz?",
    "Kapıda ödeme seçeneğiniz var mı? {city} için kargo ücreti ne kadar?",
    "Merhaba, {order} siparişim için kurumsal fatura rica ediyorum. Vergi dairesi {city}.",
    "İndirim kodu çalışmıyor, {code} yazınca geçersiz diyor.",
    "Merhaba, {product} bulaşık makinesinde yıkanabilir mi?",
    "{carrier} teslim edemedik diyor ama evdeydim. Siparişim {order} nerede?",
    "Teşekkürler, {product} çok güzel geldi! Paketleme de harikaydı.",
    "Merhaba, {product} için {rare} seçeneğiniz var mı? Hediye olarak alacağım.",
    "Adresimi değiştirmem gerekiyor: {city}, {district} Mah. No {num}. Sipariş {order}.",
    "{product} iade etmek istiyorum, rengi fotoğraftakinden farklı. Nasıl gönderebilirim?",
    "Toplu alımda indirim yapıyor musunuz? {num} adet {product} lazım.",
    "Merhaba, {day} gününe kadar {city} adresine yetişir mi?",
    "Hediye paketi yapıyor musunuz? Not kartına '{note}' yazabilir misiniz?",
    "Siparişimi iptal etmek istiyorum, {order} numaralı. Param ne zaman iade edilir?",
    "Beden tablosu var mı? {product} bana büyük gelir mi, boyum 1.{num2}",
)
OUTGOING_TR = (
    "Merhaba {first}, siparişiniz {carrier} ile kargoya verildi. Takip numaranız: {track}. Sevgiler, Elif",
    "Merhaba {first}, {product} {color} renkte {day} günü tekrar stokta olacak. Size haber verelim mi?",
    "Merhaba {first}, çok üzüldük! Yenisini hemen gönderiyoruz, kırık ürünü geri göndermenize gerek yok.",
    "Merhaba {first}, kapıda ödeme mümkün; 20 TL hizmet bedeli ekleniyor. {city} için kargo ücretsiz.",
    "Merhaba {first}, faturanız e-Arşiv olarak e-posta adresinize gönderildi.",
    "Merhaba {first}, {code} kodu 300 TL ve üzeri sepetlerde geçerli. Sepetiniz şu an {num} TL görünüyor.",
    "Merhaba {first}, {product} 14 gün içinde iade edilebilir. Anlaşmalı kargo kodu: {track}.",
    "Çok teşekkür ederiz {first}! Güzel günlerde kullanın 🙏",
    "Merhaba {first}, adresinizi güncelledik, siparişiniz {day} günü çıkacak.",
    "Merhaba {first}, {num} adet ve üzeri siparişlerde %15 indirim uyguluyoruz.",
)
INCOMING_EN = (
    "Hi, do you ship to {country}? I'd love to order the {product_en} in {color_en}.",
    "Hello, my order {order} hasn't arrived yet. Could you send me the tracking number?",
    "Hi! The {product_en} arrived cracked. What can we do?",
    "Is the {product_en} dishwasher safe? Thanks!",
    "Hello, can I pay in euros with PayPal? Shipping to {country}.",
    "Thank you, the {product_en} is beautiful! Will order again.",
    "Do you offer wholesale prices for {num} pieces of the {product_en}?",
)
OUTGOING_EN = (
    "Hi {first}, yes, we ship to {country} with PTT/EMS, usually 5–8 business days. Best, Elif",
    "Hi {first}, your parcel is on its way, tracking number {track}.",
    "Hi {first}, so sorry! We'll send a replacement free of charge.",
    "Thank you so much, {first}! Enjoy your handmade pieces.",
)
NOTES_TR = (
    "Kargo hasarı, tutanak açıldı.",
    "VIP müşteri, her siparişe küçük hediye ekle.",
    "İade ödemesi cuma günü yapılacak.",
    "Paketlemede sayım hatası, depoya söyle.",
)
SUBJECTS_TR = (
    "Sipariş {order},Kargo durumu,İade talebi,Fatura talebi,Ürün sorusu,Toptan sipariş,Adres değişikliği"
)
SUBJECTS_EN = "Order {order},Shipping question,Damaged item,Wholesale inquiry"
DISTRICTS = _split(
    "Moda Bostancı Alsancak Çankaya Kızılay Nilüfer Konyaaltı Bornova Beşiktaş Kadıköy Karşıyaka"
)
CODES = _split("HOSGELDIN10 YAZ20 BAHAR15 KIS25 ANNELER10 SEPET50")
NOTES_CARD = _split("İyi ki doğdun anne,Nice mutlu yıllara,Yeni evinize hayırlı olsun,Seni seviyorum", ",")


class TextMaker:
    """Realistic, varied message texts; order and tracking numbers make many rare words."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def _slots(self, first: str) -> dict[str, str]:
        r = self.rng
        return {
            "order": f"#{r.randint(10000, 99999)}",
            "product": r.choice(PRODUCTS_TR),
            "product_en": r.choice(PRODUCTS_EN),
            "color": r.choice(COLORS_TR),
            "color_en": r.choice(COLORS_EN),
            "city": r.choice(CITIES),
            "country": r.choice(COUNTRIES),
            "carrier": r.choice(CARRIERS),
            "day": r.choice(DAYS_TR),
            "since": r.choice(TIMES_TR),
            "code": r.choice(CODES),
            "rare": " ".join(r.sample(RARE_TR, 2)),
            "district": r.choice(DISTRICTS),
            "num": str(r.randint(2, 400)),
            "num2": str(r.randint(50, 95)),
            "note": r.choice(NOTES_CARD),
            "track": str(r.randint(10**9, 10**10 - 1)),
            "first": first,
        }

    def message(self, direction: str, english: bool, first: str) -> str:
        if direction == "note":
            return self.rng.choice(NOTES_TR)
        if direction == "incoming":
            pool = INCOMING_EN if english else INCOMING_TR
        else:
            pool = OUTGOING_EN if english else OUTGOING_TR
        slots = self._slots(first)
        text = self.rng.choice(pool).format(**slots)
        if direction == "incoming" and self.rng.random() < 0.35:
            text += " " + self.rng.choice(pool).format(**self._slots(first))
        if direction == "incoming" and not english and self.rng.random() < 0.5:
            text += " Teşekkürler."
        return text

    def subject(self, english: bool) -> str:
        pool = (SUBJECTS_EN if english else SUBJECTS_TR).split(",")
        return self.rng.choice(pool).format(order=f"#{self.rng.randint(10000, 99999)}")

    def person(self, english: bool) -> tuple[str, str]:
        first = self.rng.choice(FIRST_EN if english else FIRST_TR)
        last = self.rng.choice(LAST_EN if english else LAST_TR)
        return first, last
