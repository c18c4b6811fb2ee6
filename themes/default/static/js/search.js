// Search page: queries the Pagefind index built by `pillar build`. No framework, no
// requests to other hosts; results show title, topic, an excerpt with the match and the
// page's matching sections, each linked to its heading. Two menus narrow the results
// by kind and by section (the index's filters); they stay hidden without JavaScript.
// Results come ten at a time: each needs its page's fragment (about 3 KB), so a query
// loads ten, and a button loads ten more on demand, as Pagefind's own UI does.
(function () {
  "use strict";
  var root = document.documentElement.getAttribute("data-root") || "/";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !list) return;
  var filters = document.getElementById("search-filters");
  var menus = filters ? [].slice.call(filters.querySelectorAll("select[data-filter]")) : [];
  var initial = new URLSearchParams(location.search);
  var engine = null;
  var choices = null;
  var timer = 0;
  var latest = 0;
  // The words shown, in the page's language (the theme's strings, as JSON in the page).
  var words = JSON.parse((document.getElementById("theme-words") || {}).textContent || "{}");
  var plural = new Intl.PluralRules(document.documentElement.lang || "en");

  // The phrase `key`, in the plural form for `values.n` if it is counted, its `{slots}` filled.
  function say(key, values) {
    var text = words[key] || key;
    if (typeof text === "object") text = text[plural.select(values.n)] || text.other;
    return text.replace(/\{(\w+)\}/g, function (slot, name) {
      return name in values ? values[name] : slot;
    });
  }

  function load() {
    if (!engine) {
      engine = import(root + "pagefind/pagefind.js").then(function (pf) {
        return pf.options({ baseUrl: root }).then(function () { return pf; });
      });
    }
    return engine;
  }

  // Fills each filter's menu with its values (with their page counts), chooses the value
  // the URL names, and shows the menus; a filter with fewer than two values stays
  // hidden. Once per page. The values come from the index's small list of them
  // (filters.<lang>.json), not from the runtime's filters(), which loads every page
  // list of every filter: the runtime loads a filter's pages only once one of its
  // values is chosen.
  function fillFilters() {
    if (!choices) {
      var lang = document.documentElement.lang || "en";
      choices = fetch(root + "pagefind/filters." + lang + ".json").then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      }).then(function (all) {
        var shown = false;
        menus.forEach(function (menu) {
          var values = all[menu.getAttribute("data-filter")] || {};
          var names = Object.keys(values).sort(function (a, b) { return a.localeCompare(b); });
          if (names.length < 2) { menu.parentNode.hidden = true; return; }
          names.forEach(function (name) {
            var option = document.createElement("option");
            option.value = name;
            option.textContent = name + " (" + values[name] + ")";
            menu.appendChild(option);
          });
          var wanted = initial.get(menu.getAttribute("data-filter"));
          if (wanted && values[wanted]) menu.value = wanted;
          shown = true;
        });
        if (filters) filters.hidden = !shown;
      }).catch(function () {});
    }
    return choices;
  }

  // The filter values chosen, by filter.
  function chosen() {
    var picked = {};
    menus.forEach(function (menu) {
      if (menu.value) picked[menu.getAttribute("data-filter")] = menu.value;
    });
    return picked;
  }

  function item(data) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    var heading = document.createElement("h2");
    heading.appendChild(link);
    li.appendChild(heading);
    if (data.meta && data.meta.cluster) {
      var topic = document.createElement("p");
      topic.className = "search-topic";
      topic.textContent = data.meta.cluster;
      li.appendChild(topic);
    }
    var excerpt = document.createElement("p");
    // Pagefind escapes the page text and adds only <mark> around matches.
    excerpt.innerHTML = data.excerpt;
    li.appendChild(excerpt);
    var sections = subResults(data);
    if (sections) li.appendChild(sections);
    return li;
  }

  var SECTIONS = 3;

  // The sections of the page that match, each a link to its heading: up to three,
  // leaving out the match at the top of the page, which the result itself links; null
  // when there are none.
  function subResults(data) {
    var list = document.createElement("ul");
    list.className = "search-sections";
    (data.sub_results || []).filter(function (sub) {
      return sub.url && sub.url !== data.url && sub.url.indexOf("#") > 0;
    }).slice(0, SECTIONS).forEach(function (sub) {
      var entry = document.createElement("li");
      var link = document.createElement("a");
      link.href = sub.url;
      link.textContent = sub.title;
      entry.appendChild(link);
      list.appendChild(entry);
    });
    return list.childNodes.length ? list : null;
  }

  var STEP = 10;

  // The button that shows the next results, after the list; hidden while none remain.
  var more = document.createElement("button");
  more.type = "button";
  more.className = "search-more";
  more.textContent = say("search_more", {});
  more.hidden = true;
  list.parentNode.insertBefore(more, list.nextSibling);
  // The results of the query shown, and its text.
  var current = { query: "", results: [] };

  function announce(query, total, shown) {
    var text = total === 0
      ? say("search_none", { query: query })
      : say("search_matches", { n: total, query: query });
    if (total > shown) text += " " + say("search_first_shown", { n: shown });
    return text;
  }

  // Shows the next results of the current query (loading their fragments); with
  // `focus`, moves the focus to the first of them, for a reader who asked for more.
  function showMore(ticket, focus) {
    var results = current.results;
    var from = list.children.length;
    more.hidden = true;
    return Promise.all(results.slice(from, from + STEP).map(function (r) { return r.data(); }))
      .then(function (page) {
        if (ticket !== latest) return;
        page.forEach(function (data) { list.appendChild(item(data)); });
        var shown = list.children.length;
        status.textContent = announce(current.query, results.length, shown);
        more.hidden = shown >= results.length;
        var first = list.children[from];
        if (focus && first) first.querySelector("a").focus();
      });
  }

  function run(query) {
    var ticket = ++latest;
    list.textContent = "";
    more.hidden = true;
    if (!query.trim()) { status.textContent = ""; return; }
    status.textContent = say("search_searching", {});
    load().then(function (pf) {
      return fillFilters().then(function () { return pf.search(query, { filters: chosen() }); });
    }).then(function (search) {
      if (ticket !== latest) return;
      current = { query: query, results: search.results };
      return showMore(ticket, false);
    }).catch(function () {
      if (ticket !== latest) return;
      status.textContent = say("search_unavailable", {});
    });
  }

  more.addEventListener("click", function () {
    showMore(latest, true).catch(function () {
      status.textContent = say("search_unavailable", {});
    });
  });

  // Runs the query and keeps it, and the filters chosen, in the address bar, so the
  // page can be shared.
  function search(query) {
    clearTimeout(timer);
    var url = new URL(location.href);
    url.searchParams.set("q", query);
    menus.forEach(function (menu) {
      var name = menu.getAttribute("data-filter");
      if (menu.value) url.searchParams.set(name, menu.value);
      else url.searchParams.delete(name);
    });
    history.replaceState(null, "", url);
    run(query);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 200);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(input.value);
  });
  menus.forEach(function (menu) {
    menu.addEventListener("change", function () { search(input.value); });
  });
  // The menus are filled as soon as the reader turns to the search box.
  input.addEventListener("focus", function () { load().catch(function () {}); fillFilters(); });
  var query = initial.get("q") || "";
  input.value = query;
  if (query) run(query);
})();
