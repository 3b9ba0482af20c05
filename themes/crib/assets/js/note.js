// Note page: opens the table of contents on wide screens, and adds the
// practice mode that hides every answer behind a Reveal button.
(function () {
  var toc = document.getElementById("toc");
  if (toc && matchMedia("(min-width: 72em)").matches) toc.open = true;

  var content = document.querySelector(".note .content");
  if (!content) return;
  var questions = content.querySelectorAll(":scope > .q");
  if (!questions.length) return;
  var KEY = "crib-practice";

  function level(el) {
    var m = /^H([1-6])$/.exec(el.tagName);
    return m ? +m[1] : 0;
  }

  // An answer is everything after a question heading up to the next
  // heading of the same or a higher level, or the next question.
  var answers = [];
  questions.forEach(function (h, i) {
    var lv = level(h);
    var nodes = [];
    for (var n = h.nextElementSibling; n; n = n.nextElementSibling) {
      var l = level(n);
      if (l && (l <= lv || n.classList.contains("q"))) break;
      nodes.push(n);
    }
    if (!nodes.length) return;
    var box = document.createElement("div");
    box.className = "answer";
    box.id = "answer-" + (i + 1);
    h.after(box);
    nodes.forEach(function (n) { box.appendChild(n); });
    var reveal = document.createElement("button");
    reveal.type = "button";
    reveal.className = "reveal";
    reveal.setAttribute("aria-controls", box.id);
    reveal.addEventListener("click", function () { show(box, reveal, box.hidden); });
    box.before(reveal);
    answers.push([box, reveal]);
  });
  if (!answers.length) return;

  function show(box, reveal, open) {
    box.hidden = !open;
    reveal.setAttribute("aria-expanded", open ? "true" : "false");
    reveal.textContent = open ? "Hide answer" : "Reveal answer";
  }

  var toggle = document.getElementById("practice-toggle");
  if (!toggle) return;

  function setPractice(on) {
    document.body.classList.toggle("practicing", on);
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    answers.forEach(function (a) {
      a[1].hidden = !on;
      show(a[0], a[1], !on);
    });
  }
  toggle.addEventListener("click", function () {
    var on = toggle.getAttribute("aria-pressed") !== "true";
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) {}
    setPractice(on);
  });

  var saved = null;
  try { saved = localStorage.getItem(KEY); } catch (e) {}
  setPractice(saved === "1");
  toggle.hidden = false;

  // A link to a heading inside a hidden answer reveals that answer.
  function revealTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) return;
    answers.forEach(function (a) {
      if (a[0].contains(el)) show(a[0], a[1], true);
    });
  }
  addEventListener("hashchange", revealTarget);
  revealTarget();
})();
