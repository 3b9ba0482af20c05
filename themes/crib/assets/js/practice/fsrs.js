// FSRS-6, the memory model the practice deck schedules with (Free Spaced
// Repetition Scheduler, https://github.com/open-spaced-repetition): the
// formulas of fsrs-rs's FSRS-6 model with its published default
// parameters. The Go package generator/practice/fsrs is the same model,
// function for function; the browser tests hold the two within 1e-6 of
// each other. A memory is {s: stability, days until the chance of recall
// falls to 90 %; d: difficulty, 1 to 10}. Elapsed time is in whole days:
// 0 is a review the same day as the one before.
window.cribFSRS = (function () {
  "use strict";
  var W = [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
    0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658,
    0.1542
  ];
  var S_MIN = 0.001, S_MAX = 36500, D_MIN = 1, D_MAX = 10, MAX_INTERVAL = 36500;
  var DECAY = -W[20];
  var FACTOR = Math.pow(0.9, 1 / DECAY) - 1; // recall is 90 % after S days

  function clampS(s) { return Math.min(Math.max(s, S_MIN), S_MAX); }
  function clampD(d) { return Math.min(Math.max(d, D_MIN), D_MAX); }

  // retrievability is the chance of recall the given days after a review.
  function retrievability(days, s) { return Math.pow(1 + FACTOR * days / s, DECAY); }

  // days is how long until the chance of recall falls to retention;
  // interval the same in whole days, at least one.
  function days(s, retention) { return s / FACTOR * (Math.pow(retention, 1 / DECAY) - 1); }
  function interval(s, retention) { return Math.min(Math.max(Math.round(days(s, retention)), 1), MAX_INTERVAL); }

  function initDifficulty(g) { return W[4] - Math.exp(W[5] * (g - 1)) + 1; }

  // init is the memory after a new card's first review, graded g (1 Again,
  // 2 Hard, 3 Good, 4 Easy).
  function init(g) { return { s: clampS(W[g - 1]), d: clampD(initDifficulty(g)) }; }

  // The difficulty moves by the grade, less the nearer it is to 10, and
  // reverts a little to that of a first Easy.
  function nextDifficulty(d, g) {
    var delta = -W[6] * (g - 3);
    var damped = d + delta * (10 - d) / 9;
    return clampD(W[7] * initDifficulty(4) + (1 - W[7]) * damped);
  }
  function recallStability(d, s, r, g) {
    var bonus = g === 2 ? W[15] : g === 4 ? W[16] : 1;
    return s * (1 + Math.exp(W[8]) * (11 - d) * Math.pow(s, -W[9]) * (Math.exp((1 - r) * W[10]) - 1) * bonus);
  }
  function forgetStability(d, s, r) {
    var long = W[11] * Math.pow(d, -W[12]) * (Math.pow(s + 1, W[13]) - 1) * Math.exp((1 - r) * W[14]);
    return Math.min(long, s / Math.exp(W[17] * W[18]));
  }
  // A same-day review that is not Again never lowers the stability.
  function shortTermStability(s, g) {
    var inc = Math.exp(W[17] * (g - 3 + W[18])) * Math.pow(s, -W[19]);
    if (g >= 2) inc = Math.max(inc, 1);
    return s * inc;
  }

  // next is the memory after a review graded g, elapsed whole days after
  // the one before.
  function next(m, elapsed, g) {
    var s;
    if (elapsed <= 0) s = shortTermStability(m.s, g);
    else if (g === 1) s = forgetStability(m.d, m.s, retrievability(elapsed, m.s));
    else s = recallStability(m.d, m.s, retrievability(elapsed, m.s), g);
    return { s: clampS(s), d: nextDifficulty(m.d, g) };
  }

  // fromSM2 estimates the memory of a card SM-2 scheduled with an ease
  // factor and an interval (days), as fsrs-rs's memory_state_from_sm2
  // does: the stability whose recall falls to retention after the
  // interval, and the difficulty that makes a successful review at that
  // recall grow the stability by the ease factor, as SM-2 grows the
  // interval.
  function fromSM2(ease, ivl, retention) {
    var s = Math.max(ivl, S_MIN) * FACTOR / (Math.pow(retention, 1 / DECAY) - 1);
    var d = 11 - (ease - 1) / (Math.exp(W[8]) * Math.pow(s, -W[9]) * Math.expm1((1 - retention) * W[10]));
    return { s: clampS(s), d: clampD(d) };
  }

  return { W: W, init: init, next: next, retrievability: retrievability, days: days, interval: interval, fromSM2: fromSM2 };
})();
