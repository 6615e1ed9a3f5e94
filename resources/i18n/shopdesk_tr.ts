<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="tr_TR">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Save</source>
        <translation>Kaydet</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Kapat</translation>
    </message>
    <message>
        <source>Not saved: this computer has no password store (keyring). Start your desktop&apos;s keyring (GNOME Keyring, KWallet) and save again.</source>
        <translation>Kaydedilmedi: bu bilgisayarda parola deposu (anahtarlık) yok. Masaüstünüzün anahtarlığını (GNOME Keyring, KWallet) başlatıp yeniden kaydedin.</translation>
    </message>
    <message>
        <source>Not removed: %1</source>
        <translation>Kaldırılmadı: %1</translation>
    </message>
    <message>
        <source>Removed. Its conversations stay in your inbox.</source>
        <translation>Kaldırıldı. Konuşmaları gelen kutunuzda kalıyor.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Kaldır</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Vazgeç</translation>
    </message>
    <message>
        <source>No password store</source>
        <translation>Parola deposu yok</translation>
    </message>
</context>
<context>
    <name>AttachmentChips</name>
    <message>
        <source>Remove %1</source>
        <translation>Kaldır: %1</translation>
    </message>
</context>
<context>
    <name>CannedManagerDialog</name>
    <message>
        <source>Canned replies</source>
        <translation>Hazır yanıtlar</translation>
    </message>
    <message>
        <source>Search canned replies</source>
        <translation>Hazır yanıtlarda ara</translation>
    </message>
    <message>
        <source>+ New</source>
        <translation>+ Yeni</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Başlık</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Kısayol</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Dil</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Yanıt</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dosyalar</translation>
    </message>
    <message>
        <source>Shipping times</source>
        <translation>Kargo süreleri</translation>
    </message>
    <message>
        <source>shipping</source>
        <translation>kargo</translation>
    </message>
    <message>
        <source>Hello {{contact.first_name}}, …</source>
        <translation>Merhaba {{contact.first_name}}, …</translation>
    </message>
    <message>
        <source>Insert:</source>
        <translation>Ekle:</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Ad soyad</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>Mağaza adı</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Adınız</translation>
    </message>
    <message>
        <source>Conversation no.</source>
        <translation>Konuşma no.</translation>
    </message>
    <message>
        <source>Insert {{%1}} at the cursor</source>
        <translation>{{%1}} değişkenini imlecin olduğu yere ekle</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Her dil</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>Dosya ekle…</translation>
    </message>
    <message>
        <source>FAQ</source>
        <translation>SSS</translation>
    </message>
    <message>
        <source>Answer as FAQ</source>
        <translation>SSS olarak yanıtla</translation>
    </message>
    <message>
        <source>Let the FAQ bot send this when a customer asks one of these questions.</source>
        <translation>Müşteri bu sorulardan birini sorduğunda SSS botu bu yanıtı göndersin.</translation>
    </message>
    <message>
        <source>Example questions (one per line)</source>
        <translation>Örnek sorular (her satıra bir tane)</translation>
    </message>
    <message>
        <source>Write them the way customers do, in Turkish and English; the title counts as one too.</source>
        <translation>Müşterilerin yazdığı gibi, Türkçe ve İngilizce yazın; başlık da bir soru sayılır.</translation>
    </message>
    <message>
        <source>The bot sends the reply as written: {{variables}} are not filled in for it.</source>
        <translation>Bot yanıtı yazıldığı gibi gönderir: {{değişkenler}} doldurulmaz.</translation>
    </message>
    <message>
        <source>PREVIEW FOR %1</source>
        <translation>%1 İÇİN ÖNİZLEME</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Kaydet</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Kapat</translation>
    </message>
    <message>
        <source>Deleted.</source>
        <translation>Silindi.</translation>
    </message>
    <message>
        <source>Give the reply a title.</source>
        <translation>Yanıta bir başlık verin.</translation>
    </message>
    <message>
        <source>A shortcut is one word, like “shipping”.</source>
        <translation>Kısayol tek kelimedir, örneğin “kargo”.</translation>
    </message>
    <message>
        <source>Write the reply.</source>
        <translation>Yanıt metnini yazın.</translation>
    </message>
    <message>
        <source>The shortcut /%1 is already used by “%2”.</source>
        <translation>/%1 kısayolunu zaten “%2” kullanıyor.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Kaydedildi.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Kaydedilmemiş değişiklikler</translation>
    </message>
    <message>
        <source>Add files to the reply</source>
        <translation>Yanıta dosya ekle</translation>
    </message>
    <message>
        <source>Edit canned reply</source>
        <translation>Hazır yanıtı düzenle</translation>
    </message>
    <message>
        <source>New canned reply</source>
        <translation>Yeni hazır yanıt</translation>
    </message>
    <message>
        <source>Click again to delete</source>
        <translation>Silmek için tekrar tıklayın</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Sil</translation>
    </message>
</context>
<context>
    <name>CannedPicker</name>
    <message>
        <source>CANNED REPLIES</source>
        <translation>HAZIR YANITLAR</translation>
    </message>
    <message>
        <source>↑ ↓ to choose · Enter to insert · Esc to close</source>
        <translation>↑ ↓ seç · Enter ekle · Esc kapat</translation>
    </message>
</context>
<context>
    <name>CannedPreview</name>
    <message>
        <source>Nothing to preview yet.</source>
        <translation>Henüz önizlenecek bir şey yok.</translation>
    </message>
    <message>
        <source>No value yet for %1</source>
        <translation>%1 için henüz değer yok</translation>
    </message>
</context>
<context>
    <name>CartSettingsPage</name>
    <message>
        <source>Send one follow-up for a cart left without an order</source>
        <translation>Siparişe dönüşmeyen bir sepet için bir kez hatırlatma gönder</translation>
    </message>
    <message>
        <source>Off until you turn it on: a reminder about a cart is a commercial message, which KVKK and GDPR allow only when the customer agreed to such messages (for example on your site&apos;s checkout or sign-up form). Every follow-up says how to stop them, and a reply such as STOP is honoured at once.</source>
        <translation>Siz açana kadar kapalıdır: sepet hatırlatması ticari bir iletidir; KVKK ve GDPR bunu yalnızca müşteri bu tür iletilere onay verdiyse (örneğin sitenizin ödeme ya da üyelik formunda) izin verir. Her hatırlatma nasıl durdurulacağını söyler ve DUR gibi bir yanıt hemen dikkate alınır.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Ne zaman</translation>
    </message>
    <message>
        <source>Carts worth at least</source>
        <translation>En az şu tutardaki sepetler</translation>
    </message>
    <message>
        <source>in your shop&apos;s currency</source>
        <translation>mağazanızın para biriminde</translation>
    </message>
    <message>
        <source>Send after</source>
        <translation>Gönderme zamanı</translation>
    </message>
    <message>
        <source> h without an order</source>
        <translation> saat sipariş gelmezse</translation>
    </message>
    <message>
        <source>Send by</source>
        <translation>Gönderim kanalı</translation>
    </message>
    <message>
        <source>By email when the visitor gave their address, else on Telegram when you know them there. A follow-up that could not go out within a day is skipped.</source>
        <translation>Ziyaretçi adresini verdiyse e-postayla, vermediyse Telegram&apos;da tanıdığınız biriyse Telegram&apos;dan. Bir gün içinde gönderilemeyen hatırlatma atlanır.</translation>
    </message>
    <message>
        <source>Link to your cart page</source>
        <translation>Sepet sayfanızın bağlantısı</translation>
    </message>
    <message>
        <source>Empty: the page the visitor was on.</source>
        <translation>Boşsa: ziyaretçinin bulunduğu sayfa.</translation>
    </message>
    <message>
        <source>The message</source>
        <translation>Mesaj</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Önizleme</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>Türkçe</translation>
    </message>
    <message>
        <source>English</source>
        <translation>İngilizce</translation>
    </message>
    <message>
        <source>Email subject</source>
        <translation>E-posta konusu</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Metin</translation>
    </message>
    <message>
        <source>How to stop</source>
        <translation>Nasıl durdurulur</translation>
    </message>
    <message>
        <source>Variables: {{name}} (first name), {{items}}, {{total}}, {{cart_link}}, {{shop_name}}. A line whose variable has no value is left out. Visitors whose browser is in Turkish get the Turkish text, everyone else the English one.</source>
        <translation>Değişkenler: {{name}} (ad), {{items}}, {{total}}, {{cart_link}}, {{shop_name}}. Değişkeninin değeri olmayan satır gönderilmez. Tarayıcısı Türkçe olan ziyaretçiler Türkçe metni, diğer herkes İngilizce metni alır.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Kaydet</translation>
    </message>
    <message>
        <source>Email subject: %1</source>
        <translation>E-posta konusu: %1</translation>
    </message>
</context>
<context>
    <name>CartsWindow</name>
    <message>
        <source>Abandoned carts</source>
        <translation>Terk edilen sepetler</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Dönem:</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Son 7 gün</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Son 30 gün</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Son 90 gün</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Yenile</translation>
    </message>
    <message>
        <source>Carts</source>
        <translation>Sepetler</translation>
    </message>
    <message>
        <source>Followed up</source>
        <translation>Hatırlatılan</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>Geri kazanılan</translation>
    </message>
    <message>
        <source>Value recovered</source>
        <translation>Geri kazanılan tutar</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ayarlar</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Son değişiklik</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Müşteri</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Tutar</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Ürünler</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Durum</translation>
    </message>
    <message>
        <source>No carts in this period yet. They appear here when visitors put something in their cart on your site (the chat widget reports it).</source>
        <translation>Bu dönemde henüz sepet yok. Ziyaretçiler sitenizde sepete bir şey eklediğinde burada görünür (sohbet penceresi bildirir).</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Yükleniyor…</translation>
    </message>
    <message>
        <source>The carts could not be loaded: %1</source>
        <translation>Sepetler yüklenemedi: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Kaydediliyor…</translation>
    </message>
    <message>
        <source>Saved. Carts waiting for a follow-up follow the new settings.</source>
        <translation>Kaydedildi. Hatırlatma bekleyen sepetler yeni ayarlara göre gönderilir.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Kaydedilemedi: %1</translation>
    </message>
    <message>
        <source>with %1 or more in the cart</source>
        <translation>sepette %1 ve üzeri</translation>
    </message>
    <message>
        <source>%1 ordered before a reminder</source>
        <translation>hatırlatmadan önce %1 sipariş</translation>
    </message>
    <message>
        <source>%1 of those followed up</source>
        <translation>hatırlatılanlar içinde %1</translation>
    </message>
    <message>
        <source>orders after a follow-up</source>
        <translation>hatırlatmadan sonra gelen siparişler</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>Ziyaretçi</translation>
    </message>
    <message>
        <source>Double-click to open the conversation</source>
        <translation>Konuşmayı açmak için çift tıklayın</translation>
    </message>
    <message>
        <source>Follow-up: %1</source>
        <translation>Hatırlatma: %1</translation>
    </message>
    <message>
        <source>Followed up by %1</source>
        <translation>%1 ile hatırlatıldı</translation>
    </message>
    <message>
        <source>Recovered: %1</source>
        <translation>Geri kazanıldı: %1</translation>
    </message>
    <message>
        <source>Ordered before the follow-up</source>
        <translation>Hatırlatmadan önce sipariş verildi</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>Sipariş verildi</translation>
    </message>
    <message>
        <source>Skipped: no email or Telegram</source>
        <translation>Atlandı: e-posta ya da Telegram yok</translation>
    </message>
    <message>
        <source>Skipped: opted out</source>
        <translation>Atlandı: hatırlatma istemiyor</translation>
    </message>
    <message>
        <source>Skipped: too late (ShopDesk was closed)</source>
        <translation>Atlandı: çok geç (ShopDesk kapalıydı)</translation>
    </message>
    <message>
        <source>Skipped: no mailbox to send from</source>
        <translation>Atlandı: gönderecek e-posta hesabı yok</translation>
    </message>
    <message>
        <source>Skipped: below the minimum</source>
        <translation>Atlandı: en düşük tutarın altında</translation>
    </message>
    <message>
        <source>Skipped: follow-ups were off</source>
        <translation>Atlandı: hatırlatmalar kapalıydı</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Atlandı</translation>
    </message>
    <message>
        <source>Below the minimum</source>
        <translation>En düşük tutarın altında</translation>
    </message>
    <message>
        <source>Follow-ups are off</source>
        <translation>Hatırlatmalar kapalı</translation>
    </message>
    <message>
        <source>Too late to follow up</source>
        <translation>Hatırlatma için çok geç</translation>
    </message>
    <message>
        <source>Emptied</source>
        <translation>Boşaltıldı</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Bekliyor</translation>
    </message>
</context>
<context>
    <name>ChannelMarks</name>
    <message>
        <source>Email</source>
        <translation>E-posta</translation>
    </message>
    <message>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <source>Web chat</source>
        <translation>Web sohbeti</translation>
    </message>
</context>
<context>
    <name>ChannelPage</name>
    <message>
        <source>Add a channel</source>
        <translation>Kanal ekleyin</translation>
    </message>
    <message>
        <source>Where do your customers write to you? You can add the others later.</source>
        <translation>Müşterileriniz size nereden yazıyor? Diğerlerini sonra da ekleyebilirsiniz.</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-posta</translation>
    </message>
    <message>
        <source>Connect your shop&apos;s mailbox (Gmail, Outlook, Yandex or any IMAP/SMTP server).</source>
        <translation>Mağazanızın posta kutusunu bağlayın (Gmail, Outlook, Yandex ya da herhangi bir IMAP/SMTP sunucusu).</translation>
    </message>
    <message>
        <source>Telegram</source>
        <translation>Telegram</translation>
    </message>
    <message>
        <source>Connect your shop&apos;s Telegram bot; @BotFather makes one in a minute.</source>
        <translation>Mağazanızın Telegram botunu bağlayın; @BotFather bir dakikada bot oluşturur.</translation>
    </message>
    <message>
        <source>Web chat</source>
        <translation>Web sohbeti</translation>
    </message>
    <message>
        <source>Nothing to set up to try it: the demo shop opens with the chat widget on it. For your own web site, connect your chat server later in Edit → Web chat…</source>
        <translation>Denemek için hiçbir şey kurmanız gerekmez: demo mağaza sohbet penceresiyle açılır. Kendi web siteniz için sohbet sunucunuzu daha sonra Düzen → Web sohbeti… bölümünden bağlayın.</translation>
    </message>
    <message>
        <source>Open the demo inbox</source>
        <translation>Demo gelen kutusunu aç</translation>
    </message>
    <message>
        <source>Look around an inbox full of example conversations; your own inbox stays empty.</source>
        <translation>Örnek konuşmalarla dolu bir gelen kutusunu gezin; kendi gelen kutunuz boş kalır.</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Sonra</translation>
    </message>
    <message>
        <source>Start with an empty inbox; add channels from the Edit menu.</source>
        <translation>Boş bir gelen kutusuyla başlayın; kanalları Düzen menüsünden ekleyin.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Reply</source>
        <translation>Yanıt</translation>
    </message>
    <message>
        <source>Private note</source>
        <translation>Özel not</translation>
    </message>
    <message>
        <source>Attach file</source>
        <translation>Dosya ekle</translation>
    </message>
    <message>
        <source>Attach files to this reply</source>
        <translation>Bu yanıta dosya ekle</translation>
    </message>
    <message>
        <source>Canned reply</source>
        <translation>Hazır yanıt</translation>
    </message>
    <message>
        <source>Insert a canned reply (/)</source>
        <translation>Hazır yanıt ekle (/)</translation>
    </message>
    <message>
        <source>%1 to send · / for canned replies</source>
        <translation>Göndermek için %1 · hazır yanıtlar için /</translation>
    </message>
    <message>
        <source>Not attached: %1</source>
        <translation>Eklenmedi: %1</translation>
    </message>
    <message>
        <source>Still to fill: %1. Press Ctrl+Enter again to send it as it is.</source>
        <translation>Doldurulmamış: %1. Olduğu gibi göndermek için Ctrl+Enter’a yeniden basın.</translation>
    </message>
    <message>
        <source>Private note added.</source>
        <translation>Özel not eklendi.</translation>
    </message>
    <message>
        <source>Could not queue the reply: %1</source>
        <translation>Yanıt sıraya alınamadı: %1</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Dosya ekle</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Not ekle</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Gönder</translation>
    </message>
    <message>
        <source>Choose a conversation to reply.</source>
        <translation>Yanıtlamak için bir konuşma seçin.</translation>
    </message>
    <message>
        <source>Write a private note. Only you will see it.</source>
        <translation>Özel bir not yazın. Yalnızca siz göreceksiniz.</translation>
    </message>
    <message>
        <source>Write a reply… Type / for canned replies.</source>
        <translation>Yanıtınızı yazın… Hazır yanıtlar için / yazın.</translation>
    </message>
    <message>
        <source>Not sent to the customer</source>
        <translation>Müşteriye gönderilmez</translation>
    </message>
    <message>
        <source>To %1 via %2</source>
        <translation>Alıcı: %1 (%2)</translation>
    </message>
    <message>
        <source>the customer</source>
        <translation>müşteri</translation>
    </message>
    <message>
        <source>⚠ No value for %1: fill it in before sending.</source>
        <translation>⚠ %1 için değer yok: göndermeden önce doldurun.</translation>
    </message>
</context>
<context>
    <name>ConnectionReport</name>
    <message>
        <source>The server said: %1</source>
        <translation>Sunucunun yanıtı: %1</translation>
    </message>
    <message>
        <source>Incoming mail (IMAP)</source>
        <translation>Gelen posta (IMAP)</translation>
    </message>
    <message>
        <source>Outgoing mail (SMTP)</source>
        <translation>Giden posta (SMTP)</translation>
    </message>
    <message>
        <source>The server name %1 could not be found — check the spelling.</source>
        <translation>%1 sunucu adı bulunamadı — yazılışını kontrol edin.</translation>
    </message>
    <message>
        <source>The secure connection (TLS) to %1 failed — check Security (SSL/TLS or STARTTLS) and the port.</source>
        <translation>%1 ile güvenli bağlantı (TLS) kurulamadı — Güvenlik ayarını (SSL/TLS ya da STARTTLS) ve bağlantı noktasını kontrol edin.</translation>
    </message>
    <message>
        <source>Signed in, but the folder %1 could not be opened.</source>
        <translation>Oturum açıldı, ancak %1 klasörü açılamadı.</translation>
    </message>
    <message>
        <source>Could not connect to %1 on port %2 — check the port, and that this computer is online.</source>
        <translation>%1 sunucusuna %2 numaralı bağlantı noktasından bağlanılamadı — bağlantı noktasını ve bu bilgisayarın internete bağlı olduğunu kontrol edin.</translation>
    </message>
    <message>
        <source>The account %1 could not sign in: wrong user name or password.</source>
        <translation>%1 hesabı oturum açamadı: kullanıcı adı ya da parola yanlış.</translation>
    </message>
    <message>
        <source>%1 needs an app password here, not your normal password (see the note above).</source>
        <translation>%1 burada normal parolanızı değil, bir uygulama parolası ister (yukarıdaki nota bakın).</translation>
    </message>
    <message>
        <source>If your provider uses app passwords, create one and enter it here.</source>
        <translation>Sağlayıcınız uygulama parolası kullanıyorsa bir tane oluşturup buraya girin.</translation>
    </message>
</context>
<context>
    <name>ConversationActions</name>
    <message>
        <source>Reopen</source>
        <translation>Yeniden aç</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Beklemede</translation>
    </message>
    <message>
        <source>Waiting on the customer</source>
        <translation>Müşterinin yanıtı bekleniyor</translation>
    </message>
    <message>
        <source>Snooze</source>
        <translation>Ertele</translation>
    </message>
    <message>
        <source>Hide it until a time you choose (S)</source>
        <translation>Seçtiğiniz zamana kadar gizle (S)</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Etiketler</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>Diğer işlemler</translation>
    </message>
    <message>
        <source>Mark unread</source>
        <translation>Okunmadı olarak işaretle</translation>
    </message>
    <message>
        <source>No conversation open</source>
        <translation>Açık konuşma yok</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Çöz</translation>
    </message>
    <message>
        <source>Resolve (E)</source>
        <translation>Çözüldü olarak işaretle (E)</translation>
    </message>
    <message>
        <source>Snoozed until %1</source>
        <translation>%1 tarihine kadar ertelendi</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Açık</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Çözüldü</translation>
    </message>
    <message>
        <source>Resolved.</source>
        <translation>Çözüldü olarak işaretlendi.</translation>
    </message>
    <message>
        <source>Reopened.</source>
        <translation>Yeniden açıldı.</translation>
    </message>
    <message>
        <source>Marked pending.</source>
        <translation>Beklemeye alındı.</translation>
    </message>
    <message>
        <source>Snoozed until %1.</source>
        <translation>%1 tarihine kadar ertelendi.</translation>
    </message>
    <message>
        <source>Marked unread.</source>
        <translation>Okunmadı olarak işaretlendi.</translation>
    </message>
    <message>
        <source>Labels saved.</source>
        <translation>Etiketler kaydedildi.</translation>
    </message>
    <message>
        <source>Later today</source>
        <translation>Bugün daha sonra</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>Yarın</translation>
    </message>
    <message>
        <source>Next week</source>
        <translation>Gelecek hafta</translation>
    </message>
    <message>
        <source>Pick a date and time…</source>
        <translation>Tarih ve saat seç…</translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <source>Pending</source>
        <translation>Beklemede</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Ertelendi</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Çözüldü</translation>
    </message>
</context>
<context>
    <name>ConversationListPane</name>
    <message>
        <source>Conversations</source>
        <translation>Konuşmalar</translation>
    </message>
    <message>
        <source>Search…  (Ctrl+K)</source>
        <translation>Ara…  (Ctrl+K)</translation>
    </message>
    <message>
        <source>Searches messages, names, addresses and subjects</source>
        <translation>Mesajlarda, adlarda, adreslerde ve konularda arar</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Açık</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Beklemede</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Ertelendi</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Çözüldü</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tümü</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Tüm kanallar</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>Tüm etiketler</translation>
    </message>
    <message>
        <source>Which conversations to show; a search looks through all of them</source>
        <translation>Hangi konuşmalar gösterilsin; arama hepsine bakar</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Okunmamış</translation>
    </message>
    <message>
        <source>Show only conversations with unread messages</source>
        <translation>Yalnızca okunmamış mesajı olan konuşmaları göster</translation>
    </message>
    <message>
        <source>No conversation matches “%1”.</source>
        <translation>“%1” ile eşleşen konuşma yok.</translation>
    </message>
    <message>
        <source>Nothing here. Inbox zero!</source>
        <translation>Burada bir şey yok. Gelen kutusu tertemiz!</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <source>Choose a conversation on the left.</source>
        <translation>Soldan bir konuşma seçin.</translation>
    </message>
    <message>
        <source>This conversation no longer exists.</source>
        <translation>Bu konuşma artık yok.</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Siz</translation>
    </message>
    <message numerus="yes">
        <source>Show earlier messages (%n)</source>
        <translation>
            <numerusform>Önceki mesajları göster (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Queued again.</source>
        <translation>Yeniden sıraya alındı.</translation>
    </message>
    <message>
        <source>Queued to be sent again.</source>
        <translation>Yeniden gönderilmek üzere sıraya alındı.</translation>
    </message>
    <message>
        <source>Marked as sent.</source>
        <translation>Gönderildi olarak işaretlendi.</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>Eki kaydet</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 kaydedildi.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>Bir şeyler ters gitti</translation>
    </message>
    <message>
        <source>ShopDesk keeps running. What happened is written to the log file below.</source>
        <translation>ShopDesk çalışmaya devam ediyor. Olanlar aşağıdaki günlük dosyasına yazıldı.</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Ne oldu</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Günlük dosyası</translation>
    </message>
    <message>
        <source>More errors since then: %1</source>
        <translation>O zamandan beri başka hata: %1</translation>
    </message>
    <message>
        <source>Open the log folder</source>
        <translation>Günlük klasörünü aç</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Kapat</translation>
    </message>
</context>
<context>
    <name>CustomerPane</name>
    <message>
        <source>DETAILS</source>
        <translation>BİLGİLER</translation>
    </message>
    <message>
        <source>CHANNELS</source>
        <translation>KANALLAR</translation>
    </message>
    <message>
        <source>NOTES</source>
        <translation>NOTLAR</translation>
    </message>
    <message>
        <source>SATISFACTION</source>
        <translation>MEMNUNİYET</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-posta</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Add a name</source>
        <translation>Ad ekleyin</translation>
    </message>
    <message>
        <source>Add an email address</source>
        <translation>E-posta adresi ekleyin</translation>
    </message>
    <message>
        <source>Add a phone number</source>
        <translation>Telefon numarası ekleyin</translation>
    </message>
    <message>
        <source>Notes about this customer (only you see them)</source>
        <translation>Bu müşteriyle ilgili notlar (yalnızca siz görürsünüz)</translation>
    </message>
    <message>
        <source>Merge with…</source>
        <translation>Birleştir…</translation>
    </message>
    <message>
        <source>This customer wrote from another address too? Merge the two.</source>
        <translation>Bu müşteri başka bir adresten de mi yazdı? İkisini birleştirin.</translation>
    </message>
    <message>
        <source>Select a conversation to see the customer.</source>
        <translation>Müşteriyi görmek için bir konuşma seçin.</translation>
    </message>
    <message>
        <source>Unknown customer</source>
        <translation>Bilinmeyen müşteri</translation>
    </message>
    <message>
        <source>Customer since %1</source>
        <translation>İlk iletişim: %1</translation>
    </message>
    <message>
        <source>CONVERSATIONS (%1)</source>
        <translation>KONUŞMALAR (%1)</translation>
    </message>
    <message>
        <source>“%1” is not an email address.</source>
        <translation>“%1” bir e-posta adresi değil.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Kaydedilmedi: %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Açık</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Beklemede</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>Ertelendi</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Çözüldü</translation>
    </message>
</context>
<context>
    <name>EmailAccountDialog</name>
    <message>
        <source>Email accounts</source>
        <translation>E-posta hesapları</translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation>Posta kutuları</translation>
    </message>
    <message>
        <source>+ Add account</source>
        <translation>+ Hesap ekle</translation>
    </message>
    <message>
        <source>Remove account…</source>
        <translation>Hesabı kaldır…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Bağlantıyı dene</translation>
    </message>
    <message>
        <source>New email account</source>
        <translation>Yeni e-posta hesabı</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 düzenleniyor</translation>
    </message>
    <message>
        <source>%1 is already set up.</source>
        <translation>%1 zaten kurulu.</translation>
    </message>
    <message>
        <source>Testing the servers… (this can take a few seconds)</source>
        <translation>Sunucular deneniyor… (birkaç saniye sürebilir)</translation>
    </message>
    <message>
        <source>No password is saved for this account; type it above.</source>
        <translation>Bu hesap için kayıtlı parola yok; yukarıya yazın.</translation>
    </message>
    <message>
        <source>The test could not run: %1</source>
        <translation>Deneme yapılamadı: %1</translation>
    </message>
    <message>
        <source>✓ Everything works: ShopDesk can receive (IMAP) and send (SMTP) mail for %1.</source>
        <translation>✓ Her şey çalışıyor: ShopDesk %1 için posta alabilir (IMAP) ve gönderebilir (SMTP).</translation>
    </message>
    <message>
        <source>Saved. ShopDesk is fetching mail %1; the status bar shows how far it got.</source>
        <translation>Kaydedildi. ShopDesk postaları getiriyor (%1); ne kadarının geldiğini durum çubuğu gösterir.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Kaydedildi.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Kaydedilmedi: %1</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>Hesabı kaldır</translation>
    </message>
    <message>
        <source>Remove the account %1?</source>
        <translation>%1 hesabı kaldırılsın mı?</translation>
    </message>
    <message>
        <source>Its conversations stay in your inbox. ShopDesk stops fetching its mail and forgets its password; nothing is deleted on the mail server.</source>
        <translation>Konuşmaları gelen kutunuzda kalır. ShopDesk bu hesabın postalarını getirmeyi bırakır ve parolasını unutur; posta sunucusunda hiçbir şey silinmez.</translation>
    </message>
    <message>
        <source>This computer has no password store (keyring), so ShopDesk cannot keep the password safely. Keep it in a file in the data folder that only your user can read?</source>
        <translation>Bu bilgisayarda parola deposu (anahtarlık) yok, bu yüzden ShopDesk parolayı güvenle saklayamıyor. Parola, veri klasöründe yalnızca sizin kullanıcınızın okuyabileceği bir dosyada saklansın mı?</translation>
    </message>
</context>
<context>
    <name>EmailAccountForm</name>
    <message>
        <source>Email address</source>
        <translation>E-posta adresi</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Adınız</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Parola</translation>
    </message>
    <message>
        <source>Import mail</source>
        <translation>Postaları al</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>Sunucular</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Sunucu</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Bağlantı noktası</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Güvenlik</translation>
    </message>
    <message>
        <source>Incoming (IMAP)</source>
        <translation>Gelen (IMAP)</translation>
    </message>
    <message>
        <source>Outgoing (SMTP)</source>
        <translation>Giden (SMTP)</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Kullanıcı adı</translation>
    </message>
    <message>
        <source>Customers see this name on your replies.</source>
        <translation>Müşteriler yanıtlarınızda bu adı görür.</translation>
    </message>
    <message>
        <source>How far back the first import reaches; new mail always arrives.</source>
        <translation>İlk aktarımın ne kadar geriye gideceği; yeni postalar her zaman gelir.</translation>
    </message>
    <message>
        <source>Leave empty when it is the email address itself.</source>
        <translation>E-posta adresinin kendisiyse boş bırakın.</translation>
    </message>
    <message>
        <source>info@yourshop.com</source>
        <translation>bilgi@magazaniz.com</translation>
    </message>
    <message>
        <source>Lale Butik</source>
        <translation>Lale Butik</translation>
    </message>
    <message>
        <source>Same as the email address</source>
        <translation>E-posta adresiyle aynı</translation>
    </message>
    <message>
        <source>imap.yourshop.com</source>
        <translation>imap.magazaniz.com</translation>
    </message>
    <message>
        <source>smtp.yourshop.com</source>
        <translation>smtp.magazaniz.com</translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Yok</translation>
    </message>
    <message>
        <source>from the last 7 days</source>
        <translation>son 7 günden</translation>
    </message>
    <message>
        <source>from the last 30 days</source>
        <translation>son 30 günden</translation>
    </message>
    <message>
        <source>from the last 90 days</source>
        <translation>son 90 günden</translation>
    </message>
    <message>
        <source>everything</source>
        <translation>hepsini</translation>
    </message>
    <message>
        <source>Enter the email address of the shop&apos;s mailbox.</source>
        <translation>Mağazanın posta kutusunun e-posta adresini girin.</translation>
    </message>
    <message>
        <source>“%1” is not an email address; it looks like info@yourshop.com.</source>
        <translation>“%1” bir e-posta adresi değil; bilgi@magazaniz.com gibi görünmeli.</translation>
    </message>
    <message>
        <source>Enter the incoming mail (IMAP) server, such as imap.yourshop.com.</source>
        <translation>Gelen posta (IMAP) sunucusunu girin, örneğin imap.magazaniz.com.</translation>
    </message>
    <message>
        <source>Enter the outgoing mail (SMTP) server, such as smtp.yourshop.com.</source>
        <translation>Giden posta (SMTP) sunucusunu girin, örneğin smtp.magazaniz.com.</translation>
    </message>
    <message>
        <source>The server name “%1” can only have letters, digits, dots and dashes.</source>
        <translation>“%1” sunucu adında yalnızca harf, rakam, nokta ve tire olabilir.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s port number (for example 993 or 465).</source>
        <translation>Sunucunun bağlantı noktası numarasını girin (örneğin 993 ya da 465).</translation>
    </message>
    <message>
        <source>Enter the mailbox&apos;s password (or its app password).</source>
        <translation>Posta kutusunun parolasını (ya da uygulama parolasını) girin.</translation>
    </message>
    <message>
        <source>Gmail needs an app password: Google Account → Security → 2-Step Verification → App passwords. Your normal Google password will not work here.</source>
        <translation>Gmail bir uygulama parolası ister: Google Hesabı → Güvenlik → 2 Adımlı Doğrulama → Uygulama şifreleri. Normal Google parolanız burada çalışmaz.</translation>
    </message>
    <message>
        <source>Outlook, Hotmail and Live need an app password: account.microsoft.com → Security → Advanced security options → App passwords (two-step verification must be on).</source>
        <translation>Outlook, Hotmail ve Live bir uygulama parolası ister: account.microsoft.com → Güvenlik → Gelişmiş güvenlik seçenekleri → Uygulama parolaları (iki adımlı doğrulama açık olmalı).</translation>
    </message>
    <message>
        <source>Yandex needs an app password (Yandex ID → Security → App passwords → Mail), and IMAP allowed in Mail → Settings → Email clients.</source>
        <translation>Yandex bir uygulama parolası ister (Yandex ID → Güvenlik → Uygulama şifreleri → Posta) ve Posta → Ayarlar → E-posta programları bölümünde IMAP&apos;e izin verilmelidir.</translation>
    </message>
    <message>
        <source>Yahoo needs an app password: Account info → Account security → Generate app password.</source>
        <translation>Yahoo bir uygulama parolası ister: Hesap bilgileri → Hesap güvenliği → Uygulama şifresi oluştur.</translation>
    </message>
    <message>
        <source>iCloud needs an app-specific password: appleid.apple.com → Sign-In and Security → App-Specific Passwords.</source>
        <translation>iCloud uygulamaya özel bir parola ister: appleid.apple.com → Giriş ve Güvenlik → Uygulamaya Özel Parolalar.</translation>
    </message>
    <message>
        <source>The mailbox&apos;s password or app password</source>
        <translation>Posta kutusunun parolası ya da uygulama parolası</translation>
    </message>
    <message>
        <source>Saved — type a new one only to change it</source>
        <translation>Kayıtlı — yalnızca değiştirmek için yenisini yazın</translation>
    </message>
</context>
<context>
    <name>EmailParts</name>
    <message>
        <source>Show quoted text</source>
        <translation>Alıntıyı göster</translation>
    </message>
    <message>
        <source>Hide quoted text</source>
        <translation>Alıntıyı gizle</translation>
    </message>
    <message>
        <source>Loading images…</source>
        <translation>Resimler yükleniyor…</translation>
    </message>
    <message>
        <source>Stop loading images from this sender</source>
        <translation>Bu göndericinin resimlerini artık yükleme</translation>
    </message>
    <message numerus="yes">
        <source>Remote images blocked to protect your privacy: %n.</source>
        <translation>
            <numerusform>Gizliliğinizi korumak için engellenen uzak resim: %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>Load images from this sender</source>
        <translation>Bu göndericinin resimlerini yükle</translation>
    </message>
    <message>
        <source>View as plain text</source>
        <translation>Düz metin olarak göster</translation>
    </message>
    <message>
        <source>View as HTML</source>
        <translation>HTML olarak göster</translation>
    </message>
    <message>
        <source>Reading the message text…</source>
        <translation>İleti metni okunuyor…</translation>
    </message>
    <message>
        <source>Reading the headers…</source>
        <translation>Üst bilgiler okunuyor…</translation>
    </message>
    <message>
        <source>Save original (.eml)</source>
        <translation>Özgün iletiyi kaydet (.eml)</translation>
    </message>
    <message>
        <source>ShopDesk could not read this message.</source>
        <translation>ShopDesk bu iletiyi okuyamadı.</translation>
    </message>
    <message>
        <source>What could be read is shown below as plain text; the original is kept unchanged.</source>
        <translation>Okunabilen kısmı aşağıda düz metin olarak gösteriliyor; özgün ileti değiştirilmeden saklanıyor.</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>Neden: %1</translation>
    </message>
</context>
<context>
    <name>FaqMarkDelegate</name>
    <message>
        <source>FAQ</source>
        <translation>SSS</translation>
    </message>
</context>
<context>
    <name>FaqSettingsPage</name>
    <message>
        <source>FAQ bot</source>
        <translation>SSS botu</translation>
    </message>
    <message>
        <source>The bot answers customers&apos; questions with your FAQ replies: the canned replies marked “Answer as FAQ”, each with example questions. Under every answer there is a button to talk to a person.</source>
        <translation>Bot, müşterilerin sorularını SSS yanıtlarınızla yanıtlar: “SSS olarak yanıtla” işaretli, örnek soruları olan hazır yanıtlar. Her yanıtın altında bir temsilciyle görüşme düğmesi bulunur.</translation>
    </message>
    <message>
        <source>Answer on</source>
        <translation>Yanıtlanacak kanallar</translation>
    </message>
    <message>
        <source>Web chat</source>
        <translation>Web sohbeti</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-posta</translation>
    </message>
    <message>
        <source>Answered by the relay, even while your laptop is closed.</source>
        <translation>Dizüstü bilgisayarınız kapalıyken bile web sohbeti sunucusu yanıtlar.</translation>
    </message>
    <message>
        <source>Off unless you turn it on: email customers usually expect a person to write back.</source>
        <translation>Siz açmadıkça kapalı: e-posta yazan müşteriler genellikle bir insanın yanıt vermesini bekler.</translation>
    </message>
    <message>
        <source>Higher: the bot answers less often, but more surely right. Lower: it answers more, and sometimes wrongly.</source>
        <translation>Yüksek: bot daha seyrek ama daha isabetli yanıt verir. Düşük: daha sık yanıt verir, bazen de yanlış.</translation>
    </message>
    <message>
        <source>Talk to a person</source>
        <translation>Bir temsilciyle görüşme</translation>
    </message>
    <message>
        <source>Button (Turkish)</source>
        <translation>Düğme (Türkçe)</translation>
    </message>
    <message>
        <source>Button (English)</source>
        <translation>Düğme (İngilizce)</translation>
    </message>
    <message>
        <source>Hand-over message (Turkish)</source>
        <translation>Aktarma mesajı (Türkçe)</translation>
    </message>
    <message>
        <source>Hand-over message (English)</source>
        <translation>Aktarma mesajı (İngilizce)</translation>
    </message>
    <message>
        <source>The button sits under every answer the bot sends. Pressing it, or writing words like “temsilci” or “agent”, hands the conversation to you: it comes back to the top of the inbox, unread, and the customer gets the hand-over message. Customers who write Turkish get the Turkish texts, everyone else the English ones.</source>
        <translation>Düğme, botun gönderdiği her yanıtın altında durur. Düğmeye basmak ya da “temsilci”, “agent” gibi kelimeler yazmak konuşmayı size aktarır: konuşma gelen kutusunun en üstüne okunmamış olarak döner ve müşteriye aktarma mesajı gider. Türkçe yazan müşteriler Türkçe metinleri, diğerleri İngilizce olanları alır.</translation>
    </message>
    <message>
        <source>Test a question</source>
        <translation>Bir soru deneyin</translation>
    </message>
    <message>
        <source>Type what a customer might write. This tries the FAQ replies as saved, with the sureness set above; unsaved changes in Canned replies are not included.</source>
        <translation>Bir müşterinin yazabileceği bir soru yazın. Kayıtlı SSS yanıtları, yukarıda ayarlanan kesinlikle denenir; Hazır yanıtlar&apos;da kaydedilmemiş değişiklikler dahil değildir.</translation>
    </message>
    <message>
        <source>When will my order arrive?</source>
        <translation>Kargom ne zaman gelir?</translation>
    </message>
    <message>
        <source>How sure the bot must be: %1</source>
        <translation>Botun ne kadar emin olması gerekir: %1</translation>
    </message>
    <message>
        <source>matched “%1”</source>
        <translation>“%1” ile eşleşti</translation>
    </message>
    <message>
        <source>This asks for a person: the bot hands over.</source>
        <translation>Bu bir temsilci istiyor: bot konuşmayı size aktarır.</translation>
    </message>
    <message>
        <source>There are no FAQ replies yet: in Canned replies, turn on “Answer as FAQ” for the replies the bot may send.</source>
        <translation>Henüz SSS yanıtı yok: Hazır yanıtlar&apos;da, botun gönderebileceği yanıtlar için “SSS olarak yanıtla”yı açın.</translation>
    </message>
    <message>
        <source>The bot would not answer: no FAQ reply shares words with this.</source>
        <translation>Bot yanıt vermezdi: hiçbir SSS yanıtı bununla ortak kelime içermiyor.</translation>
    </message>
    <message>
        <source>The bot would answer with: “%1”</source>
        <translation>Bot şu yanıtla cevap verirdi: “%1”</translation>
    </message>
    <message>
        <source>The bot would not answer: the best match is below %1.</source>
        <translation>Bot yanıt vermezdi: en iyi eşleşme %1 eşiğinin altında.</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%%1</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Set up ShopDesk</source>
        <translation>ShopDesk kurulumu</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Geri</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>İ&amp;leri</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>&amp;Bitir</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Atla</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Kaydedilmedi: %1</translation>
    </message>
</context>
<context>
    <name>HoursSettingsPage</name>
    <message>
        <source>Hours &amp; auto-replies</source>
        <translation>Saatler ve yanıtlar</translation>
    </message>
    <message>
        <source>When the shop is closed, customers get a short message saying so. ShopDesk never answers auto-replies, mailing lists or no-reply senders.</source>
        <translation>Mağaza kapalıyken müşteriler bunu bildiren kısa bir mesaj alır. ShopDesk otomatik yanıtlara, e-posta listelerine ve yanıt kabul etmeyen (no-reply) adreslere asla yanıt vermez.</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Açılış saatleri</translation>
    </message>
    <message>
        <source>Away now (closed, whatever the hours say)</source>
        <translation>Şu an uzaktayım (saatler ne derse desin kapalı)</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Kapalı günler</translation>
    </message>
    <message>
        <source>Dates the shop is closed, as YYYY-MM-DD, separated by commas.</source>
        <translation>Mağazanın kapalı olduğu tarihler, YYYY-AA-GG biçiminde, virgülle ayrılmış.</translation>
    </message>
    <message>
        <source>When closed, reply on</source>
        <translation>Kapalıyken yanıtlanacak kanallar</translation>
    </message>
    <message>
        <source>Acknowledge new questions on</source>
        <translation>Yeni soruların alındığını bildir</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-posta</translation>
    </message>
    <message>
        <source>Web chat</source>
        <translation>Web sohbeti</translation>
    </message>
    <message>
        <source>At most once a conversation in</source>
        <translation>Bir konuşmaya en fazla bir kez, şu süre içinde</translation>
    </message>
    <message>
        <source> h</source>
        <translation> sa</translation>
    </message>
    <message>
        <source>Texts</source>
        <translation>Metinler</translation>
    </message>
    <message>
        <source>Closed (Turkish)</source>
        <translation>Kapalı (Türkçe)</translation>
    </message>
    <message>
        <source>Closed (English)</source>
        <translation>Kapalı (İngilizce)</translation>
    </message>
    <message>
        <source>Acknowledgement (Turkish)</source>
        <translation>Alındı bildirimi (Türkçe)</translation>
    </message>
    <message>
        <source>Acknowledgement (English)</source>
        <translation>Alındı bildirimi (İngilizce)</translation>
    </message>
    <message>
        <source>{{contact.first_name}} and {{shop.name}} are filled in; one without a value is left out.</source>
        <translation>{{contact.first_name}} ve {{shop.name}} doldurulur; değeri olmayan çıkarılır.</translation>
    </message>
    <message>
        <source>“%1” is not a date: write it as 2026-12-31.</source>
        <translation>“%1” bir tarih değil: 2026-12-31 biçiminde yazın.</translation>
    </message>
</context>
<context>
    <name>ImportProgressBar</name>
    <message>
        <source>Importing mail: %1 of %2</source>
        <translation>Postalar alınıyor: %1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>Mail imported: %Ln message(s)</source>
        <translation>
            <numerusform>Postalar alındı: %Ln ileti</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InvitationEditor</name>
    <message>
        <source>At most one invitation per visitor in 24 hours, never while a chat is going on, and only while your shop shows online unless “Also while the shop shows away” is ticked.</source>
        <translation>Bir ziyaretçiye 24 saatte en fazla bir davet gösterilir; süren bir sohbet sırasında hiç gösterilmez ve “Mağaza uzakta görünürken de göster” işaretli değilse yalnızca mağazanız çevrimiçi görünürken gösterilir.</translation>
    </message>
    <message>
        <source>Invitation</source>
        <translation>Davet</translation>
    </message>
    <message>
        <source>Use this rule</source>
        <translation>Bu kuralı kullan</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>Page address</source>
        <translation>Sayfa adresi</translation>
    </message>
    <message>
        <source>Time on the page</source>
        <translation>Sayfada geçen süre</translation>
    </message>
    <message>
        <source>Cart worth at least</source>
        <translation>Sepet tutarı en az</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>Ziyaretçi</translation>
    </message>
    <message>
        <source>Came from</source>
        <translation>Geldiği yer</translation>
    </message>
    <message>
        <source>Searched for</source>
        <translation>Aradığı sözcükler</translation>
    </message>
    <message>
        <source>The message, shown in your name</source>
        <translation>Mesaj (sizin adınızla gösterilir)</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Önizleme</translation>
    </message>
    <message>
        <source>For you only, e.g. “Product page, 30 s”</source>
        <translation>Yalnızca siz görürsünüz, ör. “Ürün sayfası, 30 sn”</translation>
    </message>
    <message>
        <source>* stands for any text; the pattern must fit the whole address. Empty: every page.</source>
        <translation>* herhangi bir metin yerine geçer; kalıp adresin tamamına uymalıdır. Boş: her sayfa.</translation>
    </message>
    <message>
        <source>Examples: */urun/* every product page · */sepet* the cart · https://shop.example/ the home page only</source>
        <translation>Örnekler: */urun/* tüm ürün sayfaları · */sepet* sepet · https://shop.example/ yalnızca ana sayfa</translation>
    </message>
    <message>
        <source> s</source>
        <translation> sn</translation>
    </message>
    <message>
        <source>at once</source>
        <translation>hemen</translation>
    </message>
    <message>
        <source>no condition</source>
        <translation>koşul yok</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Herkes</translation>
    </message>
    <message>
        <source>Returning visitors only</source>
        <translation>Yalnızca geri gelen ziyaretçiler</translation>
    </message>
    <message>
        <source>First visit only</source>
        <translation>Yalnızca ilk ziyaret</translation>
    </message>
    <message>
        <source>part of the address of the site they came from; empty: any</source>
        <translation>geldiği sitenin adresinde geçen metin; boş: hepsi</translation>
    </message>
    <message>
        <source>part of their search words, in any case or accents; empty: any</source>
        <translation>arama sözcüklerinde geçen metin, büyük/küçük harf ve aksan fark etmez; boş: hepsi</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>Türkçe</translation>
    </message>
    <message>
        <source>English</source>
        <translation>İngilizce</translation>
    </message>
    <message>
        <source>Also while the shop shows away</source>
        <translation>Mağaza uzakta görünürken de göster</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Kaydet</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Vazgeç</translation>
    </message>
    <message>
        <source>Give the invitation a name (only you see it).</source>
        <translation>Davete bir ad verin (yalnızca siz görürsünüz).</translation>
    </message>
    <message>
        <source>Write the message in Turkish, in English or in both.</source>
        <translation>Mesajı Türkçe, İngilizce ya da ikisiyle birden yazın.</translation>
    </message>
    <message>
        <source>A message can be at most %1 characters long.</source>
        <translation>Bir mesaj en fazla %1 karakter olabilir.</translation>
    </message>
    <message>
        <source>A page address has no spaces.</source>
        <translation>Sayfa adresinde boşluk olmaz.</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Siz</translation>
    </message>
    <message>
        <source>Your message appears here.</source>
        <translation>Mesajınız burada görünür.</translation>
    </message>
    <message>
        <source>Empty: visitors whose browser is in Turkish get the English message.</source>
        <translation>Boş: tarayıcısı Türkçe olan ziyaretçiler İngilizce mesajı görür.</translation>
    </message>
    <message>
        <source>Empty: visitors whose browser is not in Turkish get the Turkish message.</source>
        <translation>Boş: tarayıcısı Türkçe olmayan ziyaretçiler Türkçe mesajı görür.</translation>
    </message>
</context>
<context>
    <name>InvitationsWindow</name>
    <message>
        <source>Proactive invitations</source>
        <translation>Proaktif davetler</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Yenile</translation>
    </message>
    <message>
        <source>When a visitor matches a rule, the chat widget on your site shows its message in your name; the first matching rule in the list wins. %1 The figures are of the last %2 days.</source>
        <translation>Bir ziyaretçi bir kurala uyduğunda sitenizdeki sohbet penceresi o kuralın mesajını sizin adınızla gösterir; listede uyan ilk kural geçerlidir. %1 Rakamlar son %2 güne aittir.</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Açık</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>Koşullar</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Gösterilen</translation>
    </message>
    <message>
        <source>Chats started</source>
        <translation>Başlayan sohbet</translation>
    </message>
    <message>
        <source>Carts completed after</source>
        <translation>Ardından tamamlanan sepet</translation>
    </message>
    <message>
        <source>Chat rate</source>
        <translation>Sohbet oranı</translation>
    </message>
    <message>
        <source>Visitors who saw the invitation (each counted once)</source>
        <translation>Daveti gören ziyaretçiler (her biri bir kez sayılır)</translation>
    </message>
    <message>
        <source>Of those, visitors who answered it</source>
        <translation>Bunlardan daveti yanıtlayanlar</translation>
    </message>
    <message>
        <source>Of those, visitors who completed an order within 7 days, this invitation being the last they saw</source>
        <translation>Bunlardan 7 gün içinde siparişini tamamlayanlar (gördükleri son davet buysa)</translation>
    </message>
    <message>
        <source>Chats started per visitor shown the invitation</source>
        <translation>Daveti gören ziyaretçi başına başlayan sohbet</translation>
    </message>
    <message>
        <source>No invitations yet. Add one, for example a question after 30 seconds on a product page.</source>
        <translation>Henüz davet yok. Bir tane ekleyin; örneğin bir ürün sayfasında 30 saniye sonra bir soru.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Ekle…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Düzenle…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Sil</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Yukarı taşı</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Aşağı taşı</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>%1 sayfalarında</translation>
    </message>
    <message>
        <source>on every page</source>
        <translation>her sayfada</translation>
    </message>
    <message>
        <source>after %1 s</source>
        <translation>%1 sn sonra</translation>
    </message>
    <message>
        <source>cart ≥ %1</source>
        <translation>sepet ≥ %1</translation>
    </message>
    <message>
        <source>returning visitors</source>
        <translation>geri gelen ziyaretçiler</translation>
    </message>
    <message>
        <source>first visits</source>
        <translation>ilk ziyaretler</translation>
    </message>
    <message>
        <source>coming from “%1”</source>
        <translation>“%1” üzerinden gelen</translation>
    </message>
    <message>
        <source>searched for “%1”</source>
        <translation>“%1” araması</translation>
    </message>
    <message>
        <source>also while away</source>
        <translation>uzaktayken de</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Yükleniyor…</translation>
    </message>
    <message>
        <source>The invitations could not be loaded: %1</source>
        <translation>Davetler yüklenemedi: %1</translation>
    </message>
    <message>
        <source>Untick to pause the rule without deleting it</source>
        <translation>Kuralı silmeden durdurmak için işareti kaldırın</translation>
    </message>
    <message>
        <source>Delete? Click again</source>
        <translation>Silinsin mi? Yeniden tıklayın</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Kaydediliyor…</translation>
    </message>
    <message>
        <source>Saved; the chat widget on your site gets the rules through the web chat server.</source>
        <translation>Kaydedildi; sitenizdeki sohbet penceresi kuralları web sohbeti sunucusu üzerinden alır.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Kaydedilemedi: %1</translation>
    </message>
</context>
<context>
    <name>LabelsDialog</name>
    <message>
        <source>Labels</source>
        <translation>Etiketler</translation>
    </message>
    <message>
        <source>New label</source>
        <translation>Yeni etiket</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ekle</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Welcome to ShopDesk</source>
        <translation>ShopDesk&apos;e hoş geldiniz</translation>
    </message>
    <message>
        <source>One inbox for your shop&apos;s email, Telegram and web chat.</source>
        <translation>Mağazanızın e-postası, Telegram&apos;ı ve web sohbeti için tek gelen kutusu.</translation>
    </message>
    <message>
        <source>Choose the language of ShopDesk:</source>
        <translation>ShopDesk&apos;in dilini seçin:</translation>
    </message>
    <message>
        <source>You can change it later in Settings.</source>
        <translation>Bunu sonra Ayarlar&apos;dan değiştirebilirsiniz.</translation>
    </message>
</context>
<context>
    <name>LiveVisitorsDialog</name>
    <message>
        <source>Visitors on the site</source>
        <translation>Sitedeki ziyaretçiler</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>Ziyaretçi</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Sayfa</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>Sepet</translation>
    </message>
    <message>
        <source>On site for</source>
        <translation>Sitede geçen süre</translation>
    </message>
    <message>
        <source>Nobody is on the site right now.</source>
        <translation>Şu anda sitede kimse yok.</translation>
    </message>
    <message>
        <source>Open chat</source>
        <translation>Sohbeti aç</translation>
    </message>
    <message>
        <source>Start a chat</source>
        <translation>Sohbet başlat</translation>
    </message>
    <message>
        <source>This visitor has not written yet: your first message appears in the chat on their page.</source>
        <translation>Bu ziyaretçi henüz yazmadı: ilk mesajınız, baktığı sayfadaki sohbet penceresinde görünür.</translation>
    </message>
    <message>
        <source>On the site since %1</source>
        <translation>%1 tarihinden beri sitede</translation>
    </message>
    <message>
        <source>Has not written yet</source>
        <translation>Henüz yazmadı</translation>
    </message>
    <message numerus="yes">
        <source>%n visitor(s) on the site now</source>
        <translation>
            <numerusform>Şu anda sitede %n ziyaretçi var</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MailActions</name>
    <message>
        <source>The images could not be loaded: %1</source>
        <translation>Resimler yüklenemedi: %1</translation>
    </message>
    <message>
        <source>Images from this sender stay blocked.</source>
        <translation>Bu göndericinin resimleri engelli kalacak.</translation>
    </message>
    <message>
        <source>Save original</source>
        <translation>Özgün iletiyi kaydet</translation>
    </message>
    <message>
        <source>Email (*.eml)</source>
        <translation>E-posta (*.eml)</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 kaydedildi.</translation>
    </message>
    <message>
        <source>The original of this message was not kept.</source>
        <translation>Bu iletinin özgün hali saklanmamış.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Dosya</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>Dü&amp;zen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Görünüm</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>&amp;Konuşma</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Yardım</translation>
    </message>
    <message>
        <source>Away (closed: auto-replies, the chat shows away)</source>
        <translation>Uzaktayım (kapalı: otomatik yanıt, sohbet &quot;uzakta&quot; görünür)</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Şimdi yedekle</translation>
    </message>
    <message>
        <source>Canned replies…</source>
        <translation>Hazır yanıtlar…</translation>
    </message>
    <message>
        <source>Email accounts…</source>
        <translation>E-posta hesapları…</translation>
    </message>
    <message>
        <source>Telegram bots…</source>
        <translation>Telegram botları…</translation>
    </message>
    <message>
        <source>Web chat…</source>
        <translation>Web sohbeti…</translation>
    </message>
    <message>
        <source>Visitors on the site now…</source>
        <translation>Şu an sitedeki ziyaretçiler…</translation>
    </message>
    <message>
        <source>Reports…</source>
        <translation>Raporlar…</translation>
    </message>
    <message>
        <source>Abandoned carts…</source>
        <translation>Terk edilen sepetler…</translation>
    </message>
    <message>
        <source>Proactive invitations…</source>
        <translation>Proaktif davetler…</translation>
    </message>
    <message>
        <source>About %1</source>
        <translation>%1 hakkında</translation>
    </message>
    <message>
        <source>Open the demo shop (try the chat widget)</source>
        <translation>Demo mağazayı aç (sohbet penceresini deneyin)</translation>
    </message>
    <message>
        <source>Mark unread</source>
        <translation>Okunmadı olarak işaretle</translation>
    </message>
    <message>
        <source>Customer details</source>
        <translation>Müşteri bilgileri</translation>
    </message>
    <message>
        <source>Next conversation</source>
        <translation>Sonraki konuşma</translation>
    </message>
    <message>
        <source>Previous conversation</source>
        <translation>Önceki konuşma</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Yanıtla</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Çözüldü olarak işaretle</translation>
    </message>
    <message>
        <source>Snooze…</source>
        <translation>Ertele…</translation>
    </message>
    <message>
        <source>Insert canned reply</source>
        <translation>Hazır yanıt ekle</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Ara</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Klavye kısayolları</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Ayarlar…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Çık</translation>
    </message>
    <message>
        <source>You are away: customers are told so.</source>
        <translation>Uzaktasınız: müşterilere bildiriliyor.</translation>
    </message>
    <message>
        <source>You are back.</source>
        <translation>Geri döndünüz.</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Yedekleniyor…</translation>
    </message>
    <message>
        <source>Backup saved: %1</source>
        <translation>Yedek kaydedildi: %1</translation>
    </message>
    <message>
        <source>The web chat has not started yet; try again in a moment.</source>
        <translation>Web sohbeti henüz başlamadı; birazdan yeniden deneyin.</translation>
    </message>
    <message>
        <source>%1 %2 — one inbox for email, Telegram and web chat.</source>
        <translation>%1 %2 — e-posta, Telegram ve web sohbeti için tek gelen kutusu.</translation>
    </message>
</context>
<context>
    <name>MergeContactDialog</name>
    <message>
        <source>Merge contacts</source>
        <translation>Kişileri birleştir</translation>
    </message>
    <message>
        <source>Merge another contact into %1</source>
        <translation>Başka bir kişiyi %1 ile birleştir</translation>
    </message>
    <message>
        <source>Their addresses and conversations move to %1, and the other contact is removed.</source>
        <translation>Diğer kişinin adresleri ve konuşmaları %1 kişisine taşınır; diğer kişi silinir.</translation>
    </message>
    <message>
        <source>Search by name, email or phone</source>
        <translation>Ad, e-posta veya telefonla arayın</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Birleştir</translation>
    </message>
    <message>
        <source>The contacts were not merged: %1</source>
        <translation>Kişiler birleştirilemedi: %1</translation>
    </message>
    <message>
        <source>Conversations: %1</source>
        <translation>Konuşmalar: %1</translation>
    </message>
    <message>
        <source>%1 will be merged into %2, with all their conversations and addresses. This cannot be undone.</source>
        <translation>%1, tüm konuşmaları ve adresleriyle birlikte %2 ile birleştirilecek. Bu işlem geri alınamaz.</translation>
    </message>
</context>
<context>
    <name>MessageHtml</name>
    <message>
        <source>Private note</source>
        <translation>Özel not</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Bot</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Sistem</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Aç</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Farklı kaydet…</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Taslak</translation>
    </message>
    <message>
        <source>Queued: sent when the channel is online</source>
        <translation>Sırada: kanal çevrimiçi olunca gönderilecek</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Gönderiliyor…</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gönderildi</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Gönderilemedi</translation>
    </message>
    <message>
        <source>Delivery unknown</source>
        <translation>Teslim durumu belirsiz</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Tekrar dene</translation>
    </message>
    <message>
        <source>The send was interrupted; it may have been delivered.</source>
        <translation>Gönderim yarıda kaldı; teslim edilmiş olabilir.</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Yeniden gönder</translation>
    </message>
    <message>
        <source>Mark as sent</source>
        <translation>Gönderildi olarak işaretle</translation>
    </message>
</context>
<context>
    <name>ReportCharts</name>
    <message>
        <source>&lt; 1 min</source>
        <translation>&lt; 1 dk</translation>
    </message>
    <message>
        <source>%n min</source>
        <translation>%n dk</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 g</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 g %2 sa</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 sa</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 sa %2 dk</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%%1</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Yanıtlar</translation>
    </message>
    <message>
        <source>%1, %2:00–%3:00: %n message(s)</source>
        <translation>%1, %2:00–%3:00: %n mesaj</translation>
    </message>
</context>
<context>
    <name>ReportsWindow</name>
    <message>
        <source>Reports</source>
        <translation>Raporlar</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Son 7 gün</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Son 30 gün</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Bu ay</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Geçen ay</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Özel aralık</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Tüm kanallar</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Dönem:</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>Kanal:</translation>
    </message>
    <message>
        <source>Business hours only</source>
        <translation>Yalnızca çalışma saatleri</translation>
    </message>
    <message>
        <source>Count response and resolution times only during your opening hours, leaving out the days the shop is closed (Settings → Hours &amp; auto-replies).</source>
        <translation>Yanıt ve çözüm sürelerini yalnızca çalışma saatlerinizde sayar; mağazanın kapalı olduğu günler sayılmaz (Ayarlar → Saatler ve yanıtlar).</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Yenile</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Genel bakış</translation>
    </message>
    <message>
        <source>Busiest hours</source>
        <translation>En yoğun saatler</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Yorumlar</translation>
    </message>
    <message>
        <source>Response times</source>
        <translation>Yanıt süreleri</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV olarak dışa aktar…</translation>
    </message>
    <message>
        <source>Export scores as CSV…</source>
        <translation>Puanları CSV olarak dışa aktar…</translation>
    </message>
    <message>
        <source>Export volume as CSV…</source>
        <translation>Hacmi CSV olarak dışa aktar…</translation>
    </message>
    <message>
        <source>Satisfaction (CSAT)</source>
        <translation>Memnuniyet (CSAT)</translation>
    </message>
    <message>
        <source>Net Promoter Score</source>
        <translation>Net Tavsiye Skoru (NPS)</translation>
    </message>
    <message>
        <source>Survey response rate</source>
        <translation>Anket yanıt oranı</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>İlk yanıt</translation>
    </message>
    <message>
        <source>Resolution time</source>
        <translation>Çözüm süresi</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Konuşmalar</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Yanıtlandı</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Puan</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Yorum</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Konuşma</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Oluşturuldu</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Çözüm</translation>
    </message>
    <message>
        <source>The reports could not be loaded: %1</source>
        <translation>Raporlar yüklenemedi: %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Yükleniyor…</translation>
    </message>
    <message>
        <source>CSAT answers by score</source>
        <translation>Puana göre CSAT yanıtları</translation>
    </message>
    <message>
        <source>NPS answers by score</source>
        <translation>Puana göre NPS yanıtları</translation>
    </message>
    <message>
        <source>Incoming messages per day</source>
        <translation>Günlük gelen mesajlar</translation>
    </message>
    <message>
        <source>Incoming messages per week</source>
        <translation>Haftalık gelen mesajlar</translation>
    </message>
    <message numerus="yes">
        <source>average %1 · %n answer(s)</source>
        <translation>
            <numerusform>ortalama %1 · %n yanıt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s)</source>
        <translation>
            <numerusform>%n yanıt</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 surveys</source>
        <translation>%2 anketin %1 tanesi</translation>
    </message>
    <message>
        <source>90 % within %1</source>
        <translation>%90&apos;ı %1 içinde</translation>
    </message>
    <message numerus="yes">
        <source>%n incoming message(s)</source>
        <translation>
            <numerusform>%n gelen mesaj</numerusform>
        </translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV olarak dışa aktar</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV dosyaları (*.csv)</translation>
    </message>
    <message>
        <source>survey-comments</source>
        <translation>anket-yorumlari</translation>
    </message>
    <message>
        <source>response-times</source>
        <translation>yanit-sureleri</translation>
    </message>
    <message>
        <source>volume</source>
        <translation>hacim</translation>
    </message>
    <message>
        <source>busiest-hours</source>
        <translation>yogun-saatler</translation>
    </message>
    <message>
        <source>scores</source>
        <translation>puanlar</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Ölçek</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>Yanıtlar</translation>
    </message>
    <message>
        <source>First response (s)</source>
        <translation>İlk yanıt (sn)</translation>
    </message>
    <message>
        <source>Resolution (s)</source>
        <translation>Çözüm (sn)</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Gün</translation>
    </message>
    <message>
        <source>Incoming messages</source>
        <translation>Gelen mesajlar</translation>
    </message>
    <message>
        <source>New conversations</source>
        <translation>Yeni konuşmalar</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>Haftanın günü</translation>
    </message>
</context>
<context>
    <name>SafeTextBrowser</name>
    <message>
        <source>Open link?</source>
        <translation>Bağlantı açılsın mı?</translation>
    </message>
    <message>
        <source>Write an email to %1?</source>
        <translation>%1 adresine e-posta yazılsın mı?</translation>
    </message>
    <message>
        <source>Open this link in your browser? It goes to %1.</source>
        <translation>Bu bağlantı tarayıcınızda açılsın mı? %1 adresine gidiyor.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Aç</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Vazgeç</translation>
    </message>
</context>
<context>
    <name>SendStatus</name>
    <message>
        <source>Sending…</source>
        <translation>Gönderiliyor…</translation>
    </message>
    <message>
        <source>Queued: %1 is offline; it will be sent when it is back.</source>
        <translation>Sırada: %1 çevrimdışı; bağlantı gelince gönderilecek.</translation>
    </message>
    <message>
        <source>Sent ✓</source>
        <translation>Gönderildi ✓</translation>
    </message>
    <message>
        <source>Queued: %1 will be tried again. %2</source>
        <translation>Sırada: %1 üzerinden yeniden denenecek. %2</translation>
    </message>
    <message>
        <source>Not sent: %2</source>
        <translation>Gönderilemedi: %2</translation>
    </message>
    <message>
        <source>It is not known whether this was delivered: %2</source>
        <translation>İletilip iletilmediği bilinmiyor: %2</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ayarlar</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Genel</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Bildirimler</translation>
    </message>
    <message>
        <source>Data &amp; backups</source>
        <translation>Veriler ve yedekler</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Memnuniyet</translation>
    </message>
    <message>
        <source>Hours &amp; auto-replies</source>
        <translation>Saatler ve yanıtlar</translation>
    </message>
    <message>
        <source>FAQ bot</source>
        <translation>SSS botu</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>Mağaza adı</translation>
    </message>
    <message>
        <source>Shown to customers in canned replies as {{shop.name}}.</source>
        <translation>Hazır yanıtlarda müşterilere {{shop.name}} olarak görünür.</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Adınız</translation>
    </message>
    <message>
        <source>Signs your replies and notes; {{agent.name}} in canned replies.</source>
        <translation>Yanıtlarınızda ve notlarınızda imzanız; hazır yanıtlarda {{agent.name}}.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Dil</translation>
    </message>
    <message>
        <source>The window switches as soon as you save.</source>
        <translation>Kaydettiğiniz anda pencere yeni dile geçer.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Başlangıç</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bitiş</translation>
    </message>
    <message>
        <source>No desktop notifications during quiet hours; messages still arrive.</source>
        <translation>Sessiz saatlerde masaüstü bildirimi gösterilmez; mesajlar yine de gelir.</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Veri klasörü</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Yedekler</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Sakla:</translation>
    </message>
    <message>
        <source>daily and</source>
        <translation>günlük ve</translation>
    </message>
    <message>
        <source>weekly backups</source>
        <translation>haftalık yedek</translation>
    </message>
    <message>
        <source>Lale Butik</source>
        <translation>Lale Butik</translation>
    </message>
    <message>
        <source>Your first name</source>
        <translation>Adınız</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Sistem dili</translation>
    </message>
    <message>
        <source>Show a desktop notification when a message arrives</source>
        <translation>Mesaj geldiğinde masaüstü bildirimi göster</translation>
    </message>
    <message>
        <source>Quiet hours</source>
        <translation>Sessiz saatler</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Klasörü aç</translation>
    </message>
    <message>
        <source>Back up the inbox automatically every day</source>
        <translation>Gelen kutusunu her gün otomatik yedekle</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Şimdi yedekle</translation>
    </message>
    <message>
        <source>Open backups folder</source>
        <translation>Yedek klasörünü aç</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Kaydet</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Vazgeç</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Yedekleniyor…</translation>
    </message>
    <message>
        <source>Settings not saved: %1</source>
        <translation>Ayarlar kaydedilemedi: %1</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>Yedek alındı: %1</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>Yedekleme başarısız: %1</translation>
    </message>
    <message>
        <source>No backup yet.</source>
        <translation>Henüz yedek yok.</translation>
    </message>
    <message>
        <source>Last backup: %1 (%2)</source>
        <translation>Son yedek: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>ShopPage</name>
    <message>
        <source>Your shop</source>
        <translation>Mağazanız</translation>
    </message>
    <message>
        <source>Both names are needed; you can change them later in Settings.</source>
        <translation>İki ad da gerekli; bunları sonra Ayarlar&apos;dan değiştirebilirsiniz.</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>Mağaza adı</translation>
    </message>
    <message>
        <source>Customers see it in your replies ({{shop.name}} in canned replies).</source>
        <translation>Müşteriler bunu yanıtlarınızda görür (hazır yanıtlarda {{shop.name}}).</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Adınız</translation>
    </message>
    <message>
        <source>Customers see it as the person answering them ({{agent.name}} in canned replies).</source>
        <translation>Müşteriler bunu kendilerine yanıt veren kişinin adı olarak görür (hazır yanıtlarda {{agent.name}}).</translation>
    </message>
    <message>
        <source>Lale Butik</source>
        <translation>Lale Butik</translation>
    </message>
    <message>
        <source>Your first name</source>
        <translation>Adınız</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Next conversation</source>
        <translation>Sonraki konuşma</translation>
    </message>
    <message>
        <source>Previous conversation</source>
        <translation>Önceki konuşma</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Yanıtla</translation>
    </message>
    <message>
        <source>Resolve the conversation</source>
        <translation>Konuşmayı çözüldü olarak işaretle</translation>
    </message>
    <message>
        <source>Snooze the conversation</source>
        <translation>Konuşmayı ertele</translation>
    </message>
    <message>
        <source>Insert a canned reply</source>
        <translation>Hazır yanıt ekle</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Konuşmalarda ara</translation>
    </message>
    <message>
        <source>Send the reply</source>
        <translation>Yanıtı gönder</translation>
    </message>
    <message>
        <source>Leave the search box</source>
        <translation>Arama kutusundan çık</translation>
    </message>
    <message>
        <source>Show this list</source>
        <translation>Bu listeyi göster</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ayarlar</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Çık</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Klavye kısayolları</translation>
    </message>
    <message>
        <source>Single-letter shortcuts work when you are not typing in a text field.</source>
        <translation>Tek harfli kısayollar, bir metin alanına yazmıyorken çalışır.</translation>
    </message>
</context>
<context>
    <name>SnoozeDialog</name>
    <message>
        <source>Snooze until</source>
        <translation>Şu zamana kadar ertele</translation>
    </message>
    <message>
        <source>Bring this conversation back on:</source>
        <translation>Bu konuşmayı şu zamanda geri getir:</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>No channels connected yet</source>
        <translation>Henüz bağlı kanal yok</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>bağlı</translation>
    </message>
    <message>
        <source>syncing</source>
        <translation>eşitleniyor</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>çevrimdışı</translation>
    </message>
    <message>
        <source>sign-in failed</source>
        <translation>oturum açılamadı</translation>
    </message>
    <message>
        <source>off</source>
        <translation>kapalı</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n bekliyor</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n gönderilemedi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to check</source>
        <translation>
            <numerusform>%n kontrol edilmeli</numerusform>
        </translation>
    </message>
    <message>
        <source>all sent</source>
        <translation>hepsi gönderildi</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Giden kutusu</translation>
    </message>
    <message>
        <source>Replies wait in the outbox until their channel is online; failed and unclear sends need you.</source>
        <translation>Yanıtlar, kanalları çevrimiçi olana kadar giden kutusunda bekler; başarısız ve belirsiz gönderimler sizi bekler.</translation>
    </message>
</context>
<context>
    <name>SuggestionBar</name>
    <message>
        <source>SUGGESTED</source>
        <translation>ÖNERİLER</translation>
    </message>
    <message>
        <source>Insert /%1: %2</source>
        <translation>/%1 ekle: %2</translation>
    </message>
</context>
<context>
    <name>SurveySettingsPage</name>
    <message>
        <source>Satisfaction</source>
        <translation>Memnuniyet</translation>
    </message>
    <message>
        <source>After you resolve a conversation, ShopDesk asks the customer how it went, on the channel they used. The answers show in the conversation and in Reports.</source>
        <translation>Bir konuşmayı çözdüğünüzde ShopDesk, müşteriye aynı kanaldan nasıl geçtiğini sorar. Yanıtlar konuşmada ve Raporlar&apos;da görünür.</translation>
    </message>
    <message>
        <source>Ask on</source>
        <translation>Sorulacak kanallar</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-posta</translation>
    </message>
    <message>
        <source>Web chat</source>
        <translation>Web sohbeti</translation>
    </message>
    <message>
        <source>CSAT: a score from 1 to 5</source>
        <translation>CSAT: 1&apos;den 5&apos;e puan</translation>
    </message>
    <message>
        <source>NPS: how likely to recommend, 0 to 10</source>
        <translation>NPS: önerme olasılığı, 0&apos;dan 10&apos;a</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Ölçek</translation>
    </message>
    <message>
        <source>Texts</source>
        <translation>Metinler</translation>
    </message>
    <message>
        <source>Ask after</source>
        <translation>Şu kadar sonra sor</translation>
    </message>
    <message>
        <source> min</source>
        <translation> dk</translation>
    </message>
    <message>
        <source>At most once per customer in</source>
        <translation>Aynı müşteriye yeniden sormak için en az</translation>
    </message>
    <message>
        <source> days</source>
        <translation> gün</translation>
    </message>
    <message>
        <source>Answers are taken for</source>
        <translation>Yanıtların kabul süresi</translation>
    </message>
    <message>
        <source>Only when I replied at least once</source>
        <translation>Yalnızca en az bir kez yanıt verdiysem</translation>
    </message>
    <message>
        <source>Reopening the conversation before the question goes out cancels it.</source>
        <translation>Soru gönderilmeden konuşma yeniden açılırsa soru iptal edilir.</translation>
    </message>
    <message>
        <source>Question (Turkish)</source>
        <translation>Soru (Türkçe)</translation>
    </message>
    <message>
        <source>Question (English)</source>
        <translation>Soru (İngilizce)</translation>
    </message>
    <message>
        <source>Thank-you (Turkish)</source>
        <translation>Teşekkür (Türkçe)</translation>
    </message>
    <message>
        <source>Thank-you (English)</source>
        <translation>Teşekkür (İngilizce)</translation>
    </message>
    <message>
        <source>Customers who write Turkish get the Turkish texts, everyone else the English ones.</source>
        <translation>Türkçe yazan müşteriler Türkçe metinleri, diğerleri İngilizce olanları alır.</translation>
    </message>
</context>
<context>
    <name>TelegramAccountDialog</name>
    <message>
        <source>Telegram bots</source>
        <translation>Telegram botları</translation>
    </message>
    <message>
        <source>Bots</source>
        <translation>Botlar</translation>
    </message>
    <message>
        <source>+ Add bot</source>
        <translation>+ Bot ekle</translation>
    </message>
    <message>
        <source>Remove bot…</source>
        <translation>Botu kaldır…</translation>
    </message>
    <message>
        <source>Check token</source>
        <translation>Token’ı denetle</translation>
    </message>
    <message>
        <source>New Telegram bot</source>
        <translation>Yeni Telegram botu</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 düzenle</translation>
    </message>
    <message>
        <source>%1 · customers find it at %2</source>
        <translation>%1 · müşteriler onu %2 adresinde bulur</translation>
    </message>
    <message>
        <source>Asking Telegram about this token…</source>
        <translation>Bu token Telegram’a soruluyor…</translation>
    </message>
    <message>
        <source>No token is saved for this bot; paste it above.</source>
        <translation>Bu bot için kayıtlı token yok; yukarıya yapıştırın.</translation>
    </message>
    <message>
        <source>✓ The token works: this is %1 (@%2).</source>
        <translation>✓ Token çalışıyor: bu bot %1 (@%2).</translation>
    </message>
    <message>
        <source>This computer has no password store (keyring), so the saved token cannot be read.</source>
        <translation>Bu bilgisayarda parola deposu (keyring) yok, bu yüzden kayıtlı token okunamıyor.</translation>
    </message>
    <message>
        <source>The check could not run (%1).</source>
        <translation>Denetim yapılamadı (%1).</translation>
    </message>
    <message>
        <source>Telegram did not accept this token. It may be mistyped or revoked: copy it again from @BotFather (/mybots → your bot → API Token).</source>
        <translation>Telegram bu token’ı kabul etmedi. Yanlış yazılmış ya da iptal edilmiş olabilir: @BotFather’dan yeniden kopyalayın (/mybots → botunuz → API Token).</translation>
    </message>
    <message>
        <source>%1 did not answer in time. Check the connection and try again.</source>
        <translation>%1 zamanında yanıt vermedi. Bağlantıyı denetleyip yeniden deneyin.</translation>
    </message>
    <message>
        <source>Telegram cannot be reached: check that this computer is online, then try again.</source>
        <translation>Telegram’a ulaşılamıyor: bu bilgisayarın internete bağlı olduğunu denetleyip yeniden deneyin.</translation>
    </message>
    <message>
        <source>The Bot API server %1 is not answering: check its address under Advanced and that the server is running (leave the address empty to use Telegram&apos;s own).</source>
        <translation>Bot API sunucusu %1 yanıt vermiyor: Gelişmiş altındaki adresini ve sunucunun çalıştığını denetleyin (Telegram’ın kendi sunucusunu kullanmak için adresi boş bırakın).</translation>
    </message>
    <message>
        <source>Telegram refused the check: %1</source>
        <translation>Telegram denetimi reddetti: %1</translation>
    </message>
    <message>
        <source>Saved. ShopDesk now reads and answers the messages of %1.</source>
        <translation>Kaydedildi. ShopDesk artık %1 botunun mesajlarını okuyup yanıtlıyor.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Kaydedilmedi: %1</translation>
    </message>
    <message>
        <source>Remove bot</source>
        <translation>Botu kaldır</translation>
    </message>
    <message>
        <source>Remove the bot %1?</source>
        <translation>%1 botu kaldırılsın mı?</translation>
    </message>
    <message>
        <source>Its conversations stay in your inbox. ShopDesk stops reading its messages and forgets its token; the bot itself stays in Telegram (delete it in @BotFather if you want).</source>
        <translation>Konuşmaları gelen kutunuzda kalır. ShopDesk botun mesajlarını okumayı bırakır ve token’ını unutur; botun kendisi Telegram’da kalır (isterseniz @BotFather’da silin).</translation>
    </message>
    <message>
        <source>This computer has no password store (keyring), so ShopDesk cannot keep the bot token safely. Keep it in a file in the data folder that only your user can read?</source>
        <translation>Bu bilgisayarda parola deposu (keyring) yok, bu yüzden ShopDesk bot token’ını güvenle saklayamıyor. Veri klasöründe yalnızca sizin kullanıcınızın okuyabildiği bir dosyada saklansın mı?</translation>
    </message>
</context>
<context>
    <name>TelegramAccountForm</name>
    <message>
        <source>Bot token</source>
        <translation>Bot token’ı</translation>
    </message>
    <message>
        <source>Welcome reply to /start</source>
        <translation>/start için karşılama yanıtı</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>Türkçe</translation>
    </message>
    <message>
        <source>English</source>
        <translation>İngilizce</translation>
    </message>
    <message>
        <source>Bot API server</source>
        <translation>Bot API sunucusu</translation>
    </message>
    <message>
        <source>The bot sends this when a customer starts it. Customers whose Telegram is in Turkish get the Turkish text, everyone else the English one. Leave both empty to send nothing.</source>
        <translation>Bir müşteri botu başlattığında bot bunu gönderir. Telegram’ı Türkçe olan müşteriler Türkçe metni, diğer herkes İngilizce metni alır. Hiçbir şey göndermemek için ikisini de boş bırakın.</translation>
    </message>
    <message>
        <source>Leave empty to use Telegram&apos;s own server. Fill it in only when you run your own Bot API server (telegram-bot-api): it lets files up to 2,000 MB through instead of 20 MB.</source>
        <translation>Telegram’ın kendi sunucusunu kullanmak için boş bırakın. Yalnızca kendi Bot API sunucunuzu (telegram-bot-api) çalıştırıyorsanız doldurun: 20 MB yerine 2.000 MB’a kadar dosyaları geçirir.</translation>
    </message>
    <message>
        <source>https://api.telegram.org (Telegram&apos;s own)</source>
        <translation>https://api.telegram.org (Telegram’ın kendisi)</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Gelişmiş</translation>
    </message>
    <message>
        <source>In Telegram, open %1 (the official bot with the blue tick).</source>
        <translation>Telegram’da %1 botunu açın (mavi tikli resmî bot).</translation>
    </message>
    <message>
        <source>Send it /newbot.</source>
        <translation>Ona /newbot gönderin.</translation>
    </message>
    <message>
        <source>Choose a name (customers see it) and a username ending in “bot”, such as lalebutik_bot.</source>
        <translation>Bir ad (müşteriler bunu görür) ve “bot” ile biten bir kullanıcı adı seçin, örneğin lalebutik_bot.</translation>
    </message>
    <message>
        <source>BotFather answers with a token like 123456789:AAH…: copy it and paste it below.</source>
        <translation>BotFather 123456789:AAH… gibi bir token ile yanıt verir: kopyalayıp aşağıya yapıştırın.</translation>
    </message>
    <message>
        <source>How to create your shop&apos;s bot</source>
        <translation>Mağazanızın botunu nasıl oluşturursunuz</translation>
    </message>
    <message>
        <source>Paste the bot token that @BotFather gave you.</source>
        <translation>@BotFather’ın verdiği bot token’ını yapıştırın.</translation>
    </message>
    <message>
        <source>This does not look like a bot token. Copy it from @BotFather: it looks like 123456789:AAH… (digits, a colon, then letters and digits).</source>
        <translation>Bu bir bot token’ına benzemiyor. @BotFather’dan kopyalayın: 123456789:AAH… gibi görünür (rakamlar, iki nokta, sonra harfler ve rakamlar).</translation>
    </message>
    <message>
        <source>“%1” is not a web address: it should start with https:// or http://.</source>
        <translation>“%1” bir web adresi değil: https:// ya da http:// ile başlamalı.</translation>
    </message>
    <message>
        <source>123456789:AAH…</source>
        <translation>123456789:AAH…</translation>
    </message>
    <message>
        <source>Kept in this computer&apos;s password store, never shown again.</source>
        <translation>Bu bilgisayarın parola deposunda saklanır, bir daha gösterilmez.</translation>
    </message>
    <message>
        <source>Saved — paste a new one only to change it</source>
        <translation>Kayıtlı — yalnızca değiştirmek için yenisini yapıştırın</translation>
    </message>
    <message>
        <source>After /revoke in @BotFather, paste the new token here; the conversations stay.</source>
        <translation>@BotFather’da /revoke yaptıktan sonra yeni token’ı buraya yapıştırın; konuşmalar kalır.</translation>
    </message>
</context>
<context>
    <name>TelegramAwayBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Kapat</translation>
    </message>
    <message>
        <source>I have checked the chats in Telegram</source>
        <translation>Sohbetlere Telegram’da baktım</translation>
    </message>
    <message>
        <source>Telegram keeps messages for about 24 hours; some may be lost: %1 was last checked %2 hours ago. Open its chats in Telegram to see what came in meanwhile.</source>
        <translation>Telegram mesajları yaklaşık 24 saat saklar; bazıları kaybolmuş olabilir: %1 en son %2 saat önce denetlendi. Bu arada neler geldiğini görmek için sohbetlerini Telegram’da açın.</translation>
    </message>
</context>
<context>
    <name>TimeText</name>
    <message>
        <source>now</source>
        <translation>şimdi</translation>
    </message>
    <message>
        <source>%n min</source>
        <translation>%n dk</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Dün</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Bugün</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>Yarın</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Open %1</source>
        <translation>%1 uygulamasını aç</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Çık</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n okunmamış</numerusform>
        </translation>
    </message>
    <message>
        <source>No unread messages</source>
        <translation>Okunmamış mesaj yok</translation>
    </message>
    <message>
        <source>%1 asks for a person</source>
        <translation>%1 bir temsilciyle görüşmek istiyor</translation>
    </message>
    <message>
        <source>A customer</source>
        <translation>Bir müşteri</translation>
    </message>
    <message>
        <source>The bot handed the conversation over to you.</source>
        <translation>Bot, görüşmeyi size devretti.</translation>
    </message>
    <message numerus="yes">
        <source>%n new messages</source>
        <translation>
            <numerusform>%n yeni mesaj</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisitorSection</name>
    <message>
        <source>&lt; 1 min</source>
        <translation>&lt; 1 dk</translation>
    </message>
    <message>
        <source>%n min</source>
        <translation>%n dk</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 sa %2 dk</translation>
    </message>
    <message>
        <source>WEB VISIT</source>
        <translation>WEB ZİYARETİ</translation>
    </message>
    <message>
        <source>Pages this visit</source>
        <translation>Bu ziyarette gezilen sayfalar</translation>
    </message>
    <message>
        <source>Came from</source>
        <translation>Geldiği yer</translation>
    </message>
    <message>
        <source>Searched</source>
        <translation>Aradığı</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampanya</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Dil</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Cihaz</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Şehir</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>Sitede</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>Sepet</translation>
    </message>
    <message>
        <source>Online now</source>
        <translation>Şu anda çevrimiçi</translation>
    </message>
    <message>
        <source>Last seen %1</source>
        <translation>Son görülme: %1</translation>
    </message>
    <message>
        <source>(page without a title)</source>
        <translation>(başlıksız sayfa)</translation>
    </message>
    <message numerus="yes">
        <source>and %n earlier page(s)</source>
        <translation>
            <numerusform>ve önceki %n sayfa</numerusform>
        </translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>bilinmiyor</translation>
    </message>
    <message>
        <source>Direct visit (no referrer)</source>
        <translation>Doğrudan ziyaret (yönlendiren yok)</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>Boş</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>(adsız)</translation>
    </message>
</context>
<context>
    <name>WebchatDialog</name>
    <message>
        <source>Web chat</source>
        <translation>Web sohbeti</translation>
    </message>
    <message>
        <source>Your shop&apos;s chat server</source>
        <translation>Mağazanızın sohbet sunucusu</translation>
    </message>
    <message>
        <source>A live shop&apos;s widget needs a chat server that is always on: shopdesk-relay on your server (see “Running the web chat relay” in the README). Enter its address and the owner token that shopdesk-relay --new-token printed.</source>
        <translation>Canlı bir mağazanın sohbet penceresi her zaman açık bir sohbet sunucusu ister: sunucunuzda shopdesk-relay (README’de “Running the web chat relay” bölümüne bakın). Adresini ve shopdesk-relay --new-token komutunun yazdığı sahip anahtarını girin.</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adres</translation>
    </message>
    <message>
        <source>Owner token</source>
        <translation>Sahip anahtarı</translation>
    </message>
    <message>
        <source>kept in this computer&apos;s password store</source>
        <translation>bu bilgisayarın parola deposunda saklanır</translation>
    </message>
    <message>
        <source>Check and use</source>
        <translation>Denetle ve kullan</translation>
    </message>
    <message>
        <source>Use the built-in server</source>
        <translation>Yerleşik sunucuyu kullan</translation>
    </message>
    <message>
        <source>For every page of your shop</source>
        <translation>Mağazanızın her sayfası için</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopyala</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Kapat</translation>
    </message>
    <message>
        <source>In use: the chat server inside ShopDesk, on this computer. It is for trying the chat (Help → Open the demo shop); customers on your web site cannot reach it.</source>
        <translation>Kullanılan: ShopDesk’in içindeki sohbet sunucusu, bu bilgisayarda. Sohbeti denemek içindir (Yardım → Demo mağazayı aç); web sitenizdeki müşteriler ona ulaşamaz.</translation>
    </message>
    <message>
        <source>Connect your shop&apos;s chat server to get this line.</source>
        <translation>Bu satırı almak için mağazanızın sohbet sunucusunu bağlayın.</translation>
    </message>
    <message>
        <source>In use: your shop&apos;s chat server at %1.</source>
        <translation>Kullanılan: %1 adresindeki sohbet sunucunuz.</translation>
    </message>
    <message>
        <source>Check the server again to get this line.</source>
        <translation>Bu satırı almak için sunucuyu yeniden denetleyin.</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address and its owner token.</source>
        <translation>Sunucunun adresini ve sahip anahtarını girin.</translation>
    </message>
    <message>
        <source>Asking the chat server…</source>
        <translation>Sohbet sunucusuna soruluyor…</translation>
    </message>
    <message>
        <source>Saved. ShopDesk now connects to your chat server; paste the line below into your shop.</source>
        <translation>Kaydedildi. ShopDesk artık sohbet sunucunuza bağlanıyor; aşağıdaki satırı mağazanıza yapıştırın.</translation>
    </message>
    <message>
        <source>Not saved: this computer has no password store (keyring) for the owner token. Start your desktop&apos;s keyring (GNOME Keyring, KWallet), or run shopdesk account add webchat.</source>
        <translation>Kaydedilmedi: bu bilgisayarda sahip anahtarı için parola deposu (anahtarlık) yok. Masaüstünüzün anahtarlığını (GNOME Keyring, KWallet) başlatın ya da shopdesk account add webchat komutunu çalıştırın.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Kaydedilmedi: %1</translation>
    </message>
    <message>
        <source>“%1” is not a web address: it starts with https:// (or http://).</source>
        <translation>“%1” bir web adresi değil: https:// (ya da http://) ile başlar.</translation>
    </message>
    <message>
        <source>The chat server at %1 does not answer. Is it running, and is the address right?</source>
        <translation>%1 adresindeki sohbet sunucusu yanıt vermiyor. Çalışıyor mu, adres doğru mu?</translation>
    </message>
    <message>
        <source>The chat server at %1 refused the owner token: use the one shopdesk-relay --new-token printed.</source>
        <translation>%1 adresindeki sohbet sunucusu sahip anahtarını kabul etmedi: shopdesk-relay --new-token komutunun yazdığını kullanın.</translation>
    </message>
    <message>
        <source>%1 answered, but not as a ShopDesk chat server: check the address.</source>
        <translation>%1 yanıt verdi ama bir ShopDesk sohbet sunucusu olarak değil: adresi denetleyin.</translation>
    </message>
    <message>
        <source>Back to the chat server inside ShopDesk.</source>
        <translation>ShopDesk’in içindeki sohbet sunucusuna dönüldü.</translation>
    </message>
    <message>
        <source>Copied: paste it before &lt;/body&gt; on every page of your shop.</source>
        <translation>Kopyalandı: mağazanızın her sayfasında &lt;/body&gt; etiketinden önce yapıştırın.</translation>
    </message>
</context>
<context>
    <name>_PastRow</name>
    <message>
        <source>(no subject)</source>
        <translation>(konu yok)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
</TS>
