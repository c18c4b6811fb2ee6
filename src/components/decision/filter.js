/* pillar decision filters: the recommendation for the answers given so far.
 * Reads the compiled rules embedded in each <form class="decision">, keeps the answers
 * in the URL query (?question=option) and shows the recommendation as soon as every way
 * of completing the answers leads to it. Plain DOM, no framework, no network. */
(function () {
  "use strict";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // "a", "a and b", "a, b and c"
  function andList(items) {
    return items.length < 2 ? items.join("") : items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }

  function setUp(form) {
    var data = JSON.parse(form.querySelector("script.decision-data").textContent);
    var result = form.querySelector(".decision-result");
    var actions = form.querySelector(".decision-actions");
    var table = form.querySelector(".decision-table");
    var questions = data.questions;

    function radios(id) {
      return form.querySelectorAll('input[type="radio"][name="' + id + '"]');
    }

    function fieldset(id) {
      return form.querySelector('fieldset[data-question="' + id + '"]');
    }

    // The answers given, as question id -> option id.
    function answers() {
      var given = Object.create(null);
      questions.forEach(function (q) {
        radios(q.id).forEach(function (r) {
          if (r.checked) given[q.id] = r.value;
        });
      });
      return given;
    }

    // The outcome every set of answers in `cube` (question id -> options still possible)
    // reaches, trying the rules from the i-th on; "" if they may differ. It is settled
    // if the first rule that meets it holds all of it or, as the build checks that every
    // set of answers reaches a rule, if all the rules that meet it agree; otherwise it is
    // split on a question the first of them cuts, into the options that rule allows and
    // the rest. `budget` is the rule checks left before the search gives up (after a few
    // tens of ms) and the outcome counts as open.
    var budget;
    function reach(cube, i) {
      var first, from, cut;
      for (; i < data.rules.length; i++) {
        var rule = data.rules[i], part = 0, meets = 1;
        for (var q in rule.when) {
          var allowed = rule.when[q], inside = cube[q].filter(function (o) {
            return allowed.indexOf(o) >= 0;
          });
          if (!inside.length) {
            meets = 0;
            break;
          }
          if (!part && inside.length < cube[q].length) part = [q, inside];
        }
        if (!meets) continue;
        if (first) {
          if (rule.outcome !== first.outcome) break;
        } else {
          if (!part) return rule.outcome;
          first = rule;
          from = i;
          cut = part;
        }
      }
      if (!first) return "";
      if (i === data.rules.length) return first.outcome;
      if ((budget -= data.rules.length) < 0) return "";
      var a = reach(split(cube, cut[0], cut[1]), from);
      return a && a === reach(split(cube, cut[0], cube[cut[0]].filter(function (o) {
        return cut[1].indexOf(o) < 0;
      })), from + 1) ? a : "";
    }

    function split(cube, q, options) {
      var part = Object.assign({}, cube);
      part[q] = options;
      return part;
    }

    // The answers decide once every way of completing them reaches the same outcome,
    // with the rationale of the first rule still possible (no answer rules it out, so it
    // decides some completion); until then, the questions that rule still asks.
    function decide(given) {
      var cube = {};
      questions.forEach(function (q) {
        cube[q.id] = q.id in given ? [given[q.id]] : q.options;
      });
      budget = 1e5;
      var certain = reach(cube, 0);
      for (var i = 0; i < data.rules.length; i++) {
        var rule = data.rules[i], open = [], possible = true;
        for (var q in rule.when) {
          if (!(q in given)) open.push(q);
          else if (rule.when[q].indexOf(given[q]) < 0) possible = false;
        }
        if (possible) return certain ? { rule: rule } : { open: open };
      }
      return { open: [] };
    }

    function labelOf(q, value) {
      var text = "";
      radios(q).forEach(function (r) {
        if (r.value === value) text = r.parentNode.textContent.trim();
      });
      return text;
    }

    function show() {
      var given = answers(), verdict = decide(given);
      result.textContent = "";
      if (!verdict.rule) {
        var none = Object.keys(given).length === 0;
        var hint = el("p", "decision-hint", none ? "Answer the questions to see a recommendation." : "To see a recommendation, also answer: ");
        if (!none) {
          hint.textContent += andList(verdict.open.map(function (q) {
            return "“" + fieldset(q).querySelector("legend").textContent.trim() + "”";
          })) + ".";
        }
        result.appendChild(hint);
        return;
      }
      var rule = verdict.rule;
      var source = form.querySelector('[data-outcome="' + rule.outcome + '"]');
      var card = source.cloneNode(true);
      card.removeAttribute("id");
      card.querySelectorAll("[id]").forEach(function (e) {
        e.removeAttribute("id");
      });
      var because = el("p", "decision-because");
      var reasons = questions.filter(function (q) {
        return q.id in rule.when && q.id in given;
      }).map(function (q) {
        return "“" + labelOf(q.id, given[q.id]) + "”";
      });
      if (reasons.length) {
        because.appendChild(el("strong", "", "Because you answered " + andList(reasons) + ": "));
      }
      because.appendChild(document.createTextNode(rule.because));
      card.insertBefore(because, card.querySelector(".decision-links, .decision-also"));
      result.appendChild(el("p", "decision-kicker", "Our recommendation"));
      result.appendChild(card);
    }

    // Writes the answers into the URL, keeping its other parameters and its fragment.
    function remember(push) {
      var params = new URLSearchParams(location.search), given = answers();
      questions.forEach(function (q) {
        if (q.id in given) params.set(q.id, given[q.id]);
        // Leave a parameter alone that is not one of ours (another filter's, say).
        else if (q.options.indexOf(params.get(q.id)) >= 0) params.delete(q.id);
      });
      var query = params.toString();
      var url = location.pathname + (query ? "?" + query : "") + location.hash;
      if (url !== location.pathname + location.search + location.hash) {
        history[push ? "pushState" : "replaceState"](history.state, "", url);
      }
    }

    // Checks the radios the URL names (unknown values are ignored).
    function restore() {
      var params = new URLSearchParams(location.search);
      questions.forEach(function (q) {
        var value = params.get(q.id);
        radios(q.id).forEach(function (r) {
          r.checked = r.value === value;
        });
      });
      show();
    }

    var answered = Object.keys(answers()).length;
    form.addEventListener("change", function (event) {
      if (event.target.type !== "radio") return;
      var count = Object.keys(answers()).length;
      // A new answer is a step back can undo; a changed one replaces the step.
      remember(count !== answered);
      answered = count;
      show();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.querySelector(".decision-reset").addEventListener("click", function () {
      form.querySelectorAll('input[type="radio"]').forEach(function (r) {
        r.checked = false;
      });
      answered = 0;
      remember(true);
      show();
      var first = form.querySelector('input[type="radio"]');
      if (first) first.focus();
    });
    window.addEventListener("popstate", function () {
      restore();
      answered = Object.keys(answers()).length;
    });

    result.hidden = false;
    actions.hidden = false;
    table.open = false;
    form.classList.add("decision-ready");
    restore();
    answered = Object.keys(answers()).length;
    remember(false);
  }

  function start() {
    document.querySelectorAll("form.decision").forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
