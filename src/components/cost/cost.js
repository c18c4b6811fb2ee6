/* pillar total-cost calculator: sums the figures embedded in each .cost block for the
 * reader's ARR band, role, days a week and months. The sums are the same as the page's
 * tables (src/components/cost/arithmetic.rs): fee × months, low with low and high with
 * high; a year's figure × months ÷ 12, rounded to the nearest $1K. Plain DOM, no
 * framework, no network. */
(function () {
  "use strict";

  // Thousands of dollars as the page writes them: $14K, $1,440K.
  function dollars(k) {
    return "$" + String(k).replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "K";
  }

  function money(low, high, orMore) {
    var text = low === high ? dollars(low) : dollars(low) + "–" + dollars(high);
    return orMore ? text + " or more" : text;
  }

  function span(b) {
    return b.low === b.high ? String(b.low) : b.low + "–" + b.high;
  }

  function shareOfYear(yearly, months) {
    return Math.floor((yearly * months * 2 + 12) / 24);
  }

  function p(cls, text) {
    var e = document.createElement("p");
    if (cls) e.className = cls;
    e.textContent = text;
    return e;
  }

  function setUp(block) {
    var data = JSON.parse(block.querySelector("script.cost-data").textContent);
    var form = block.querySelector(".cost-form");
    var result = block.querySelector(".cost-result");
    var field = function (name) { return form.querySelector('[name="' + name + '"]'); };

    function whole(name, min, max) {
      var n = Math.round(Number(field(name).value));
      return isFinite(n) ? Math.min(max, Math.max(min, n)) : min;
    }

    function roleName(id) {
      var role = data.roles.filter(function (r) { return r.id === id; })[0];
      return role ? role.name : id;
    }

    function update() {
      var band = data.bands[Number(field("arr").value)] || data.bands[0];
      var role = field("role").value;
      var days = whole("days", 1, 5);
      var months = whole("months", 1, 36);
      var lines = [];
      var fees = data.fees.filter(function (f) {
        return f.role === role && f.arr.low <= band.low && band.high <= f.arr.high;
      });
      if (!fees.length) {
        lines.push(p("", "No source gives a fee for a " + roleName(role).toLowerCase() + " at " + band.label + " ARR."));
      }
      fees.forEach(function (f) {
        var low = f.monthly.low * months, high = f.monthly.high * months;
        var who = roleName(role) + (f.when ? ", " + f.when : "");
        lines.push(p("", f.source_name + ": " + who + ", " + money(f.monthly.low, f.monthly.high) +
          " a month, so " + money(low, high) + " over " + months + " months."));
        var note = "Arithmetic: fee × " + months + " months.";
        if (!f.days) note += " The source does not say how many days a week the fee buys.";
        else if (days < f.days.low || days > f.days.high) note += " The fee is for " + span(f.days) + " days a week; no source prices " + days + ".";
        if (f.months && (months < f.months.low || months > f.months.high)) note += " The source's engagement runs " + span(f.months) + " months.";
        lines.push(p("cost-arithmetic", note));
      });
      data.full_time.forEach(function (f) {
        var low, high, how;
        if (f.monthly) {
          low = f.monthly.low * months; high = f.monthly.high * months;
          how = "a month × " + months;
        } else {
          low = shareOfYear(f.yearly.low, months); high = shareOfYear(f.yearly.high, months);
          how = "a year × " + months + " ÷ 12, to the nearest $1K";
        }
        lines.push(p("", f.name + " (" + f.source_name + "): " + money(low, high, f.or_more) +
          " over the same " + months + " months."));
        lines.push(p("cost-arithmetic", "Arithmetic: " + how + "."));
      });
      result.replaceChildren.apply(result, lines);
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    update();
  }

  document.querySelectorAll(".cost").forEach(setUp);
})();
