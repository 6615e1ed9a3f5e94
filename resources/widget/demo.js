/* The demo shop: products, a cart kept in localStorage, and a checkout that tells ShopDesk. */
(function () {
  "use strict";
  var params = new URLSearchParams(location.search);
  var lang = params.get("lang") === "en" || (!params.get("lang") && localStorage.getItem("demo:lang") === "en") ? "en" : "tr";
  localStorage.setItem("demo:lang", lang);
  document.documentElement.lang = lang;
  var T = {
    tr: {
      cart: "Sepet", eyebrow: "Kapadokya'dan, elden ele", headline: "Toprağın sıcaklığı, ipliğin zarafeti",
      lead: "Küçük atölyemizde elde şekillendirilen seramikler ve tezgâhta dokunan tekstiller. Her parça tek; her sipariş özenle paketlenir.",
      products: "Öne çıkanlar", yourCart: "Sepetiniz", total: "Toplam", checkout: "Siparişi tamamla",
      thanks: "Teşekkürler! Siparişiniz alındı.", add: "Sepete ekle", remove: "Çıkar", empty: "Sepetiniz boş.",
      footer: "Ücretsiz kargo 750 ₺ üzeri · 14 gün içinde kolay iade · Sorularınız için sağ alttaki sohbeti kullanın",
      title: "Toprak & İplik — El yapımı seramik ve dokuma", details: "İncele"
    },
    en: {
      cart: "Cart", eyebrow: "From Cappadocia, hand to hand", headline: "The warmth of clay, the grace of thread",
      lead: "Ceramics shaped by hand in our small workshop and textiles woven on the loom. Every piece is one of a kind; every order is packed with care.",
      products: "Featured", yourCart: "Your cart", total: "Total", checkout: "Complete order",
      thanks: "Thank you! Your order has been received.", add: "Add to cart", remove: "Remove", empty: "Your cart is empty.",
      footer: "Free shipping over ₺750 · Easy returns within 14 days · Questions? Use the chat at the bottom right",
      title: "Toprak & İplik — Handmade ceramics and weaving", details: "View"
    }
  }[lang];
  var PRODUCTS = [
    { id: 1, tr: "El boyaması çini kupa", en: "Hand-painted İznik mug", price: 380, colors: ["#1e3a8a", "#e0e7ff", "#0ea5e9"], shape: "mug" },
    { id: 2, tr: "Sırlı seramik servis tabağı", en: "Glazed ceramic serving plate", price: 650, colors: ["#0f766e", "#ccfbf1", "#f59e0b"], shape: "plate" },
    { id: 3, tr: "Raku vazo", en: "Raku vase", price: 1150, colors: ["#44403c", "#e7e5e4", "#b45309"], shape: "vase" },
    { id: 4, tr: "Kilim desenli yastık kılıfı", en: "Kilim cushion cover", price: 520, colors: ["#9f1239", "#ffe4e6", "#ca8a04"], shape: "cushion" },
    { id: 5, tr: "Keten masa örtüsü", en: "Linen tablecloth", price: 890, colors: ["#78716c", "#f5f5f4", "#a8a29e"], shape: "cloth" },
    { id: 6, tr: "Pamuk peştemal", en: "Cotton peshtemal towel", price: 340, colors: ["#0369a1", "#f0f9ff", "#38bdf8"], shape: "towel" }
  ];
  var money = function (v) { return lang === "tr" ? v.toLocaleString("tr-TR") + " ₺" : "₺" + v.toLocaleString("en-GB"); };

  document.querySelectorAll("[data-t]").forEach(function (node) { node.textContent = T[node.getAttribute("data-t")]; });
  var product = PRODUCTS.filter(function (p) { return String(p.id) === params.get("product"); })[0];
  document.title = product ? product[lang] + " — Toprak & İplik" : T.title;

  var SVG = "http://www.w3.org/2000/svg";
  function art(p) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 200 160");
    svg.setAttribute("aria-hidden", "true");
    var shapes = {
      mug: [["rect", { x: 60, y: 40, width: 70, height: 80, rx: 10, fill: p.colors[0] }], ["path", { d: "M130 60 q30 0 30 25 q0 25 -30 25", stroke: p.colors[0], "stroke-width": 10, fill: "none" }], ["circle", { cx: 95, cy: 80, r: 18, fill: p.colors[2] }], ["circle", { cx: 95, cy: 80, r: 8, fill: p.colors[1] }]],
      plate: [["ellipse", { cx: 100, cy: 85, rx: 75, ry: 45, fill: p.colors[0] }], ["ellipse", { cx: 100, cy: 85, rx: 55, ry: 30, fill: p.colors[1] }], ["ellipse", { cx: 100, cy: 85, rx: 20, ry: 11, fill: p.colors[2] }]],
      vase: [["path", { d: "M85 25 h30 v15 q35 25 25 70 q-5 25 -40 30 q-35 -5 -40 -30 q-10 -45 25 -70z", fill: p.colors[0] }], ["path", { d: "M70 90 q30 -20 60 0", stroke: p.colors[2], "stroke-width": 5, fill: "none" }]],
      cushion: [["rect", { x: 40, y: 30, width: 120, height: 100, rx: 18, fill: p.colors[0] }], ["path", { d: "M100 45 l30 35 l-30 35 l-30 -35z", fill: p.colors[2] }], ["path", { d: "M100 62 l15 18 l-15 18 l-15 -18z", fill: p.colors[1] }]],
      cloth: [["rect", { x: 35, y: 30, width: 130, height: 100, fill: p.colors[1], stroke: p.colors[0], "stroke-width": 4 }], ["path", { d: "M35 55 h130 M35 105 h130 M70 30 v100 M130 30 v100", stroke: p.colors[2], "stroke-width": 3 }]],
      towel: [["rect", { x: 55, y: 20, width: 90, height: 120, rx: 6, fill: p.colors[1] }], ["path", { d: "M55 45 h90 M55 55 h90 M55 105 h90 M55 115 h90", stroke: p.colors[0], "stroke-width": 6 }], ["path", { d: "M60 140 v10 M75 140 v10 M90 140 v10 M105 140 v10 M120 140 v10 M135 140 v10", stroke: p.colors[2], "stroke-width": 3 }]]
    }[p.shape];
    shapes.forEach(function (s) {
      var node = document.createElementNS(SVG, s[0]);
      for (var k in s[1]) node.setAttribute(k, s[1][k]);
      svg.appendChild(node);
    });
    return svg;
  }

  var cart = JSON.parse(localStorage.getItem("demo:cart") || "[]");
  var list = document.getElementById("products");
  PRODUCTS.forEach(function (p) {
    var li = document.createElement("li");
    li.className = "product" + (product && product.id === p.id ? " current" : "");
    var pic = document.createElement("a");
    pic.className = "pic";
    pic.href = "/demo?product=" + p.id + "&lang=" + lang;
    pic.style.background = p.colors[1];
    pic.appendChild(art(p));
    var name = document.createElement("h3");
    name.textContent = p[lang];
    var price = document.createElement("p");
    price.className = "price";
    price.textContent = money(p.price);
    var add = document.createElement("button");
    add.type = "button";
    add.className = "add";
    add.textContent = T.add;
    add.addEventListener("click", function () { addToCart(p); });
    li.append(pic, name, price, add);
    list.appendChild(li);
  });

  var cartBox = document.getElementById("cart");
  var cartButton = document.querySelector(".cart-button");
  cartButton.addEventListener("click", function () {
    cartBox.hidden = !cartBox.hidden;
    cartButton.setAttribute("aria-expanded", String(!cartBox.hidden));
  });
  document.querySelector(".checkout").addEventListener("click", function () {
    if (!cart.length) return;
    if (window.ShopDesk) ShopDesk.track("order_completed", { value: total(), currency: "TRY", items: cart.length });
    cart = [];
    save();
    document.querySelector(".done").hidden = false;
  });

  function total() { return cart.reduce(function (sum, i) { return sum + i.price * i.quantity; }, 0); }
  function addToCart(p) {
    var line = cart.filter(function (i) { return i.id === p.id; })[0];
    if (line) line.quantity++;
    else cart.push({ id: p.id, name: p[lang], price: p.price, quantity: 1 });
    document.querySelector(".done").hidden = true;
    save();
    cartBox.hidden = false;
    cartButton.setAttribute("aria-expanded", "true");
  }
  function save() {
    localStorage.setItem("demo:cart", JSON.stringify(cart));
    render();
    if (window.ShopDesk && ShopDesk.setCart) {
      ShopDesk.setCart({ value: total(), currency: "TRY", items: cart.map(function (i) { return { name: i.name, quantity: i.quantity, price: i.price }; }) });
    }
  }
  function render() {
    var ul = cartBox.querySelector(".cart-items");
    ul.textContent = "";
    if (!cart.length) {
      var empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = T.empty;
      ul.appendChild(empty);
    }
    cart.forEach(function (i) {
      var li = document.createElement("li");
      var label = document.createElement("span");
      label.textContent = i.quantity + " × " + i.name;
      var amount = document.createElement("span");
      amount.textContent = money(i.price * i.quantity);
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "remove";
      remove.textContent = "×";
      remove.setAttribute("aria-label", T.remove + ": " + i.name);
      remove.addEventListener("click", function () { cart = cart.filter(function (x) { return x !== i; }); save(); });
      li.append(label, amount, remove);
      ul.appendChild(li);
    });
    cartBox.querySelector(".total-value").textContent = money(total());
    document.querySelector(".count").textContent = cart.reduce(function (n, i) { return n + i.quantity; }, 0);
  }
  render();
  // The widget loads after this script: tell it the cart once it is there.
  var tries = 0;
  var tell = setInterval(function () {
    if ((window.ShopDesk && ShopDesk.setCart) || ++tries > 50) {
      clearInterval(tell);
      if (window.ShopDesk && cart.length) save();
    }
  }, 100);
})();
