/* ShopDesk live chat widget: <script src=".../widget.js" data-site="KEY" async></script>
   Plain JavaScript, no framework. Every text from the network is rendered with textContent. */
(function () {
  "use strict";
  var previous = window.ShopDesk;
  if (previous && previous._loaded) return;
  var script = document.currentScript || document.querySelector("script[data-site][src*='widget.js']");
  if (!script) return;
  var SITE = script.getAttribute("data-site") || "";
  var BASE = script.src.replace(/\/[^\/]*$/, "");
  var WS_BASE = BASE.replace(/^http/, "ws");
  var ACCENT = /^#[0-9a-f]{3,8}$/i.test(script.getAttribute("data-color") || "") ? script.getAttribute("data-color") : "";
  var LANG = (document.documentElement.lang || navigator.language || "en").toLowerCase().indexOf("tr") === 0 ? "tr" : "en";
  var KEY = "shopdesk:" + SITE;

  var TEXT = {
    en: {
      launcher: "Chat with us", openChat: "Open chat", closeChat: "Close chat", unread: "{n} new",
      online: "We're online", away: "We're away", onlineHint: "We usually reply in a few minutes",
      awayHint: "Leave a message, we'll reply by email", greeting: "Hi! 👋 How can we help you today?",
      placeholder: "Write a message…", send: "Send", attach: "Attach an image", messages: "Messages",
      name: "Name", email: "Email", optional: "optional", start: "Start chat",
      prechatIntro: "Tell us who you are, so we can reach you if you leave the page.",
      offlineIntro: "We're away right now. Leave a message and we'll reply by email.",
      message: "Message", sendOffline: "Send message", thanks: "Thanks! We got your message and will reply to {email}.",
      typing: "{name} is typing…", you: "You", sent: "Sent", seen: "Seen", sending: "Sending…",
      failed: "Not sent. Select to try again.", tooBig: "The image is too large (at most {size}).",
      notImage: "Only images can be sent (PNG, JPEG, GIF, WebP).", required: "Please fill in this field.",
      badEmail: "Please enter a valid email address.", tooLong: "The message is too long.",
      image: "Image", file: "File", shop: "Shop", newChat: "Chat",
      rate: "Rate this conversation", score: "{n} of {max}", comment: "Anything to add? (optional)",
      sendComment: "Send comment", rated: "Thank you for your rating!", choices: "Choices",
      closeInvite: "Dismiss"
    },
    tr: {
      launcher: "Bize yazın", openChat: "Sohbeti aç", closeChat: "Sohbeti kapat", unread: "{n} yeni",
      online: "Çevrimiçiyiz", away: "Şu an uzaktayız", onlineHint: "Genellikle birkaç dakika içinde yanıtlıyoruz",
      awayHint: "Mesaj bırakın, e-postayla yanıtlayalım", greeting: "Merhaba! 👋 Size nasıl yardımcı olabiliriz?",
      placeholder: "Mesajınızı yazın…", send: "Gönder", attach: "Resim ekle", messages: "Mesajlar",
      name: "Adınız", email: "E-posta", optional: "isteğe bağlı", start: "Sohbete başla",
      prechatIntro: "Sayfadan ayrılırsanız size ulaşabilmemiz için kendinizi tanıtın.",
      offlineIntro: "Şu an uzaktayız. Mesajınızı bırakın, e-postayla yanıtlayalım.",
      message: "Mesajınız", sendOffline: "Mesajı gönder", thanks: "Teşekkürler! Mesajınızı aldık, {email} adresine yanıt vereceğiz.",
      typing: "{name} yazıyor…", you: "Siz", sent: "Gönderildi", seen: "Görüldü", sending: "Gönderiliyor…",
      failed: "Gönderilemedi. Yeniden denemek için seçin.", tooBig: "Resim çok büyük (en fazla {size}).",
      notImage: "Yalnızca resim gönderilebilir (PNG, JPEG, GIF, WebP).", required: "Lütfen bu alanı doldurun.",
      badEmail: "Lütfen geçerli bir e-posta adresi girin.", tooLong: "Mesaj çok uzun.",
      image: "Resim", file: "Dosya", shop: "Mağaza", newChat: "Sohbet",
      rate: "Bu görüşmeyi değerlendirin", score: "{max} üzerinden {n}", comment: "Eklemek istediğiniz bir şey var mı? (isteğe bağlı)",
      sendComment: "Yorumu gönder", rated: "Değerlendirmeniz için teşekkürler!", choices: "Seçenekler",
      closeInvite: "Kapat"
    }
  }[LANG];

  function t(key, values) {
    return TEXT[key].replace(/\{(\w+)\}/g, function (_, name) { return values && values[name] != null ? String(values[name]) : ""; });
  }

  // ---------- storage (localStorage is shared by the site's tabs) ----------

  function load(name, fallback) {
    try { var v = localStorage.getItem(KEY + ":" + name); return v == null ? fallback : JSON.parse(v); } catch (e) { return fallback; }
  }
  function save(name, value) {
    try { localStorage.setItem(KEY + ":" + name, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }

  var state = {
    token: load("token", null), visitor: {}, settings: { online: false, prechat: "optional", shop_name: "" },
    messages: {}, order: [], pending: load("pending", []), ownerSeen: 0, visitorSeen: 0, unread: 0,
    ready: false, open: sessionStorage.getItem(KEY + ":open") === "1", prechatDone: load("prechat", false),
    offlineSent: load("offline", ""), queue: [], ws: null, wsOk: false, retries: 0, poll: null, typingSent: 0,
    typingTimer: null, ownerTypingTimer: null, refs: {}
  };

  // ---------- DOM helpers (textContent only) ----------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var name in attrs || {}) {
      if (name === "text") node.textContent = attrs[name];
      else if (name === "class") node.className = attrs[name];
      else if (name.slice(0, 2) === "on") node.addEventListener(name.slice(2), attrs[name]);
      else if (attrs[name] === true) node.setAttribute(name, "");
      else if (attrs[name] !== false && attrs[name] != null) node.setAttribute(name, attrs[name]);
    }
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  var SVG = "http://www.w3.org/2000/svg";
  function icon(path, size) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", size || 24);
    svg.setAttribute("height", size || 24);
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var p = document.createElementNS(SVG, "path");
    p.setAttribute("d", path);
    svg.appendChild(p);
    return svg;
  }
  var ICON_CHAT = "M12 3C6.5 3 2 6.9 2 11.7c0 2.6 1.3 4.9 3.4 6.5L4.6 22l4.3-2.3c1 .3 2 .4 3.1.4 5.5 0 10-3.9 10-8.7S17.5 3 12 3z";
  var ICON_CLOSE = "M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z";
  var ICON_SEND = "M3 20.5 21 12 3 3.5v6.6l12 1.9-12 1.9z";
  var ICON_CLIP = "M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z";

  // ---------- building the widget ----------

  var host = el("div", { id: "shopdesk-widget" });
  var shadow = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  var ui = {};

  function build() {
    var css = el("link", { rel: "stylesheet", href: BASE + "/widget.css" });
    var root = ui.root = el("div", { class: "sd-root", lang: LANG });
    root.style.visibility = "hidden";
    css.addEventListener("load", function () { root.style.visibility = ""; });
    css.addEventListener("error", function () { root.style.visibility = ""; });
    if (ACCENT) root.style.setProperty("--sd-accent", ACCENT);

    ui.badge = el("span", { class: "sd-badge", "aria-hidden": "true", hidden: true });
    ui.launcher = el("button", { class: "sd-launcher", type: "button", "aria-expanded": "false", "aria-controls": "sd-panel", onclick: toggle },
      [icon(ICON_CHAT, 28), el("span", { class: "sd-launcher-close" }, [icon(ICON_CLOSE, 26)]), ui.badge]);

    ui.avatar = el("div", { class: "sd-avatar", "aria-hidden": "true" });
    ui.title = el("h2", { class: "sd-title", id: "sd-title" });
    ui.statusText = el("span");
    ui.status = el("p", { class: "sd-status" }, [el("span", { class: "sd-dot", "aria-hidden": "true" }), ui.statusText]);
    ui.hint = el("p", { class: "sd-hint" });
    ui.close = el("button", { class: "sd-close", type: "button", onclick: function () { setOpen(false); } }, [icon(ICON_CLOSE, 20)]);
    var header = el("header", { class: "sd-header" }, [ui.avatar, el("div", { class: "sd-heading" }, [ui.title, ui.status, ui.hint]), ui.close]);

    ui.log = el("div", { class: "sd-log", role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0" });
    ui.typing = el("div", { class: "sd-typing", "aria-live": "polite", hidden: true },
      [el("span", { class: "sd-dots", "aria-hidden": "true" }, [el("i"), el("i"), el("i")]), el("span", { class: "sd-typing-text" })]);
    ui.prechat = buildPrechat();
    ui.offline = buildOffline();
    ui.thanks = el("div", { class: "sd-thanks", role: "status", hidden: true });
    ui.body = el("div", { class: "sd-body" }, [ui.thanks, ui.log, ui.typing, ui.prechat, ui.offline]);

    ui.input = el("textarea", { id: "sd-input", rows: "1", maxlength: "4000", oninput: onInput, onkeydown: onKey });
    ui.file = el("input", { type: "file", accept: "image/png,image/jpeg,image/gif,image/webp", hidden: true, tabindex: "-1", onchange: onFile });
    ui.attach = el("button", { class: "sd-icon-btn", type: "button", onclick: function () { ui.file.click(); } }, [icon(ICON_CLIP, 22)]);
    ui.send = el("button", { class: "sd-send", type: "submit" }, [icon(ICON_SEND, 20)]);
    ui.inputLabel = el("label", { class: "sd-vh", for: "sd-input" });
    ui.composer = el("form", { class: "sd-composer", onsubmit: onSubmit }, [ui.inputLabel, ui.input, ui.file, ui.attach, ui.send]);
    ui.error = el("p", { class: "sd-error", role: "alert" });
    ui.panel = el("section", { class: "sd-panel", id: "sd-panel", role: "dialog", "aria-labelledby": "sd-title", hidden: true, onkeydown: onPanelKey },
      [header, ui.body, ui.error, ui.composer, el("p", { class: "sd-brand" }, [el("span", { text: "⚡ ShopDesk" })])]);
    root.appendChild(ui.panel);
    root.appendChild(ui.launcher);
    shadow.appendChild(css);
    shadow.appendChild(root);
    (document.body || document.documentElement).appendChild(host);
    texts();
  }

  function field(label, type, name, required, extra) {
    var id = "sd-" + name + "-" + Math.random().toString(36).slice(2, 7);
    var input = el(type === "textarea" ? "textarea" : "input", Object.assign({ id: id, name: name, required: required }, type === "textarea" ? { rows: "3", maxlength: "4000" } : { type: type, maxlength: "200" }, extra || {}));
    var text = el("span", { class: "sd-label-text" });
    var wrap = el("div", { class: "sd-field" }, [el("label", { for: id }, [text]), input, el("p", { class: "sd-field-error", "aria-live": "polite" })]);
    wrap._label = text;
    wrap._labelKey = label;
    wrap._input = input;
    return wrap;
  }

  function buildPrechat() {
    var name = field("name", "text", "name", false, { autocomplete: "name" });
    var email = field("email", "email", "email", false, { autocomplete: "email" });
    var intro = el("p", { class: "sd-intro" });
    var button = el("button", { class: "sd-primary", type: "submit" });
    var form = el("form", { class: "sd-form sd-prechat", hidden: true, novalidate: true, onsubmit: onPrechat }, [intro, name, email, button]);
    form._parts = { intro: intro, name: name, email: email, button: button };
    return form;
  }

  function buildOffline() {
    var name = field("name", "text", "name", false, { autocomplete: "name" });
    var email = field("email", "email", "email", true, { autocomplete: "email" });
    var message = field("message", "textarea", "message", true);
    var intro = el("p", { class: "sd-intro" });
    var button = el("button", { class: "sd-primary", type: "submit" });
    var form = el("form", { class: "sd-form sd-offline", hidden: true, novalidate: true, onsubmit: onOffline }, [intro, name, email, message, button]);
    form._parts = { intro: intro, name: name, email: email, message: message, button: button };
    return form;
  }

  function texts() {
    var shop = state.settings.shop_name || t("shop");
    ui.title.textContent = shop;
    ui.avatar.textContent = shop.trim().charAt(0).toUpperCase() || "S";
    ui.close.setAttribute("aria-label", t("closeChat"));
    ui.attach.setAttribute("aria-label", t("attach"));
    ui.attach.title = t("attach");
    ui.send.setAttribute("aria-label", t("send"));
    ui.input.placeholder = t("placeholder");
    ui.inputLabel.textContent = t("message");
    ui.log.setAttribute("aria-label", t("messages"));
    [ui.prechat, ui.offline].forEach(function (form) {
      var parts = form._parts;
      ["name", "email", "message"].forEach(function (key) {
        var f = parts[key];
        if (!f) return;
        var required = f._input.required;
        f._label.textContent = t(f._labelKey) + (required ? " *" : " (" + t("optional") + ")");
      });
    });
    ui.prechat._parts.intro.textContent = t("prechatIntro");
    ui.prechat._parts.button.textContent = t("start");
    ui.offline._parts.intro.textContent = t("offlineIntro");
    ui.offline._parts.button.textContent = t("sendOffline");
    presence();
    badge();
  }

  function presence() {
    var online = state.settings.online;
    ui.panel.classList.toggle("sd-away", !online);
    ui.statusText.textContent = online ? t("online") : t("away");
    ui.hint.textContent = online ? t("onlineHint") : t("awayHint");
    view();
  }

  function badge() {
    var label = t("openChat") + (state.unread ? " (" + t("unread", { n: state.unread }) + ")" : "");
    ui.launcher.setAttribute("aria-label", state.open ? t("closeChat") : label);
    ui.badge.textContent = state.unread > 9 ? "9+" : String(state.unread);
    ui.badge.hidden = !state.unread || state.open;
  }

  // which part of the panel shows: the chat, the pre-chat form, the away form, or the thanks
  function view() {
    if (!ui.panel) return;
    var hasChat = state.order.length > 0 || state.pending.length > 0 || !!state.invited;
    var mode = "chat";
    if (!hasChat && !state.settings.online && !state.offlineSent) mode = "offline";
    else if (!hasChat && state.settings.prechat !== "off" && !state.prechatDone && !(state.visitor.name && state.visitor.email)) mode = "prechat";
    ui.prechat.hidden = mode !== "prechat";
    ui.offline.hidden = mode !== "offline";
    // After the away form: a note above the chat until the shop is back online.
    ui.thanks.hidden = !(mode === "chat" && state.offlineSent && !state.settings.online);
    ui.thanks.textContent = t("thanks", { email: state.offlineSent });
    ui.log.hidden = mode !== "chat";
    ui.composer.hidden = mode !== "chat";
    var required = state.settings.prechat === "required";
    ui.prechat._parts.name._input.required = required;
    ui.prechat._parts.email._input.required = required;
    if (mode === "chat" && !ui.log.firstChild) ui.log.appendChild(greeting());
    state.mode = mode;
  }

  function greeting() {
    return el("div", { class: "sd-msg sd-owner sd-greeting" }, [el("div", { class: "sd-bubble", text: t("greeting") })]);
  }

  // ---------- opening and closing ----------

  function toggle() { setOpen(!state.open); }

  function setOpen(open) {
    state.open = open;
    try { sessionStorage.setItem(KEY + ":open", open ? "1" : "0"); } catch (e) { /* ignore */ }
    ui.panel.hidden = !open;
    ui.launcher.setAttribute("aria-expanded", open ? "true" : "false");
    ui.launcher.classList.toggle("sd-launcher-open", open);
    if (open) {
      dismissInvite();
      state.unread = 0;
      view();
      scrollDown();
      focusFirst();
      markSeen();
    } else {
      ui.launcher.focus();
    }
    badge();
  }

  function focusFirst() {
    var target = state.mode === "prechat" ? ui.prechat._parts.name._input
      : state.mode === "offline" ? ui.offline._parts.email._input
      : ui.input;
    setTimeout(function () { target.focus(); }, 0);
  }

  function onPanelKey(event) {
    if (event.key === "Escape") { event.preventDefault(); setOpen(false); }
  }

  // ---------- messages ----------

  function fileUrl(file) { return BASE + "/api/files/" + encodeURIComponent(file.id); }

  function linkified(text) {
    var frag = document.createDocumentFragment();
    String(text).split(/(https?:\/\/[^\s<>"']+)/g).forEach(function (part, i) {
      if (i % 2 === 1) {
        var safe = false;
        try { safe = /^https?:$/.test(new URL(part).protocol); } catch (e) { safe = false; }
        if (safe) { frag.appendChild(el("a", { href: part, target: "_blank", rel: "noopener noreferrer nofollow", text: part })); return; }
      }
      if (part) frag.appendChild(document.createTextNode(part));
    });
    return frag;
  }

  function bubble(message) {
    var mine = message.author === "visitor";
    var content = el("div", { class: "sd-bubble" });
    if (message.file) {
      if (/^image\//.test(message.file.mime_type)) {
        content.classList.add("sd-image");
        content.appendChild(el("a", { href: message.file.preview || fileUrl(message.file), target: "_blank", rel: "noopener noreferrer" },
          [el("img", { src: message.file.preview || fileUrl(message.file), alt: message.file.name || t("image"), loading: "lazy" })]));
      } else {
        content.appendChild(el("a", { href: fileUrl(message.file), target: "_blank", rel: "noopener noreferrer", text: "📎 " + (message.file.name || t("file")) }));
      }
    }
    if (message.text) content.appendChild(linkified(message.text));
    var who = el("span", { class: "sd-vh", text: (mine ? t("you") : (state.settings.shop_name || t("shop"))) + ": " });
    var meta = el("div", { class: "sd-meta" }, [el("time", { datetime: message.at || "", text: clock(message.at) })]);
    var mark = null;
    if (mine) {
      mark = el("span", { class: "sd-mark" });
      meta.appendChild(mark);
    }
    var node = el("div", { class: "sd-msg " + (mine ? "sd-visitor" : "sd-owner") + (message.author === "bot" ? " sd-bot" : "") }, [who, content, buttons(message), meta]);
    node._mark = mark;
    return node;
  }

  // Buttons under a message of the shop's: a satisfaction question's scores (a rating card, still
  // answerable days later; another tap changes the score) or the FAQ bot's "talk to a person".
  function buttons(message) {
    var rows = message.buttons || [];
    if (!rows.length) return null;
    var rating = message.card === "rating";
    var all = [].concat.apply([], rows);
    var stars = rating && all.length === 5;
    var chosenAt = -1;
    all.forEach(function (b, i) { if (b.data === message.chosen) chosenAt = i; });
    var box = el("div", { class: "sd-choices" + (rating ? " sd-rating" : ""), role: "group", "aria-label": rating ? t("rate") : t("choices") });
    if (rating) box.appendChild(el("div", { class: "sd-rate-title", text: t("rate") }));
    rows.forEach(function (row) {
      var line = el("div", { class: "sd-choice-row" + (stars ? " sd-stars" : "") });
      row.forEach(function (b) {
        var i = all.indexOf(b);
        var label = rating ? t("score", { n: b.label, max: all[all.length - 1].label }) : b.label;
        var button = el("button", {
          type: "button", class: "sd-choice" + (stars && i <= chosenAt ? " sd-on" : ""),
          "aria-pressed": String(b.data === message.chosen), "aria-label": label, title: label,
          text: stars ? "★" : b.label,
          onclick: function () { press(message, b.data); }
        });
        line.appendChild(button);
      });
      box.appendChild(line);
    });
    if (rating && message.chosen) box.appendChild(commentBox(message));
    return box;
  }

  function commentBox(message) {
    var key = "commented:" + message.id;
    if (load(key, false)) return el("div", { class: "sd-rated", text: t("rated") });
    var input = el("textarea", { rows: "2", maxlength: "2000", "aria-label": t("comment"), placeholder: t("comment") });
    var form = el("form", { class: "sd-comment", onsubmit: function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) return;
      save(key, true);
      queueMessage({ text: text, client_id: newId(), at: new Date().toISOString() });
      form.parentNode.replaceChild(el("div", { class: "sd-rated", text: t("rated") }), form);
    } }, [el("div", { class: "sd-rated", text: t("rated") }), input, el("button", { type: "submit", class: "sd-comment-send", text: t("sendComment") })]);
    return form;
  }

  function press(message, data) {
    send("button", { message_id: message.id, data: data }, function (ok, answer) {
      if (ok && answer && answer.message) changeMessage(answer.message);
      else if (!ok) showError((answer && answer.reason) || t("failed"));
    });
  }

  // A message the relay changed (a tapped button): drawn again in place.
  function changeMessage(message) {
    var known = state.messages[message.id];
    if (!known || known.data.chosen === message.chosen) return;
    var node = bubble(message);
    known.node.parentNode.replaceChild(node, known.node);
    known.node = node;
    known.data = message;
  }

  function clock(at) {
    var d = at ? new Date(at) : new Date();
    if (isNaN(d.getTime())) return "";
    return d.toLocaleTimeString(LANG === "tr" ? "tr-TR" : "en-GB", { hour: "2-digit", minute: "2-digit" });
  }

  function setMark(node, kind) {
    if (!node || !node._mark) return;
    node.classList.toggle("sd-failed", kind === "failed");
    node._mark.className = "sd-mark sd-" + kind;
    node._mark.textContent = kind === "seen" ? "✓✓" : kind === "sent" ? "✓" : kind === "sending" ? "🕓" : "!";
    node._mark.setAttribute("aria-label", t(kind));
    node._mark.title = t(kind);
  }

  function addMessage(message) {
    if (!message || message.id == null || state.messages[message.id]) return;
    var pendingIndex = findPending(message.client_id);
    var node = bubble(message);
    if (pendingIndex >= 0) {
      var old = state.pending[pendingIndex];
      state.pending.splice(pendingIndex, 1);
      save("pending", state.pending.filter(function (p) { return !p.file; }));
      if (old.node && old.node.parentNode) old.node.parentNode.replaceChild(node, old.node);
      else insert(node, message.id);
    } else {
      insert(node, message.id);
    }
    state.messages[message.id] = { data: message, node: node };
    state.order.push(message.id);
    state.order.sort(function (a, b) { return a - b; });
    if (message.author === "visitor") setMark(node, message.id <= state.ownerSeen ? "seen" : "sent");
    else {
      hideOwnerTyping();
      if (!state.open || document.visibilityState !== "visible") { state.unread++; badge(); }
    }
    view();
    scrollDown();
    markSeen();
  }

  function insert(node, id) {
    var greetingNode = ui.log.querySelector(".sd-greeting");
    var after = null;
    for (var i = state.order.length - 1; i >= 0; i--) {
      if (state.order[i] < id) { after = state.messages[state.order[i]].node; break; }
    }
    var firstPending = state.pending.length && state.pending[0].node && state.pending[0].node.parentNode ? state.pending[0].node : null;
    if (after && after.nextSibling) ui.log.insertBefore(node, after.nextSibling);
    else if (!after && state.order.length) ui.log.insertBefore(node, state.messages[state.order[0]].node);
    else if (firstPending) ui.log.insertBefore(node, firstPending);
    else ui.log.appendChild(node);
    if (greetingNode && greetingNode !== ui.log.firstChild) ui.log.insertBefore(greetingNode, ui.log.firstChild);
  }

  function findPending(clientId) {
    for (var i = 0; i < state.pending.length; i++) if (state.pending[i].client_id === clientId) return i;
    return -1;
  }

  function lastId() { return state.order.length ? state.order[state.order.length - 1] : 0; }

  function scrollDown() { if (ui.body) ui.body.scrollTop = ui.body.scrollHeight; }

  function updateSeenMarks(upTo) {
    state.ownerSeen = Math.max(state.ownerSeen, upTo || 0);
    state.order.forEach(function (id) {
      var m = state.messages[id];
      if (m.data.author === "visitor") setMark(m.node, id <= state.ownerSeen ? "seen" : "sent");
    });
  }

  function markSeen() {
    if (!state.open || document.visibilityState !== "visible") return;
    var top = 0;
    state.order.forEach(function (id) { if (state.messages[id].data.author !== "visitor") top = id; });
    if (top > state.visitorSeen) {
      state.visitorSeen = top;
      send("seen", { up_to: top });
    }
  }

  // ---------- sending ----------

  function newId() { return "c" + Date.now().toString(36) + Math.random().toString(36).slice(2, 10); }

  function onSubmit(event) {
    event.preventDefault();
    var text = ui.input.value.trim();
    if (!text) return;
    if (text.length > (state.settings.max_message_chars || 4000)) { showError(t("tooLong")); return; }
    ui.input.value = "";
    autosize();
    stopTyping();
    queueMessage({ client_id: newId(), text: text, at: new Date().toISOString() });
  }

  function queueMessage(item) {
    state.pending.push(item);
    save("pending", state.pending.filter(function (p) { return !p.file; }));
    item.node = bubble({ author: "visitor", text: item.text, at: item.at, file: item.file });
    setMark(item.node, "sending");
    ui.log.appendChild(item.node);
    view();
    scrollDown();
    deliver(item);
  }

  function deliver(item) {
    if (!state.token) return; // sent when the session starts
    if (item.blob) return upload(item);
    item.sending = true;
    var body = { text: item.text, client_id: item.client_id };
    if (state.invited && !state.inviteAnswered) { // the chat starts with the invitation it answers
      body.invitation = state.invited.id;
      body.invitation_language = LANG;
    }
    send("message", body, function (ok, answer) {
      item.sending = false;
      if (ok && answer && answer.message) {
        if (body.invitation) { state.inviteAnswered = true; sync(); } // the stored invitation replaces ours
        addMessage(answer.message);
      }
      else if (!ok && answer && answer.status && answer.status < 500 && answer.status !== 429) failed(item, answer.reason);
    });
  }

  function failed(item, reason) {
    setMark(item.node, "failed");
    if (reason) showError(reason);
    item.node.tabIndex = 0;
    item.node.onclick = item.node.onkeydown = function (e) {
      if (e.type === "keydown" && e.key !== "Enter") return;
      setMark(item.node, "sending");
      deliver(item);
    };
  }

  function flushPending() { state.pending.forEach(function (item) { if (!item.sending) deliver(item); }); }

  function onKey(event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); ui.composer.requestSubmit ? ui.composer.requestSubmit() : onSubmit(event); }
  }

  function autosize() {
    ui.input.style.height = "auto";
    ui.input.style.height = Math.min(ui.input.scrollHeight, 120) + "px";
  }

  function onInput() {
    autosize();
    showError("");
    var now = Date.now();
    if (now - state.typingSent > 3000) { state.typingSent = now; send("typing", { typing: true }); }
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(stopTyping, 4000);
  }

  function stopTyping() {
    clearTimeout(state.typingTimer);
    if (state.typingSent) { state.typingSent = 0; send("typing", { typing: false }); }
  }

  function onFile() {
    var file = ui.file.files && ui.file.files[0];
    ui.file.value = "";
    if (!file) return;
    if (!/^image\/(png|jpeg|gif|webp)$/.test(file.type)) { showError(t("notImage")); return; }
    var limit = state.settings.max_upload_bytes || 2000000;
    if (file.size > limit) { showError(t("tooBig", { size: (limit / 1000000).toFixed(1).replace(/\.0$/, "") + " MB" })); return; }
    var preview = window.URL && URL.createObjectURL ? URL.createObjectURL(file) : "";
    queueMessage({ client_id: newId(), text: "", at: new Date().toISOString(), blob: file, file: { id: "", name: file.name, mime_type: file.type, preview: preview } });
  }

  function upload(item) {
    item.sending = true;
    var url = BASE + "/api/widget/upload?client_id=" + encodeURIComponent(item.client_id) + "&name=" + encodeURIComponent(item.blob.name || "image");
    fetch(url, { method: "POST", body: item.blob, headers: { "Content-Type": item.blob.type, "X-ShopDesk-Token": state.token } })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, status: r.status, body: body }; }); })
      .then(function (r) {
        item.sending = false;
        if (r.ok) addMessage(r.body.message);
        else failed(item, r.body.detail);
      })
      .catch(function () { item.sending = false; failed(item); });
  }

  function showError(text) { ui.error.textContent = text || ""; }

  // ---------- forms ----------

  function validate(f) {
    var input = f._input, value = input.value.trim(), message = "";
    if (input.required && !value) message = t("required");
    else if (input.type === "email" && value && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) message = t("badEmail");
    f.querySelector(".sd-field-error").textContent = message;
    input.setAttribute("aria-invalid", message ? "true" : "false");
    return message ? input : null;
  }

  function firstInvalid(fields) {
    var bad = null;
    fields.forEach(function (f) { var b = validate(f); bad = bad || b; });
    if (bad) bad.focus();
    return bad;
  }

  function onPrechat(event) {
    event.preventDefault();
    var p = ui.prechat._parts;
    if (firstInvalid([p.name, p.email])) return;
    var identity = { name: p.name._input.value.trim(), email: p.email._input.value.trim() };
    state.prechatDone = true;
    save("prechat", true);
    if (identity.name || identity.email) api.identify(identity);
    view();
    focusFirst();
  }

  function onOffline(event) {
    event.preventDefault();
    var p = ui.offline._parts;
    if (firstInvalid([p.name, p.email, p.message])) return;
    var body = {
      site: SITE, token: state.token, name: p.name._input.value.trim(), email: p.email._input.value.trim(),
      text: p.message._input.value.trim(), client_id: newId(), page: page()
    };
    p.button.disabled = true;
    post("/api/widget/offline", body, false).then(function (answer) {
      p.button.disabled = false;
      keepToken(answer.token);
      state.offlineSent = body.email;
      save("offline", body.email);
      state.visitor.email = body.email;
      connect();
      view();
      ui.thanks.setAttribute("tabindex", "-1");
      ui.thanks.focus();
    }, function (err) {
      p.button.disabled = false;
      showError(err.reason || "");
    });
  }

  // ---------- network ----------

  function page() { return { url: location.href.slice(0, 2000), title: document.title.slice(0, 500), referrer: document.referrer.slice(0, 2000) }; }

  function post(path, body, withToken) {
    var headers = { "Content-Type": "application/json" };
    if (withToken !== false && state.token) headers["X-ShopDesk-Token"] = state.token;
    return fetch(BASE + path, { method: "POST", headers: headers, body: JSON.stringify(body) })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (data) {
          if (!r.ok) throw { status: r.status, reason: data.detail };
          return data;
        });
      });
  }

  var PATHS = { message: "messages", typing: "typing", seen: "seen", page: "page", identify: "identify", cart: "cart", track: "track", button: "button" };
  var refCounter = 0;

  // One action to the relay: over the websocket when it is open, else over HTTP.
  function send(type, body, done) {
    if (!state.token) { state.queue.push([type, body, done]); return; }
    if (state.wsOk && state.ws && state.ws.readyState === 1) {
      var ref = ++refCounter;
      if (done) state.refs[ref] = done;
      state.ws.send(JSON.stringify(Object.assign({ type: type, ref: ref }, body)));
      return;
    }
    post("/api/widget/" + PATHS[type], body).then(function (a) { if (done) done(true, a); }, function (e) { if (done) done(false, e); });
  }

  function keepToken(token) {
    if (!token) return;
    state.token = token;
    save("token", token);
  }

  function start(attempt) {
    post("/api/widget/session", { site: SITE, token: state.token, page: page(), language: (navigator.language || "").slice(0, 35) }, false)
      .then(function (answer) {
        keepToken(answer.token);
        state.visitor = answer.visitor || {};
        applySettings(answer);
        state.ownerSeen = answer.owner_seen_id || 0;
        (answer.messages || []).forEach(addMessage);
        state.visitorSeen = Math.max(state.visitorSeen, 0);
        state.ready = true;
        considerInvitations();
        var queued = state.queue; state.queue = [];
        queued.forEach(function (q) { send(q[0], q[1], q[2]); });
        connect();
        flushPending();
        view();
        if (state.open) setOpen(true);
      }, function (err) {
        if (err && err.status === 404) return; // a wrong data-site: nothing to do
        setTimeout(function () { start((attempt || 0) + 1); }, Math.min(30000, 1000 * Math.pow(2, attempt || 0)));
      });
  }

  function applySettings(s) {
    ["online", "prechat", "shop_name", "max_upload_bytes", "max_message_chars", "invitations"].forEach(function (k) { if (s[k] != null) state.settings[k] = s[k]; });
    texts();
    considerInvitations();
  }

  // ---------- proactive invitations: the owner's rules, evaluated here; at most one a day ----------

  var DAY = 86400000, VISIT_GAP = 30 * 60000, pageStart = Date.now();
  var lastSeen = load("last_seen", 0), visits = load("visits", 0) + (Date.now() - lastSeen > VISIT_GAP ? 1 : 0);
  save("visits", visits);
  save("last_seen", Date.now());

  function fold(text) {
    return String(text || "").replace(/[İI]/g, "i").replace(/ı/g, "i").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function searchTerms() {
    var found = [];
    [document.referrer, location.href].forEach(function (u) {
      try {
        var q = new URL(u).searchParams;
        ["q", "p", "query", "text", "utm_term"].forEach(function (k) { if (q.get(k)) found.push(q.get(k)); });
      } catch (e) { /* no referrer */ }
    });
    return fold(found.join(" "));
  }

  function globMatches(pattern, url) {
    if (!pattern) return true;
    var parts = pattern.split("*").map(function (p) { return p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"); });
    return new RegExp("^" + parts.join(".*") + "$", "i").test(url);
  }

  function ruleMatches(rule) {
    return globMatches(rule.url, location.href) &&
      (!rule.min_cart_value || state.cartValue >= rule.min_cart_value) &&
      (rule.returning == null || rule.returning === visits > 1) &&
      (!rule.referrer || document.referrer.toLowerCase().indexOf(rule.referrer.toLowerCase()) >= 0) &&
      (!rule.keyword || searchTerms().indexOf(fold(rule.keyword)) >= 0) &&
      (state.settings.online || rule.when_away);
  }

  function chatting() {
    if (state.open || state.pending.length) return true;
    var last = state.order.length ? state.messages[state.order[state.order.length - 1]].data.at : null;
    return !!last && Date.now() - new Date(last).getTime() < VISIT_GAP;
  }

  // The first rule (in the owner's order) whose conditions hold and whose time on the page has come.
  function considerInvitations() {
    clearTimeout(state.inviteTimer);
    if (!state.ready || state.invited || Date.now() - load("invited_at", 0) < DAY) return;
    var wait = null;
    (state.settings.invitations || []).some(function (rule) {
      if (!ruleMatches(rule)) return false;
      var due = pageStart + (rule.seconds_on_page || 0) * 1000 - Date.now();
      if (due > 0) { wait = wait == null ? due : Math.min(wait, due); return false; }
      if (!chatting()) invite(rule);
      return true;
    });
    if (wait != null && !state.invited) state.inviteTimer = setTimeout(considerInvitations, wait + 50);
  }

  function invite(rule) {
    var text = LANG === "tr" ? rule.message_tr || rule.message_en : rule.message_en || rule.message_tr;
    state.invited = rule;
    save("invited_at", Date.now());
    send("track", { name: "invitation_shown", data: { rule: rule.id } });
    var greetingNode = ui.log.querySelector(".sd-greeting");
    if (greetingNode) greetingNode.remove();
    ui.log.appendChild(el("div", { class: "sd-msg sd-owner sd-invitation" }, [el("div", { class: "sd-bubble", text: text })]));
    ui.invite = el("div", { class: "sd-invite", role: "status" }, [
      el("button", { type: "button", class: "sd-invite-text", onclick: function () { setOpen(true); } },
        [el("span", { class: "sd-invite-from", text: state.settings.shop_name || t("shop") }), el("span", { class: "sd-invite-message", text: text })]),
      el("button", { type: "button", class: "sd-invite-close", "aria-label": t("closeInvite"), title: t("closeInvite"), text: "×", onclick: dismissInvite })
    ]);
    ui.root.insertBefore(ui.invite, ui.launcher);
    view();
  }

  function dismissInvite() {
    if (ui.invite) { ui.invite.remove(); ui.invite = null; }
  }

  function sync() {
    var local = ui.log.querySelector(".sd-invitation");
    if (local) local.remove();
    if (state.wsOk && state.ws) return state.ws.send(JSON.stringify({ type: "sync", after: 0 }));
    fetch(BASE + "/api/widget/messages?after=0", { headers: { "X-ShopDesk-Token": state.token } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) data.messages.forEach(addMessage); }, function () { /* offline */ });
  }

  function connect() {
    if (!window.WebSocket || !state.token || (state.ws && state.ws.readyState <= 1)) return;
    var opened = false;
    var ws = new WebSocket(WS_BASE + "/ws/widget?site=" + encodeURIComponent(SITE) + "&token=" + encodeURIComponent(state.token));
    state.ws = ws;
    ws.onopen = function () {
      opened = true;
      state.wsOk = true;
      state.retries = 0;
      stopPolling();
      ws.send(JSON.stringify({ type: "sync", after: lastId() }));
      flushPending();
    };
    ws.onmessage = function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      onFrame(data);
    };
    ws.onclose = function () {
      state.pending.forEach(function (item) { if (!item.blob) item.sending = false; });
      state.refs = {};
      state.wsOk = false;
      state.ws = null;
      state.retries++;
      if (state.retries >= 3) startPolling();
      var delay = Math.min(30000, 500 * Math.pow(2, state.retries));
      setTimeout(opened ? connect : function () { refreshSession(); }, delay);
    };
  }

  // A refused websocket may mean the relay forgot us (a new database): a new session signs a new token.
  function refreshSession() {
    post("/api/widget/session", { site: SITE, token: state.token, page: page(), language: (navigator.language || "").slice(0, 35) }, false)
      .then(function (answer) {
        keepToken(answer.token);
        applySettings(answer);
        (answer.messages || []).forEach(addMessage);
        updateSeenMarks(answer.owner_seen_id);
        connect();
      }, function () { setTimeout(refreshSession, 15000); });
  }

  function onFrame(data) {
    if (data.ref != null && state.refs[data.ref]) {
      var done = state.refs[data.ref];
      delete state.refs[data.ref];
      done(data.type !== "error", data);
    }
    if (data.type === "hello") applySettings(data);
    else if (data.type === "presence") { state.settings.online = !!data.online; presence(); }
    else if (data.type === "message") addMessage(data);
    else if (data.type === "message_changed") changeMessage(data);
    else if (data.type === "history") { (data.messages || []).forEach(addMessage); updateSeenMarks(data.owner_seen_id); }
    else if (data.type === "seen") updateSeenMarks(data.up_to);
    else if (data.type === "typing") ownerTyping(!!data.typing);
    else if (data.type === "error" && data.reason && data.ref == null) showError(data.reason);
  }

  function startPolling() {
    if (state.poll) return;
    state.poll = setInterval(function () {
      fetch(BASE + "/api/widget/messages?after=" + lastId(), { headers: { "X-ShopDesk-Token": state.token } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data) return;
          data.messages.forEach(addMessage);
          updateSeenMarks(data.owner_seen_id);
          if (state.settings.online !== data.online) { state.settings.online = data.online; presence(); }
          flushPending();
        }, function () { /* offline: the next tick tries again */ });
    }, 4000);
  }

  function stopPolling() { clearInterval(state.poll); state.poll = null; }

  function ownerTyping(on) {
    clearTimeout(state.ownerTypingTimer);
    if (!on) return hideOwnerTyping();
    ui.typing.querySelector(".sd-typing-text").textContent = t("typing", { name: state.settings.shop_name || t("shop") });
    ui.typing.hidden = false;
    scrollDown();
    state.ownerTypingTimer = setTimeout(hideOwnerTyping, 8000);
  }

  function hideOwnerTyping() { ui.typing.hidden = true; }

  // ---------- the page's API ----------

  var api = {
    _loaded: true,
    identify: function (who) {
      who = who || {};
      var body = { name: String(who.name || "").slice(0, 100), email: String(who.email || "").slice(0, 200), phone: String(who.phone || "").slice(0, 40) };
      if (body.name) state.visitor.name = body.name;
      if (body.email) state.visitor.email = body.email;
      send("identify", body);
      if (ui.panel) view();
    },
    setCart: function (cart) {
      cart = cart || {};
      var items = (cart.items || []).slice(0, 50).map(function (i) {
        return { name: String(i.name || "").slice(0, 500), quantity: Math.max(0, parseInt(i.quantity, 10) || 0), price: Math.max(0, Number(i.price) || 0), url: String(i.url || "").slice(0, 2000) };
      });
      state.cartValue = Math.max(0, Number(cart.value) || 0);
      send("cart", { value: state.cartValue, currency: String(cart.currency || "").slice(0, 8), items: items });
      considerInvitations();
    },
    track: function (name, data) { send("track", { name: String(name || "event").slice(0, 100), data: data && typeof data === "object" ? data : {} }); },
    open: function () { setOpen(true); },
    close: function () { setOpen(false); }
  };
  window.ShopDesk = api;

  document.addEventListener("visibilitychange", markSeen);
  window.addEventListener("storage", function (event) {
    if (event.key === KEY + ":token" && event.newValue) { state.token = JSON.parse(event.newValue); connect(); }
  });

  function boot() {
    build();
    state.pending.forEach(function (item) {
      item.node = bubble({ author: "visitor", text: item.text, at: item.at });
      setMark(item.node, "sending");
      ui.log.appendChild(item.node);
    });
    if (state.open) setOpen(true);
    start(0);
    // Calls queued by a snippet before the widget loaded: window.ShopDesk = {q: [["identify", {...}], ...]}
    if (previous && previous.q && previous.q.forEach) previous.q.forEach(function (c) { if (api[c[0]]) api[c[0]].apply(api, c.slice(1)); });
  }
  if (document.body) boot(); else document.addEventListener("DOMContentLoaded", boot);
})();
