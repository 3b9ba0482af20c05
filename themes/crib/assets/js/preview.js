// Link previews: pointing at a link to another note, or focusing it with
// the keyboard and waiting, shows a card with the note's title, tags and
// first text, or the section or block the link names. The card's text
// comes from the shard of previews that holds the note (see
// generator/linkpreview): static/preview/<shards>/<shard>.json, the shard
// being FNV-1a of the note's page path masked by the shard count, which
// static/preview/index.json gives. Each is fetched once, the text set
// with textContent only. The card is a tooltip that describes the link:
// it never takes focus, and Escape closes it. Touch opens nothing: each
// event's pointer type says what points, which a media query cannot say
// of a laptop with a touch screen.
(function () {
  var box = document.querySelector(".note .content[data-preview]");
  if (!box || !box.querySelector("a[href]")) return;
  var root = box.getAttribute("data-preview"); // "/sub/preview/"
  var site = root.slice(0, -"preview/".length); // "/sub/"
  var utf8 = new TextEncoder();
  var cache = {}, shards;
  var card, link, timer, hideTimer;

  // The page path of a link to a note of this site ("/notes/docker/volumes"),
  // or "". A note's page ends in "/"; a file beside it (a PDF, an image)
  // does not.
  function pathOf(a) {
    var rel = a.pathname.slice(site.length); // "notes/docker/volumes/"
    if (a.origin !== location.origin || a.pathname.indexOf(site) !== 0 || !/^notes\/.+\/$/.test(rel) || a.closest("h1,h2,h3,h4,h5,h6")) return "";
    try { return "/" + decodeURIComponent(rel.slice(0, -1)); } catch (e) { return ""; }
  }

  // FNV-1a (32 bits) of the UTF-8 bytes of s, as the generator hashes it.
  function fnv(s) {
    var h = 0x811c9dc5;
    utf8.encode(s).forEach(function (b) { h = Math.imul(h ^ b, 16777619); });
    return h >>> 0;
  }

  function json(url, opts) {
    return fetch(url, opts).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; });
  }

  // The preview of the note at path, or null. The shard count is read
  // afresh once per page, as a build may change it.
  function load(path) {
    shards = shards || json(root + "index.json", { cache: "no-cache" });
    return shards.then(function (ix) {
      if (!ix || !(ix.shards > 0)) return null;
      var url = root + ix.shards + "/" + (fnv(path) & (ix.shards - 1)).toString(16) + ".json";
      cache[url] = cache[url] || json(url);
      return cache[url].then(function (shard) { return shard && shard[path]; });
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function fill(a, data) {
    var id = "";
    try { id = decodeURIComponent(a.hash.slice(1)); } catch (e) {}
    var part = id && data.sections && data.sections[id];
    var text = part ? part.text : id && data.blocks && data.blocks[id] || data.text || [];
    card.replaceChildren(el("p", "lp-title", data.title + (part ? " › " + part.heading : "")));
    if (data.tags && data.tags.length) card.append(el("p", "lp-tags", "#" + data.tags.join(" #")));
    text.forEach(function (t) { card.append(el("p", "", t)); });
  }

  function place(a) {
    var r = a.getBoundingClientRect();
    var w = card.offsetWidth, h = card.offsetHeight;
    var left = Math.max(8, Math.min(r.left, innerWidth - w - 8));
    var top = r.bottom + 6;
    if (top + h > innerHeight && r.top - h - 6 > 0) top = r.top - h - 6;
    card.style.left = left + scrollX + "px";
    card.style.top = top + scrollY + "px";
  }

  function show(a) {
    var path = pathOf(a);
    if (!path) return;
    load(path).then(function (data) {
      if (!data || link !== a) return;
      if (!card) {
        card = el("div", "link-preview");
        card.id = "link-preview";
        card.setAttribute("role", "tooltip");
        card.addEventListener("pointerenter", function () { clearTimeout(hideTimer); });
        card.addEventListener("pointerleave", hideSoon);
        document.body.append(card);
      }
      fill(a, data);
      card.hidden = false;
      place(a);
      a.setAttribute("aria-describedby", card.id);
    });
  }

  function hide() {
    clearTimeout(timer);
    clearTimeout(hideTimer);
    if (link) link.removeAttribute("aria-describedby");
    link = null;
    if (card) card.hidden = true;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 150);
  }

  function wait(a, ms) {
    if (a === link) return clearTimeout(hideTimer);
    hide();
    if (!pathOf(a)) return;
    link = a;
    timer = setTimeout(function () { show(a); }, ms);
  }

  box.addEventListener("pointerover", function (e) {
    var a = e.target.closest("a[href]");
    if (a && e.pointerType !== "touch") wait(a, 300);
  });
  box.addEventListener("pointerout", function (e) {
    var a = e.target.closest("a[href]");
    if (a && a === link && !a.contains(e.relatedTarget)) hideSoon();
  });
  box.addEventListener("focusin", function (e) {
    var a = e.target.closest("a[href]");
    if (a && a.matches(":focus-visible")) wait(a, 600);
  });
  box.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && link) hide();
  });
})();
