/* Một Cửa — a calendar beside every input[data-datepicker]: dates are dd/mm/yyyy whatever
   the browser's locale. Without JavaScript the field is a plain text box taking dd/mm/yyyy.
   No inline script or style (the Content-Security-Policy forbids them). */
(function () {
  "use strict";

  var TEXT = {
    vi: {
      days: ["T2", "T3", "T4", "T5", "T6", "T7", "CN"],
      dayNames: ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"],
      month: function (m, y) { return "Tháng " + (m + 1) + " năm " + y; },
      open: "Chọn ngày trên lịch",
      dialog: "Lịch chọn ngày",
      previous: "Tháng trước",
      next: "Tháng sau",
      today: "hôm nay"
    },
    en: {
      days: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
      dayNames: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
      month: function (m, y) {
        return ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"][m] + " " + y;
      },
      open: "Choose a date on the calendar",
      dialog: "Calendar",
      previous: "Previous month",
      next: "Next month",
      today: "today"
    }
  };

  function text() {
    var lang = (document.documentElement.lang || "vi").toLowerCase();
    return lang.indexOf("en") === 0 ? TEXT.en : TEXT.vi;
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function format(d) { return pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + d.getFullYear(); }
  function sameDay(a, b) {
    return !!a && !!b && a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() &&
      a.getDate() === b.getDate();
  }
  function addDays(d, n) { return new Date(d.getFullYear(), d.getMonth(), d.getDate() + n); }
  function addMonths(d, n) {
    var last = new Date(d.getFullYear(), d.getMonth() + n + 1, 0).getDate();
    return new Date(d.getFullYear(), d.getMonth() + n, Math.min(d.getDate(), last));
  }
  function weekday(d) { return (d.getDay() + 6) % 7; } // Monday 0 … Sunday 6

  /* dd/mm/yyyy, d/m/yyyy or yyyy-mm-dd, as the server takes them; null if not a real day. */
  function parse(value) {
    var s = (value || "").trim(), m, y, mo, d;
    if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) { d = +m[1]; mo = +m[2]; y = +m[3]; }
    else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) { y = +m[1]; mo = +m[2]; d = +m[3]; }
    else { return null; }
    var date = new Date(y, mo - 1, d);
    date.setFullYear(y); // years below 100
    return date.getMonth() === mo - 1 && date.getDate() === d ? date : null;
  }

  // A `data-datepicker="datetime"` field holds `dd/mm/yyyy hh:mm`: the calendar sets the day only.
  function dayPart(value) { return (value || "").trim().split(/[\sT]+/)[0]; }
  function timePart(value) { return (value || "").trim().split(/[\sT]+/).slice(1).join(" "); }

  function el(tag, cls, attrs) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function icon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M4 1v2H2v12h12V3h-2V1h-1v2H5V1zM3 6h10v8H3zm1 1v2h2V7zm3 0v2h2V7zm3 0v2h2V7zM4 10v2h2v-2zm3 0v2h2v-2z");
    svg.appendChild(path);
    return svg;
  }

  var open = null; // the picker shown, at most one

  function Picker(input) {
    var t = text();
    this.input = input;
    this.withTime = input.getAttribute("data-datepicker") === "datetime";
    var parent = input.parentNode;
    if (parent.classList && parent.classList.contains("datepicker")) {
      // A page htmx restored from its history holds the old button and calendar: redo them.
      Array.prototype.slice.call(parent.children).forEach(function (child) {
        if (child !== input) { parent.removeChild(child); }
      });
      this.wrap = parent;
    } else {
      this.wrap = el("span", "datepicker");
      parent.insertBefore(this.wrap, input);
      this.wrap.appendChild(input);
    }
    this.toggle = el("button", "datepicker-toggle", {
      type: "button", "aria-label": t.open, title: t.open, "aria-haspopup": "dialog",
      "aria-expanded": "false"
    });
    this.toggle.appendChild(icon());
    this.wrap.appendChild(this.toggle);
    this.toggle.addEventListener("click", this.onToggle.bind(this));
    input.addEventListener("keydown", this.onInputKey.bind(this));
  }

  Picker.prototype.onToggle = function () {
    if (open === this) { this.close(true); } else { this.show(); }
  };

  Picker.prototype.onInputKey = function (event) {
    if (event.altKey && event.key === "ArrowDown") { event.preventDefault(); this.show(); }
    if (event.key === "Escape" && open === this) { event.preventDefault(); this.close(false); }
  };

  Picker.prototype.build = function () {
    var t = text(), self = this;
    var id = "datepicker-" + Math.random().toString(36).slice(2, 9);
    var popup = el("div", "datepicker-popup", {
      id: id + "-dialog", role: "dialog", "aria-modal": "false", "aria-label": t.dialog
    });
    this.toggle.setAttribute("aria-controls", id + "-dialog");
    var head = el("div", "datepicker-head");
    this.prev = el("button", "datepicker-nav", { type: "button", "aria-label": t.previous, title: t.previous });
    this.prev.textContent = "‹";
    this.next = el("button", "datepicker-nav", { type: "button", "aria-label": t.next, title: t.next });
    this.next.textContent = "›";
    this.title = el("span", "datepicker-title", { id: id, "aria-live": "polite" });
    head.appendChild(this.prev);
    head.appendChild(this.title);
    head.appendChild(this.next);
    var table = el("table", "datepicker-grid", { role: "grid", "aria-labelledby": id });
    var row = el("tr");
    t.days.forEach(function (name, i) {
      var th = el("th", "", { scope: "col", abbr: t.dayNames[i] });
      th.textContent = name;
      row.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(row);
    table.appendChild(thead);
    this.body = el("tbody");
    table.appendChild(this.body);
    popup.appendChild(head);
    popup.appendChild(table);

    this.prev.addEventListener("click", function () { self.moveTo(addMonths(self.focused, -1), false); });
    this.next.addEventListener("click", function () { self.moveTo(addMonths(self.focused, 1), false); });
    this.body.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-day]");
      if (button) { self.pick(parse(button.getAttribute("data-day"))); }
    });
    popup.addEventListener("keydown", this.onKey.bind(this));
    // Inside a <label>, a click on the calendar's text would focus the field instead.
    popup.addEventListener("mousedown", function (event) {
      if (!event.target.closest("button")) { event.preventDefault(); }
    });
    popup.addEventListener("click", function (event) {
      if (!event.target.closest("button")) { event.preventDefault(); }
    });
    return popup;
  };

  Picker.prototype.render = function () {
    var t = text(), today = new Date(), focused = this.focused;
    var first = new Date(focused.getFullYear(), focused.getMonth(), 1);
    var days = new Date(focused.getFullYear(), focused.getMonth() + 1, 0).getDate();
    this.title.textContent = t.month(focused.getMonth(), focused.getFullYear());
    while (this.body.firstChild) { this.body.removeChild(this.body.firstChild); }
    var row = el("tr"), cell, i;
    for (i = 0; i < weekday(first); i++) { row.appendChild(el("td")); }
    for (var d = 1; d <= days; d++) {
      var date = new Date(focused.getFullYear(), focused.getMonth(), d);
      if (row.children.length === 7) { this.body.appendChild(row); row = el("tr"); }
      var selected = sameDay(date, this.selected);
      cell = el("td", "", { "aria-selected": selected ? "true" : "false" });
      var label = t.dayNames[weekday(date)] + ", " + format(date);
      var button = el("button", "datepicker-day", {
        type: "button", "data-day": format(date), tabindex: sameDay(date, focused) ? "0" : "-1",
        "aria-label": sameDay(date, today) ? label + " (" + t.today + ")" : label
      });
      if (sameDay(date, today)) { button.classList.add("is-today"); button.setAttribute("aria-current", "date"); }
      if (selected) { button.classList.add("is-selected"); button.setAttribute("aria-pressed", "true"); }
      button.textContent = String(d);
      cell.appendChild(button);
      row.appendChild(cell);
    }
    while (row.children.length < 7) { row.appendChild(el("td")); }
    this.body.appendChild(row);
  };

  Picker.prototype.moveTo = function (date, focus) {
    this.focused = date;
    this.render();
    if (focus) { this.body.querySelector("button[tabindex='0']").focus(); }
  };

  Picker.prototype.onKey = function (event) {
    var f = this.focused, target = null;
    switch (event.key) {
      case "Escape": event.preventDefault(); event.stopPropagation(); this.close(true); return;
      case "ArrowLeft": target = addDays(f, -1); break;
      case "ArrowRight": target = addDays(f, 1); break;
      case "ArrowUp": target = addDays(f, -7); break;
      case "ArrowDown": target = addDays(f, 7); break;
      case "Home": target = addDays(f, -weekday(f)); break;
      case "End": target = addDays(f, 6 - weekday(f)); break;
      case "PageUp": target = addMonths(f, event.shiftKey ? -12 : -1); break;
      case "PageDown": target = addMonths(f, event.shiftKey ? 12 : 1); break;
      case "Enter":
      case " ":
        if (event.target.closest("button[data-day]")) {
          event.preventDefault();
          this.pick(parse(event.target.getAttribute("data-day")));
        }
        return;
      default: return;
    }
    if (event.target.closest(".datepicker-nav")) { return; }
    event.preventDefault();
    this.moveTo(target, true);
  };

  Picker.prototype.show = function () {
    if (open && open !== this) { open.close(false); }
    if (!this.popup) {
      this.popup = this.build();
      this.wrap.appendChild(this.popup);
    }
    this.selected = parse(dayPart(this.input.value));
    this.popup.hidden = false;
    this.toggle.setAttribute("aria-expanded", "true");
    open = this;
    this.moveTo(this.selected || new Date(), true);
  };

  Picker.prototype.close = function (refocus) {
    if (this.popup) { this.popup.hidden = true; }
    this.toggle.setAttribute("aria-expanded", "false");
    if (open === this) { open = null; }
    if (refocus) { this.toggle.focus(); }
  };

  Picker.prototype.pick = function (date) {
    if (!date) { return; }
    var time = this.withTime ? timePart(this.input.value) : "";
    this.input.value = format(date) + (this.withTime ? " " + time : "");
    this.input.dispatchEvent(new Event("input", { bubbles: true }));
    this.input.dispatchEvent(new Event("change", { bubbles: true }));
    this.close(false);
    this.input.focus();
    if (this.withTime) { // the time is typed next
      this.input.setSelectionRange(this.input.value.length, this.input.value.length);
    }
  };

  function enhance(root) {
    if (!root || !root.querySelectorAll) { return; }
    var inputs = Array.prototype.slice.call(root.querySelectorAll("input[data-datepicker]"));
    if (root.matches && root.matches("input[data-datepicker]")) { inputs.push(root); }
    inputs.forEach(function (input) {
      if (!input.datepicker) { input.datepicker = new Picker(input); }
    });
  }

  // A click or focus outside the open calendar closes it.
  document.addEventListener("mousedown", function (event) {
    if (open && !open.wrap.contains(event.target)) { open.close(false); }
  });
  document.addEventListener("focusin", function (event) {
    if (open && !open.wrap.contains(event.target)) { open.close(false); }
  });
  // Content swapped in by htmx gets its calendars too.
  document.addEventListener("htmx:load", function (event) { enhance(event.detail && event.detail.elt); });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  } else {
    enhance(document);
  }
})();
