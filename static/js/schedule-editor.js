// The program schedule editor (events/widgets.py), made easier with JavaScript: only the
// controls that apply to the chosen repeat are shown, the unit after "repeat every"
// follows it, typing an end date or a number of times picks that ending, and the date
// lists get "Add a date" and "Remove" buttons. Without JavaScript every control is
// shown with a few empty date rows, and the form posts the same fields.
(function () {
  "use strict";

  function showParts(editor) {
    var repeat = editor.querySelector("[data-schedule-repeat]").value;
    editor.setAttribute("data-repeat", repeat);
    editor.querySelectorAll("[data-schedule-show]").forEach(function (part) {
      var shownFor = part.getAttribute("data-schedule-show").split(" ");
      part.hidden = shownFor.indexOf(repeat) === -1;
    });
    var unit = editor.querySelector("[data-schedule-unit]");
    if (unit && unit.getAttribute("data-unit-" + repeat)) {
      unit.textContent = unit.getAttribute("data-unit-" + repeat);
    }
  }

  function renumber(list) {
    // Keep each row's hidden label ("Extra date 2") in step with its place.
    list.querySelectorAll("[data-schedule-row]").forEach(function (row, index) {
      row.querySelectorAll("[data-schedule-number]").forEach(function (span) {
        span.textContent = String(index + 1);
      });
    });
  }

  function addRow(dates) {
    var template = dates.querySelector("[data-schedule-row-template]");
    var list = dates.querySelector("[data-schedule-rows]");
    var next = Number(dates.getAttribute("data-next-row") || "0");
    dates.setAttribute("data-next-row", String(next + 1));
    var number = list.querySelectorAll("[data-schedule-row]").length + 1;
    var html = template.innerHTML
      .split("__N__").join("new" + next)
      .split("__NUMBER__").join('<span data-schedule-number>' + number + "</span>");
    var holder = document.createElement("ul");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    list.appendChild(row);
    row.querySelector("input").focus();
  }

  function removeRow(dates, row) {
    var list = dates.querySelector("[data-schedule-rows]");
    row.remove();
    renumber(list);
    dates.querySelector("[data-schedule-add]").focus();
  }

  function startDates(dates) {
    var list = dates.querySelector("[data-schedule-rows]");
    // Empty rows were for browsers without JavaScript; "Add a date" makes them now.
    list.querySelectorAll("[data-schedule-row]").forEach(function (row) {
      if (!row.querySelector("input").value) row.remove();
    });
    list.querySelectorAll("[data-schedule-remove]").forEach(function (button) {
      button.hidden = false;
    });
    dates.querySelectorAll("[data-schedule-no-js]").forEach(function (hint) {
      hint.hidden = true;
    });
    var add = dates.querySelector("[data-schedule-add]");
    add.hidden = false;
    add.addEventListener("click", function () {
      addRow(dates);
    });
    dates.addEventListener("click", function (event) {
      var button = event.target.closest("[data-schedule-remove]");
      if (button) removeRow(dates, button.closest("[data-schedule-row]"));
    });
  }

  function start(editor) {
    if (editor.hasAttribute("data-schedule-ready")) return;
    editor.setAttribute("data-schedule-ready", "");
    var repeat = editor.querySelector("[data-schedule-repeat]");
    if (!repeat || repeat.id.indexOf("__ID__") !== -1) return;
    repeat.addEventListener("change", function () {
      showParts(editor);
    });
    showParts(editor);
    // Typing into a control that belongs to one choice picks that choice.
    editor.querySelectorAll("[data-schedule-picks]").forEach(function (field) {
      var pick = function () {
        var radio = document.getElementById(field.getAttribute("data-schedule-picks"));
        if (radio && !radio.checked) radio.checked = true;
      };
      field.addEventListener("input", pick);
      field.addEventListener("change", pick);
    });
    editor.querySelectorAll("[data-schedule-dates]").forEach(startDates);
  }

  function startAll() {
    document.querySelectorAll("[data-schedule-editor]").forEach(start);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
