// Search: the header box on every page and the /search/ page. The index
// is written by the generator (generator/search) under search/; this
// client follows the same steps as its Go reference, search.Search:
// the tokenizer, candidate terms, scores and result order must stay
// identical (the browser test compares them on shared vectors).
(function () {
  "use strict";
  var box = document.querySelector("[data-search]");
  if (!box) return;
  var base = box.getAttribute("data-search") + "search/";

  // ---- Tokenizer (mirror of tokenize.go) ----
  var reMn = /\p{Mn}/u, reLu = /\p{Lu}/u, reLl = /\p{Ll}/u, reL = /\p{L}/u;
  var reWord = /[\p{L}\p{N}\p{M}]/u;
  var reCJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;
  var C = String.fromCodePoint;

  function isLatin(r) { return r < 0x250 || (r >= 0x1e00 && r <= 0x1eff); }
  function foldChars(s) {
    var out = [], prevLatin = false;
    for (var ch of s) {
      var r = ch.codePointAt(0);
      if (r < 0x80) {
        var up = r >= 65 && r <= 90;
        out.push({ r: up ? r + 32 : r, up: up, lo: r >= 97 && r <= 122 });
        prevLatin = true;
        continue;
      }
      if (prevLatin && reMn.test(ch)) continue;
      var b = r;
      if ((r >= 0xc0 && r <= 0x24f) || (r >= 0x1e00 && r <= 0x1eff)) {
        var d = ch.normalize("NFD");
        if (d.length > 1 && d.codePointAt(0) < 0x250) b = d.codePointAt(0);
      }
      out.push({ r: C(b).toLowerCase().codePointAt(0), up: reLu.test(ch), lo: reLl.test(ch) });
      prevLatin = isLatin(r) && reL.test(ch);
    }
    return out;
  }
  function isCJK(r) { return r >= 0x2e80 && reCJK.test(C(r)); }
  function isWordR(r) {
    if (r < 0x80) return (r >= 97 && r <= 122) || (r >= 48 && r <= 57) || r === 95 || (r >= 65 && r <= 90);
    return reWord.test(C(r));
  }
  function isWord(c) { return isWordR(c.r) && !isCJK(c.r); }
  function str(cs) { var s = ""; for (var i = 0; i < cs.length; i++) s += C(cs[i].r); return s; }
  function allLetters(cs) {
    if (!cs.length) return false;
    for (var i = 0; i < cs.length; i++) if (!reL.test(C(cs[i].r))) return false;
    return true;
  }
  // Whole words of s in order (scan without parts in tokenize.go).
  function words(s) {
    var cs = foldChars(s), n = cs.length, out = [], i = 0;
    while (i < n) {
      var c = cs[i];
      if (isCJK(c.r)) {
        var j = i;
        while (j < n && isCJK(cs[j].r)) j++;
        if (j - i === 1) out.push(C(c.r));
        for (var k = i; k + 1 < j; k++) out.push(C(cs[k].r, cs[k + 1].r));
        i = j;
        continue;
      }
      var start = i;
      if (c.r === 45 && (i === 0 || !isWord(cs[i - 1]))) {
        var d = i;
        while (d < n && d - i < 2 && cs[d].r === 45) d++;
        if (d < n && isWord(cs[d])) i = d; else { i++; continue; }
      } else if (!isWord(c)) { i++; continue; }
      var word = cs.slice(start, i);
      j = i;
      while (j < n) {
        if (isWord(cs[j])) { word.push(cs[j++]); continue; }
        if (j + 1 < n && isWord(cs[j + 1]) && word.length && isWord(word[word.length - 1])) {
          if (cs[j].r === 45 || cs[j].r === 46) { word.push(cs[j++]); continue; }
          if (cs[j].r === 39 || cs[j].r === 0x2019) { j++; continue; }
        }
        break;
      }
      if (word.length - (i - start) <= 2 && allLetters(word.slice(i - start))) {
        if (j + 1 < n && cs[j].r === 43 && cs[j + 1].r === 43 && (j + 2 === n || !isWord(cs[j + 2]))) {
          word.push(cs[j], cs[j + 1]); j += 2;
        } else if (j < n && cs[j].r === 35 && (j + 1 === n || !isWord(cs[j + 1]))) {
          word.push(cs[j]); j++;
        }
      }
      out.push(str(word));
      i = j;
    }
    return out;
  }
  function queryWords(s) {
    var seen = new Set();
    return words(s).filter(function (w) { return !seen.has(w) && seen.add(w); });
  }
  function foldTag(t) { return str(foldChars(t.trim().replace(/^#/, ""))); }
  function runes(s) { return Array.from(s); }
  function first(s, n) { return runes(s).slice(0, n).join(""); }

  // parse mirrors search.Parse.
  function parse(q) {
    var p = { words: [], phrases: [], tags: [] }, plain = [], rest = q, i, j;
    while ((i = rest.indexOf('"')) >= 0 && (j = rest.indexOf('"', i + 1)) >= 0) {
      var ph = rest.slice(i + 1, j);
      plain.push(rest.slice(0, i), ph);
      var ws = words(ph);
      if (ws.length > 1) p.phrases.push(ws);
      rest = rest.slice(j + 1);
    }
    plain.push(rest);
    var text = [];
    plain.forEach(function (part, k) {
      if (k % 2 === 1) { text.push(part); return; }
      part.split(/\s+/).forEach(function (f) {
        if (!f) return;
        if (f.length > 4 && f.slice(0, 4).toLowerCase() === "tag:") {
          var t = foldTag(f.slice(4));
          if (t && p.tags.indexOf(t) < 0) p.tags.push(t);
          return;
        }
        text.push(f);
      });
    });
    p.words = queryWords(text.join(" "));
    return p;
  }

  // Code point order, which is the byte order the index is sorted in.
  function cmp(a, b) {
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1; j += y > 0xffff ? 2 : 1;
    }
    return (i < a.length) - (j < b.length);
  }
  function dist(a, b, max) {
    a = runes(a); b = runes(b);
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var p2 = [], p = [], cur = [], j, i;
    for (j = 0; j <= b.length; j++) p[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var rowMin = i;
      for (j = 1; j <= b.length; j++) {
        var v = Math.min(p[j] + 1, cur[j - 1] + 1, p[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, p2[j - 2] + 1);
        cur[j] = v;
        if (v < rowMin) rowMin = v;
      }
      if (rowMin > max) return max + 1;
      p2 = p; p = cur;
    }
    return p[b.length];
  }

  // ---- Index files ----
  var DEBOUNCE = 100, BOX_SIZE = 8, LIMIT = 50, PER_PAGE = 3, MAX_PREFIX = 5, MAX_FUZZY = 4, TAIL_BELOW = 10, TAIL_MAX = 16384, PHRASE_CHECK = 40;
  var IN_TITLE = 0x80;
  var cache = new Map(), manifest = null, norms = null, parsed = new Map(), decoded = new Map();
  // inflate returns the bytes of a stored file: gzip-compressed, unless a
  // server already inflated them.
  function inflate(b) {
    if (b.length < 2 || b[0] !== 0x1f || b[1] !== 0x8b) return Promise.resolve(b);
    return new Response(new Blob([b]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer()
      .then(function (x) { return new Uint8Array(x); });
  }
  // get fetches an index file once: "json" as it is stored, "zjson" and
  // "zbin" compressed (JSON and posting bytes), "bin" as bytes.
  function get(name, kind) {
    if (!cache.has(name)) {
      // The manifest, which names every other file by its hash, is
      // checked with the server on each page load, so that a new index
      // is never read from a stale cache.
      cache.set(name, fetch(base + name, name === "manifest.json" ? { cache: "no-cache" } : {}).then(function (r) {
        if (!r.ok) throw new Error(name + ": " + r.status);
        if (!kind || kind === "json") return r.json();
        return r.arrayBuffer().then(function (b) {
          b = new Uint8Array(b);
          if (kind === "bin") return b;
          return inflate(b).then(function (x) { return kind === "zjson" ? JSON.parse(new TextDecoder().decode(x)) : x; });
        });
      }));
      cache.get(name).catch(function () { cache.delete(name); });
    }
    return cache.get(name);
  }
  // lengthOf mirrors the Go function: the length a norm byte's code
  // stands for.
  function lengthOf(c) {
    c &= ~IN_TITLE;
    return c < 4 ? c : (c % 4 + 4) * Math.pow(2, Math.floor(c / 4) - 1);
  }
  function loadManifest() {
    return get("manifest.json").then(function (m) {
      if (manifest !== m) {
        manifest = m;
        // k1 times the length norm of each length code (lengthNorm).
        norms = [];
        for (var c = 0; c < IN_TITLE; c++) norms.push(m.k1 * (1 - m.b + m.b * lengthOf(c) / m.avgdl));
      }
      return m;
    });
  }
  function shardRange(p, prefix) {
    var d = manifest.dict, lo = 0, hi = d.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (cmp(d[mid][0], p) <= 0) lo = mid + 1; else hi = mid; }
    var i = Math.max(0, lo - 1), out = [d[i][1]];
    for (var j = i + 1; prefix && j < d.length && d[j][0].startsWith(p); j++) out.push(d[j][1]);
    return out;
  }
  // terms lists the entries of the named shards, in index order. An
  // entry is [term, df, idf, head, tail?]: head the base64 of an inline
  // list or the length of a packed one, tail a length. A shard lists its
  // packs of each kind with how many lists each holds, in term order:
  // placing the lengths in order gives each list's pack and offset.
  function terms(names) {
    return Promise.all(names.map(function (n) {
      return get(n, "zjson").then(function (sh) {
        if (!parsed.has(n)) {
          var kinds = [sh.heads, sh.tails].map(function (packs) { return { packs: packs, i: 0, n: 0, off: 0 }; });
          var place = function (kind, len) {
            var k = kinds[kind];
            while (k.i < k.packs.length && k.n === k.packs[k.i][1]) { k.i++; k.n = 0; k.off = 0; }
            var r = { pack: k.packs[k.i][0], off: k.off, len: len };
            k.off += len; k.n++;
            return r;
          };
          parsed.set(n, sh.terms.map(function (e) {
            var head = typeof e[3] === "string" ? { inline: e[3] } : place(0, e[3]);
            return { term: e[0], df: e[1], idf: e[2], head: head, tail: e.length > 4 ? place(1, e[4]) : null };
          }));
        }
        return parsed.get(n);
      });
    })).then(function (lists) { return [].concat.apply([], lists); });
  }
  // postings decodes a posting list into [doc, tf, norm, doc, tf, norm, ...].
  function postings(r) {
    if (!r) return Promise.resolve([]);
    var key = r.inline !== undefined ? r.inline : r.pack + ":" + r.off;
    if (decoded.has(key)) return decoded.get(key);
    var bytes = r.inline !== undefined
      ? Promise.resolve(Uint8Array.from(atob(r.inline), function (c) { return c.charCodeAt(0); }))
      : get(r.pack, "zbin").then(function (b) { return b.subarray(r.off, r.off + r.len); });
    var out = bytes.then(function (b) {
      var out = [], doc = 0, i = 0;
      while (i < b.length) {
        var v = 0, mul = 1, x;
        do { x = b[i++]; v += (x & 127) * mul; mul *= 128; } while (x & 128);
        doc += v;
        out.push(doc, b[i], b[i + 1]);
        i += 2;
      }
      return out;
    });
    decoded.set(key, out);
    out.catch(function () { decoded.delete(key); });
    return out;
  }
  // wordScore mirrors the Go function: BM25 of a posting with the title
  // bonus, times weight*idf (wi), rounded half up; the same operations in
  // the same order as Go, so the same doubles.
  function wordScore(wi, tf, norm) {
    var s = tf * (manifest.k1 + 1) / (tf + norms[norm & ~IN_TITLE]);
    if (norm & IN_TITLE) s += manifest.titleBonus;
    return Math.max(1, Math.floor(s * wi + 0.5));
  }
  // doc resolves to the display data of a record: {u, t, h, g, x}. The
  // page's table names its fragment file, which holds what the page's
  // records share once (URL, title, tags, headings) and per record
  // [anchor, heading indexes, text]. A table entry is four bytes of hash,
  // or eight for a long page cut in two parts (the top bit of its first
  // byte set): records of even number in the first, of odd in the second.
  function doc(id) {
    var page = Math.floor(id / 1024), sec = id % 1024, tp = manifest.tablePages, at = 0, rec = sec;
    return get(manifest.tables[Math.floor(page / tp)], "bin").then(function (t) {
      for (var i = 0; i < page % tp; i++) at += t[at] & 128 ? 8 : 4;
      if (t[at] & 128) { at += 4 * (sec % 2); rec = sec >> 1; }
      var hash = "";
      for (var k = at; k < at + 4; k++) hash += (t[k] < 16 ? "0" : "") + t[k].toString(16);
      return get("f/" + page + "-" + hash + ".bin", "zjson");
    }).then(function (f) {
      var r = f.d[rec];
      if (!r) return undefined;
      return {
        u: f.u + (r[0] ? "#" + r[0] : ""), t: f.t, g: f.g, x: r[2],
        h: r[1].length ? r[1].map(function (i) { return f.h[i]; }) : undefined
      };
    });
  }

  // prefetch loads, while a query is being typed, what its words will
  // need: the dictionary shards holding each word and the terms it is a
  // prefix of (those of its typo candidates too, once a word of five
  // letters or more matches nothing), and from three letters on the
  // posting heads of the word's candidates so far, which mostly share
  // packs with the finished word's. Then, when the last word has three
  // letters or more and typing has paused for half the debounce
  // (fragments are most of what a query downloads, so words typed over
  // should not fetch them), it runs the query ahead of the debounce and
  // loads the fragments of its first shown results, and whatever else
  // the query needs (tails, the fragments a phrase is checked on): the
  // debounced search then finds everything cached. A newer keystroke
  // stops it before each further download.
  var typing = 0;
  function prefetch(q, shown) {
    var noop = function () {}, my = ++typing;
    var live = function () { return my === typing; };
    var paused = new Promise(function (resolve) { setTimeout(resolve, DEBOUNCE / 2); });
    loadManifest().then(function () {
      var ws = parse(q).words;
      return Promise.all(ws.map(function (w) {
        var n = runes(w).length;
        return terms(shardRange(w, n > 1)).then(function () {
          if (n < 3) return;
          return candidates(w).then(function (cs) {
            return Promise.all(cs.map(function (c) { return postings(c.t.head); }));
          });
        });
      })).then(function () {
        if (!ws.length || runes(ws[ws.length - 1]).length < 3) return;
        return paused.then(function () {
          if (!live()) return;
          return search(q, live).then(function (r) {
            if (!live()) return;
            return Promise.all(r.results.slice(0, shown || BOX_SIZE).map(function (x) { return doc(x.id); }));
          });
        });
      });
    }).catch(noop);
  }

  // candidates mirrors Index.candidates over the loaded shards: the shards
  // of the word and its prefix candidates first, and those of its typo
  // candidates only when it has neither.
  function candidates(w) {
    var n = runes(w).length;
    return terms(shardRange(w, n > 1)).then(function (ts) {
      var out = [], prefix = [];
      ts.forEach(function (t) {
        if (!t.term.startsWith(w)) return;
        if (t.term === w) out.push({ t: t, wt: 8 });
        else if (n >= 2) prefix.push(t);
      });
      prefix.sort(function (a, b) { return b.df - a.df; });
      prefix.slice(0, MAX_PREFIX).forEach(function (t) { out.push({ t: t, wt: 6 }); });
      if (n < 5 || out.length) return out;
      var maxD = n >= 8 ? 2 : 1, p = first(w, 2);
      return terms(shardRange(p, true)).then(function (ts) {
        var fuzzy = [];
        ts.forEach(function (t) {
          if (!t.term.startsWith(p)) return;
          var d = dist(w, t.term, maxD);
          if (d <= maxD) fuzzy.push({ t: t, d: d });
        });
        fuzzy.sort(function (a, b) { return a.d - b.d || b.t.df - a.t.df; });
        fuzzy.slice(0, MAX_FUZZY).forEach(function (f) { out.push({ t: f.t, wt: f.d === 2 ? 1 : 2 }); });
        return out;
      });
    });
  }

  // tagRanges resolves each tag filter to its page ranges ([start, end)
  // flattened; null for a tag no page has).
  function tagRanges(tags) {
    if (!tags.length) return Promise.resolve(null);
    return get(manifest.tags).then(function (index) {
      return Promise.all(tags.map(function (t) {
        var ti = index[t];
        if (!ti) return null;
        return get(ti.f).then(function (d) {
          var out = [], prev = 0;
          for (var i = 0; i + 1 < d.length; i += 2) { var s = prev + d[i]; prev = s + d[i + 1]; out.push(s, prev); }
          return out;
        });
      }));
    });
  }
  function tagged(ranges, page) {
    return ranges.every(function (r) {
      if (!r) return false;
      for (var i = 0; i + 1 < r.length; i += 2) if (r[i] <= page && page < r[i + 1]) return true;
      return false;
    });
  }

  // search mirrors search.Search: resolves to {results, anyWord,
  // suggestion, terms}; results are [{id, score}]. live, when given,
  // says whether the answer is still wanted: a query typed over is
  // rejected with STALE before it downloads posting tails or phrase
  // fragments.
  var STALE = new Error("stale query");
  function search(q, live) {
    var check = function (x) { if (live && !live()) throw STALE; return x; };
    var p = parse(q);
    var resp = { results: [], anyWord: false, suggestion: "", terms: [], words: p.words };
    return loadManifest().then(function () {
      return Promise.all([tagRanges(p.tags), Promise.all(p.words.map(candidates))]);
    }).then(function (got) {
      var ranges = got[0], cands = got[1];
      var keep = function (d) { return !ranges || tagged(ranges, Math.floor(d / 1024)); };
      if (!p.words.length) {
        if (ranges) {
          for (var pg = 0; pg < manifest.pages && resp.results.length < LIMIT; pg++) {
            if (tagged(ranges, pg)) resp.results.push({ id: pg * 1024, score: 0 });
          }
        }
        return resp;
      }
      var hasTail = false, seen = new Set();
      cands.forEach(function (cs) {
        cs.forEach(function (c) {
          c.tail = !!c.t.tail && c.wt === 8 && c.t.df <= TAIL_MAX;
          hasTail = hasTail || c.tail;
          if (!seen.has(c.t.term)) { seen.add(c.t.term); resp.terms.push(c.t.term); }
        });
      });
      resp.terms.sort(cmp);
      function load(tails) {
        return Promise.all(cands.map(function (cs) {
          return Promise.all(cs.map(function (c) {
            return Promise.all([postings(c.t.head), tails && c.tail ? postings(c.t.tail) : []]);
          }));
        }));
      }
      function score(lists) {
        var total = new Map();
        lists.forEach(function (perCand, wi) {
          var best = new Map(), cap = Infinity;
          // Other candidates count with the typed word's idf at most
          // (capOf in query.go).
          cands[wi].forEach(function (c) { if (c.wt === 8 && cap === Infinity) cap = c.t.idf; });
          perCand.forEach(function (pair, ci) {
            var c = cands[wi][ci], w = c.wt * (c.wt === 8 ? c.t.idf : Math.min(c.t.idf, cap));
            pair.forEach(function (ps) {
              for (var i = 0; i < ps.length; i += 3) {
                var v = wordScore(w, ps[i + 1], ps[i + 2]);
                if (v > (best.get(ps[i]) || 0)) best.set(ps[i], v);
              }
            });
          });
          best.forEach(function (v, d) {
            if (!keep(d)) return;
            var h = total.get(d);
            if (!h) total.set(d, h = { id: d, score: 0, words: 0 });
            h.score += v; h.words++;
          });
        });
        return Array.from(total.values());
      }
      var all;
      return load(false).then(function (lists) {
        var hits = score(lists);
        all = hits.filter(function (h) { return h.words === p.words.length; });
        if (all.length < TAIL_BELOW && hasTail) {
          check();
          return load(true).then(function (lists) {
            hits = score(lists);
            all = hits.filter(function (h) { return h.words === p.words.length; });
            return hits;
          });
        }
        return hits;
      }).then(function (hits) {
        if (all.length) {
          all.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
          return p.phrases.length ? verify(check(all).slice(0, PHRASE_CHECK), p.phrases) : all;
        }
        resp.anyWord = hits.length > 0;
        return hits.sort(function (a, b) { return b.words - a.words || b.score - a.score || a.id - b.id; });
      }).then(function (ranked) {
        var per = new Map();
        for (var i = 0; i < ranked.length && resp.results.length < LIMIT; i++) {
          var pg = Math.floor(ranked[i].id / 1024), c = per.get(pg) || 0;
          if (c === PER_PAGE) continue;
          per.set(pg, c + 1);
          resp.results.push({ id: ranked[i].id, score: ranked[i].score });
        }
        if (resp.results.length) return resp;
        return suggest(p, cands).then(function (s) { resp.suggestion = s; return resp; });
      });
    });
  }
  var docWords = new Map();
  function verify(ranked, phrases) {
    return Promise.all(ranked.map(function (h) { return doc(h.id); })).then(function (docs) {
      return ranked.filter(function (h, i) {
        var d = docs[i];
        if (!d) return false;
        var fields = docWords.get(h.id);
        if (!fields) docWords.set(h.id, fields = [d.t, d.x || ""].concat(d.h || []).map(words));
        return phrases.every(function (ph) {
          return fields.some(function (ws) {
            for (var k = 0; k + ph.length <= ws.length; k++) {
              if (ph.every(function (w, m) { return ws[k + m] === w; })) return true;
            }
            return false;
          });
        });
      });
    });
  }
  function suggest(p, cands) {
    var changed = false;
    return Promise.all(p.words.map(function (w, i) {
      if (runes(w).length < 3 || cands[i].length) return w;
      var pre = first(w, 2);
      return terms(shardRange(pre, true)).then(function (ts) {
        var best = "", bestD = 4, bestDF = 0;
        ts.forEach(function (t) {
          if (!t.term.startsWith(pre)) return;
          var d = dist(w, t.term, 3);
          if (d <= 3 && (d < bestD || (d === bestD && t.df > bestDF))) { best = t.term; bestD = d; bestDF = t.df; }
        });
        if (best) { changed = true; return best; }
        return w;
      });
    })).then(function (ws) { return changed ? ws.join(" ") : ""; });
  }

  // ---- Display ----
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  // matcher returns a test for a folded word: it matches a query word as
  // a prefix, or a term the query matched.
  function matcher(resp) {
    var ts = new Set(resp.terms);
    return function (w) {
      return ts.has(w) || resp.words.some(function (q) { return w.startsWith(q); });
    };
  }
  // appendMarked appends text to parent with matching words in <mark>,
  // as text nodes only.
  function appendMarked(parent, text, hit) {
    var re = /[\p{L}\p{N}\p{M}_][\p{L}\p{N}\p{M}_'’.-]*/gu, last = 0, m;
    while ((m = re.exec(text))) {
      var w = m[0].replace(/[.-]+$/, "");
      var f = words(w);
      if (f.length && f.some(hit)) {
        parent.append(text.slice(last, m.index));
        parent.append(el("mark", "", w));
        last = m.index + w.length;
      }
    }
    parent.append(text.slice(last));
  }
  function snippet(text, hit) {
    if (!text) return "";
    var re = /[\p{L}\p{N}\p{M}_]+/gu, m, at = -1;
    while ((m = re.exec(text))) {
      if (words(m[0]).some(hit)) { at = m.index; break; }
    }
    if (at < 0) return text.length > 160 ? text.slice(0, 160) + "…" : text;
    var start = Math.max(0, at - 60);
    var sp = text.lastIndexOf(" ", start);
    if (start > 0 && sp > at - 80) start = sp + 1;
    var s = text.slice(start, start + 180);
    return (start > 0 ? "…" : "") + s + (start + 180 < text.length ? "…" : "");
  }
  function resultItem(d, hit, tag) {
    var li = el(tag, "sr-item");
    var a = el("a");
    a.href = box.getAttribute("data-search") + d.u;
    a.tabIndex = -1;
    var title = el("span", "sr-title");
    appendMarked(title, d.t, hit);
    a.append(title);
    if (d.h && d.h.length) {
      var crumbs = el("span", "sr-crumbs");
      appendMarked(crumbs, d.h.join(" › "), hit);
      a.append(crumbs);
    }
    var sn = snippet(d.x, hit);
    if (sn) {
      var p = el("span", "sr-snippet");
      appendMarked(p, sn, hit);
      a.append(p);
    }
    if (d.g && d.g.length) {
      var tags = el("span", "sr-tags");
      d.g.forEach(function (t) { tags.append(el("span", "sr-tag", "#" + t)); });
      a.append(tags);
    }
    li.append(a);
    return li;
  }
  // remember sets the words the destination page highlights.
  function remember(href, resp) {
    try {
      var u = new URL(href, location.href);
      sessionStorage.setItem("crib-hl", JSON.stringify({ p: u.pathname, w: resp.words, t: resp.terms }));
    } catch (e) { /* private mode: no highlight */ }
  }
  function chips(container, docs, q, onPick) {
    container.replaceChildren();
    var count = new Map(), active = parse(q).tags;
    docs.forEach(function (d) { (d.g || []).forEach(function (t) { count.set(t, (count.get(t) || 0) + 1); }); });
    var tags = Array.from(count.keys()).sort(function (a, b) { return count.get(b) - count.get(a) || cmp(a, b); }).slice(0, 8);
    active.forEach(function (t) { if (!tags.some(function (x) { return foldTag(x) === t; })) tags.unshift(t); });
    tags.forEach(function (t) {
      var on = active.indexOf(foldTag(t)) >= 0;
      var b = el("button", "sr-chip", "#" + t);
      b.type = "button";
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.addEventListener("mousedown", function (e) { e.preventDefault(); });
      b.addEventListener("click", function () {
        var re = new RegExp("(^|\\s)tag:" + t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(?=\\s|$)", "iu");
        var nq = on ? q.replace(re, " ").replace(/\s+/g, " ").trim() : (q.trim() + " tag:" + t).trim();
        onPick(nq);
      });
      container.append(b);
    });
  }
  function statusText(resp, shown) {
    if (!resp.results.length) return "No results";
    var n = resp.results.length;
    return (n === LIMIT ? LIMIT + "+" : n) + (n === 1 ? " result" : " results") + (resp.anyWord ? " matching some words" : "");
  }
  // run searches and renders into a view; stale answers are dropped.
  function runner(view) {
    var seq = 0;
    return function (q) {
      var my = ++seq;
      if (!q.trim()) { view.clear(); return; }
      view.loading();
      search(q).then(function (resp) {
        if (my !== seq) return;
        var shown = resp.results.slice(0, view.size);
        return Promise.all(shown.map(function (r) { return doc(r.id); })).then(function (docs) {
          if (my === seq) view.show(q, resp, docs);
        });
      }).catch(function (e) {
        if (my === seq) view.error(e);
      });
    };
  }
  function noResults(list, resp, tag, onPick) {
    var li = el(tag, "sr-empty", "No results. ");
    if (resp.suggestion) {
      li.append("Try ");
      var b = el("button", "sr-suggest", resp.suggestion);
      b.type = "button";
      b.addEventListener("mousedown", function (e) { e.preventDefault(); });
      b.addEventListener("click", function () { onPick(resp.suggestion); });
      li.append(b, "?");
    }
    list.append(li);
  }

  // ---- Header box ----
  var input = box.querySelector("input"), pop = box.querySelector("[role=listbox]");
  var status = box.querySelector("[role=status]"), chipBox = box.querySelector(".sr-chips");
  var foot = box.querySelector(".sr-foot");
  var searchPage = box.getAttribute("data-page");
  var active = -1, items = [], lastResp = null, timer = 0;
  function setActive(i) {
    items.forEach(function (li, k) { li.setAttribute("aria-selected", k === i ? "true" : "false"); });
    active = i;
    if (i >= 0) {
      input.setAttribute("aria-activedescendant", items[i].id);
      items[i].scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }
  function open(on) {
    pop.hidden = !on || !items.length;
    chipBox.hidden = !on || !chipBox.childElementCount;
    foot.hidden = !on || !foot.childElementCount;
    input.setAttribute("aria-expanded", on ? "true" : "false");
    if (!on) setActive(-1);
  }
  function pick(q) { input.value = q; input.focus(); headerRun(q); }
  var headerRun = runner({
    size: BOX_SIZE,
    clear: function () { pop.replaceChildren(); foot.replaceChildren(); items = []; status.textContent = ""; open(false); },
    loading: function () { box.classList.add("is-loading"); status.textContent = "Searching…"; },
    error: function () {
      box.classList.remove("is-loading");
      pop.replaceChildren();
      foot.replaceChildren(el("p", "sr-empty", "Search is unavailable right now."));
      items = []; status.textContent = "Search failed"; open(true);
    },
    show: function (q, resp, docs) {
      box.classList.remove("is-loading");
      lastResp = resp;
      var hit = matcher(resp);
      pop.replaceChildren();
      foot.replaceChildren();
      items = docs.map(function (d, i) {
        var li = resultItem(d, hit, "li");
        li.id = "sr-opt-" + i;
        li.setAttribute("role", "option");
        li.addEventListener("mousedown", function (e) { e.preventDefault(); });
        li.querySelector("a").addEventListener("click", function () { remember(this.href, resp); });
        pop.append(li);
        return li;
      });
      if (!docs.length) noResults(foot, resp, "p", pick);
      if (resp.results.length > docs.length && searchPage) {
        var a = el("a", "sr-more", "All " + statusText(resp).toLowerCase() + " →");
        a.href = searchPage + "?q=" + encodeURIComponent(q);
        a.addEventListener("mousedown", function (e) { e.preventDefault(); });
        foot.append(a);
      }
      chips(chipBox, docs, q, pick);
      status.textContent = statusText(resp);
      setActive(-1);
      open(true);
    }
  });
  input.addEventListener("focus", function () {
    loadManifest().catch(function () {});
    if (input.value.trim() && items.length) open(true);
  }, { once: false });
  input.addEventListener("input", function () {
    prefetch(input.value, BOX_SIZE);
    clearTimeout(timer);
    timer = setTimeout(function () { headerRun(input.value); }, DEBOUNCE);
  });
  input.addEventListener("blur", function () { setTimeout(function () { if (!box.contains(document.activeElement)) open(false); }, 150); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!items.length) return;
      e.preventDefault();
      if (pop.hidden) open(true);
      var n = items.length;
      setActive(e.key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1));
    } else if (e.key === "Enter") {
      if (active >= 0) {
        e.preventDefault();
        var a = items[active].querySelector("a");
        remember(a.href, lastResp);
        location.href = a.href;
      }
    } else if (e.key === "Escape") {
      if (!pop.hidden) { open(false); e.preventDefault(); } else { input.value = ""; input.blur(); }
    }
  });
  document.addEventListener("keydown", function (e) {
    var t = e.target, typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (typing) return;
    if ((e.key === "/" && !e.ctrlKey && !e.metaKey && !e.altKey) || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "k")) {
      e.preventDefault();
      input.focus();
      input.select();
    }
  });

  // ---- The /search/ page ----
  var pageRoot = document.getElementById("search-page");
  if (pageRoot) {
    var pInput = pageRoot.querySelector("input"), pList = pageRoot.querySelector(".sr-list");
    var pStatus = pageRoot.querySelector("[role=status]"), pChips = pageRoot.querySelector(".sr-chips");
    var pMore = pageRoot.querySelector(".sr-more-btn"), pTimer = 0, size = 20;
    var go = function (q, push) {
      pInput.value = q;
      var url = location.pathname + (q ? "?q=" + encodeURIComponent(q) : "");
      history[push ? "pushState" : "replaceState"]({ q: q }, "", url);
      pageRun(q);
    };
    var view = {
      size: size,
      clear: function () { pList.replaceChildren(); pChips.replaceChildren(); pStatus.textContent = ""; pMore.hidden = true; },
      loading: function () { pageRoot.classList.add("is-loading"); pStatus.textContent = "Searching…"; },
      error: function () {
        pageRoot.classList.remove("is-loading");
        pList.replaceChildren(el("li", "sr-empty", "Search is unavailable right now. Try reloading the page."));
        pStatus.textContent = "Search failed";
      },
      show: function (q, resp, docs) {
        pageRoot.classList.remove("is-loading");
        var hit = matcher(resp);
        pList.replaceChildren();
        docs.forEach(function (d) {
          var li = resultItem(d, hit, "li");
          li.querySelector("a").tabIndex = 0;
          li.querySelector("a").addEventListener("click", function () { remember(this.href, resp); });
          pList.append(li);
        });
        if (!docs.length) noResults(pList, resp, "li", function (s) { go(s, true); });
        chips(pChips, docs, q, function (nq) { go(nq, true); });
        pStatus.textContent = statusText(resp);
        pMore.hidden = resp.results.length <= docs.length;
      }
    };
    var pageRun = runner(view);
    pMore.addEventListener("click", function () { view.size += 20; pageRun(pInput.value); });
    pageRoot.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); view.size = size; go(pInput.value, true); });
    pInput.addEventListener("input", function () {
      prefetch(pInput.value, size);
      clearTimeout(pTimer);
      pTimer = setTimeout(function () { view.size = size; go(pInput.value, false); }, DEBOUNCE);
    });
    addEventListener("popstate", function () {
      var q = new URLSearchParams(location.search).get("q") || "";
      pInput.value = q;
      pageRun(q);
    });
    var q0 = new URLSearchParams(location.search).get("q") || "";
    pInput.value = q0;
    if (q0) pageRun(q0);
  }

  // ---- Highlight on the destination page ----
  // remember() leaves the words in sessionStorage; the page they lead to
  // marks them for a few seconds (on load, or on a hash change when the
  // result is on the same page).
  function highlight() {
    var hl;
    try { hl = JSON.parse(sessionStorage.getItem("crib-hl") || "null"); } catch (e) { return; }
    if (!hl || hl.p !== location.pathname) return;
    sessionStorage.removeItem("crib-hl");
    var scope = document.querySelector("main .content") || document.querySelector("main");
    if (!scope) return;
    var hit = matcher({ terms: hl.t || [], words: hl.w || [] });
    var walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT), nodes = [], nd;
    while ((nd = walker.nextNode()) && nodes.length < 5000) {
      if (!nd.parentElement.closest("script,style,mark")) nodes.push(nd);
    }
    nodes.forEach(function (t) {
      if (!/[\p{L}\p{N}]/u.test(t.data)) return;
      var frag = document.createDocumentFragment();
      appendMarked(frag, t.data, hit);
      var marks = frag.querySelectorAll("mark");
      if (!marks.length) return;
      marks.forEach(function (m) { m.className = "search-hl"; });
      t.replaceWith(frag);
    });
    setTimeout(function () {
      document.querySelectorAll("mark.search-hl").forEach(function (m) { m.classList.add("search-hl-off"); });
    }, 4000);
  }
  highlight();
  addEventListener("hashchange", highlight);

  // For tests: the tokenizer and the engine.
  window.cribSearch = { words: queryWords, parse: parse, search: search, doc: doc, prefetch: prefetch };
})();
