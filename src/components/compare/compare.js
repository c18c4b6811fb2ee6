// The compare page (/compare/<id>/): readers tick which options (columns, at least two)
// and which dimensions (rows) to show. The choice lives in the URL (?e=a,b&d=x,y) so it
// can be shared; back and forward restore it. Without this script the page shows the
// whole table, and the form stays hidden. No framework, no network requests.
(() => {
  "use strict";
  const root = document.querySelector("[data-compare]");
  const form = root && root.querySelector("[data-compare-form]");
  const status = root && root.querySelector("[data-compare-status]");
  const table = root && root.querySelector(".compare-table");
  const messages = root && root.querySelector("[data-compare-messages]");
  if (!form || !status || !table || !messages) return;
  const words = JSON.parse(messages.textContent);
  const least = { e: 2, d: 1 };
  const boxes = (name) => [...form.querySelectorAll(`input[name="${name}"]`)];
  const all = (name) => boxes(name).map((box) => box.value);
  const ticked = (name) => boxes(name).filter((box) => box.checked).map((box) => box.value);

  // The choice a query string names; unknown ids are dropped, and too short a list means all.
  const fromQuery = (search) => {
    const query = new URLSearchParams(search);
    const pick = (name) => {
      const known = all(name);
      const wanted = (query.get(name) || "").split(",").filter((id) => known.includes(id));
      return wanted.length >= least[name] ? wanted : known;
    };
    return { e: pick("e"), d: pick("d") };
  };

  // The query string of a choice; a list of everything is left out.
  const toQuery = (choice) => {
    const parts = ["e", "d"]
      .filter((name) => choice[name].length < all(name).length)
      .map((name) => `${name}=${choice[name].join(",")}`);
    return parts.length ? `?${parts.join("&")}` : "";
  };

  const count = (pair, n) => pair[n === 1 ? 0 : 1].replace("{n}", n);

  // Shows exactly the chosen columns and rows, ticks their boxes and announces the result.
  const show = (choice, announce) => {
    for (const name of ["e", "d"]) {
      for (const box of boxes(name)) box.checked = choice[name].includes(box.value);
    }
    for (const cell of table.querySelectorAll("[data-entity]")) {
      cell.hidden = !choice.e.includes(cell.dataset.entity);
    }
    for (const row of table.querySelectorAll("[data-dimension]")) {
      row.hidden = !choice.d.includes(row.dataset.dimension);
    }
    if (announce) {
      status.textContent = words.status
        .replace("{options}", count(words.option, choice.e.length))
        .replace("{dimensions}", count(words.dimension, choice.d.length));
    }
  };

  form.addEventListener("change", () => {
    const choice = { e: ticked("e"), d: ticked("d") };
    if (choice.e.length < least.e) {
      status.textContent = words.tooFewOptions;
      return;
    }
    if (choice.d.length < least.d) {
      status.textContent = words.noDimension;
      return;
    }
    show(choice, true);
    const query = toQuery(choice);
    if (query !== location.search) {
      history.pushState(null, "", location.pathname + query + location.hash);
    }
  });

  window.addEventListener("popstate", () => show(fromQuery(location.search), true));

  show(fromQuery(location.search), false);
  form.hidden = false;
})();
