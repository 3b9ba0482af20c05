// The practice deck: one card at a time, graded Again/Hard/Good/Easy and
// scheduled with FSRS-6 (fsrs.js) for the chance of recall the reader
// asks for (the desired retention, 90 % unless set). Due cards come
// first, then new cards in note order or shuffled (a seed keeps the
// shuffle the same on every device and reload). Progress lives in
// localStorage and can be exported and imported as a JSON file; nothing
// is sent anywhere. Progress kept by the page's SM-2 scheduler before
// (version 1) is carried over to FSRS (see sm2Card). Answers are
// Hugo-rendered HTML, parsed inertly and stripped of anything executable
// before they are shown. A note that asks its questions in several
// languages gives a card per language; the page shows one language at a
// time (the deck says which first), and the notes' difficulties filter
// too.
(function () {
  "use strict";
  var root = document.getElementById("practice");
  var fsrs = window.cribFSRS;
  if (!root || !root.dataset.index || !window.fetch || !fsrs) return;

  var DAY = 864e5;
  var STEP = 60e3;          // an Again comes back a minute later, in this session
  var SM2_RETENTION = 0.9;  // the recall SM-2's intervals are taken to have kept
  var RETENTION = { min: 0.7, max: 0.99, fallback: 0.9 };
  var DIFFICULTIES = ["easy", "medium", "hard"];
  var KEY = root.dataset.key || "crib-deck";
  var $ = function (id) { return document.getElementById(id); };
  var ui = {
    lang: $("pr-lang"), langLabel: $("pr-lang-label"), difficulty: $("pr-difficulty"), difficultyLabel: $("pr-difficulty-label"),
    tag: $("pr-tag"), note: $("pr-note"), shuffle: $("pr-shuffle"), counts: $("pr-counts"),
    card: $("pr-card"), kind: $("pr-kind"), source: $("pr-source"), recall: $("pr-recall"), parent: $("pr-parent"),
    parentQ: $("pr-parent-q"), question: $("pr-question"), answer: $("pr-answer"),
    reveal: $("pr-reveal"), grades: $("pr-grades"), done: $("pr-done"),
    tagStats: $("pr-tag-stats"), noteStats: $("pr-note-stats"), todo: $("pr-todo"),
    retention: $("pr-retention"), message: $("pr-message")
  };
  var KINDS = { interview: "Interview question", q: "Question", question: "Question", "follow-up": "Follow-up", scenario: "Scenario", trap: "Trap", open: "Question" };

  var deck = null;      // the index: {notes: [...], todo: [...], lang: ""}
  var tagNames = [];    // every tag and parent of a nested tag, sorted
  var byId = {};        // card id -> {id, note}
  var files = {};       // card file URL -> Promise of {id: card}
  var queue = [];
  var current = null;
  var revealed = false;
  var seed = "";        // the shuffle's seed for this view ("": note order)
  var state = load();

  // ---- progress ----------------------------------------------------------

  // The progress (version 2): settings, and per card reviewed its FSRS
  // memory (stability in days, difficulty 1-10), when it is due and was
  // last reviewed (ms since 1970), and its lapses. A card carried over
  // from SM-2 with no interval yet has no memory: its next grade starts
  // one, as a new card's would.
  function fresh() {
    return { version: 2, retention: RETENTION.fallback, shuffle: true, seed: newSeed(), cards: {} };
  }
  function load() {
    var s = null, saved = null;
    try {
      saved = localStorage.getItem(KEY);
      s = JSON.parse(saved || "null");
    } catch (e) { /* corrupt or blocked storage: start afresh */ }
    if (!s || !s.cards || typeof s.cards !== "object") {
      // Kept at once, so that the shuffle's seed outlives a reload.
      s = fresh();
      try { localStorage.setItem(KEY, JSON.stringify(s)); } catch (e) { /* this visit only */ }
      return s;
    }
    if (s.version === 2) {
      s.retention = retention(s.retention);
      if (typeof s.seed !== "string" || !s.seed) s.seed = newSeed();
      Object.keys(s.cards).forEach(function (id) {
        var c = fsrsCard(s.cards[id]);
        if (c) s.cards[id] = c;
        else delete s.cards[id];
      });
      return s;
    }
    // SM-2 progress of the page before: carry it over, and keep it too
    // under another key, in case. That page dealt new cards in note order
    // unless the reader gave a seed, which is kept.
    var out = fresh();
    out.shuffle = typeof s.seed === "string" && s.seed !== "";
    if (out.shuffle) out.seed = s.seed;
    if (typeof s.lang === "string") out.lang = s.lang;
    Object.keys(s.cards).forEach(function (id) {
      var c = sm2Card(s.cards[id]);
      if (c) out.cards[id] = c;
    });
    try {
      localStorage.setItem(KEY + ":sm2", saved);
      localStorage.setItem(KEY, JSON.stringify(out));
    } catch (e) { /* kept in memory for this visit */ }
    return out;
  }
  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { say("Progress could not be saved in this browser."); }
  }
  function newSeed() {
    var a = new Uint32Array(1);
    if (window.crypto && crypto.getRandomValues) crypto.getRandomValues(a);
    else a[0] = Math.random() * 4294967296;
    return a[0].toString(36);
  }
  // retention is a desired retention kept within what FSRS is meant for.
  function retention(r) {
    r = Number(r);
    if (!isFinite(r) || r <= 0) return RETENTION.fallback;
    return Math.min(Math.max(r, RETENTION.min), RETENTION.max);
  }

  // sm2Card carries over a card of SM-2 progress ({r: repetitions, e: ease
  // factor, i: interval in days, l: lapses, d: due, t: last review}): its
  // memory is what FSRS estimates from the ease and interval, assuming
  // SM-2 kept recall at 90 % (fsrs-rs memory_state_from_sm2; the
  // stability is then the interval), and it stays due when it was due.
  // A card SM-2 had not yet given an interval (repetitions restarted by
  // Again) gets no memory: its next grade starts one, as the FSRS
  // authors advise for cards of interval 0 (open-spaced-repetition/
  // fsrs4anki#540).
  function sm2Card(c) {
    if (!c || typeof c.d !== "number" || typeof c.e !== "number" || typeof c.i !== "number" || typeof c.r !== "number") return null;
    var out = { due: c.d, reviewed: typeof c.t === "number" ? c.t : c.d - c.i * DAY, lapses: c.l || 0 };
    if (c.i > 0) {
      var m = fsrs.fromSM2(c.e, c.i, SM2_RETENTION);
      out.stability = m.s;
      out.difficulty = m.d;
    }
    return out;
  }
  // fsrsCard checks a card of version 2 progress.
  function fsrsCard(c) {
    if (!c || typeof c.due !== "number" || typeof c.reviewed !== "number") return null;
    var out = { due: c.due, reviewed: c.reviewed, lapses: typeof c.lapses === "number" ? c.lapses : 0 };
    if (c.stability !== undefined) {
      if (!(c.stability > 0) || !(c.difficulty >= 1 && c.difficulty <= 10)) return null;
      out.stability = c.stability;
      out.difficulty = c.difficulty;
    }
    return out;
  }

  function elapsedDays(c, now) { return Math.max(0, Math.floor((now - c.reviewed) / DAY)); }

  // schedule grades a card: its memory moves by FSRS, and it is due again
  // when its chance of recall falls to the desired retention (whole days),
  // or, after Again, a minute later.
  function schedule(c, grade, now) {
    var m = c && c.stability ? fsrs.next({ s: c.stability, d: c.difficulty }, elapsedDays(c, now), grade) : fsrs.init(grade);
    return {
      stability: m.s, difficulty: m.d, reviewed: now,
      due: grade === 1 ? now + STEP : now + fsrs.interval(m.s, state.retention) * DAY,
      lapses: (c ? c.lapses || 0 : 0) + (c && grade === 1 ? 1 : 0)
    };
  }
  // recall is the chance FSRS gives of recalling a card now, or null for
  // a card with no memory yet.
  function recall(c, now) {
    return c && c.stability ? fsrs.retrievability(elapsedDays(c, now), c.stability) : null;
  }
  function status(id, now) {
    var s = state.cards[id];
    if (!s) return "new";
    return s.due <= now ? "due" : "learned";
  }

  // ---- deck ----------------------------------------------------------------

  // A note's answers come from its page, which Hugo rendered anyway: the
  // page's content box says, in data-cards, which of its top-level
  // elements hold each answer (and which answer marker to drop from the
  // first). An answer that is not whole blocks there comes from the note's
  // small card page instead (the deck index gives its URL). Both are parsed
  // with DOMParser, which runs no script and loads nothing, and cleaned
  // once; answers are copied into the page.
  function fetchDoc(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + url);
      return r.text();
    }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, "text/html");
      clean(doc.body);
      return doc;
    });
  }
  function cardFile(note) {
    var url = note.u;
    if (!files[url]) {
      files[url] = Promise.all([fetchDoc(note.u), note.d ? fetchDoc(note.d) : null]).then(function (docs) {
        var page = docs[0].querySelector(".note .content"), m = {}, where = {};
        var els = page ? page.children : [];
        try {
          JSON.parse((page && page.dataset.cards) || "[]").forEach(function (w) { where[w[0]] = w; });
        } catch (e) {}
        note.c.forEach(function (id, i) {
          var meta = note.m[i], w = where[id], ans = null;
          if (w) {
            ans = document.createElement("div");
            for (var k = w[1]; k < w[2] && k < els.length; k++) ans.appendChild(els[k].cloneNode(true));
            if (w[4] && ans.firstElementChild) cutLines(ans.firstElementChild, w[4]);
            if (w[3] && ans.firstElementChild) dropMarker(ans.firstElementChild, w[3]);
          } else if (docs[1]) {
            ans = docs[1].querySelector("article[data-card='" + id + "'] .answer");
          }
          m[id] = { id: id, k: meta.k || "", l: meta.l || "", p: meta.p || "", a: meta.a || "", q: meta.q || "", answer: ans };
        });
        return m;
      });
      files[url].catch(function () { delete files[url]; });
    }
    return files[url];
  }
  // cutLines removes from an element what comes before and with its n-th
  // line break: the question's lines, when its answer follows in the same
  // paragraph. A break is a newline in the text, or a <br> (with the
  // newline after it); a Range keeps the elements the cut falls in.
  function cutLines(el, n) {
    var walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT), node, afterBr = false, r = document.createRange();
    r.setStart(el, 0);
    while ((node = walk.nextNode())) {
      if (node.nodeType === 1) {
        if (node.nodeName === "BR") {
          afterBr = true;
          if (--n === 0) { r.setEndAfter(node); break; }
        }
        continue;
      }
      for (var i = 0; i < node.data.length; i++) {
        if (node.data[i] !== "\n") { afterBr = false; continue; }
        if (afterBr) { afterBr = false; continue; }
        if (--n === 0) { r.setEnd(node, i + 1); break; }
      }
      if (n === 0) break;
    }
    if (n !== 0) return;
    r.deleteContents();
    // A <br> cut is followed by its newline.
    for (node = el.firstChild; node && node.nodeType === 3; node = el.firstChild) {
      node.data = node.data.replace(/^\s+/, "");
      if (node.data) break;
      node.remove();
    }
  }
  // dropMarker removes an answer marker ("Your Answer:") from the start of
  // an element's text, as the card's Markdown leaves it out; spacing may
  // differ. Elements the marker leaves empty go too.
  function dropMarker(el, marker) {
    var want = marker.replace(/\s+/g, ""), walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), t, emptied = [];
    while (want && (t = walk.nextNode())) {
      var d = t.data, i = 0;
      while (i < d.length && want) {
        if (/\s/.test(d[i])) { i++; continue; }
        if (d[i] !== want[0]) return;
        want = want.slice(1);
        i++;
      }
      t.data = d.slice(i).replace(/^\s+/, "");
      if (!t.data) emptied.push(t.parentNode);
    }
    emptied.forEach(function (p) { if (p !== el && !p.textContent.trim()) p.remove(); });
    for (t = el.firstChild; t && t.nodeType === 3 && !t.data.trim(); t = el.firstChild) t.remove();
    if (el.firstChild && el.firstChild.nodeType === 3) el.firstChild.data = el.firstChild.data.replace(/^\s+/, "");
  }
  function fetchCard(id) {
    var ref = byId[id];
    return cardFile(ref.note).then(function (m) { return m[id]; });
  }

  // mulberry32: a tiny seeded generator, so a seed gives the same order on
  // every device.
  function rng(seed) {
    var h = 1779033703 ^ seed.length;
    for (var i = 0; i < seed.length; i++) {
      h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
      h = (h << 13) | (h >>> 19);
    }
    var a = h >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) | 0;
      var t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function shuffle(list, seed) {
    var r = rng(seed), a = list.slice();
    for (var i = a.length - 1; i > 0; i--) {
      var j = Math.floor(r() * (i + 1)), t = a[i];
      a[i] = a[j]; a[j] = t;
    }
    return a;
  }

  // A language shows the cards asked in it, a difficulty the cards of the
  // notes of that difficulty; "" every card, those of no known language or
  // difficulty too. The filters combine.
  function selected() {
    var lang = ui.lang.value, difficulty = ui.difficulty.value, tag = ui.tag.value, note = ui.note.value, out = [];
    deck.notes.forEach(function (n, i) {
      if (note !== "" && String(i) !== note) return;
      if (tag !== "" && !hasTag(n, tag)) return;
      if (difficulty !== "" && n.df !== difficulty) return;
      n.c.forEach(function (id, k) {
        if (lang === "" || n.m[k].l === lang) out.push(id);
      });
    });
    return out;
  }

  // A tag also selects its nested tags: "interview" takes
  // "interview/devops".
  function hasTag(n, tag) {
    return n.g.some(function (t) { return t === tag || t.indexOf(tag + "/") === 0; });
  }

  // build queues the selection: due cards, the longest due first, then
  // new ones in note order or shuffled.
  function build(first) {
    var now = Date.now(), due = [], unseen = [];
    selected().forEach(function (id) {
      var st = status(id, now);
      if (st === "due") due.push(id);
      else if (st === "new") unseen.push(id);
    });
    due.sort(function (a, b) { return state.cards[a].due - state.cards[b].due; });
    queue = due.concat(seed ? shuffle(unseen, seed) : unseen);
    if (first && byId[first]) {
      queue = [first].concat(queue.filter(function (id) { return id !== first; }));
    }
    counts();
    next();
  }

  function counts() {
    var now = Date.now(), c = { due: 0, "new": 0, learned: 0 };
    selected().forEach(function (id) { c[status(id, now)]++; });
    ui.counts.textContent = c.due + " due · " + c["new"] + " new · " + c.learned + " learned";
  }

  // ---- one card --------------------------------------------------------------

  function next() {
    current = queue.shift() || null;
    revealed = false;
    ui.answer.hidden = true;
    ui.grades.hidden = true;
    ui.reveal.hidden = false;
    if (!current) {
      ui.card.hidden = true;
      ui.done.hidden = false;
      return;
    }
    ui.done.hidden = true;
    // Until the card is in, the one shown is another: it cannot be
    // revealed or graded.
    ui.card.setAttribute("aria-busy", "true");
    var id = current;
    fetchCard(id).then(function (c) {
      if (id !== current || !c) return;
      var ref = byId[id];
      ui.card.removeAttribute("aria-busy");
      ui.kind.textContent = KINDS[c.k] || "Question";
      ui.source.textContent = ref.note.t;
      ui.source.href = ref.note.u + (c.a ? "#" + c.a : "");
      showRecall(state.cards[id]);
      ui.question.textContent = c.q;
      setLang(ui.question, c.l);
      setLang(ui.answer, c.l);
      ui.parent.hidden = true;
      if (c.p && byId[c.p]) {
        fetchCard(c.p).then(function (p) {
          if (id !== current || !p) return;
          ui.parentQ.textContent = p.q;
          ui.parent.hidden = false;
        });
      }
      ui.answer.replaceChildren(answerNodes(c, ref.note));
      if (!ui.answer.textContent.trim() && !ui.answer.querySelector("img, table, pre")) ui.answer.textContent = "No answer written yet.";
      ui.card.hidden = false;
      ui.card.dataset.card = id;
      if (document.activeElement && root.contains(document.activeElement) && document.activeElement.tagName !== "SELECT" && document.activeElement.tagName !== "INPUT") {
        ui.question.focus({ preventScroll: true });
      }
      if (queue[0] && byId[queue[0]]) cardFile(byId[queue[0]].note);
    }, function () {
      say("This card could not be loaded.");
    });
  }

  // setLang marks the language of an element's text, for screen readers,
  // hyphenation and fonts; a card of no known language takes the page's.
  function setLang(el, lang) {
    if (lang) el.lang = lang;
    else el.removeAttribute("lang");
  }

  // clean keeps only inert markup in a parsed (not yet live) tree: no
  // scripts or frames, no event handlers, no javascript: URLs. Hugo
  // already leaves raw HTML of notes out; this is the second line.
  var DROP = { SCRIPT: 1, IFRAME: 1, OBJECT: 1, EMBED: 1, FRAME: 1, BASE: 1, META: 1, LINK: 1, FORM: 1, STYLE: 1 };
  function clean(root) {
    var all = root.querySelectorAll("*");
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      if (DROP[el.tagName]) { el.remove(); continue; }
      for (var j = el.attributes.length - 1; j >= 0; j--) {
        var a = el.attributes[j], v = a.value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
        if (/^on/i.test(a.name) || (/^(href|src|action|formaction|xlink:href|srcdoc)$/i.test(a.name) && /^(javascript|vbscript|data:text\/html)/.test(v))) {
          el.removeAttribute(a.name);
        }
      }
    }
  }

  // answerNodes copies a card's cleaned answer into this document; links
  // within the note ("#heading") point at the note page.
  function answerNodes(c, note) {
    var frag = document.createDocumentFragment();
    if (!c.answer) return frag;
    c.answer.childNodes.forEach(function (n) { frag.appendChild(document.importNode(n, true)); });
    frag.querySelectorAll("a[href^='#']").forEach(function (a) {
      a.setAttribute("href", note.u + a.getAttribute("href"));
    });
    return frag;
  }

  // showRecall says how likely FSRS thinks the reader is to recall the
  // card now.
  function showRecall(c) {
    var r = recall(c, Date.now());
    ui.recall.removeAttribute("title");
    if (!c) {
      ui.recall.textContent = "New card";
    } else if (r === null) {
      ui.recall.textContent = "Relearning";
    } else {
      ui.recall.textContent = "Recall " + Math.round(r * 100) + " %";
      ui.recall.title = "FSRS's estimate of the chance you recall this now; stability " + c.stability.toFixed(1) +
        " days, difficulty " + c.difficulty.toFixed(1) + " of 10";
    }
  }

  // showIntervals writes on each grade button when it would bring the
  // card back.
  function showIntervals() {
    var now = Date.now();
    ui.grades.querySelectorAll("button[data-grade]").forEach(function (b) {
      var c = schedule(state.cards[current], +b.dataset.grade, now);
      b.querySelector(".practice-ivl").textContent = duration(c.due - now);
    });
  }
  function duration(ms) {
    var d = ms / DAY;
    if (d < 1) return Math.round(ms / 60e3) + " min";
    if (d < 31) return Math.round(d) + (Math.round(d) === 1 ? " day" : " days");
    if (d < 365) return +(d / 30.4).toFixed(1) + " months";
    return +(d / 365).toFixed(1) + " years";
  }

  function reveal() {
    if (!current || revealed || ui.card.hidden || ui.card.hasAttribute("aria-busy")) return;
    revealed = true;
    showIntervals();
    ui.answer.hidden = false;
    ui.reveal.hidden = true;
    ui.grades.hidden = false;
    ui.answer.focus({ preventScroll: true });
  }

  function grade(g) {
    if (!current || !revealed) return;
    var now = Date.now();
    state.cards[current] = schedule(state.cards[current], g, now);
    save();
    if (g === 1) queue.push(current);
    counts();
    stats();
    next();
  }

  // ---- stats ---------------------------------------------------------------

  function row(tbody, label, href, ids, now) {
    var c = { due: 0, "new": 0, learned: 0 };
    ids.forEach(function (id) { c[status(id, now)]++; });
    var tr = document.createElement("tr");
    var th = document.createElement("th");
    th.scope = "row";
    if (href) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = label;
      th.appendChild(a);
    } else {
      th.textContent = label;
    }
    tr.appendChild(th);
    [ids.length, c.due, c["new"], c.learned].forEach(function (n) {
      var td = document.createElement("td");
      td.textContent = n;
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
  }

  function stats() {
    var now = Date.now();
    var tagBody = ui.tagStats.tBodies[0], noteBody = ui.noteStats.tBodies[0];
    tagBody.replaceChildren();
    noteBody.replaceChildren();
    deck.notes.forEach(function (n) { row(noteBody, n.t, n.u, n.c, now); });
    tagNames.forEach(function (t) {
      var ids = [];
      deck.notes.forEach(function (n) { if (hasTag(n, t)) ids.push.apply(ids, n.c); });
      row(tagBody, t, "", ids, now);
    });
  }

  function todo() {
    ui.todo.replaceChildren();
    deck.todo.forEach(function (t) {
      var n = deck.notes[t.note];
      if (!n) return;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = n.u + (t.anchor ? "#" + t.anchor : "");
      a.textContent = t.question;
      li.appendChild(a);
      li.appendChild(document.createTextNode(" (" + n.t + ": " + (t.empty ? "no answer" : "placeholder left in") + ")"));
      ui.todo.appendChild(li);
    });
    if (!deck.todo.length) {
      var li = document.createElement("li");
      li.textContent = "Every question has an answer.";
      ui.todo.appendChild(li);
    }
  }

  // ---- export and import -------------------------------------------------

  // The progress file: format "crib-practice", version 2, the cards as
  // kept here. Version 1 files (SM-2, from the page before) import too.
  function exportProgress() {
    var data = { format: "crib-practice", version: 2, exported: new Date().toISOString(), cards: state.cards };
    var blob = new Blob([JSON.stringify(data, null, 1)], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "crib-practice-" + new Date().toISOString().slice(0, 10) + ".json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    say("Progress exported: " + Object.keys(state.cards).length + " cards.");
  }

  // Import merges: for each card the most recent review wins, so two
  // devices can exchange files in either order.
  function importProgress(file) {
    file.text().then(function (text) {
      var data = JSON.parse(text);
      if (!data || data.format !== "crib-practice" || !data.cards || typeof data.cards !== "object") throw new Error("not a Crib progress file");
      var sm2 = data.version === 1;
      if (!sm2 && data.version !== 2) throw new Error("a progress file of version " + data.version + ", newer than this page");
      var n = 0;
      Object.keys(data.cards).forEach(function (id) {
        var c = sm2 ? sm2Card(data.cards[id]) : fsrsCard(data.cards[id]);
        if (!c) return;
        var mine = state.cards[id];
        if (!mine || c.reviewed > mine.reviewed) {
          state.cards[id] = c;
          n++;
        }
      });
      save();
      say("Imported progress for " + n + " cards" + (sm2 ? " (from SM-2)." : "."));
      stats();
      build(null);
    }).catch(function (e) {
      say("Import failed: " + e.message);
    });
  }

  function say(text) { ui.message.textContent = text; }

  function setShuffle(s) {
    seed = s;
    ui.shuffle.setAttribute("aria-pressed", seed ? "true" : "false");
  }

  // ---- wiring ----------------------------------------------------------------

  function wanted() {
    var m = /(?:^#|&)card=([0-9a-f]{16})/.exec(location.hash);
    return m ? m[1] : null;
  }

  // showLanguageOf switches to the language of a card the reader asked
  // for by link, when the language shown is another.
  function showLanguageOf(id) {
    var ref = byId[id];
    if (!ref || ui.lang.value === "") return;
    var l = ref.note.m[ref.note.c.indexOf(id)].l || "";
    if (l !== ui.lang.value) ui.lang.value = l;
  }

  // languageName is how a language tag reads in the page's language
  // ("ru": "Russian"), or the tag itself.
  function languageName(tag) {
    try {
      var name = new Intl.DisplayNames([document.documentElement.lang || "en"], { type: "language" }).of(tag);
      if (name && name !== tag) return name + " (" + tag + ")";
    } catch (e) { /* an old browser or an odd tag */ }
    return tag;
  }

  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }

  function start(index) {
    if (!index.notes || !index.notes.length) {
      var p = document.createElement("p");
      p.textContent = "There are no practice cards yet: write questions such as “### Interview Q: …” in the notes and build again.";
      root.appendChild(p);
      return;
    }
    deck = index;
    deck.todo = deck.todo || [];
    var tags = {}, langs = {}, difficulties = {};
    deck.notes.forEach(function (n, i) {
      n.g = n.g || [];
      if (n.df) difficulties[n.df] = true;
      n.c.forEach(function (id, k) {
        byId[id] = { id: id, note: n };
        if (n.m[k].l) langs[n.m[k].l] = true;
      });
      n.g.forEach(function (t) {
        var parts = t.split("/");
        for (var k = 1; k <= parts.length; k++) tags[parts.slice(0, k).join("/")] = true;
      });
      option(ui.note, String(i), n.t);
    });
    tagNames = Object.keys(tags).sort();
    tagNames.forEach(function (t) { option(ui.tag, t, t); });
    Object.keys(langs).sort().forEach(function (l) { option(ui.lang, l, languageName(l)); });
    ui.langLabel.hidden = !Object.keys(langs).length;
    DIFFICULTIES.forEach(function (d) {
      if (difficulties[d]) option(ui.difficulty, d, d.charAt(0).toUpperCase() + d.slice(1));
    });
    ui.difficultyLabel.hidden = !Object.keys(difficulties).length;
    var params = new URLSearchParams(location.search);
    // The language: a link's ?lang=, else the reader's last choice, else
    // the deck's; "" (all) when the one asked for has no cards. The
    // difficulty likewise, "" (all) unless chosen.
    var lang = params.has("lang") ? params.get("lang") : typeof state.lang === "string" ? state.lang : deck.lang || "";
    ui.lang.value = langs[lang] ? lang : "";
    var difficulty = params.has("difficulty") ? params.get("difficulty") : state.difficulty || "";
    ui.difficulty.value = difficulties[difficulty] ? difficulty : "";
    // A link's ?seed= shuffles with that seed, for this visit.
    setShuffle(params.has("seed") ? params.get("seed") : state.shuffle ? state.seed : "");
    ui.retention.value = Math.round(state.retention * 100);
    if (params.get("tag") && tags[params.get("tag")]) ui.tag.value = params.get("tag");
    $("pr-ui").hidden = false;
    stats();
    todo();
    if (wanted()) showLanguageOf(wanted());
    build(wanted());
  }

  ui.reveal.addEventListener("click", reveal);
  ui.grades.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-grade]");
    if (b) grade(+b.dataset.grade);
  });
  [ui.tag, ui.note].forEach(function (s) { s.addEventListener("change", function () { build(null); }); });
  ui.lang.addEventListener("change", function () {
    state.lang = ui.lang.value;
    save();
    build(null);
  });
  ui.difficulty.addEventListener("change", function () {
    state.difficulty = ui.difficulty.value;
    save();
    build(null);
  });
  // Shuffle on deals the new cards anew (a new seed); off, they come in
  // note order.
  ui.shuffle.addEventListener("click", function () {
    state.shuffle = !seed;
    if (state.shuffle) state.seed = newSeed();
    save();
    setShuffle(state.shuffle ? state.seed : "");
    if (deck) build(null);
  });
  ui.retention.addEventListener("change", function () {
    var pct = Math.round(retention(+ui.retention.value / 100) * 100);
    ui.retention.value = pct;
    state.retention = pct / 100;
    save();
    if (revealed) showIntervals();
  });
  $("pr-filters").addEventListener("submit", function (e) { e.preventDefault(); });
  $("pr-export").addEventListener("click", exportProgress);
  $("pr-import").addEventListener("change", function (e) {
    if (e.target.files[0]) importProgress(e.target.files[0]);
    e.target.value = "";
  });
  window.addEventListener("hashchange", function () {
    var id = wanted();
    if (id && deck) {
      showLanguageOf(id);
      build(id);
    }
  });
  document.addEventListener("keydown", function (e) {
    if (!deck || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) return;
    if (t && t.tagName === "BUTTON" && !ui.card.contains(t)) return; // Space presses it
    if (e.key === " " && !revealed && current && !ui.card.hidden) {
      e.preventDefault();
      reveal();
    } else if (revealed && /^[1-4]$/.test(e.key)) {
      e.preventDefault();
      grade(+e.key);
    }
  });

  fetch(root.dataset.index, { credentials: "same-origin" }).then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return r.json();
  }).then(start, function () {
    var p = document.createElement("p");
    p.textContent = "The practice deck could not be loaded.";
    root.appendChild(p);
  });
})();
